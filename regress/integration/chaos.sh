#!/usr/bin/env bash
# Chaos under load and end-to-end fuzzing, short: PostgreSQL crashes, a Redis
# restart and connection cuts under editing, then 20 fuzz runs (make chaos and
# make fuzz-e2e run the long versions). Runs its own cluster: it stops
# PostgreSQL with -m immediate.
#
# Gateway kills are not in this short run yet: after a gateway is killed and
# started again, an editor on it sometimes stays a few ops behind the file at
# quiescence (about one run in two of `--kills 12`; an open defect, see the
# README's Proof section). `make chaos` kills gateways 100 times and shows it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash regress/chaos/chaos.sh chaos --kills 0 --pg-stops 2 --redis-restarts 1 --cuts 3
bash regress/chaos/chaos.sh fuzz --runs 20
