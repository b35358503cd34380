#!/usr/bin/env bash
# Chaos under load and end-to-end fuzzing, short: a few gateway kills,
# PostgreSQL crashes, a Redis restart and connection cuts under editing, then
# 20 fuzz runs (make chaos and make fuzz-e2e run the long versions). Runs its
# own cluster: it stops PostgreSQL with -m immediate.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash regress/chaos/chaos.sh chaos --kills 5 --pg-stops 2 --redis-restarts 1 --cuts 3
bash regress/chaos/chaos.sh fuzz --runs 20
