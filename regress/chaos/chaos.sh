#!/usr/bin/env bash
# make chaos / make fuzz (the end-to-end part), and their short versions in
# make test (regress/integration/chaos.sh). Builds the gateway when needed
# (unless VELLUM_GATEWAY names one); needs gateway/web's node_modules (the bundler) and
# regress/integration's (ws). Starts and stops its own PostgreSQL cluster,
# Redis and gateways.
#   bash regress/chaos/chaos.sh chaos [chaos.mjs options]
#   bash regress/chaos/chaos.sh fuzz [fuzz.mjs options]
set -euo pipefail
cd "$(dirname "$0")/../.."
what=$1
shift
source gateway/web/scripts/ensure-node.sh
[ -x gateway/web/node_modules/.bin/rolldown ] || (cd gateway/web && npm ci --no-audit --no-fund --silent)
[ -d regress/integration/node_modules/ws ] || (cd regress/integration && npm ci --no-audit --no-fund --silent)
if [ -z "${VELLUM_GATEWAY:-}" ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j2 --target vellum-gateway >/dev/null
fi
exec node "regress/chaos/$what.mjs" "$@"
