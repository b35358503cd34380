#!/usr/bin/env bash
# make run: installs what is missing, builds, and starts a local PostgreSQL
# with the extension (database "vellum"), Redis and the gateway; prints the
# URL to open. `make stop` stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash regress/install_deps.sh
make -s
make -s install
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target vellum-gateway
bash gateway/web/build.sh

source regress/cluster.sh
dir=${VELLUM_RUN_DIR:-/tmp/vellum-run-$(echo "$root" | md5sum | cut -c1-8)}
pg_port=${VELLUM_PG_PORT:-55432}
redis_port=${VELLUM_REDIS_PORT:-56379}
http_port=${PORT:-8080}
echo "$dir" >"$root/.run-dir"

if as_pg "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  pg_port=$(sed -n 4p "$dir/data/postmaster.pid")
else
  cluster_start "$dir" "$pg_port"
fi
psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'vellum'" |
  grep -q 1 || createdb -h 127.0.0.1 -p "$pg_port" -U postgres vellum
psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d vellum -c "CREATE EXTENSION IF NOT EXISTS vellum"
# A database made by an earlier version: brought to the installed one (the gateway needs its functions).
psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d vellum -c "ALTER EXTENSION vellum UPDATE"
# The maintenance worker (auto-save, daily cleanup) needs the library preloaded:
# configured once, then PostgreSQL restarts with it (the database exists by then).
if ! psql -X -Atq -h 127.0.0.1 -p "$pg_port" -U postgres -d vellum -c "SHOW shared_preload_libraries" | grep -qw vellum; then
  psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d vellum -c "ALTER SYSTEM SET shared_preload_libraries = 'vellum'"
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -m fast restart >/dev/null
fi

if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
fi

if [ -f "$dir/gateway.pid" ] && kill -0 "$(cat "$dir/gateway.pid")" 2>/dev/null; then
  kill "$(cat "$dir/gateway.pid")"
  sleep 1
fi
# /metrics is for operators: a token of this run's own, kept in its folder.
if [ -n "${METRICS_TOKEN:-}" ]; then
  (umask 077 && printf %s "$METRICS_TOKEN" >"$dir/metrics-token")
elif [ ! -s "$dir/metrics-token" ]; then
  (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/metrics-token")
fi
metrics_token=$(cat "$dir/metrics-token")
web_root="$root/gateway/web/dist"
DATABASE_URL="host=127.0.0.1 port=$pg_port user=postgres dbname=vellum" REDIS_URL="redis://127.0.0.1:$redis_port" \
  HOST=127.0.0.1 PORT="$http_port" WEB_ROOT="$web_root" METRICS_TOKEN="$metrics_token" \
  nohup build/vellum-gateway >"$dir/gateway.log" 2>&1 &
echo $! >"$dir/gateway.pid"
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$http_port/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$http_port/health" >/dev/null || { tail -20 "$dir/gateway.log"; echo "the gateway did not become healthy"; exit 1; }

cat <<MSG

Vellum is running:
  Open:        http://127.0.0.1:$http_port/
  PostgreSQL:  psql -h 127.0.0.1 -p $pg_port -U postgres vellum   (the SQL quickstart in README.md)
  Redis:       127.0.0.1:$redis_port (presence)
  Logs:        $dir/gateway.log, $dir/server.log (PostgreSQL, with the maintenance worker's auto-saves and cleanups)
  Metrics:     curl -H "Authorization: Bearer \$(cat $dir/metrics-token)" http://127.0.0.1:$http_port/metrics
  Stop:        make stop
MSG
