#!/usr/bin/env bash
# Runs the README's SQL quickstart exactly as written, in a fresh database,
# and checks what it shows.
set -euo pipefail
cd "$(dirname "$0")/../.."

db=vellum_quickstart
dropdb --if-exists $db 2>/dev/null || true
createdb $db
trap 'dropdb --if-exists $db' EXIT

sql=$(sed -n '/<!-- quickstart:begin -->/,/<!-- quickstart:end -->/p' README.md | sed '1,2d;$d' | sed '$d')
[ -n "$sql" ] || { echo "no quickstart block found in README.md"; exit 1; }
out=$(psql -X -v ON_ERROR_STOP=1 $db <<<"$sql" 2>&1) || { echo "$out"; echo "the quickstart failed"; exit 1; }

failures=0
expect() {
  if grep -Eq "$2" <<<"$out"; then
    echo "ok: $1"
  else
    echo "FAILED: $1 (no line matching /$2/)"
    failures=$((failures + 1))
  fi
}
expect "the three ops are applied" '"status": "applied"'
expect "the retried op is a duplicate" '^ duplicate$'
expect "the snapshot is version 1" '^ +1 \| Blue rectangle$'
expect "the INSERT got seq 4 and the old width" '^ +4 \| 200 +\| 400$'
expect "the restore brought width 200 back" '^ rect-1 +\| 200 +\| #3366ff$'
expect "the log shows the restore as an update" '^ +5 \| update +\| rect-1 +\|'
expect "rebuild matches the document" '^ t$'
if [ "$failures" -ne 0 ]; then
  echo "$out"
  exit 1
fi
