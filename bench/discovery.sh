#!/usr/bin/env bash
# Discovery benchmark: stock Keycloak 26.7.3 login page with 11,000 IdPs vs. DVC discovery page with
# the national fixture and with 3 agencies, plus the search endpoint over 1,000 fixture queries.
# One command, one run, this machine. First run loads the fixtures (~30 min on 2 cores); later runs
# reuse bench/target/state-*. Result: bench/target/discovery-results.md (copy it to docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench install -DskipTests -pl distribution,bench -am
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  de.dvc.iam.bench.DiscoveryBenchmark "$@"
