#!/usr/bin/env bash
# Directory changes on a cluster at national size: 3 DVC nodes on one PostgreSQL behind HAProxy (all on 127.0.0.1), realm
# dvc with the national fixture (11,756 agencies, applied by dvc-config). Measures each node's full build of its directory
# at start-up and what its search answered meanwhile, then rounds of a new agency's registration approved through node 1
# and suspended again, each node's search polled every 100 ms until it lists the IdP / no longer lists it. Needs the Debian
# packages postgresql and haproxy. The first run loads the fixture on node 1 alone and keeps the database in
# bench/target/state-directory-cluster (delete it to load again); later runs start from it. Result:
# bench/target/directory-cluster-results.md (docs/performance.md quotes it).
#
#   bench/directory-cluster.sh                               measure (3 nodes, 10 rounds)
#   BENCH_DIRECTORY_NODES=2 BENCH_DIRECTORY_ROUNDS=3 bench/directory-cluster.sh   a quicker look
#
# On a shared machine hold the build lock for the whole run: flock /tmp/dvc-build.lock bench/directory-cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -Pbench install -DskipTests -pl distribution,bench -am || ./mvnw -q -B -Pbench install -DskipTests -pl distribution,bench -am
# dvc-config checks the fixture's SAML metadata files against the schema in Keycloak's keycloak-saml-core, as the server has it.
saml_core=$(ls distribution/target/dvc-iam/lib/lib/main/org.keycloak.keycloak-saml-core-[0-9]*.jar)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Dbench.directory.nodes="${BENCH_DIRECTORY_NODES:-3}" \
  -Dbench.directory.rounds="${BENCH_DIRECTORY_ROUNDS:-10}" \
  -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*:$saml_core" de.dvc.iam.bench.DirectoryClusterBenchmark "$@"
