#!/usr/bin/env bash
# Browser tests: the stack `make run` starts (on free ports), two people in
# Debian's Chromium through playwright-core. Screenshots are kept in
# VELLUM_SCREENSHOTS (default /tmp/vellum-screenshots) to look at.
set -euo pipefail
cd "$(dirname "$0")/../.."
source regress/cluster.sh
export VELLUM_SCREENSHOTS=${VELLUM_SCREENSHOTS:-/tmp/vellum-screenshots}
mkdir -p "$VELLUM_SCREENSHOTS"
stack_start browser
(cd regress/browser && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent; })
VELLUM_URL="http://127.0.0.1:$PORT" node --test --test-concurrency=1 regress/browser/
echo "screenshots: $VELLUM_SCREENSHOTS"
