#!/usr/bin/env bash
# make bench: the figures of issue 2's "Performance" section, measured with
# pgbench against a throwaway cluster holding the installed extension (run
# `make install` first). Prints the median of several runs of each benchmark;
# it asserts nothing about timings, which depend on the machine, and fails
# only when a benchmark itself fails (an SQL error, ops that do not do what
# the benchmark means them to).
#
#   BENCH_RUNS=3 BENCH_SECONDS=10 bash regress/bench.sh    (about 6.5 minutes)
#
# Runs are interleaved (round 1 of every benchmark, then round 2, ...) so that
# a slow spell of the machine, or the tables growing, does not land on one
# benchmark only, and the figures compared with each other run back to back;
# ratios are the median of each round's ratio. A CHECKPOINT before each run
# keeps one run from paying for the previous one's dirty pages.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${BENCH_RUNS:-3}
seconds=${BENCH_SECONDS:-10}
bench=$root/regress/bench

source regress/cluster.sh
pgbench=$PG_BIN/pgbench
started=$(date +%s)
load_before=$(cut -d" " -f1-3 /proc/loadavg)
throwaway_cluster vellum-bench
export PGHOST=$work PGPORT=$port PGUSER=postgres PGDATABASE=vellum_bench
psql -X -q -d postgres -c 'CREATE DATABASE vellum_bench'
# Preloaded, as make run and the Docker image run it: the change relay sends the
# notifications. BENCH_CHANGE_RELAY=off times commits that notify themselves.
cluster_preload "$work" vellum_bench "${BENCH_CHANGE_RELAY:-on}"
echo "Creating the extension and the benchmark files (120,000 objects) ..."
# BENCH_VELLUM_VERSION=0.1.0 times the older SQL API; BENCH_VELLUM_LIBRARY=name
# points the extension's C functions at $libdir/name.so instead of vellum.so
# (an older build copied there), so that one machine can time before and after.
vellum_version=${BENCH_VELLUM_VERSION:-$(sed -n "s/^default_version = '\(.*\)'/\1/p" extension/vellum.control)}
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION vellum VERSION '$vellum_version'"
if [ -n "${BENCH_VELLUM_LIBRARY:-}" ]; then
  psql -X -q -v ON_ERROR_STOP=1 -c "UPDATE pg_proc SET probin = '\$libdir/$BENCH_VELLUM_LIBRARY' WHERE probin = '\$libdir/vellum'"
fi
psql -X -q -v ON_ERROR_STOP=1 -f "$bench/setup.sql" >/dev/null

sql() { psql -X -A -t -q -v ON_ERROR_STOP=1 -c "$1"; }

# The ops applied so far to the given files (their seq counters).
applied_in() { sql "SELECT coalesce(sum(last_seq), 0) FROM vellum.files WHERE id IN (SELECT bench.file_uuid(n) FROM unnest(ARRAY[$1]) n)"; }

failures=0
declare -A tps_runs applied_ops sent_ops wal_bytes

