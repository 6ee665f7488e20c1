#!/usr/bin/env bash
# Draws the posture dashboard's panels from a live Prometheus into docs/img/posture.png with headless
# Chromium: runs AlertingEndToEndIT (real Prometheus + Alertmanager scraping a running Vigil), which renders
# when vigil.renderPosture is set. Needs Debian's prometheus, prometheus-alertmanager and chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B "$@" verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=AlertingEndToEndIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dvigil.renderPosture=docs/img/posture.png
