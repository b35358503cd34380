#!/usr/bin/env bash
# `make run` as a newcomer uses it: everything starts, the page and /health
# answer, a signed-up user can open a WebSocket, and `make stop` stops it all.
set -euo pipefail
cd "$(dirname "$0")/../.."
source regress/cluster.sh
stack_start make-run
out=$STACK_OUT
grep -q "Open:        http://127.0.0.1:$PORT/" <<<"$out" || { echo "$out"; echo "make run did not print the URL"; exit 1; }
curl -fs "http://127.0.0.1:$PORT/health" | grep -q '"status": "ok"' || { echo "health is not ok"; exit 1; }
curl -fs "http://127.0.0.1:$PORT/" | grep -q "<title>Vellum</title>" || { echo "no page at /"; exit 1; }
curl -fs "http://127.0.0.1:$PORT/health" | grep -q '"redis": {"state": "CLOSED"' || { echo "redis is not connected"; exit 1; }
token=$(cat "$VELLUM_RUN_DIR/metrics-token")
curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/metrics" | grep -q vellum_ || { echo "/metrics does not answer the operator's token"; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/metrics")" = 401 ] || { echo "/metrics answers without the token"; exit 1; }
make -s stop >/dev/null
if curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then echo "the gateway still runs after make stop"; exit 1; fi
echo "make run: ok on port $PORT; make stop: ok"
