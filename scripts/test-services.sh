#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster and a Redis on loopback ports for the tests that
# need them, and prints the environment that points the tests at them.
#
#   eval "$(scripts/test-services.sh start)"   # then: dotnet test
#   scripts/test-services.sh stop
set -euo pipefail

root="${ZIM_SERVICES_DIR:-${TMPDIR:-/tmp}/zim-test-services}"
pg_port="${ZIM_PG_PORT:-55432}"
redis_port="${ZIM_REDIS_PORT:-56379}"

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  dirname "$(command -v initdb)"
}

as_postgres() {
  # initdb and postgres refuse to run as root.
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

start() {
  mkdir -p "$root"
  if ! command -v redis-server >/dev/null; then
    echo "installing redis-server" >&2
    if [ "$(id -u)" = 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
    else
      echo "redis-server is missing and this user cannot install it" >&2; exit 1
    fi
  fi
  local bin; bin="$(pg_bin)"
  if [ ! -f "$root/pg/PG_VERSION" ]; then
    mkdir -p "$root/pg"
    [ "$(id -u)" = 0 ] && chown postgres "$root" "$root/pg"
    as_postgres "'$bin/initdb' -D '$root/pg' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
  fi
  if ! as_postgres "'$bin/pg_ctl' -D '$root/pg' status" >/dev/null 2>&1; then
    as_postgres "'$bin/pg_ctl' -D '$root/pg' -l '$root/pg.log' -w -o \"-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on\" start" >&2
  fi
  if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --pidfile "$root/redis.pid" --logfile "$root/redis.log" >&2
    for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  echo "export ZIM_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres'"
  echo "export ZIM_TEST_REDIS='127.0.0.1:$redis_port'"
}

stop() {
  local bin; bin="$(pg_bin)"
  [ -f "$root/pg/PG_VERSION" ] && as_postgres "'$bin/pg_ctl' -D '$root/pg' -m fast stop" >/dev/null 2>&1 || true
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$root"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
