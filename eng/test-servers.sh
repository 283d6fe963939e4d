#!/usr/bin/env bash
# Runs a command with throwaway Redis and PostgreSQL servers on loopback, for the key-store tests
# (tests/TokenIssuer.KeyStores.Tests), then stops them and removes their data, whatever the command did.
#   eng/test-servers.sh dotnet test TokenIssuer.sln
# Exits with the command's exit code. Needs PostgreSQL 15 (on the machine image) and redis-server, which it
# installs with apt-get when it is missing and the script runs as root. Both servers keep their data in a
# temporary folder and listen on 127.0.0.1 only, on fixed non-default ports so they never meet a developer's own:
#   TOKENISSUER_TEST_REDIS_PORT (default 6390), TOKENISSUER_TEST_POSTGRES_PORT (default 5440).
# The command sees TOKENISSUER_TEST_REDIS (host:port) and TOKENISSUER_TEST_POSTGRES (an Npgsql connection string).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: eng/test-servers.sh COMMAND [ARGS...]   e.g. eng/test-servers.sh dotnet test TokenIssuer.sln" >&2
  exit 2
fi

redis_port=${TOKENISSUER_TEST_REDIS_PORT:-6390}
pg_port=${TOKENISSUER_TEST_POSTGRES_PORT:-5440}
pg_bin=${TOKENISSUER_TEST_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}

fail() { echo "test-servers: $*" >&2; exit 1; }

# --- what is needed, installed where it can be --------------------------------------------------------------
if ! command -v redis-server >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || fail "redis-server is not installed; install it (apt-get install redis-server) or run this script as root"
  echo "test-servers: installing redis-server from the distribution's packages"
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq redis-server >/dev/null
  # The package may start its own service on the default port; ours is separate, so that one is left alone.
fi
for tool in initdb pg_ctl pg_isready; do
  [ -x "$pg_bin/$tool" ] || fail "$pg_bin/$tool is missing: PostgreSQL 15 is expected there (apt-get install postgresql-15), or set TOKENISSUER_TEST_POSTGRES_BIN"
done
command -v redis-cli >/dev/null 2>&1 || fail "redis-cli is missing (it comes with redis-server's package, redis-tools)"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_in_use "$redis_port" && fail "127.0.0.1:$redis_port is taken; stop what listens there or set TOKENISSUER_TEST_REDIS_PORT"
port_in_use "$pg_port" && fail "127.0.0.1:$pg_port is taken; stop what listens there or set TOKENISSUER_TEST_POSTGRES_PORT"

# --- a temp folder, and stopping everything on the way out ---------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/tokenissuer-test-servers.XXXXXX")
redis_pid=""
pg_started=""
# PostgreSQL refuses to run as root: as root, its cluster belongs to the postgres user (or TOKENISSUER_TEST_POSTGRES_USER).
if [ "$(id -u)" -eq 0 ]; then
  pg_user=${TOKENISSUER_TEST_POSTGRES_USER:-postgres}
  id "$pg_user" >/dev/null 2>&1 || fail "user $pg_user does not exist; PostgreSQL must run as a user other than root (set TOKENISSUER_TEST_POSTGRES_USER)"
  as_pg() { runuser -u "$pg_user" -- "$@"; }
  chmod 711 "$work"
else
  as_pg() { "$@"; }
fi

cleanup() {
  set +e
  if [ -n "$redis_pid" ]; then
    kill "$redis_pid" 2>/dev/null
    wait "$redis_pid" 2>/dev/null
  fi
  if [ -n "$pg_started" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Bounded polling: up to 30 s in 0.2 s steps.
wait_until() {
  local what=$1 log=$2; shift 2
  for _ in $(seq 150); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "test-servers: $what did not answer within 30 s; its log:" >&2
  cat "$log" >&2 || true
  exit 1
}

# --- Redis: no persistence, loopback only ---------------------------------------------------------------------
mkdir "$work/redis"
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$work/redis" \
  --daemonize no --logfile "$work/redis/redis.log" &
redis_pid=$!
wait_until "redis-server on 127.0.0.1:$redis_port" "$work/redis/redis.log" \
  bash -c "[ \"\$(redis-cli -h 127.0.0.1 -p $redis_port ping)\" = PONG ]"

# --- PostgreSQL: a fresh cluster, trust on loopback, no fsync (the data is thrown away) -------------------------
mkdir "$work/pg"
[ "$(id -u)" -eq 0 ] && chown "$pg_user" "$work/pg"
chmod 700 "$work/pg"
as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --no-sync >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; fail "initdb failed in $work/pg"; }
touch "$work/pg.log"
[ "$(id -u)" -eq 0 ] && chown "$pg_user" "$work/pg.log"
pg_started=yes
as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -W \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $work/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
wait_until "PostgreSQL on 127.0.0.1:$pg_port" "$work/pg.log" "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" -U postgres

export TOKENISSUER_TEST_REDIS="127.0.0.1:$redis_port"
export TOKENISSUER_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
echo "test-servers: Redis at $TOKENISSUER_TEST_REDIS, PostgreSQL at 127.0.0.1:$pg_port (data in $work, removed on exit)"

# --- the command -------------------------------------------------------------------------------------------------
set +e
"$@"
status=$?
set -e
exit "$status"
