#!/usr/bin/env bash
# The gateway benchmark: the figures of issue 3's "Performance" section.
# A throwaway cluster with the installed extension (run `make install` first),
# ONE vellum-gateway with its default settings, and WebSocket clients driven by
# regress/bench/gateway_bench.mjs (Node, the `ws` package of
# regress/integration). Prints the median of several runs of each scenario;
# asserts nothing about timings, and fails only when something is broken (a
# run without a single ack, an acked op missing from vellum.operations, the
# gateway dying, clients unable to connect).
#
#   BENCH_RUNS=3 BENCH_SECONDS=10 bash regress/bench/gateway_bench.sh   (about 5 minutes)
#
# Scenarios: 1 one file at 10 ops/s per client; 2 many files (BENCH_S2_FILES)
# x 5 clients at 2 ops/s; 3 saturation (the per-client rate raised); 4 closed
# loop (each client keeps K ops unacked, K raised), one file and many files,
# not run by default: past 200 messages/s a client meets the gateway's
# RATE_LIMIT, so make bench runs it alone with RATE_LIMIT=5000.
# Other knobs (see gateway_bench.mjs): BENCH_SCENARIOS=1,2,3 (default), BENCH_WARMUP=1,
# BENCH_STEP_SECONDS=5, BENCH_SAT_STEPS=1,2,3,5,7,10,20,40,80, BENCH_S1_CLIENTS=2,10,50,
# BENCH_S2_FILES=100. The gateway's own settings (THREADS, PG_POOL_SIZE,
# MAX_SEND_QUEUE, RATE_LIMIT, ...) pass through the environment.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
gateway_bin=${VELLUM_GATEWAY:-build/vellum-gateway}
case $gateway_bin in /*) ;; *) gateway_bin=$root/$gateway_bin ;; esac

if [ ! -x "$gateway_bin" ]; then
  echo "No gateway binary at $gateway_bin: build it (cmake --build build --target vellum-gateway) or set VELLUM_GATEWAY." >&2
  exit 1
fi
if [ ! -f regress/integration/node_modules/ws/package.json ]; then
  echo "Installing the integration tests' node packages (ws) ..."
  (cd regress/integration && npm ci --no-audit --no-fund --silent)
fi

source regress/cluster.sh
work=$(mktemp -d /tmp/vellum-gateway-bench.XXXXXX)
port=$(free_port)
gateway_pid=
node_pid=

# Stops, by PID, what this script started: the node driver, the gateway (TERM,
# then KILL after 10 s), the cluster.
stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$node_pid"
  stop_pid "$gateway_pid"
  cluster_stop "$work"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
echo "Starting a throwaway cluster in $work (port $port) ..."
cluster_start "$work" "$port"
export PGHOST=$work PGPORT=$port PGUSER=postgres
db=vellum_gateway_bench
psql -X -q -d postgres -c "CREATE DATABASE $db"
# Preloaded, as make run runs it (the change relay sends the notifications);
# BENCH_CHANGE_RELAY=off: each commit notifies itself.
cluster_preload "$work" "$db" "${BENCH_CHANGE_RELAY:-on}"
# BENCH_VELLUM_VERSION: the extension version to create (default: the
# control file's); BENCH_VELLUM_LIBRARY: a library under $libdir to point its
# C functions at instead of vellum.so (see regress/bench.sh), to time an older
# build next to this one.
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION vellum${BENCH_VELLUM_VERSION:+ VERSION '$BENCH_VELLUM_VERSION'}"
if [ -n "${BENCH_VELLUM_LIBRARY:-}" ]; then
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "UPDATE pg_proc SET probin = '\$libdir/$BENCH_VELLUM_LIBRARY' WHERE probin = '\$libdir/vellum'"
fi

echo "Starting the gateway ($gateway_bin) ..."
gateway_log=$work/gateway.log
DATABASE_URL="host=$work port=$port user=postgres dbname=$db" PORT=0 HOST=127.0.0.1 LOG_LEVEL=${LOG_LEVEL:-info} \
  "$gateway_bin" >"$work/gateway.stdout" 2>"$gateway_log" &
gateway_pid=$!

# Waits (at most 15 s) for {"event":"listening","port":N} and
# {"event":"postgres_listening"} in the gateway's JSON log.
gateway_port=
for i in $(seq 1 150); do
  if ! kill -0 "$gateway_pid" 2>/dev/null; then
    echo "The gateway exited while starting:" >&2
    cat "$gateway_log" >&2
    exit 1
  fi
  if [ -z "$gateway_port" ]; then
    gateway_port=$(sed -n 's/.*"event": *"listening".*"port": *\([0-9][0-9]*\).*/\1/p' "$gateway_log" | head -n 1)
  fi
  if [ -n "$gateway_port" ] && grep -q '"event": *"postgres_listening"' "$gateway_log"; then
    break
  fi
  sleep 0.1
done
if [ -z "$gateway_port" ] || ! grep -q '"event": *"postgres_listening"' "$gateway_log"; then
  echo "The gateway did not report listening and postgres_listening within 15 s:" >&2
  cat "$gateway_log" >&2
  exit 1
fi
echo "Gateway pid $gateway_pid listening on 127.0.0.1:$gateway_port"

GATEWAY_PORT=$gateway_port GATEWAY_PID=$gateway_pid GATEWAY_LOG=$gateway_log BENCH_DB=$db \
  POSTMASTER_PID=$(head -n 1 "$work/data/postmaster.pid") CLK_TCK=$(getconf CLK_TCK) \
  node "$root/regress/bench/gateway_bench.mjs" &
node_pid=$!
status=0
wait "$node_pid" || status=$?
node_pid=

if ! kill -0 "$gateway_pid" 2>/dev/null; then
  echo "The gateway DIED during the benchmark; the end of its log:"
  tail -n 20 "$gateway_log"
  status=1
fi
echo
echo "Gateway log, warnings and errors over the whole benchmark (event: count):"
if grep -qE '"level": *"(warn|error)"' "$gateway_log"; then
  grep -E '"level": *"(warn|error)"' "$gateway_log" \
    | sed -n 's/.*"level": *"\([a-z]*\)".*"event": *"\([^"]*\)".*/\1 \2/p' | sort | uniq -c | sort -rn \
    | awk '{ printf "   %-6s %-40s %d\n", $2, $3, $1 }'
else
  echo "   none"
fi
echo "Total time: $(($(date +%s) - started)) s"
exit "$status"
