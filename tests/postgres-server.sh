#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests of cohorts from SQL (issue 16), sourced by test.sh:
#   postgres_start   initdb a data directory under /tmp, start on a free loopback port (its socket under /tmp too),
#                    create a user with a password and a database, export CLINICALGAM_TEST_POSTGRES
#   postgres_stop    stop the server and delete the directory
# initdb refuses to run as root, so as root the server runs as the 'postgres' OS user the Debian package creates.

postgres_start() {
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$bin/initdb" ] || { echo "PostgreSQL's initdb not found under /usr/lib/postgresql/*/bin"; return 1; }
  local as=""
  [ "$(id -u)" -eq 0 ] && as="runuser -u postgres --"
  PG_TEST_BIN=$bin; PG_TEST_AS=$as
  PG_TEST_DIR=$(mktemp -d /tmp/clinicalgam-pg.XXXXXX)
  [ -n "$as" ] && chown postgres "$PG_TEST_DIR"
  PG_TEST_PORT=$(postgres_free_port)
  local password="cg-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" >"$PG_TEST_DIR/pw"
  $as "$bin/initdb" -D "$PG_TEST_DIR/data" -U admin --auth-local=trust --auth-host=scram-sha-256 \
      --pwfile="$PG_TEST_DIR/pw" -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
    || { cat "$PG_TEST_DIR/initdb.log"; return 1; }
  $as "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_TEST_PORT -c unix_socket_directories=$PG_TEST_DIR -c fsync=off" start >/dev/null \
    || { cat "$PG_TEST_DIR/server.log"; return 1; }
  $as "$bin/psql" -h "$PG_TEST_DIR" -p "$PG_TEST_PORT" -U admin -d postgres -q -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE clinicalgam LOGIN PASSWORD '$password'" -c "CREATE DATABASE clinicalgam_test OWNER clinicalgam" >/dev/null \
    || return 1
  export CLINICALGAM_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_TEST_PORT;Database=clinicalgam_test;Username=clinicalgam;Password=$password"
  echo "== PostgreSQL test server on 127.0.0.1:$PG_TEST_PORT ($PG_TEST_DIR)"
}

# A loopback port nothing listens on (a connection to it fails).
postgres_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

postgres_stop() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  $PG_TEST_AS "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$PG_TEST_DIR"
  PG_TEST_DIR=""
}
