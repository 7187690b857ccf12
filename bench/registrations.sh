#!/usr/bin/env bash
# Registration benchmark (own-tables issue): 12,000 agency IdPs registered in the old format (everything in the IdP's
# configuration), their metadata served by a local HTTPS server (70 % unchanged, 10 % changed each round, 10 % slow,
# 10 % HTTP 500), moved to DVC's tables by the upgrade; then one refresh round that parses everything, one steady round
# with every registration due again, the operator's list and filters, and the server's heap. Embedded H2, one node, one
# run, this machine; about an hour at 12,000 (the refresh runs one interval after each start; the benchmark waits).
#
#   bench/registrations.sh                          12,000 registrations
#   BENCH_REGISTRATIONS=500 bench/registrations.sh  a quick look (not a result)
#   BENCH_REFRESH_SECONDS=600 ...                   the refresh interval (default 1 s per 30 registrations, at least
#                                                   240): a round starts one interval after each start and may take
#                                                   the interval less 31 s; what it leaves, the next round does
#
# Builds the distribution (distribution/target/dvc-iam) with the benchmark. Result: bench/target/registrations-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench install -DskipTests -pl distribution,bench -am
props=("-Dbench.registrations=${BENCH_REGISTRATIONS:-12000}")
if [ -n "${BENCH_REFRESH_SECONDS:-}" ]; then props+=("-Dbench.registrations.refresh-seconds=$BENCH_REFRESH_SECONDS"); fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "${props[@]}" \
  -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" de.dvc.iam.bench.RegistrationBenchmark "$@"
