#!/usr/bin/env bash
# Two HireHall processes on one PostgreSQL behind HAProxy, all on 127.0.0.1.
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hirehall_cluster npm run cluster:start
# Ctrl-C stops the three processes this script started.
set -euo pipefail
cd "$(dirname "$0")/../.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hirehall_cluster}"
export HH_BIND="${HH_BIND:-127.0.0.1:8080}"
export HH_PORT1="${HH_PORT1:-3101}" HH_PORT2="${HH_PORT2:-3102}"
export HH_REQ_PER_10S="${HH_REQ_PER_10S:-2000}"

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

start_app() {
  NODE_ENV=production HOST=127.0.0.1 PORT="$1" HIREHALL_DATA_DIR="$data" \
    HIREHALL_TRUST_PROXY=1 HIREHALL_PUBLIC_URL="http://$HH_BIND" \
    node --import tsx apps/server/src/main.ts &
  pids+=($!)
}
start_app "$HH_PORT1"
# the first process migrates and seeds; the second starts once it is healthy
until curl -fs "http://127.0.0.1:$HH_PORT1/api/health" >/dev/null; do sleep 0.5; done
start_app "$HH_PORT2"
until curl -fs "http://127.0.0.1:$HH_PORT2/api/health" >/dev/null; do sleep 0.5; done

haproxy -f scripts/cluster/haproxy.cfg -db &
pids+=($!)
echo "HireHall on http://$HH_BIND → 127.0.0.1:$HH_PORT1 and 127.0.0.1:$HH_PORT2 (PostgreSQL $DATABASE_URL)"
wait -n