# run NAME CLIENTS SCRIPT BATCH FILES [pgbench -D vars...]
# One pgbench run; records its tps under NAME and, for scripts that apply ops
# (BATCH > 0), how many of the ops sent were applied to FILES (the rest came
# back superseded or duplicate) and how much WAL the run wrote.
run() {
  local name=$1 clients=$2 script=$3 batch=$4 files=$5
  shift 5
  local log=$work/$name.$round.log before=0 after tps processed lsn
  local jobs=$((clients < 2 ? clients : 2))
  sql 'CHECKPOINT' >/dev/null
  [ "$batch" -gt 0 ] && before=$(applied_in "$files")
  lsn=$(sql 'SELECT pg_current_wal_lsn()')
  if ! "$pgbench" -n -M prepared -c "$clients" -j "$jobs" -T "$seconds" -f "$bench/$script" "$@" >"$log" 2>&1 \
    || grep -qE 'aborted|error' "$log"; then
    echo "  $name, round $round: pgbench failed:"
    sed 's/^/    /' "$log" | tail -n 15
    failures=$((failures + 1))
    tps_runs[$name]+=" 0"
    return 0
  fi
  tps=$(awk '/^tps = / { print $3 }' "$log")
  processed=$(awk '/number of transactions actually processed/ { print $NF }' "$log")
  tps_runs[$name]+=" $tps"
  if [ "$batch" -gt 0 ]; then
    after=$(applied_in "$files")
    applied_ops[$name]=$((${applied_ops[$name]:-0} + after - before))
    sent_ops[$name]=$((${sent_ops[$name]:-0} + processed * batch))
    wal_bytes[$name]=$((${wal_bytes[$name]:-0} + $(sql "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$lsn')::bigint")))
  fi
  printf '  %-18s round %d: %10.1f tps\n' "$name" "$round" "$tps"
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
med() { median ${tps_runs[$1]}; }
# The median over rounds of tps(A) / tps(B), A and B having run in the same round.
ratio() {
  # shellcheck disable=SC2046
  median $(awk -v a="${tps_runs[$1]}" -v b="${tps_runs[$2]}" 'BEGIN {
    n = split(a, x, " "); split(b, y, " ")
    for (i = 1; i <= n; i++) print (y[i] > 0 ? x[i] / y[i] : 0) }')
}
# The runs' tps, marked "!" when they differ by more than 1.5x.
runs_of() {
  echo "${tps_runs[$1]}" | awk '{ lo = hi = $1; for (i = 1; i <= NF; i++) { printf "%s%.0f", (i > 1 ? " " : ""), $i; if ($i < lo) lo = $i; if ($i > hi) hi = $i }
    if (lo <= 0 || hi / lo > 1.5) printf "]!"; else printf "]" }'
}
applied_pct() {
  local sent=${sent_ops[$1]:-0}
  [ "$sent" -gt 0 ] && awk -v a="${applied_ops[$1]}" -v s="$sent" 'BEGIN { printf "%.1f%%", 100 * a / s }' || echo "-"
}
wal_per_op() {
  local sent=${sent_ops[$1]:-0}
  [ "$sent" -gt 0 ] && awk -v w="${wal_bytes[$1]}" -v s="$sent" 'BEGIN { printf "%.0f", w / s }' || echo "-"
}

# The figures mean something only if the ops the benchmarks send are the ones
# intended: a call of each kind, made alone, must come back all "applied" (or
# all "duplicate"), never "rejected".
check() {
  local got
  got=$(sql "SELECT string_agg(s || ' x' || n, ', ') FROM (SELECT r ->> 'status' AS s, count(*) AS n FROM jsonb_array_elements($1) r GROUP BY 1) c")
  if [ "$got" != "$2" ]; then
    echo "Sanity check failed: $1 gave $got, expected $2"
    exit 1
  fi
}
check "vellum.apply_ops(bench.file_uuid(100), bench.update_ops(100, 1000, 0), '00000000-0000-0000-0000-00000000beef')" "applied x100"
check "vellum.apply_ops(bench.file_uuid(201), bench.update_ops(100, 100, 0), '00000000-0000-0000-0000-00000000beef')" "applied x100"
check "vellum.apply_ops(bench.file_uuid(203), bench.update_ops(100, 100000, 0), '00000000-0000-0000-0000-00000000beef')" "applied x100"
check "vellum.apply_ops(bench.file_uuid(3), bench.duplicate_ops(3, 5, 0), '00000000-0000-0000-0000-00000000beef')" "duplicate x5"

