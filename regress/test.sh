#!/usr/bin/env bash
# make test: installs what is missing, builds, and runs every suite against a
# throwaway PostgreSQL cluster. Prints "N passed, M failed" at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash regress/install_deps.sh || exit 1
make -s || exit 1
make -s install || exit 1
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
cmake --build build -j2 || exit 1
bash gateway/web/build.sh || exit 1

source regress/cluster.sh
work=$(mktemp -d /tmp/vellum-test.XXXXXX)
port=$(free_port)
cleanup() { cluster_stop "$work"; rm -rf "$work"; }
trap cleanup EXIT
cluster_start "$work" "$port" || exit 1
export PGHOST=$work PGPORT=$port PGUSER=postgres

passed=0
failed=0
suite() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then
    passed=$((passed + 1))
    echo "== $name: ok"
  else
    failed=$((failed + 1))
    echo "== $name: FAILED"
  fi
}

regress_suite() {
  make -s installcheck
  local rc=$?
  for diffs in regression.diffs output_iso/regression.diffs; do
    [ -s "$diffs" ] && { echo "--- $diffs"; cat "$diffs"; }
  done
  return $rc
}

suite "pg_regress and isolation specs" regress_suite
suite "GoogleTest (ctest)" ctest --test-dir build --output-on-failure
suite "browser client (vitest)" bash gateway/web/test.sh
for script in regress/integration/*.sh; do
  [ -e "$script" ] || continue
  suite "integration: $(basename "$script" .sh)" bash "$script"
done

echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
