#!/usr/bin/env bash
# Browser tests: the stack `make run` starts (on free ports), two people in
# Debian's Chromium through playwright-core. Screenshots are kept in
# VELLUM_SCREENSHOTS (default /tmp/vellum-screenshots) to look at.
set -euo pipefail
cd "$(dirname "$0")/../.."
source regress/cluster.sh
export VELLUM_PG_PORT=$(free_port) VELLUM_REDIS_PORT=$(free_port) PORT=$(free_port)
export VELLUM_RUN_DIR=$(mktemp -d /tmp/vellum-browser.XXXXXX)
export VELLUM_SCREENSHOTS=${VELLUM_SCREENSHOTS:-/tmp/vellum-screenshots}
mkdir -p "$VELLUM_SCREENSHOTS"
trap 'make -s stop >/dev/null 2>&1 || true; rm -rf "$VELLUM_RUN_DIR"' EXIT
out=$(make -s run 2>&1) || { echo "$out"; exit 1; }
(cd regress/browser && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent; })
VELLUM_URL="http://127.0.0.1:$PORT" node --test --test-concurrency=1 regress/browser/
echo "screenshots: $VELLUM_SCREENSHOTS"