# BENCH_QUICK=1: section 0 only (apply_ops against the floor).
quick=${BENCH_QUICK:-0}
eight_files="1,2,3,4,5,6,7,8"
own=(-D file=1 -D per_client=1)
shared=(-D file=100 -D per_client=0)
sizes=("size_100 201 100" "size_10000 202 10000" "size_100000 203 100000")
for round in $(seq 1 "$runs"); do
  echo "Round $round of $runs ($seconds s per run):"
  # 0. and 1. Throughput: 8 clients, one file each, next to the plain-SQL
  #    floor of the same runs; then one shared file.
  run eight_files_b1 8 update.sql 1 "$eight_files" "${own[@]}" -D objects=1000 -D batch=1
  run floor_b1 8 ref_floor.sql 0 "" "${own[@]}" -D objects=1000 -D batch=1
  run eight_files_b100 8 update.sql 100 "$eight_files" "${own[@]}" -D objects=1000 -D batch=100
  run floor_b100 8 ref_floor.sql 0 "" "${own[@]}" -D objects=1000 -D batch=100
  [ "$quick" = 1 ] && continue
  run one_file_b1 8 update.sql 1 100 "${shared[@]}" -D objects=1000 -D batch=1
  run one_file_b100 8 update.sql 100 100 "${shared[@]}" -D objects=1000 -D batch=100
  # 2. Per-op cost against the file's size: one client, batches of 100. Each
  #    round starts with another size, so that none always runs first.
  for i in 0 1 2; do
    read -r name file objects <<<"${sizes[$(((i + round - 1) % 3))]}"
    run "$name" 1 update.sql 100 "$file" -D file="$file" -D per_client=0 -D objects="$objects" -D batch=100
  done
  run generate_only 1 generate.sql 0 "" -D objects=100000 -D batch=100
  # 3. Commits with and without NOTIFY, back to back because the disk's
  #    fsync latency, which bounds notifying commits, drifts over minutes:
  #    one op applied per call (one NOTIFY per commit), the same call with
  #    keys already seen (no write, no NOTIFY), and PostgreSQL alone.
  run notify_b1 8 update.sql 1 "$eight_files" "${own[@]}" -D objects=1000 -D batch=1
  run notify_dup 8 duplicate.sql 1 "$eight_files" "${own[@]}" -D batch=1
  run pg_notify 8 ref_notify.sql 0 ""
  run pg_plain 8 ref_plain.sql 0 ""
done

settings=$(sql "SELECT string_agg(name || ' = ' || current_setting(name), ', ' ORDER BY name) FROM unnest(ARRAY['fsync', 'synchronous_commit', 'shared_buffers', 'wal_sync_method', 'full_page_writes', 'max_wal_size', 'checkpoint_timeout', 'vellum.change_relay']) AS name")

echo
echo "================ Vellum extension benchmark ================"
echo "$(sql 'SELECT version()' | cut -d, -f1); $(nproc) CPUs; pgbench -M prepared, -j up to 2"
echo "Settings: $settings"
echo "Each figure: median of $runs runs of $seconds s (the runs' tps in brackets)."
echo "Load average (1, 5, 15 min) before: $load_before; after: $(cut -d" " -f1-3 /proc/loadavg) (other work on this machine lowers the figures)"
echo
echo "0. apply_ops (extension $vellum_version${BENCH_VELLUM_LIBRARY:+, library $BENCH_VELLUM_LIBRARY}, the user id on every call) against the plain-SQL floor"
echo "   (ref_floor.sql: per op one INSERT into a log with the same indexes and one object-row upsert),"
echo "   8 clients, client i writes file i (targets: >= 0.85x in batches of 100, >= 0.8x with one op per call)"
printf '   %-6s %14s %14s %10s  %s\n' "batch" "apply_ops/s" "floor ops/s" "ratio" "[apply_ops tps per run] [floor tps per run]"
for spec in "1|eight_files_b1|floor_b1" "100|eight_files_b100|floor_b100"; do
  IFS='|' read -r batch a f <<<"$spec"
  printf '   %-6s %14.0f %14.0f %9.2fx  [%s [%s\n' "$batch" "$(awk -v m="$(med "$a")" -v b="$batch" 'BEGIN { print m * b }')" \
    "$(awk -v m="$(med "$f")" -v b="$batch" 'BEGIN { print m * b }')" "$(ratio "$a" "$f")" "$(runs_of "$a")" "$(runs_of "$f")"
