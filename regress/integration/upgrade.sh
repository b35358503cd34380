#!/usr/bin/env bash
# The upgrade from 0.1.0 to the current version (0.2.0, 0.3.0, then 0.4.0) as a DBA
# runs it: install 0.1.0, fill it
# (regress/integration/populate.sql: every table has rows, a file with ops),
# ALTER EXTENSION vellum UPDATE, then check that every row is still there,
# that access answers the same, that ops apply through the old functions and
# the new one, and that pg_dump/pg_restore round-trips the upgraded database.
# Needs PGHOST/PGPORT/PGUSER of a running cluster with the extension installed.
set -euo pipefail
cd "$(dirname "$0")/../.."

db=vellum_upgrade
restored=vellum_upgrade_restored
source regress/cluster.sh
fresh_databases $db $restored

failures=0
check() {
  local what=$1 expected=$2 actual
  actual=$(psql -Atq -v ON_ERROR_STOP=1 "${4:-$db}" -c "$3")
  if [ "$actual" = "$expected" ]; then
    echo "ok: $what"
  else
    echo "FAILED: $what: expected '$expected', got '$actual'"
    failures=$((failures + 1))
  fi
}

psql -q -v ON_ERROR_STOP=1 $db -c "CREATE EXTENSION vellum VERSION '0.1.0'"
sed 's/^CREATE EXTENSION vellum;$//' regress/integration/populate.sql | psql -q -v ON_ERROR_STOP=1 $db >/dev/null
check "0.1.0 is installed" "0.1.0" "SELECT extversion FROM pg_extension WHERE extname = 'vellum'"

tables="users teams team_members projects files file_versions comments file_permissions invitations images file_images operations objects file_baselines"
table_sums() {
  local t
  for t in $tables; do
    echo "$t $(psql -Atq "$1" -c "SELECT count(*) || ' ' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '-') FROM (SELECT to_jsonb(x) - 'registers' AS r FROM vellum.$t x) x")"
  done
}
# Every user's access to every file, and every file's document.
access_q="SELECT string_agg(f.name || '/' || u.name || '=' || coalesce(vellum.file_access(f.id, u.id), '-'), ' ' ORDER BY f.name, u.name)
          FROM vellum.files f CROSS JOIN vellum.users u"
docs_q="SELECT md5(string_agg(vellum.document(f.id)::text, '|' ORDER BY f.id)) FROM vellum.files f"
table_sums $db >"$work/before"
access_before=$(psql -Atq $db -c "$access_q")
docs_before=$(psql -Atq $db -c "$docs_q")

psql -q -v ON_ERROR_STOP=1 $db -c "ALTER EXTENSION vellum UPDATE"
# Rows are compared without 0.4.0's new file_versions.registers (NULL for the
# versions taken before).
check "the update brings 0.4.0" "0.4.0" "SELECT extversion FROM pg_extension WHERE extname = 'vellum'"
check "0.3.0 stores documents with lz4 (l)" "l l" \
  "SELECT string_agg(attcompression::text, ' ' ORDER BY attrelid::regclass::text) FROM pg_attribute
   WHERE attname = 'canvas_data' AND attrelid IN ('vellum.files'::regclass, 'vellum.file_versions'::regclass)"
check "0.3.0 leaves room on the files table's pages for HOT updates" "{fillfactor=80}" \
  "SELECT reloptions FROM pg_class WHERE oid = 'vellum.files'::regclass"
check "0.4.0 announces file and comment changes" "comments_changed files_listed" \
  "SELECT string_agg(tgname, ' ' ORDER BY tgname) FROM pg_trigger WHERE tgname IN ('comments_changed', 'files_listed')"
check "versions from before 0.4.0 have no registers, and rebuild still replays from the baseline" "t" \
  "SELECT bool_and(v.registers IS NULL) AND bool_and(vellum.rebuild(f.id) = vellum.document(f.id))
   FROM vellum.files f LEFT JOIN vellum.file_versions v ON v.file_id = f.id"
table_sums $db >"$work/after"
while read -r t rows sum; do
  read -r _ rows2 sum2 < <(grep "^$t " "$work/after")
  if [ "$rows $sum" != "$rows2 $sum2" ]; then
    echo "FAILED: table $t changed in the update: $rows $sum vs $rows2 $sum2"
    failures=$((failures + 1))
  elif [ "$rows" = "0" ]; then
    echo "FAILED: table $t is empty: the populate script must cover it"
    failures=$((failures + 1))
  else
    echo "ok: table $t keeps its $rows rows"
  fi
done <"$work/before"
check "file_access answers as before for every user and file" "$access_before" "$access_q"
check "every document is as before" "$docs_before" "$docs_q"
check "the unread index on operations(\"timestamp\") is gone" "0" \
  "SELECT count(*) FROM pg_indexes WHERE schemaname = 'vellum' AND indexname = 'idx_operations_timestamp'"
