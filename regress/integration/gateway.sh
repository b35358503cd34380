#!/usr/bin/env bash
# The gateway integration suite: a fresh database with the extension, real
# gateway processes started by the tests, real WebSocket clients (Node's test
# runner with the ws package). Needs PGHOST/PGPORT/PGUSER and a built gateway.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/ws ] || npm ci --no-audit --no-fund --silent
export VELLUM_TEST_DB=vellum_gateway_test
# The failure tests restart the cluster: its data directory (regress/cluster.sh layout).
export VELLUM_PG_DATA=${VELLUM_PG_DATA:-$PGHOST/data}
dropdb --if-exists $VELLUM_TEST_DB 2>/dev/null || true
createdb $VELLUM_TEST_DB
trap 'dropdb --if-exists $VELLUM_TEST_DB 2>/dev/null || true' EXIT
psql -X -q -d $VELLUM_TEST_DB -c "CREATE EXTENSION vellum"
node --test --test-concurrency=1 gateway/