done
echo "   ratio: median of the rounds' apply_ops/floor ratios."
if [ "$quick" != 1 ]; then
echo
echo "1. apply_ops throughput, 8 concurrent clients (target: >= 20,000 ops/s in batches of 100)"
printf '   %-34s %6s %12s %10s %8s %8s  %s\n' "workload" "batch" "commits/s" "ops/s" "applied" "WAL/op" "[tps per run]"
for spec in "one_file_b1|one file, 8 clients|1" "eight_files_b1|8 files, client i writes file i|1" \
  "one_file_b100|one file, 8 clients|100" "eight_files_b100|8 files, client i writes file i|100"; do
  IFS='|' read -r name label batch <<<"$spec"
  m=$(med "$name")
  printf '   %-34s %6d %12.1f %10.0f %8s %8s  [%s\n' "$label" "$batch" "$m" "$(awk -v m="$m" -v b="$batch" 'BEGIN { print m * b }')" \
    "$(applied_pct "$name")" "$(wal_per_op "$name")" "$(runs_of "$name")"
done
echo "   ops/s counts every op sent; 'applied' is the share that a concurrent client's newer write did not"
echo "   supersede; WAL/op in bytes."
echo
echo "2. Per-op cost against the file's size (1 client, batches of 100 updates to distinct random objects)"
printf '   %-10s %12s %9s %15s %8s  %s\n' "objects" "commits/s" "us/op" "vs 100 objects" "WAL/op" "[tps per run]"
for spec in "size_100|100" "size_10000|10,000" "size_100000|100,000"; do
  IFS='|' read -r name label <<<"$spec"
  m=$(med "$name")
  printf '   %-10s %12.1f %9.1f %14.2fx %8s  [%s\n' "$label" "$m" "$(awk -v m="$m" 'BEGIN { print 1e6 / (m * 100) }')" \
    "$(ratio size_100 "$name")" "$(wal_per_op "$name")" "$(runs_of "$name")"
done
printf '   Building the ops in SQL alone (no apply_ops) takes %.1f us/op of the above  [%s\n' \
  "$(awk -v m="$(med generate_only)" 'BEGIN { print 1e6 / (m * 100) }')" "$(runs_of generate_only)"
echo "   'vs 100 objects': cost per op over the 100-object file's, median of the rounds' ratios; flat means"
echo "   within 1.5x. A CHECKPOINT precedes each run, so the larger files pay a full-page image in WAL for"
echo "   (nearly) every page their run touches: more than they would between checkpoints 5 minutes apart."
echo
echo "3. Commits per second, 8 concurrent writers, one small apply_ops call each (8 files, 1 op per call)"
printf '   %-58s %12s  %s\n' "workload" "commits/s" "[tps per run]"
printf '   %-58s %12.1f  [%s\n' "ops applied: each commit sends one NOTIFY" "$(med notify_b1)" "$(runs_of notify_b1)"
printf '   %-58s %12.1f  [%s\n' "ops all duplicate: nothing written, no NOTIFY" "$(med notify_dup)" "$(runs_of notify_dup)"
printf '   %-58s %12.1f  [%s\n' "PostgreSQL alone: one-row UPDATE + pg_notify per commit" "$(med pg_notify)" "$(runs_of pg_notify)"
printf '   %-58s %12.1f  [%s\n' "PostgreSQL alone: the same UPDATE, no NOTIFY" "$(med pg_plain)" "$(runs_of pg_plain)"
printf '   Notifying vellum commits per PostgreSQL-alone notifying commit (median of the rounds): %.2f\n' \
  "$(ratio notify_b1 pg_notify)"
echo "   No session LISTENs: PostgreSQL queues notifications, and serializes notifying commits, all the same."

fi

all_runs=$(for name in "${!tps_runs[@]}"; do runs_of "$name"; echo; done)
if grep -q '!$' <<<"$all_runs"; then
  echo
  echo "Runs marked ! differ by more than 1.5x, which says more about the machine (other work taking"
  echo "the CPUs, the disk's fsync latency drifting) than about the extension: take those medians as rough."
fi
echo
echo "Total time: $(($(date +%s) - started)) s"
if [ "$failures" -gt 0 ]; then
  echo "$failures benchmark run(s) FAILED (see above); their figures count as 0."
  exit 1
fi
