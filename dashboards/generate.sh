#!/usr/bin/env bash
# Regenerates every file generated from the monitoring sources (alerts/, dashboards/, the metric catalogue):
# docs/metrics.md, deploy/monitoring/{prometheus-rule,dashboard-*}.yaml and the Helm chart's copies.
# GeneratedFilesTest and MetricDocsTest fail when one of them is stale. Extra arguments go to mvn (-o).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q "$@" test-compile
mvn -B -q "$@" org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.mainClass=io.vigil.monitoring.MonitoringFiles -Dexec.classpathScope=test
