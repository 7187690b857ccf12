#!/usr/bin/env bash
# Metadata aggregate benchmark: generate a 6,000-entity SAML IdP aggregate (real keys, certificates,
# signed with RSA-3072/SHA-256; cached in bench/target) and validate it with DVC's validator (OASIS
# schema included) in a JVM limited to 1 GB heap. Result: bench/target/metadata-results.md (copy it to docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench install -DskipTests -pl bench,distribution -am
# The SAML schema as the server has it: Keycloak's keycloak-saml-core from the server distribution.
saml_core=$(ls distribution/target/dvc-iam/lib/lib/main/org.keycloak.keycloak-saml-core-[0-9]*.jar)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*:$saml_core" \
  de.dvc.iam.bench.MetadataAggregateBenchmark "$@"
