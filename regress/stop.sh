#!/usr/bin/env bash
# make stop: stops what make run started.
set -euo pipefail
cd "$(dirname "$0")/.."
source regress/cluster.sh
[ -f .run-dir ] || { echo "nothing to stop"; exit 0; }
cluster_stop "$(cat .run-dir)"
rm -f .run-dir
echo "stopped"
