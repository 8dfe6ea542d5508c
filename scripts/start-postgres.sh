#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the tests, on 127.0.0.1:${PGPORT:-54329}, and print the
# URL to use. Usage: export NEWSPRISM_TEST_PG_URL=$(bash scripts/start-postgres.sh)
# Installs Debian's postgresql first when it is missing (needs root and apt).
set -euo pipefail
port=${PGPORT:-54329}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing PostgreSQL (apt-get)..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
data=${PGDATA_DIR:-/tmp/newsprism-pg-$port}
url="postgresql://newsprism:newsprism@127.0.0.1:$port/newsprism"
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then echo "$url"; exit 0; fi
if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres "$data"
  run "'$bin/initdb' -D '$data' -U postgres --auth=trust" >/dev/null
fi
run "'$bin/pg_ctl' -D '$data' -l '$data/server.log' -w -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' start" >&2
psql() { "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres "$@"; }
psql -tc "SELECT 1 FROM pg_roles WHERE rolname='newsprism'" | grep -q 1 || psql -c "CREATE ROLE newsprism LOGIN PASSWORD 'newsprism'" >&2
psql -tc "SELECT 1 FROM pg_database WHERE datname='newsprism'" | grep -q 1 || psql -c "CREATE DATABASE newsprism OWNER newsprism" >&2
echo "$url"
