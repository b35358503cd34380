#!/usr/bin/env bash
# Backup and restore as a DBA does it: pg_dump a populated database, restore
# it into a fresh one with psql, compare every table, and check the restored
# file keeps accepting ops. Needs PGHOST/PGPORT/PGUSER of a running cluster.
set -euo pipefail
cd "$(dirname "$0")/../.."

src=vellum_dump_src
dst=vellum_dump_dst
source regress/cluster.sh
fresh_databases $src $dst

psql -q -v ON_ERROR_STOP=1 $src -f regress/integration/populate.sql >/dev/null
# Tables newer than 0.1.0, which populate.sql also fills for the upgrade test.
psql -q -v ON_ERROR_STOP=1 $src -c "INSERT INTO vellum.file_thumbnails (file_id, sha256, bytes)
  SELECT f.id, encode(sha256('\x89504e47'::bytea), 'hex'), '\x89504e47'::bytea FROM vellum.files f"
psql -q -v ON_ERROR_STOP=1 $src -c "SET vellum.checkpoint_every_ops = 1" -c "SELECT count(*) FROM vellum.files f, vellum.snapshot(f.id)" >/dev/null
pg_dump --no-owner $src >"$work/dump.sql"
psql -q -v ON_ERROR_STOP=1 $dst -f "$work/dump.sql" >/dev/null

tables="users teams team_members projects files file_versions comments file_permissions invitations images file_images operations objects file_baselines file_thumbnails"
failures=0
for t in $tables; do
  q="SELECT count(*) || ' ' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '-') FROM vellum.$t x"
  a=$(psql -Atq $src -c "$q")
  b=$(psql -Atq $dst -c "$q")
  if [ "$a" != "$b" ]; then
    echo "table $t differs after restore: $a vs $b"
    failures=$((failures + 1))
  elif [ "${a%% *}" = "0" ]; then
    echo "table $t is empty: the populate script must cover it"
    failures=$((failures + 1))
  else
    echo "table $t: ${a%% *} rows restored"
  fi
done

# The restored file goes on: the next op gets the next seq, a replayed key is
# still a duplicate, and the log still rebuilds the document.
check() {
  local what=$1 expected=$2 actual
  actual=$(psql -Atq -v ON_ERROR_STOP=1 $dst -c "$3")
  if [ "$actual" = "$expected" ]; then
    echo "ok: $what"
  else
    echo "FAILED: $what: expected '$expected', got '$actual'"
    failures=$((failures + 1))
  fi
}
file="'00000000-0000-0000-0000-0000000000f1'"
last=$(psql -Atq $dst -c "SELECT last_seq FROM vellum.files WHERE id = $file")
now="(extract(epoch from clock_timestamp()) * 1000)::bigint"
check "a new op after restore is applied with the next seq" "applied $((last + 1))" \
  "SELECT r->>'status' || ' ' || (r->>'seq') FROM jsonb_array_elements(vellum.apply_ops($file,
     jsonb_build_array(jsonb_build_object('idempotencyKey', 'after-restore', 'operationType', 'update',
       'objectId', 'title', 'propertyPath', 'text', 'newValue', 'Restored', 'timestamp', $now, 'clientId', 'dba')))) r"
check "an op applied before the dump is still a duplicate" "duplicate" \
  "SELECT r->>'status' FROM jsonb_array_elements(vellum.apply_ops($file,
     '[{\"idempotencyKey\": \"k-title\", \"operationType\": \"update\", \"objectId\": \"title\",
        \"propertyPath\": \"text\", \"newValue\": \"again\", \"timestamp\": 1, \"clientId\": \"x\"}]')) r"
check "rebuild from the restored log equals the document" "t" \
  "SELECT vellum.rebuild($file) = vellum.document($file)"
check "the document holds the new value" "Restored" \
  "SELECT o->>'text' FROM jsonb_array_elements(vellum.document($file)->'objects') o WHERE o->>'id' = 'title'"

[ "$failures" -eq 0 ]
