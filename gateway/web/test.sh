#!/usr/bin/env bash
# Runs the browser client's unit tests (Vitest), from a fresh clone.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-node.sh
echo "gateway/web: node $(node --version), npm $(npm --version)"
npm ci --no-audit --no-fund --loglevel=error
npx vitest run "$@"
