#!/usr/bin/env bash
# make bench-editor (and part of make bench): the Vellum editor, a plain
# Canvas2D + rbush page (the floor) and Excalidraw on the same scene at
# 1,000, 10,000 and 100,000 objects, in Debian's Chromium; prints a table of
# medians and ratios (see bench.mjs for what each figure is). Vellum runs
# against the stack `make run` starts, on free ports, stopped on exit.
#
#   BENCH_EDITOR_RUNS=3            runs (medians are over them)
#   BENCH_EDITOR_SIZES=1000,10000,100000
#   BENCH_EDITOR_CONTENDERS=vellum,floor,excalidraw
#   BENCH_EDITOR_LIMIT=150         seconds for one contender at one size in one run;
#                                  past that it is "skipped (over N s)", and not tried again at that size or larger
#   BENCH_EDITOR_SHOTS=DIR         where screenshots at 10,000 objects go (default: a new /tmp folder)
set -euo pipefail
cd "$(dirname "$0")/../../.."
source regress/cluster.sh
echo "Starting the stack (make run) on free ports ..."
stack_start editor-bench
echo "... on ports $PORT (HTTP), $VELLUM_PG_PORT (PostgreSQL), $VELLUM_REDIS_PORT (Redis)"
# The editor alone: the maintenance worker would auto-save the files filled
# here in the middle of the runs (a 100,000-object version is half a second
# of PostgreSQL on this machine); autosave_bench.sh measures that on its own.
psql -X -q -h 127.0.0.1 -p "$VELLUM_PG_PORT" -U postgres -d vellum \
  -c "ALTER SYSTEM SET vellum.auto_save_interval = 0" -c "SELECT pg_reload_conf()" >/dev/null
(
  cd regress/bench/editor
  # Vite 8 needs Node >= 20.19: the same Node that builds gateway/web.
  source ../../../gateway/web/scripts/ensure-node.sh
  [ -d node_modules/@excalidraw/excalidraw ] && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
  npx vite build --config vite.config.mjs --logLevel error >/dev/null
  VELLUM_URL="http://127.0.0.1:$PORT" node bench.mjs
)
