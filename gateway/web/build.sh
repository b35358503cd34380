#!/usr/bin/env bash
# Builds the browser client into gateway/web/dist (what the gateway serves as
# WEB_ROOT), from a fresh clone: a suitable Node, the locked packages, the build.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-node.sh
echo "gateway/web: node $(node --version), npm $(npm --version)"
npm ci --no-audit --no-fund --loglevel=error
npm run build
