#!/usr/bin/env bash
# The long convergence fuzz of the browser client (issue 10): 10,000 seeded
# runs of src/fuzz/convergence-run.ts (2-5 real Editors against a model of the
# server, over a network that delays, duplicates and drops), each ending with
# every client's document equal to the model's. Prints the figures; a failing
# seed is printed with the command that replays it and a shrunk trace.
#   FUZZ_RUNS=n (default 10000), FUZZ_SEED=first seed (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
npm ci --no-audit --no-fund --loglevel=error
FUZZ_RUNS="${FUZZ_RUNS:-10000}" npx vitest run src/fuzz/convergence.test.ts "$@"
