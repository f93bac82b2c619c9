#!/usr/bin/env bash
# Two HireHall processes on one PostgreSQL behind HAProxy, all on 127.0.0.1.
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hirehall_cluster npm run cluster:start
# Ctrl-C stops the three processes this script started. HH_HAPROXY_EXTRA names a further
# HAProxy config file (bench:cluster adds a stats socket with it).
set -euo pipefail
cd "$(dirname "$0")/../.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hirehall_cluster}"
export HH_BIND="${HH_BIND:-127.0.0.1:8080}"
export HH_PORT1="${HH_PORT1:-3101}" HH_PORT2="${HH_PORT2:-3102}"
export HH_REQ_PER_10S="${HH_REQ_PER_10S:-2000}"
# HAProxy refuses to start when maxconn needs more descriptors than the hard limit allows
nofile="$(ulimit -Hn)"; [ "$nofile" = unlimited ] && nofile=1000000
fit=$(( nofile / 2 - 100 ))
export HH_MAXCONN="${HH_MAXCONN:-$(( fit < 20000 ? fit : 20000 ))}"

if ! command -v haproxy >/dev/null; then
  echo "Installing HAProxy (Debian package)…"
  if [ "$(id -u)" = 0 ]; then apt-get install -y haproxy; else sudo apt-get install -y haproxy; fi
fi

# create the database once (trust auth on the local PostgreSQL)
db="${DATABASE_URL##*/}"
admin="${DATABASE_URL%/*}/postgres"
psql "$admin" -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1 ||
  psql "$admin" -c "create database $db encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0"

data="${HIREHALL_DATA_DIR:-./data-cluster}"   # uploaded files: shared by both processes
mkdir -p "$data"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

# the production bundle, as `npm start` runs it (built now when its sources changed)
node scripts/build-server.mjs
start_app() {
  NODE_ENV=production HOST=127.0.0.1 PORT="$1" HIREHALL_DATA_DIR="$data" \
    HIREHALL_TRUST_PROXY=1 HIREHALL_PUBLIC_URL="${HIREHALL_PUBLIC_URL:-http://$HH_BIND}" \
    node --enable-source-maps apps/server/dist/main.mjs &
  pids+=($!)
}
wait_healthy() { # port pid
  until curl -fs "http://127.0.0.1:$1/api/health" >/dev/null; do
    kill -0 "$2" 2>/dev/null || { echo "the server on port $1 exited" >&2; exit 1; }
    sleep 0.5
  done
}
start_app "$HH_PORT1"
# the first process migrates and seeds; the second starts once it is healthy
wait_healthy "$HH_PORT1" "${pids[0]}"
start_app "$HH_PORT2"
wait_healthy "$HH_PORT2" "${pids[1]}"

haproxy -f scripts/cluster/haproxy.cfg ${HH_HAPROXY_EXTRA:+-f "$HH_HAPROXY_EXTRA"} -db &
pids+=($!)
echo "HireHall on http://$HH_BIND → 127.0.0.1:$HH_PORT1 and 127.0.0.1:$HH_PORT2 (PostgreSQL $DATABASE_URL)"
wait -n
