#!/usr/bin/env bash
# The maintenance worker, as a DBA runs it: a cluster of its own with
# shared_preload_libraries = 'vellum' and a 1 s auto-save interval. An edited
# file gets an auto version, an unchanged one none, a file in the trash none;
# the worker comes back after a restart (fast and immediate) and goes on; the
# daily cleanup runs in its hour; the log says what it did.
set -euo pipefail
cd "$(dirname "$0")/../.."
source regress/cluster.sh

dir=$(mktemp -d /tmp/vellum-maintenance.XXXXXX)
port=$(free_port)
trap 'cluster_stop "$dir"; rm -rf "$dir"' EXIT
cluster_start "$dir" "$port"
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
createdb vellum
psql -Xq -v ON_ERROR_STOP=1 -d vellum -c "CREATE EXTENSION vellum"
psql -Xq -v ON_ERROR_STOP=1 -d vellum -c "ALTER SYSTEM SET shared_preload_libraries = 'vellum'"
restart() { as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -m "$1" restart >/dev/null; }
restart fast
# The worker's settings exist once the library is preloaded.
# The cleanup hour is moved away from now until the cleanup is tested.
psql -Xq -v ON_ERROR_STOP=1 -d vellum -c "ALTER SYSTEM SET vellum.auto_save_interval = 1" \
  -c "ALTER SYSTEM SET vellum.cleanup_hour = $(date -u -d '+12 hours' +%-H)" -c "SELECT pg_reload_conf()" >/dev/null

failures=0
q() { psql -XAtq -v ON_ERROR_STOP=1 -d vellum -c "$1"; }
check() {
  if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAILED: $1: expected '$2', got '$3'"; failures=$((failures + 1)); fi
}
# Waits up to 15 s for the query to answer the expected value.
wait_for() {
  local what=$1 expected=$2 sql=$3 actual
  for _ in $(seq 1 75); do
    actual=$(q "$sql")
    [ "$actual" = "$expected" ] && break
    sleep 0.2
  done
  check "$what" "$expected" "$actual"
}
versions() { echo "SELECT count(*) FROM vellum.file_versions WHERE file_id = '$1' AND is_auto_save"; }
edit() {
  q "SELECT count(*) FROM jsonb_array_elements(vellum.apply_ops('$1', jsonb_build_array(jsonb_build_object(
       'id', '$2', 'idempotencyKey', '$2', 'operationType', 'create', 'objectId', '$2',
       'newValue', jsonb_build_object('type', 'rectangle'), 'timestamp', 1, 'clientId', 'maintenance-test'))))" >/dev/null
}

check "the worker runs" "1" "$(q "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'vellum maintenance'")"
owner=$(q "INSERT INTO vellum.users (email, name, password_hash) VALUES ('ada@example.com', 'Ada', 'x') RETURNING id")
edited=$(q "INSERT INTO vellum.files (name, owner_id) VALUES ('edited', '$owner') RETURNING id")
untouched=$(q "INSERT INTO vellum.files (name, owner_id) VALUES ('untouched', '$owner') RETURNING id")
trashed=$(q "INSERT INTO vellum.files (name, owner_id) VALUES ('trashed', '$owner') RETURNING id")
edit "$edited" a
edit "$trashed" t
q "UPDATE vellum.files SET deleted_at = now() WHERE id = '$trashed'"

wait_for "an edited file gets an auto version" "1" "$(versions "$edited")"
check "it holds the edit" "1" "$(q "SELECT jsonb_array_length(canvas_data -> 'objects') FROM vellum.file_versions WHERE file_id = '$edited'")"
sleep 3
check "no new version while nothing changes" "1" "$(q "$(versions "$edited")")"
check "a file nobody edited gets none" "0" "$(q "$(versions "$untouched")")"
check "a file in the trash gets none" "0" "$(q "$(versions "$trashed")")"
edit "$edited" b
wait_for "another edit, another version" "2" "$(versions "$edited")"

restart fast
edit "$edited" c
wait_for "after a restart the worker goes on" "3" "$(versions "$edited")"
restart immediate
edit "$edited" d
wait_for "after a crash (-m immediate) too" "4" "$(versions "$edited")"

# The daily cleanup, in this hour: a session already expired is removed.
q "INSERT INTO vellum.sessions (user_id, token_hash, expires_at) VALUES ('$owner', 'expired', now() - interval '1 day')"
q "ALTER SYSTEM SET vellum.cleanup_hour = $(q "SELECT extract(hour FROM now())::int")"
q "SELECT pg_reload_conf()" >/dev/null
wait_for "the daily cleanup runs in its hour" "0" "SELECT count(*) FROM vellum.sessions WHERE token_hash = 'expired'"

log=$(cat "$dir/server.log")
[ -n "${MAINTENANCE_DEBUG:-}" ] && grep -i "vellum\|error\|cleanup" <<<"$log" | tail -20
for line in 'vellum maintenance: started in database "vellum"' 'vellum maintenance: auto-saved 1 file(s)' \
  'vellum maintenance: daily cleanup: {'; do
  if grep -qF "$line" <<<"$log"; then echo "ok: the log says: $line"; else echo "FAILED: the log lacks: $line"; failures=$((failures + 1)); fi
done
if grep -q 'vellum maintenance.*ERROR\|ERROR.*snapshot' <<<"$log"; then
  echo "FAILED: the worker logged errors:"; grep 'ERROR' <<<"$log"; failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] && echo "maintenance: all passed" || { echo "maintenance: $failures failed"; exit 1; }
