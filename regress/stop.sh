#!/usr/bin/env bash
# make stop: stops what make run started (by the PIDs it recorded).
set -euo pipefail
cd "$(dirname "$0")/.."
source regress/cluster.sh
[ -f .run-dir ] || { echo "nothing to stop"; exit 0; }
dir=$(cat .run-dir)
for pidfile in "$dir/gateway.pid" "$dir/redis.pid"; do
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
done
cluster_stop "$dir"
rm -f .run-dir
echo "stopped"
