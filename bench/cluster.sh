#!/usr/bin/env bash
# Cluster sizing benchmark: the brokered-login mix of bench/broker.sh (SAML and OIDC agency IdPs, code redeemed for
# tokens) through HAProxy against a 1-node and a 3-node DVC IAM cluster on PostgreSQL (all on 127.0.0.1), realm dvc
# and the stock comparison realm in ABBA blocks of the same run; CPU of every server process per login. Needs the
# Debian packages postgresql and haproxy. ~15 min. Result: bench/target/cluster-results.md (docs/operations.md quotes it).
#
#   bench/cluster.sh                               measure (2 rounds of 200 logins per realm and size)
#   BENCH_CLUSTER_LOGINS=100 bench/cluster.sh      a quicker look
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench install -DskipTests -pl distribution,bench -am
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Dbench.cluster.logins="${BENCH_CLUSTER_LOGINS:-200}" \
  -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" de.dvc.iam.bench.ClusterBenchmark "$@"
