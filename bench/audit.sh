#!/usr/bin/env bash
# Audit query benchmark: the audit API over 10 million generated rows (180 days, 12,000 agencies) on the embedded
# H2: one agency's month, CSV export, the operator's newest and deeper pages, a week's refusals. One command, one
# run; the first run generates the rows (kept in bench/target/state-audit), later runs reuse them.
# BENCH_AUDIT_ROWS=1000000 bench/audit.sh for a smaller trail. Result: bench/target/audit-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench install -DskipTests -pl distribution,bench -am
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Dbench.audit.rows="${BENCH_AUDIT_ROWS:-10000000}" \
  -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" de.dvc.iam.bench.AuditBenchmark "$@"
