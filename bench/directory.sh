#!/usr/bin/env bash
# Directory update benchmark: a full in-memory build of the 11,756-agency directory against replacing one changed
# agency (what each node does per change since the directory is incremental). Seconds; no server.
# Result: bench/target/directory-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench install -DskipTests -pl bench -am
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  de.dvc.iam.bench.DirectoryUpdateBenchmark "$@"
