#!/usr/bin/env bash
# Start a private PostgreSQL cluster on 127.0.0.1:54329 for the tests (Debian's packages),
# with a role that may create databases. Prints the URL the tests use. Idempotent.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGROOT=${CONSULT_PGROOT:-/tmp/consult-pg}
PGPORT=${CONSULT_PGPORT:-54329}
install -d -o postgres -g postgres -m 700 "$PGROOT" "$PGROOT/sock"
if [ ! -s "$PGROOT/data/PG_VERSION" ]; then
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; then
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT/sock -c fsync=on -c max_connections=300" >/dev/null
fi
psql() { runuser -u postgres -- "$PGBIN/psql" -h "$PGROOT/sock" -p "$PGPORT" -d postgres -qtA "$@"; }
if [ "$(psql -c "SELECT 1 FROM pg_roles WHERE rolname = 'consult'")" != "1" ]; then
  psql -c "CREATE ROLE consult LOGIN CREATEDB PASSWORD 'consult'"
fi
# Tests drop their databases WITH (FORCE); that may need to end an autovacuum worker too.
psql -c "GRANT pg_signal_backend TO consult"
if [ "$(psql -c "SELECT 1 FROM pg_database WHERE datname = 'consult'")" != "1" ]; then
  psql -c "CREATE DATABASE consult OWNER consult"
fi
echo "postgresql+psycopg://consult:consult@127.0.0.1:$PGPORT/consult"
