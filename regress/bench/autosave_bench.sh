#!/usr/bin/env bash
# Ops on a 100,000-object file while it is auto-saved: the latency of one-op
# apply_ops calls (4 clients, 40 calls/s in all, pgbench) for BENCH_SECONDS
# each way: with no snapshot running; with vellum.snapshot() of that file
# running back to back (0.2.0: it reads the document in its MVCC snapshot;
# 0.3.0: it stores it with lz4), then the same with pglz, as 0.2.0 stored it;
# and with a snapshot that first takes the file's row lock, as 0.1.0's did.
# Prints p50 / p99 / max of each. Runs in a throwaway cluster of its own.
#
#   BENCH_SECONDS=15   seconds per case
#   BENCH_OBJECTS=100000
set -euo pipefail
cd "$(dirname "$0")/../.."
source regress/cluster.sh
seconds=${BENCH_SECONDS:-15}
objects=${BENCH_OBJECTS:-100000}

dir=$(mktemp -d /tmp/vellum-autosave-bench.XXXXXX)
port=$(free_port)
snapshots_pid=
trap '[ -n "$snapshots_pid" ] && stop_snapshots; cluster_stop "$dir"; rm -rf "$dir"' EXIT
cluster_start "$dir" "$port"
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=postgres
psql -Xq -v ON_ERROR_STOP=1 -c "CREATE EXTENSION vellum"
owner=$(psql -XAtq -c "INSERT INTO vellum.users (email, name) VALUES ('bench@example.com', 'Bench') RETURNING id")
file=$(psql -XAtq -c "INSERT INTO vellum.files (name, owner_id) VALUES ('autosave bench', '$owner') RETURNING id")
echo "Filling a file with $objects objects ..."
for ((first = 0; first < objects; first += 10000)); do
  psql -XAtq -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM jsonb_array_elements(vellum.apply_ops('$file', (
      SELECT jsonb_agg(jsonb_build_object('id', 'c' || i, 'idempotencyKey', 'c' || i, 'operationType', 'create',
        'objectId', 'o' || i, 'timestamp', 1, 'clientId', 'fill',
        'newValue', jsonb_build_object('type', 'rectangle', 'x', i % 1000 * 10, 'y', i / 1000 * 10,
                                       'width', 8, 'height', 8, 'fill', '#3e63dd')))
      FROM generate_series($first, least($first + 9999, $objects - 1)) AS i)))" >/dev/null
done
psql -Xq -c "ANALYZE"

cat >"$dir/op.sql" <<SQL
\set k random(1, 2000000000)
SELECT vellum.apply_ops('$file', jsonb_build_array(jsonb_build_object('id', 'b' || :client_id || '-' || :k,
  'idempotencyKey', 'b' || :client_id || '-' || :k, 'operationType', 'update', 'objectId', 'o' || (:k % $objects),
  'newValue', jsonb_build_object('x', :k % 5000), 'timestamp', 2, 'clientId', 'bench')), '$owner');
SQL

# Latencies of one pgbench run, as "p50 p99 max" in ms.
measure() {
  rm -f "$dir"/pgbench_log.*
  (cd "$dir" && pgbench -n -c 4 -j 2 -R 40 -T "$seconds" -f op.sql -l --log-prefix=pgbench_log >/dev/null 2>&1)
  cat "$dir"/pgbench_log.* | awk '{print $3 / 1000}' | sort -n |
    awk '{a[NR] = $1} END {printf "%.1f / %.1f / %.1f ms (%d ops)", a[int(NR * 0.5)], a[int(NR * 0.99)], a[NR], NR}'
}
snapshot_loop() {
  local sql=$1
  while :; do psql -XAtq -c "$sql" >/dev/null 2>&1; done
}
# The loop and the psql it is running (its snapshot is rolled back).
stop_snapshots() {
  kill "$snapshots_pid" 2>/dev/null || true
  pkill -P "$snapshots_pid" 2>/dev/null || true
  wait "$snapshots_pid" 2>/dev/null || true
  snapshots_pid=
}
count_versions() { psql -XAtq -c "SELECT count(*) FROM vellum.file_versions WHERE file_id = '$file'"; }
one=$(psql -XAtq -c '\timing on' -c "SELECT version_number FROM vellum.snapshot('$file')" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')

echo "One vellum.snapshot() of the file: $one ms"
echo "Ops on the file, p50 / p99 / max (4 clients, 40 ops/s, $seconds s each):"
echo "  no snapshot running:                         $(measure)"
before=$(count_versions)
snapshot_loop "SELECT vellum.snapshot('$file')" &
snapshots_pid=$!
echo "  snapshots back to back (lz4, 0.3.0):         $(measure)"
stop_snapshots
echo "    ($(($(count_versions) - before)) versions saved meanwhile)"
compression() {
  psql -Xq -v ON_ERROR_STOP=1 -c "ALTER TABLE vellum.files ALTER COLUMN canvas_data SET COMPRESSION $1" \
    -c "ALTER TABLE vellum.file_versions ALTER COLUMN canvas_data SET COMPRESSION $1"
}
compression pglz
before=$(count_versions)
snapshot_loop "SELECT vellum.snapshot('$file')" &
snapshots_pid=$!
echo "  snapshots back to back (pglz, as 0.2.0):     $(measure)"
stop_snapshots
echo "    ($(($(count_versions) - before)) versions saved meanwhile)"
compression lz4
before=$(count_versions)
snapshot_loop "BEGIN; SELECT 1 FROM vellum.files WHERE id = '$file' FOR NO KEY UPDATE; SELECT vellum.snapshot('$file'); COMMIT;" &
snapshots_pid=$!
echo "  snapshots under the file's row lock (0.1.0): $(measure)"
stop_snapshots
echo "    ($(($(count_versions) - before)) versions saved meanwhile)"
