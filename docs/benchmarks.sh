#!/usr/bin/env bash
# Runs the benchmark programs of src/test/java/io/vigil/bench (plain main programs, not tests) and prints
# one Markdown table for docs/benchmarks.md: every DESIGN §11 figure, its target, the measured value and
# PASS/FAIL, with the raw typed-Jackson decode reference, machine, JDK, flags and load average.
# Usage: docs/benchmarks.sh [--quick] [pods]   (default 100000 pods, ~6 GiB free RAM; --quick: 20000 pods)
# Numbers taken while other builds run are noisy: the load average is printed before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=false
if [[ "${1:-}" == "--quick" ]]; then
  QUICK=true
  shift
fi
PODS="${1:-$($QUICK && echo 20000 || echo 100000)}"
if $QUICK; then HEAP=2g; STEADY=20000; LATENCY_SECONDS=20; else HEAP=4g; STEADY=60000; LATENCY_SECONDS=60; fi
mvn -B -q test-compile >&2
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
CP="target/classes:target/test-classes:$(cat target/cp.txt)"
JAVA_FLAGS=(-Xms$HEAP -Xmx$HEAP -XX:+UseG1GC)
echo "<!-- $(date -u +%FT%TZ) $(uname -srm); $(nproc) cores; $(grep MemTotal /proc/meminfo | tr -s ' '); $(java -version 2>&1 | head -1); flags: ${JAVA_FLAGS[*]}; uptime:$(uptime | sed 's/.*load/ load/') -->"
echo "| figure | measured | DESIGN §11 target | result |"
echo "|---|---|---|---|"
java "${JAVA_FLAGS[@]}" -cp "$CP" io.vigil.bench.SyncBench "$PODS" 500
java "${JAVA_FLAGS[@]}" -cp "$CP" io.vigil.bench.ParallelSyncBench "$PODS" 500 "$(nproc)"
java "${JAVA_FLAGS[@]}" -cp "$CP" io.vigil.bench.PipelineSyncBench "$PODS" 500 "$(nproc)"
$QUICK || java -Xms2g -Xmx2g -cp "$CP" io.vigil.bench.FullObjectHeapBench 20000
java "${JAVA_FLAGS[@]}" -cp "$CP" io.vigil.bench.SteadyStateBench "$PODS" "$STEADY" 500
# the namespace-size figure: the same updates with 100 and with 10k pods per namespace
java "${JAVA_FLAGS[@]}" -cp "$CP" io.vigil.bench.SteadyStateBench 20000 "$STEADY" 200
java "${JAVA_FLAGS[@]}" -cp "$CP" io.vigil.bench.SteadyStateBench 20000 "$STEADY" 2
# the same figure through the real AuditVerticle (key queue, Dependents re-queues, ledger)
java "${JAVA_FLAGS[@]}" -cp "$CP" io.vigil.bench.PipelineNamespaceBench 20000 10000
java -Xms1g -Xmx1g -cp "$CP" io.vigil.bench.ScrapeBench 50000 500 200
# the whole-service heap per pod (cache + ledger) of the churn trial's pods, 14 open findings each
java "${JAVA_FLAGS[@]}" -cp "$CP" io.vigil.bench.LedgerHeapBench "$($QUICK && echo 20000 || echo 50000)"
# watch event -> Kafka commit at 5k events/s (in-process broker), then a bare producer on the same schedule
java "${JAVA_FLAGS[@]}" -cp "$CP" io.vigil.bench.LatencyBench "$PODS" "$LATENCY_SECONDS" 5000
echo "<!-- finished $(date -u +%FT%TZ); uptime:$(uptime | sed 's/.*load/ load/') -->"
