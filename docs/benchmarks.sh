#!/usr/bin/env bash
# Runs the benchmark programs of src/test/java/io/vigil/bench (plain main programs, not tests) and prints
# Markdown rows for docs/benchmarks.md. Usage: docs/benchmarks.sh [pods] (default 100000).
# Needs ~6 GiB of free RAM. Run it on an otherwise idle machine; note `uptime` in the results if not.
set -euo pipefail
cd "$(dirname "$0")/.."
PODS="${1:-100000}"
mvn -B -q test-compile >&2
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
CP="target/classes:target/test-classes:$(cat target/cp.txt)"
echo "<!-- $(date -u +%FT%TZ) $(uname -srm); $(nproc) cores; uptime:$(uptime | sed 's/.*load/ load/') -->"
echo "| figure | measured | DESIGN §11 target | result |"
echo "|---|---|---|---|"
java -Xms4g -Xmx4g -cp "$CP" io.vigil.bench.SyncBench "$PODS" 500
java -Xms2g -Xmx2g -cp "$CP" io.vigil.bench.FullObjectHeapBench 20000
java -Xms5g -Xmx5g -cp "$CP" io.vigil.bench.SteadyStateBench 20000 60000 500
java -Xms5g -Xmx5g -cp "$CP" io.vigil.bench.SteadyStateBench "$PODS" 60000 500
java -Xms1g -Xmx1g -cp "$CP" io.vigil.bench.ScrapeBench 50000 500 200
echo "<!-- finished $(date -u +%FT%TZ); uptime:$(uptime | sed 's/.*load/ load/') -->"
