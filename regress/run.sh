#!/usr/bin/env bash
# make run: installs what is missing, builds, and starts a local PostgreSQL
# with the extension created in database "vellum". `make stop` stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash regress/install_deps.sh
make -s
make -s install

source regress/cluster.sh
dir=${VELLUM_RUN_DIR:-/tmp/vellum-run-$(echo "$root" | md5sum | cut -c1-8)}
port=${VELLUM_PG_PORT:-55432}
if [ -f "$dir/data/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  port=$(sed -n 4p "$dir/data/postmaster.pid")
  echo "PostgreSQL is already running from $dir"
else
  cluster_start "$dir" "$port"
fi
echo "$dir" >"$root/.run-dir"
psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'vellum'" |
  grep -q 1 || createdb -h 127.0.0.1 -p "$port" -U postgres vellum
psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d vellum -c "CREATE EXTENSION IF NOT EXISTS vellum"

cat <<MSG

Vellum's engine is running: PostgreSQL 15 on 127.0.0.1:$port, database "vellum", extension vellum.
  Connect:   psql -h 127.0.0.1 -p $port -U postgres vellum
  Try:       the SQL quickstart in README.md
  Stop:      make stop
MSG
