#!/usr/bin/env bash
# The per-op cost of vellum.apply_ops against the size of the operations log
# (issue 8: "flat, within 1.2x, from 1,000 to 10,000,000 ops logged"). A
# throwaway cluster with the installed extension (run `make install` first),
# one file of 1,000 objects, and its log filled step by step to each size in
# BENCH_LOG_SIZES; at each size, BENCH_RUNS pgbench runs of BENCH_SECONDS,
# one client, batches of 100 updates (update.sql, as the gateway sends them,
# with the user id). Prints the median us/op at each size and its ratio to
# the first size's. Asserts nothing about timings.
#
#   BENCH_LOG_SIZES=1000,100000,1000000,10000000 BENCH_RUNS=3 BENCH_SECONDS=10 \
#     bash regress/bench/log_size_bench.sh        (about 10 minutes, 4 GB of disk)
#
# The history is written with session_replication_role = replica, as a restore
# of a dump writes it: the log's trigger and foreign keys are not run for those
# rows (they are history with their seqs, numbered after the file's last seq,
# which is moved to the end), but every index is maintained.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bench=$root/regress/bench
runs=${BENCH_RUNS:-3}
seconds=${BENCH_SECONDS:-10}
IFS=',' read -r -a sizes <<<"${BENCH_LOG_SIZES:-1000,100000,1000000,10000000}"

source regress/cluster.sh
pgbench=$PG_BIN/pgbench
started=$(date +%s)
throwaway_cluster vellum-log-bench
export PGHOST=$work PGPORT=$port PGUSER=postgres PGDATABASE=vellum_log_bench
psql -X -q -d postgres -c "CREATE DATABASE $PGDATABASE"
sql() { psql -X -A -t -q -v ON_ERROR_STOP=1 -c "$1"; }
sql 'CREATE EXTENSION vellum' >/dev/null
# The bench user and bench.update_ops of setup.sql, without its files.
sed -n '/^CREATE SCHEMA bench/,/^-- Creates objects/p' "$bench/setup.sql" | psql -X -q -v ON_ERROR_STOP=1 >/dev/null
sed -n '/^CREATE FUNCTION bench.populate/,/^\$\$;/p; /^CREATE FUNCTION bench.update_ops/,/^\$\$;/p' "$bench/setup.sql" \
  | psql -X -q -v ON_ERROR_STOP=1 >/dev/null
file=300
sql "INSERT INTO vellum.files (id, name, owner_id) VALUES (bench.file_uuid($file), 'log size', '00000000-0000-0000-0000-00000000beef')"
sql "SELECT bench.populate($file, 1000)" >/dev/null
# A warm-up on another file (a fresh cluster's first runs are slower whatever
# the log holds), so that this file's log starts at its 1,000 creates.
warm=301
sql "INSERT INTO vellum.files (id, name, owner_id) VALUES (bench.file_uuid($warm), 'warm-up', '00000000-0000-0000-0000-00000000beef')"
sql "SELECT bench.populate($warm, 1000)" >/dev/null
sql CHECKPOINT >/dev/null
"$pgbench" -n -M prepared -c 1 -j 1 -T 5 -f "$bench/update.sql" -D file=$warm -D per_client=0 -D objects=1000 -D batch=100 >/dev/null 2>&1

logged() { sql "SELECT count(*) FROM vellum.operations WHERE file_id = bench.file_uuid($file)"; }

# Adds history rows until the file's log holds $1 rows.
fill_to() {
  local want=$1 have
  have=$(logged)
  [ "$have" -ge "$want" ] && return 0
  psql -X -q -v ON_ERROR_STOP=1 <<SQL
SET session_replication_role = replica;
BEGIN;
INSERT INTO vellum.operations (file_id, user_id, operation_type, object_id, property_path, new_value, "timestamp",
                               client_id, idempotency_key, seq)
SELECT f.id, '00000000-0000-0000-0000-00000000beef', 'update', 'o' || (g % 1000 + 1), 'x', to_jsonb(g), g,
       'history', 'history-' || g, f.last_seq + g - $have
FROM vellum.files f, generate_series($have + 1, $want) g
WHERE f.id = bench.file_uuid($file);
UPDATE vellum.files SET last_seq = last_seq + $want - $have WHERE id = bench.file_uuid($file);
COMMIT;
SQL
  sql 'VACUUM ANALYZE vellum.operations' >/dev/null
}

declare -A us_runs
for size in "${sizes[@]}"; do
  t0=$(date +%s)
  fill_to "$size"
  echo "The file's log: $(logged) ops ($(($(date +%s) - t0)) s to fill; vellum.operations $(sql "SELECT pg_size_pretty(pg_total_relation_size('vellum.operations'))") with its indexes); each run adds its own:"
  for round in $(seq 1 "$runs"); do
    sql CHECKPOINT >/dev/null
    log=$work/run.log
    if ! "$pgbench" -n -M prepared -c 1 -j 1 -T "$seconds" -f "$bench/update.sql" \
      -D file=$file -D per_client=0 -D objects=1000 -D batch=100 >"$log" 2>&1 || grep -qE 'aborted|error' "$log"; then
      sed 's/^/    /' "$log" | tail -n 15
      exit 1
    fi
    tps=$(awk '/^tps = / { print $3 }' "$log")
    us=$(awk -v t="$tps" 'BEGIN { printf "%.1f", 1e6 / (t * 100) }')
    us_runs[$size]+=" $us"
    echo "  run $round: $us us/op"
  done
done

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo
echo "================ Per-op cost against the log's size ================"
echo "$(sql 'SELECT version()' | cut -d, -f1); $(nproc) CPUs; one client, batches of 100 updates to a 1,000-object file,"
echo "each run after a CHECKPOINT; medians of $runs runs of $seconds s (target: within 1.2x from 1,000 to 10,000,000 ops)"
printf '   %-12s %9s %12s  %s\n' "ops logged" "us/op" "vs first" "[us/op per run]"
echo "   (the log before the size's first run: each run adds the ops it applies, some 50,000 in 5 s)"
# shellcheck disable=SC2086
first=$(median ${us_runs[${sizes[0]}]})
for size in "${sizes[@]}"; do
  # shellcheck disable=SC2086
  m=$(median ${us_runs[$size]})
  printf '   %-12s %9.1f %11.2fx  [%s ]\n' "$size" "$m" "$(awk -v m="$m" -v f="$first" 'BEGIN { print m / f }')" "${us_runs[$size]# }"
done
echo "Total time: $(($(date +%s) - started)) s"
