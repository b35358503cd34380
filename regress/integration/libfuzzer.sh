#!/usr/bin/env bash
# The coverage-guided fuzzers, short: every input of the kept corpus is
# replayed (each one a past finding or a seed, so a fixed bug that came back
# fails here), then each target fuzzes for FUZZ_SECONDS (default 5). The long
# run is `make fuzz-libfuzzer` (regress/fuzz/libfuzzer.sh, 60 s a target).
set -euo pipefail
cd "$(dirname "$0")/../.."

FUZZ_SECONDS=0 bash regress/fuzz/libfuzzer.sh
FUZZ_SECONDS=${FUZZ_SECONDS:-5} bash regress/fuzz/libfuzzer.sh