check "apply_ops_files is there" "vellum.apply_ops_files(jsonb)" \
  "SELECT p.oid::regprocedure FROM pg_proc p WHERE p.proname = 'apply_ops_files' AND p.pronamespace = 'vellum'::regnamespace"

file="'00000000-0000-0000-0000-0000000000f1'"
ada="'00000000-0000-0000-0000-0000000000a1'"
last=$(psql -Atq $db -c "SELECT last_seq FROM vellum.files WHERE id = $file")
now="(extract(epoch from clock_timestamp()) * 1000)::bigint"
op() { echo "jsonb_build_array(jsonb_build_object('id', '$1', 'idempotencyKey', '$1', 'operationType', 'update', 'objectId', 'title', 'propertyPath', 'text', 'newValue', '$2', 'timestamp', $now, 'clientId', 'dba'))"; }
check "an op through apply_ops gets the next seq" "applied $((last + 1))" \
  "SELECT r->>'status' || ' ' || (r->>'seq') FROM jsonb_array_elements(vellum.apply_ops($file, $(op up-1 'Old path'), $ada)) r"
check "an op through apply_ops_batch gets the next" "applied $((last + 2))" \
  "SELECT r->>'status' || ' ' || (r->>'seq') FROM jsonb_array_elements(vellum.apply_ops_batch($file,
     jsonb_build_array(jsonb_build_object('userId', $ada, 'ops', $(op up-2 'Batch path')))) -> 0) r"
check "an op through apply_ops_files gets the next" "applied $((last + 3))" \
  "SELECT r->>'status' || ' ' || (r->>'seq') FROM jsonb_array_elements(vellum.apply_ops_files(jsonb_build_array(
     jsonb_build_object('fileId', $file, 'batches', jsonb_build_array(jsonb_build_object('userId', $ada, 'ops', $(op up-3 'New path'))))))
     -> 0 -> 'results' -> 0) r"
check "a key applied before the update is still a duplicate" "duplicate" \
  "SELECT r->>'status' FROM jsonb_array_elements(vellum.apply_ops($file,
     '[{\"idempotencyKey\": \"k-title\", \"operationType\": \"update\", \"objectId\": \"title\",
        \"propertyPath\": \"text\", \"newValue\": \"again\", \"timestamp\": 1, \"clientId\": \"x\"}]')) r"
check "the log rebuilds the document" "t" "SELECT vellum.rebuild($file) = vellum.document($file)"
check "the file edited since its last version is due an auto-save" "1" \
  "SELECT count(*) FROM vellum.files_to_auto_save WHERE file_id = $file"
psql -q -v ON_ERROR_STOP=1 $db -c "SET vellum.checkpoint_every_ops = 1" -c "CALL vellum.auto_save()"
check "CALL vellum.auto_save() (the pg_cron way) saved it, and nothing is due after" "t|0" \
  "SELECT (SELECT max(seq) FROM vellum.file_versions WHERE file_id = $file AND is_auto_save) = (SELECT last_seq FROM vellum.files WHERE id = $file), count(*) FROM vellum.files_to_auto_save"
check "the new version kept its registers, and rebuild from it gives the document" "1|t" \
  "SELECT count(*), bool_and(vellum.rebuild($file, v.seq) = vellum.document($file))
   FROM vellum.file_versions v WHERE v.file_id = $file AND v.registers IS NOT NULL"
registers_q="SELECT md5(string_agg(id || registers::text, '|' ORDER BY id)) FROM vellum.file_versions WHERE registers IS NOT NULL"

pg_dump -Fc --no-owner $db >"$work/dump.pgc"
pg_restore --no-owner -d $restored "$work/dump.pgc"
check "the restored database is at 0.4.0" "0.4.0" "SELECT extversion FROM pg_extension WHERE extname = 'vellum'" $restored
table_sums $db >"$work/source"
table_sums $restored >"$work/restored"
if diff "$work/source" "$work/restored" >/dev/null; then
  echo "ok: pg_dump/pg_restore keeps every table"
else
  echo "FAILED: tables differ after pg_restore:"
  diff "$work/source" "$work/restored" || true
  failures=$((failures + 1))
fi
check "pg_dump/pg_restore keeps the versions' registers" "$(psql -Atq $db -c "$registers_q")" "$registers_q" $restored
last=$(psql -Atq $restored -c "SELECT last_seq FROM vellum.files WHERE id = $file")
check "the restored file takes ops through apply_ops_files" "applied $((last + 1))" \
  "SELECT r->>'status' || ' ' || (r->>'seq') FROM jsonb_array_elements(vellum.apply_ops_files(jsonb_build_array(
     jsonb_build_object('fileId', $file, 'batches', jsonb_build_array(jsonb_build_object('userId', $ada, 'ops', $(op up-4 'Restored'))))))
     -> 0 -> 'results' -> 0) r" $restored

[ "$failures" -eq 0 ]
