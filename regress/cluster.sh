#!/usr/bin/env bash
# A throwaway PostgreSQL cluster. Source this file, then:
#   cluster_start DIR PORT   initdb (if needed) and start, listening on 127.0.0.1 and DIR
#   cluster_stop DIR
#   as_pg CMD...             run CMD as the cluster's owner
# initdb and postgres refuse to run as root, so as root the cluster belongs to
# the postgres user.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A port nothing listens on (bash only: no connection means free).
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

cluster_start() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log"; return 1; }
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 100
shared_buffers = 256MB
max_prepared_transactions = 10
log_min_messages = warning
CONF
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "-p $port" start >/dev/null \
    || { cat "$dir/server.log"; return 1; }
}

# A throwaway cluster for a benchmark: sets work (its directory) and port,
# starts it, and stops and removes it when the script exits.
throwaway_cluster() {
  work=$(mktemp -d "/tmp/$1.XXXXXX")
  port=$(free_port)
  trap 'cluster_stop "$work"; rm -rf "$work"' EXIT
  trap 'exit 130' INT TERM
  echo "Starting a throwaway cluster in $work (port $port) ..."
  cluster_start "$work" "$port"
}

# Loads the library at server start, as make run and the Docker image do: the
# maintenance worker and the change relay then serve database $2 (auto-saves
# off: a benchmark times ingestion alone; $3 off: no change relay, each commit
# notifies itself). Restarts DIR's server.
cluster_preload() {
  local dir=$1 db=$2 relay=${3:-on}
  cat >>"$dir/data/postgresql.conf" <<CONF
shared_preload_libraries = 'vellum'
vellum.database = '$db'
vellum.auto_save_interval = 0
vellum.change_relay = $relay
CONF
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -m fast restart >/dev/null \
    || { cat "$dir/server.log"; return 1; }
}

cluster_stop() {
  local dir=$1
  [ -f "$dir/data/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

# The stack `make run` starts, on free ports, for a test or a benchmark: exports
# VELLUM_PG_PORT, VELLUM_REDIS_PORT, PORT and VELLUM_RUN_DIR (a new directory
# named after $1), stops it all and removes the directory on exit, and keeps
# what make run printed in STACK_OUT (printed, and a failure, if it fails).
stack_start() {
  export VELLUM_PG_PORT=$(free_port) VELLUM_REDIS_PORT=$(free_port) PORT=$(free_port)
  export VELLUM_RUN_DIR=$(mktemp -d "/tmp/vellum-$1.XXXXXX")
  trap 'make -s stop >/dev/null 2>&1 || true; rm -rf "$VELLUM_RUN_DIR"' EXIT
  STACK_OUT=$(make -s run 2>&1) || { echo "$STACK_OUT"; return 1; }
}

# Fresh databases named in the arguments (dropped first if left over) and a
# work directory in $work, all removed on exit: for the DBA-path tests.
fresh_databases() {
  work=$(mktemp -d)
  local names="$*"
  trap "rm -rf '$work'; for db in $names; do dropdb --if-exists \$db; done" EXIT
  local db
  for db in "$@"; do
    dropdb --if-exists "$db" 2>/dev/null || true
    createdb "$db"
  done
}
