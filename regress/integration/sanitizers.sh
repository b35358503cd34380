#!/usr/bin/env bash
# Sanitizers: the core, the gateway and their GoogleTest suites built with
# AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/), and the gateway
# with ThreadSanitizer (build-tsan/). Under them run both GoogleTest suites,
# the whole gateway integration suite (ASan+UBSan) and the integration tests
# that work the gateway's threads (TSan). Any sanitizer report fails the
# suite: every report goes to a log file under one directory, which must stay
# empty. Needs PGHOST/PGPORT/PGUSER (test.sh exports them). From scratch both
# builds and every run below take about 20 minutes on this 2-core machine
# (2026-12-03); later runs rebuild only what changed.
#
# Leaks: detect_leaks=1. The harness stops gateways with SIGTERM and they
# leave through main, so LeakSanitizer checks them; the few a test kills with
# SIGKILL (failures, presence_redis) cannot report and are simply not checked.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

reports=$(mktemp -d /tmp/vellum-sanitizers.XXXXXX)
export VELLUM_TEST_DB=vellum_sanitize_test
export VELLUM_PG_DATA=${VELLUM_PG_DATA:-$PGHOST/data}
cleanup() {
  dropdb --if-exists $VELLUM_TEST_DB 2>/dev/null || true
  rm -rf "$reports"
}
trap cleanup EXIT

# halt/abort on the first report, so the test that caused it fails too.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:log_path=$reports/asan"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:log_path=$reports/ubsan"
export TSAN_OPTIONS="halt_on_error=1:abort_on_error=1:second_deadlock_stack=1:suppressions=$root/regress/tsan.supp:log_path=$reports/tsan"

build() {
  local dir=$1 sanitizers=$2
  shift 2
  echo "-- build $dir (-fsanitize=$sanitizers)"
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVELLUM_SANITIZE="$sanitizers" >/dev/null
  cmake --build "$dir" -j2 --target "$@"
}

# Fails (and prints them) if any sanitizer wrote a report.
no_reports() {
  local what=$1
  if [ -n "$(ls -A "$reports")" ]; then
    echo "sanitizer reports after $what:"
    for f in "$reports"/*; do
      echo "--- $f"
      cat "$f"
    done
    return 1
  fi
  echo "-- $what: no sanitizer reports"
}

fresh_database() {
  dropdb --if-exists $VELLUM_TEST_DB 2>/dev/null || true
  createdb $VELLUM_TEST_DB
  psql -X -q -d $VELLUM_TEST_DB -c "CREATE EXTENSION vellum"
}

# The integration tests, against a sanitized gateway; their output is kept to
# look for reports a test's failure message carries (the gateway's stderr).
integration() {
  local gateway=$1
  shift
  fresh_database
  (cd regress/integration && [ -d node_modules/ws ] || npm ci --no-audit --no-fund --silent)
  local out rc=0
  out=$(mktemp /tmp/vellum-sanitizers-out.XXXXXX)
  (cd regress/integration && VELLUM_GATEWAY=$root/$gateway node --test --test-concurrency=1 "$@") 2>&1 | tee "$out" || rc=$?
  if grep -qE 'ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|WARNING: ThreadSanitizer' "$out"; then
    echo "sanitizer report in the test output"
    rc=1
  fi
  rm -f "$out"
  return $rc
}

failed=0
step() {
  echo "== sanitizers: $1"
  shift
  if ! "$@"; then
    echo "== sanitizers: FAILED: $*"
    failed=1
  fi
}

# ---- AddressSanitizer + UndefinedBehaviorSanitizer ------------------------
build build-asan address,undefined vellum-gateway vellum_core_tests vellum_gateway_tests
step "core GoogleTest (ASan+UBSan)" build-asan/vellum_core_tests --gtest_brief=1
step "gateway GoogleTest (ASan+UBSan)" build-asan/vellum_gateway_tests --gtest_brief=1
step "gateway integration suite (ASan+UBSan)" integration build-asan/vellum-gateway gateway/
step "reports (ASan+UBSan)" no_reports "ASan+UBSan"

# ---- ThreadSanitizer ------------------------------------------------------
# The tests that work the gateway's threads: every gateway runs its event loop
# on THREADS=2 threads (rooms, op batches, REST, sessions' sockets across
# them); sign_in_limits and sessions drive the bcrypt WorkerPool from many
# clients at once; presence_redis the Redis presence bus; live and gateway the
# Hub, file watchers and op batcher with several clients per file.
build build-tsan thread vellum-gateway vellum_gateway_tests
step "gateway GoogleTest (TSan)" build-tsan/vellum_gateway_tests --gtest_brief=1
step "gateway integration, threaded parts (TSan)" integration build-tsan/vellum-gateway \
  gateway/gateway.test.mjs gateway/live.test.mjs gateway/sign_in_limits.test.mjs \
  gateway/sessions.test.mjs gateway/presence_redis.test.mjs
step "reports (TSan)" no_reports "TSan"

[ "$failed" -eq 0 ]
