#!/usr/bin/env bash
# Part of make bench: issue 9's figures (the file browser's first paint with
# 1,000 files, time travel in a file of 100,000 ops and 10,000 objects),
# against the stack `make run` starts on free ports, stopped on exit. See
# regress/bench/editor/around_canvas.mjs for what each figure is.
#
#   BENCH_AROUND_RUNS=7   loads and seqs per figure (medians are over them)
set -euo pipefail
cd "$(dirname "$0")/../.."
source regress/cluster.sh
echo "Starting the stack (make run) on free ports ..."
stack_start around-canvas-bench
# No auto-saves in the middle: the file replayed from op zero must stay without versions.
psql -X -q -h 127.0.0.1 -p "$VELLUM_PG_PORT" -U postgres -d vellum \
  -c "ALTER SYSTEM SET vellum.auto_save_interval = 0" -c "SELECT pg_reload_conf()" >/dev/null
(
  cd regress/bench/editor
  source ../../../gateway/web/scripts/ensure-node.sh
  [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
  VELLUM_URL="http://127.0.0.1:$PORT" node around_canvas.mjs
)
