#!/usr/bin/env bash
# Issue 13 "memory under churn": runs bench.ChurnRssBench (vigil.jar as a child JVM against a real
# kube-apiserver 1.20 + etcd, 3 cycles of 10 bursts of 200 privileged Pods created, then all deleted) once
# per candidate set of container JVM flags, and prints each run's Markdown tables for docs/benchmarks.md.
# Needs the binaries of .ci/kube-apiserver.sh (VIGIL_K8S_BIN or ~/.cache/vigil/k8s/bin) and ~2 GiB free RAM.
# Usage: docs/churn-rss.sh [limit] [set...]   (limit: the emulated container memory limit, default 768m;
# sets: trial image-g1 image-serial chosen chosen-g1 chosen-arena2 chosen-nmt c1 — all when none are named)
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT="${1:-768m}"
shift || true
SETS=("$@")
[ ${#SETS[@]} -gt 0 ] || SETS=(trial image-g1 image-serial chosen chosen-g1 chosen-nmt c1)
IMAGE=(-XX:+ExitOnOutOfMemoryError -XX:-UsePerfData)
flags() {
  case "$1" in
    # the manual trial: no container, JVM defaults on this machine (G1, max heap 1/4 of RAM)
    trial) echo "--limit none" ;;
    # the image's flags before issue 13 with each collector the JVM may pick (G1 at >= 2 CPUs and
    # >= 1792 MiB, Serial below: a 768Mi limit gets Serial without being asked)
    image-g1) echo "--limit $LIMIT -- -XX:+UseG1GC -XX:MaxRAMPercentage=75 ${IMAGE[*]}" ;;
    image-serial) echo "--limit $LIMIT -- -XX:+UseSerialGC -XX:MaxRAMPercentage=75 ${IMAGE[*]}" ;;
    # the image's flags since issue 13 (Dockerfile ENTRYPOINT, chart jvm.options)
    chosen) echo "--limit $LIMIT -- $(chosen_flags)" ;;
    chosen-g1) echo "--limit $LIMIT -- $(chosen_flags | sed 's/-XX:+UseSerialGC/-XX:+UseG1GC/')" ;;
    # C1 only, smaller stacks and code cache: less native memory, slower steady state
    # glibc's malloc arenas (one per thread that mallocs, up to 8 per core) hold native memory NMT cannot see
    chosen-arena2) echo "--limit $LIMIT --env MALLOC_ARENA_MAX=2 -- $(chosen_flags)" ;;
    chosen-nmt) echo "--limit $LIMIT -- $(chosen_flags) -XX:NativeMemoryTracking=summary" ;;
    c1) echo "--limit $LIMIT -- $(chosen_flags) -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=32m" ;;
    *) echo "unknown set $1" >&2; exit 2 ;;
  esac
}
chosen_flags() {
  sed -n 's/^ENTRYPOINT \["java", \(.*\), "-jar".*/\1/p' Dockerfile | tr -d '",'
}
[ -f target/vigil.jar ] || mvn -B -q package -DskipTests >&2
mvn -B -q test-compile >&2
[ -f target/cp.txt ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
CP="target/classes:target/test-classes:$(cat target/cp.txt)"
echo "<!-- $(date -u +%FT%TZ) $(uname -srm); $(nproc) cores; $(grep MemTotal /proc/meminfo | tr -s ' '); $(java -version 2>&1 | head -1) -->"
for set in "${SETS[@]}"; do
  echo "### $set"
  # shellcheck disable=SC2046 # the flags are words
  java -Xmx512m -cp "$CP" io.vigil.bench.ChurnRssBench $(flags "$set") >"target/churn-$set.log" 2>&1 \
    || echo "run failed (full output: target/churn-$set.log): $(grep -m1 -E 'Exception|exited' "target/churn-$set.log")"
  grep -E '^(\||churn:|flags|NMT|allocated|live heap)' "target/churn-$set.log" || true
done
echo "<!-- finished $(date -u +%FT%TZ); uptime:$(uptime | sed 's/.*load/ load/') -->"
