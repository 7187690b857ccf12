#!/usr/bin/env bash
# Directory login benchmark (issue 14): agency directories (LDAP/AD) logging in through DVC against stock Keycloak's LDAP
# user federation, one server, one OpenLDAP slapd, one run, this machine (~5 min on 2 cores):
#   1. throughput: DVC with one directory vs. a stock realm with one LDAP provider, same slapd, same users, same clients;
#   2. scale: DVC with 1,000 directories (logins to one agency, and an unknown user) vs. a stock realm with 1,000 LDAP
#      providers (an unknown user): LDAP operations per login counted at the directories (slapd's operation log, the
#      small in-memory directories' interceptor);
#   3. isolation: another agency's throughput while one agency's directory hangs, and that agency's time to its page.
# Result: bench/target/ldap-results.md (copy it to docs/performance.md).
#
#   bench/ldap.sh                              measure
#   BENCH_LDAP_CLIENTS=8 bench/ldap.sh         concurrent clients (default 4; each has 5 users of its own)
#   BENCH_LDAP_SECONDS=60                      throughput per realm in section 1, in ABBA blocks of half (default 30)
#   BENCH_LDAP_WARMUP_SECONDS=30               warm-up per realm before section 1
#   BENCH_LDAP_SCALE_SECONDS=20                DVC throughput with all directories (section 2)
#   BENCH_LDAP_DIRECTORIES=1000                directories (DVC) and LDAP providers (stock) in section 2
#   BENCH_LDAP_SMALL_DIRECTORIES=10            small in-memory directories they point at (DVC: every 10th; the rest nowhere)
#   BENCH_LDAP_UNKNOWN_ATTEMPTS=20             unknown-user attempts per side (one after the other)
#   BENCH_LDAP_HANG_SECONDS=30                 section 3: seconds with the directory hanging, half as many up before and after
#   BENCH_LDAP_HANG_CLIENTS=2 BENCH_LDAP_HANG_PAUSE_MS=1000   the hanging agency's people and their pause between tries
#   BENCH_PIN=true bench/ldap.sh               the server on CPUs 1..n-1; client, slapd and small directories on CPU 0
#
# Builds the distribution (distribution/target/dvc-iam) with the benchmark; needs Debian's slapd (apt-get install slapd ldap-utils).
# On a shared machine hold the build lock for the whole run: flock /tmp/dvc-build.lock bench/ldap.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -Pbench install -DskipTests -pl distribution,bench -am || ./mvnw -q -B -Pbench install -DskipTests -pl distribution,bench -am
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
props=("-Dbench.ldap.clients=${BENCH_LDAP_CLIENTS:-4}" "-Dbench.ldap.seconds=${BENCH_LDAP_SECONDS:-30}"
       "-Dbench.ldap.warmup-seconds=${BENCH_LDAP_WARMUP_SECONDS:-30}" "-Dbench.ldap.scale-seconds=${BENCH_LDAP_SCALE_SECONDS:-20}"
       "-Dbench.ldap.directories=${BENCH_LDAP_DIRECTORIES:-1000}" "-Dbench.ldap.small-directories=${BENCH_LDAP_SMALL_DIRECTORIES:-10}"
       "-Dbench.ldap.unknown-attempts=${BENCH_LDAP_UNKNOWN_ATTEMPTS:-20}" "-Dbench.ldap.hang-seconds=${BENCH_LDAP_HANG_SECONDS:-30}"
       "-Dbench.ldap.hang-clients=${BENCH_LDAP_HANG_CLIENTS:-2}" "-Dbench.ldap.hang-pause-ms=${BENCH_LDAP_HANG_PAUSE_MS:-1000}")
pin=()
if [ "${BENCH_PIN:-false}" = "true" ]; then
  cpus=$(nproc)
  if [ "$cpus" -lt 2 ]; then echo "BENCH_PIN needs at least 2 CPUs" >&2; exit 1; fi
  pin=(taskset -c 0)
  props+=("-Ddvc.server.cpus=1-$((cpus - 1))")
fi
exec "${pin[@]}" "$java_bin" "${props[@]}" -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  de.dvc.iam.bench.DirectoryLoginBenchmark "$@"
