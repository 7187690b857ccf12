#!/usr/bin/env bash
# Identity-contract benchmark: brokered login (SAML and OIDC agency IdPs, browser-less) and token
# endpoint throughput and latency, DVC mappers (realm dvc) vs. stock Keycloak mappers (realm stock),
# one server, one run, this machine (~30 min: a warm-up until the JIT compiler has settled, then 10 rounds). The report
# gives every round's paired DVC/stock ratio and their median. Result: bench/target/broker-results.md (copy it to docs/performance.md).
#
#   bench/broker.sh             measure
#   BENCH_ROUNDS=2 bench/broker.sh   a quick look (not a result: the spread between rounds needs the 10)
#   BENCH_COMPARE=audit bench/broker.sh   realm dvc with its audit trail against realm dvc without it, paired in
#                               the same rounds (the listener switched between blocks): the audit trail's cost in one run
#   BENCH_DVC_AUDIT=false bench/broker.sh   realm dvc without its audit listener (no login and token rows or lines):
#                               the audit trail's cost, against a run with it
#   BENCH_STOCK_EVENTS=true bench/broker.sh   realm stock stores its login and token events (Keycloak's event
#                               store), the stock counterpart of DVC's audit trail
#   BENCH_STOCK_SIGNATURE=ES256 bench/broker.sh   realm stock signs its tokens with ES256 as realm dvc does (Keycloak's
#                               default is RS256): the comparison without the signature algorithm, DVC's own work only
#   BENCH_SERVER_OPTIONS="--log-level=info" bench/broker.sh   more server options (space-separated)
#   BENCH_PIN=true bench/broker.sh   the server on CPUs 1..n-1 and the load generator on CPU 0 (taskset): the
#                               client no longer competes with the server for its cores (on 2 cores the server gets one)
#   bench/broker.sh --profile-all   measure with async-profiler (Maven Central: tools.profiler:async-profiler) recording
#                               every thread of the server, the JIT compiler, GC and native code included, into
#                               bench/target/broker-all.jfr; the comparison by block (bench/target/broker-profile.md) then
#                               shows the whole CPU, split by thread kind (the recording costs a few percent)
#   bench/broker.sh --profile   measure with a JFR recording of the server (bench/target/broker.jfr) and
#                               print the hottest frames of DVC's own code and of the whole server
#                               (the recording costs a few percent; use the plain run for the ratios), and
#                               by measured block: where realm dvc spends more than realm stock, Keycloak's code
#                               included (bench/target/broker-profile.md)
set -euo pipefail
cd "$(dirname "$0")/.."
profile=false
profile_all=false
if [ "${1:-}" = "--profile" ]; then profile=true; shift; fi
if [ "${1:-}" = "--profile-all" ]; then profile_all=true; shift; fi
./mvnw -q -B -Pbench install -DskipTests -pl distribution,bench -am
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
props=("-Dbench.rounds=${BENCH_ROUNDS:-10}" "-Dbench.stock-events=${BENCH_STOCK_EVENTS:-false}" "-Dbench.dvc-audit=${BENCH_DVC_AUDIT:-true}" "-Dbench.compare=${BENCH_COMPARE:-stock}"
       "-Dbench.stock-signature=${BENCH_STOCK_SIGNATURE:-RS256}"
       "-Dbench.server-options=${BENCH_SERVER_OPTIONS:-}")
pin=()
if [ "${BENCH_PIN:-false}" = "true" ]; then
  cpus=$(nproc)
  if [ "$cpus" -lt 2 ]; then echo "BENCH_PIN needs at least 2 CPUs" >&2; exit 1; fi
  pin=(taskset -c 0)
  props+=("-Ddvc.server.cpus=1-$((cpus - 1))")
fi
if $profile_all; then
  agent_dir=bench/target/async-profiler
  rm -rf "$agent_dir" bench/target/broker-all.jfr && mkdir -p "$agent_dir"
  (cd "$agent_dir" && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" xf "$OLDPWD"/bench/target/lib/async-profiler-*.jar linux-x64/libasyncProfiler.so)
  props+=("-Dbench.recording=$PWD/bench/target/broker-all.jfr")
  props+=("-Ddvc.server.java-opts-append=-agentpath:$PWD/$agent_dir/linux-x64/libasyncProfiler.so=start,event=cpu,interval=2ms,jfr,file=$PWD/bench/target/broker-all.jfr")
fi
if $profile; then
  rm -f bench/target/broker.jfr
  # Keycloak request stacks are deeper than JFR's default of 64 frames: without a deeper limit the frames of DVC's
  # listeners and mappers, far from the leaf, are cut off and DVC's share looks smaller than it is.
  props+=("-Dbench.recording=$PWD/bench/target/broker.jfr")
  props+=("-Ddvc.server.java-opts-append=-XX:FlightRecorderOptions=stackdepth=512 -XX:StartFlightRecording=filename=$PWD/bench/target/broker.jfr,settings=profile,dumponexit=true")
fi
"${pin[@]}" "$java_bin" "${props[@]}" -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" de.dvc.iam.bench.BrokerBenchmark "$@"
if $profile; then
  jfr_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"
  # jfr print shows 5 frames per stack unless told otherwise: DVC's listeners and mappers sit far below the leaf.
  "$jfr_bin" print --stack-depth 512 --events jdk.ExecutionSample bench/target/broker.jfr > bench/target/broker-samples.txt
  echo "CPU samples in DVC code (top frame of package de.dvc, by method):"
  awk '/stackTrace = \[/{getline; print}' bench/target/broker-samples.txt | sed 's/line:.*//; s/^ *//' | grep '^de\.dvc' \
    | sort | uniq -c | sort -rn | head -20
  echo "Samples whose stack passes through DVC code, by the outermost DVC frame (the DVC entry point):"
  awk '/stackTrace = \[/{last=""} /de\.dvc\./{ f=$0; sub(/line:.*/,"",f); gsub(/^ +/,"",f); last=f } /^ *\]$/{ if(last!="") print last; last="" }' \
    bench/target/broker-samples.txt | sort | uniq -c | sort -rn | head -20
  echo "Samples with a DVC frame: $(awk '/stackTrace = \[/{d=0} /de\.dvc\./{d=1} /^ *\]$/{ if(d) n++; d=0 } END{print n+0}' bench/target/broker-samples.txt)"
  echo "Total samples: $(grep -c 'jdk.ExecutionSample' bench/target/broker-samples.txt)"
fi
