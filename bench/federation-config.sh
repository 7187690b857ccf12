#!/usr/bin/env bash
# Federation-as-code benchmark (issue 13): import-csv of the national fixture (11,756 agencies) with one SAML IdP each
# (metadata files next to the agency files), then against one DVC server on embedded H2: the first apply, an unchanged
# re-apply (writes counted by the server's admin events), plan, and one agency renamed (plan, apply). Each dvc-config
# run is the ./dvc-config script as a process; its peak resident memory is read from /proc. One run, this machine.
#
#   bench/federation-config.sh                                   the whole fixture
#   BENCH_FEDERATION_AGENCIES=300 bench/federation-config.sh     a quick look (not a result)
#   BENCH_PROFILE_DIR=/tmp/fc-jfr bench/federation-config.sh     a JFR recording of every dvc-config run there
#   BENCH_FEDERATION_HOLD_MINUTES=30 bench/federation-config.sh  keeps the loaded server up afterwards for runs by hand
#
# Builds the distribution (distribution/target/dvc-iam) with the benchmark. Result: bench/target/federation-config-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench install -DskipTests -pl distribution,bench,federation-config -am
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "-Dbench.federation.agencies=${BENCH_FEDERATION_AGENCIES:-0}" \
  ${BENCH_PROFILE_DIR:+"-Dbench.federation.profile-dir=$BENCH_PROFILE_DIR"} \
  "-Dbench.federation.hold-minutes=${BENCH_FEDERATION_HOLD_MINUTES:-0}" \
  -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" de.dvc.iam.bench.FederationConfigBenchmark "$@"
