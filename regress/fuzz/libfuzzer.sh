#!/usr/bin/env bash
# The coverage-guided fuzzers (libFuzzer, clang, with ASan and UBSan): builds
# them in build-fuzz and runs each for FUZZ_SECONDS (default 60), one after
# the other, starting from the corpus kept in the repository:
#   json_codec      the core's JSON text codec       extension/core/fuzz/
#   op_parser       the core's op parser (parse_op)   extension/core/fuzz/
#   register_merge  the LWW register merge laws       extension/core/fuzz/
#   client_message  the gateway's client messages     gateway/fuzz/
# New inputs go to a scratch directory, so the kept corpus changes only on
# purpose: FUZZ_MERGE=1 merges what a run found into it (libFuzzer -merge
# keeps only inputs that add coverage). FUZZ_SECONDS=0 only replays the
# corpus. FUZZ_TARGETS="json_codec op_parser" runs some. A crash or a broken
# property fails the run and leaves the input in build-fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-json_codec op_parser register_merge client_message}
build=${FUZZ_BUILD_DIR:-build-fuzz}

cmake -S regress/fuzz -B "$build" -DCMAKE_CXX_COMPILER="${FUZZ_CXX:-clang++}" >/dev/null
cmake --build "$build" -j2 >/dev/null

findings=$build/findings
mkdir -p "$findings"
scratch=$(mktemp -d /tmp/vellum-fuzz.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

failed=0
for target in $targets; do
  case $target in
    json_codec) home=extension/core/fuzz dict=json.dict ;;
    op_parser) home=extension/core/fuzz dict=op.dict ;;
    register_merge) home=extension/core/fuzz dict= ;;
    client_message) home=gateway/fuzz dict=client_message.dict ;;
    *) echo "unknown fuzz target: $target" >&2; exit 2 ;;
  esac
  corpus=$home/corpus/$target
  mkdir -p "$scratch/$target"
  args=(-artifact_prefix="$findings/$target-" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1)
  [ -n "$dict" ] && args+=(-dict="$home/$dict")
  if [ "$seconds" -eq 0 ]; then
    args+=(-runs=0)
  else
    args+=(-max_total_time="$seconds")
  fi
  echo "== fuzz $target (${seconds}s, corpus $corpus: $(ls "$corpus" | wc -l) inputs)"
  log=$scratch/$target.log
  if "$build/$target" "${args[@]}" "$scratch/$target" "$corpus" >"$log" 2>&1; then
    # The last status line: runs, coverage (cov: edges), features, corpus size.
    grep -E '^#[0-9]+' "$log" | tail -1
    grep -E 'stat::(number_of_executed_units|average_exec_per_sec|new_units_added)' "$log" | tr '\n' ' '
    echo
    if [ "${FUZZ_MERGE:-0}" = 1 ]; then
      "$build/$target" -merge=1 "${args[@]:0:1}" "$corpus" "$scratch/$target" >/dev/null 2>&1
      echo "merged: corpus $corpus now $(ls "$corpus" | wc -l) inputs"
    fi
    echo "== fuzz $target: ok"
  else
    failed=$((failed + 1))
    grep -vE '^#[0-9]+' "$log" | tail -60
    echo "== fuzz $target: FAILED (the input is in $findings/)"
  fi
done
[ "$failed" -eq 0 ]
