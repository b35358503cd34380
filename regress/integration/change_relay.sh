#!/usr/bin/env bash
# The change relay (extension/src/change_relay.hpp), as a DBA runs it: a
# cluster of its own with shared_preload_libraries = 'vellum'. Committed ops
# are notified by the relay worker, every seq of every file exactly once and in
# order per file, from several writers at once; a rolled-back call notifies
# nothing; while the relay is down (terminated) commits notify themselves and
# nothing is missed; it comes back by itself; with vellum.change_relay = off
# there is no relay and commits notify themselves.
set -euo pipefail
cd "$(dirname "$0")/../.."
source regress/cluster.sh

dir=$(mktemp -d /tmp/vellum-relay.XXXXXX)
port=$(free_port)
trap 'cluster_stop "$dir"; rm -rf "$dir"' EXIT
cluster_start "$dir" "$port"
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=vellum
createdb vellum
psql -Xq -v ON_ERROR_STOP=1 -c "CREATE EXTENSION vellum"
cluster_preload "$dir" vellum

failures=0
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
check() {
  if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAILED: $1: expected '$2', got '$3'"; failures=$((failures + 1)); fi
}
relay_pid() { q "SELECT coalesce(max(pid), 0) FROM pg_stat_activity WHERE backend_type = 'vellum change relay'"; }
wait_relay() {
  for _ in $(seq 1 50); do
    [ "$(relay_pid)" != 0 ] && return 0
    sleep 0.1
  done
}
wait_relay
check "the relay runs in database vellum" "vellum" "$(q "SELECT datname FROM pg_stat_activity WHERE backend_type = 'vellum change relay'")"

user=$(q "INSERT INTO vellum.users (email, name) VALUES ('relay@example.com', 'Relay') RETURNING id")
files=()
for i in 1 2 3 4; do files+=("$(q "INSERT INTO vellum.files (name, owner_id) VALUES ('relay $i', '$user') RETURNING id")"); done

# apply FILE KEY: one op, one call, one commit.
op() {
  printf "SELECT count(*) FROM jsonb_array_elements(vellum.apply_ops('%s', '[{\"id\": \"%s\", \"idempotencyKey\": \"%s\", \"operationType\": \"create\", \"objectId\": \"%s\", \"newValue\": {\"type\": \"rectangle\", \"x\": %d}, \"timestamp\": %s, \"clientId\": \"relay\"}]'::jsonb, '%s')) r WHERE r ->> 'status' = 'applied';\n" \
    "$1" "$2" "$2" "$2" "$RANDOM" "$(date +%s%3N)" "$user"
}

# listen SECONDS OUT: a session listening for SECONDS, its notifications in OUT
# as "pid payload" lines.
listen() {
  { echo "LISTEN vellum_changes;"; echo "SELECT pg_sleep($1);"; echo "SELECT 1;"; } |
    psql -Xq 2>&1 | sed -n 's/^Asynchronous notification "vellum_changes" with payload "\(.*\)" received from server process with PID \([0-9]*\)\.$/\2 \1/p' >"$2"
}

# covered OUT FILE: the seqs the notifications in OUT name for FILE, one per
# line, in the order the ranges came.
covered() {
  grep "\"fileId\": \"$2\"" "$1" | sed 's/.*"fromSeq": \([0-9]*\), "toSeq": \([0-9]*\)}.*/\1 \2/' |
    while read -r from to; do seq "$from" "$to"; done
}

# 1. Eight writers, four files, one op per call: every seq notified once, in
#    order, by the relay.
relay=$(relay_pid)
listen 6 "$dir/n1" &
listener=$!
sleep 1
for w in $(seq 1 8); do
  (for k in $(seq 1 25); do op "${files[$(((w + k) % 4))]}" "w$w-$k"; done | psql -XAtq -v ON_ERROR_STOP=1 >/dev/null) &
done
wait $(jobs -p | grep -v "^$listener$") 2>/dev/null || true
wait "$listener"
total=0
for f in "${files[@]}"; do
  last=$(q "SELECT last_seq FROM vellum.files WHERE id = '$f'")
  total=$((total + last))
  check "file $f: its seqs notified once each, in order" "$(seq 1 "$last" | tr '\n' ' ')" "$(covered "$dir/n1" "$f" | tr '\n' ' ')"
done
check "200 ops applied" 200 "$total"
check "every notification came from the relay (pid $relay)" "$relay" "$(cut -d' ' -f1 "$dir/n1" | sort -u | tr '\n' ' ' | sed 's/ $//')"

# 2. A call rolled back notifies nothing.
listen 2 "$dir/n2" &
listener=$!
sleep 0.5
{ echo "BEGIN;"; op "${files[0]}" rolled-back; echo "ROLLBACK;"; } | psql -XAtq -v ON_ERROR_STOP=1 >/dev/null
wait "$listener"
check "a rolled-back call notifies nothing" 0 "$(wc -l <"$dir/n2")"

# 3. The relay terminated: the next commits notify themselves, nothing is
#    missed, and the relay comes back (a second later) with a new pid.
before=$(q "SELECT last_seq FROM vellum.files WHERE id = '${files[1]}'")
listen 5 "$dir/n3" &
listener=$!
sleep 0.5
q "SELECT pg_terminate_backend($relay)" >/dev/null
for _ in $(seq 1 50); do [ "$(relay_pid)" = 0 ] && break; sleep 0.02; done
for k in $(seq 1 5); do op "${files[1]}" "down-$k"; done | psql -XAtq -v ON_ERROR_STOP=1 >/dev/null
wait_relay
after_restart=$(relay_pid)
for k in $(seq 1 5); do op "${files[1]}" "back-$k"; done | psql -XAtq -v ON_ERROR_STOP=1 >/dev/null
wait "$listener"
check "with the relay down and back, every seq notified once, in order" "$(seq $((before + 1)) $((before + 10)) | tr '\n' ' ')" \
  "$(covered "$dir/n3" "${files[1]}" | tr '\n' ' ')"
check "a new relay started" yes "$([ "$after_restart" != 0 ] && [ "$after_restart" != "$relay" ] && echo yes || echo "no ($after_restart)")"
check "the commits while it was down notified themselves" yes \
  "$(cut -d' ' -f1 "$dir/n3" | grep -qv "^$after_restart$" && echo yes || echo no)"
check "the commits after it came back came from it" yes \
  "$(tail -n 1 "$dir/n3" | cut -d' ' -f1 | grep -qx "$after_restart" && echo yes || echo no)"
grep -q 'vellum change relay: started in database "vellum"' "$dir/server.log" && echo "ok: the log says the relay started" ||
  { echo "FAILED: the log does not say the relay started"; failures=$((failures + 1)); }

# 4. vellum.change_relay = off: no relay, and commits notify themselves.
psql -Xq -c "ALTER SYSTEM SET vellum.change_relay = off"
as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -m fast restart >/dev/null
sleep 1
check "no relay with vellum.change_relay = off" 0 "$(relay_pid)"
before=$(q "SELECT last_seq FROM vellum.files WHERE id = '${files[2]}'")
listen 2 "$dir/n4" &
listener=$!
sleep 0.5
for k in 1 2 3; do op "${files[2]}" "off-$k"; done | psql -XAtq -v ON_ERROR_STOP=1 >/dev/null
wait "$listener"
check "without the relay, every seq notified once, in order" "$(seq $((before + 1)) $((before + 3)) | tr '\n' ' ')" \
  "$(covered "$dir/n4" "${files[2]}" | tr '\n' ' ')"

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "change relay: all checks passed"
