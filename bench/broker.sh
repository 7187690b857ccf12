#!/usr/bin/env bash
# Identity-contract benchmark: brokered login (SAML and OIDC agency IdPs, browser-less) and token
# endpoint throughput and latency, DVC mappers (realm dvc) vs. stock Keycloak mappers (realm stock),
# one server, one run, this machine (~10 min). Result: bench/target/broker-results.md (copy it to
# docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench install -DskipTests -pl bench -am
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  de.dvc.iam.bench.BrokerBenchmark "$@"
