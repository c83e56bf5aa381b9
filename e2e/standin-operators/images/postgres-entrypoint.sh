#!/bin/sh
# The stand-in PostgreSQL instance: what CloudNativePG's initdb bootstrap leaves behind, as far as a client sees it
# (a database owned by a login role with a password, password authentication over TCP), then the server in the
# foreground. The data directory is an emptyDir: a restarted container finds it initialised and only starts.
set -eu
# The image has one PostgreSQL major version; its binaries are not on the image's PATH.
PATH=$(echo /usr/lib/postgresql/*/bin):$PATH
: "${PGDATA:?}" "${APP_USER:?}" "${APP_DATABASE:?}" "${APP_PASSWORD:?}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  initdb -D "$PGDATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C --no-instructions >/dev/null
  # Every address: clients come from other pods' IPs (CloudNativePG's pg_hba allows them with scram-sha-256 too).
  echo 'host all all 0.0.0.0/0 scram-sha-256' >> "$PGDATA/pg_hba.conf"
  # Single-user mode reads one statement per line; the password goes through stdin, never a command line.
  printf 'CREATE ROLE "%s" LOGIN PASSWORD '"'"'%s'"'"'\nCREATE DATABASE "%s" OWNER "%s"\n' \
    "$APP_USER" "$APP_PASSWORD" "$APP_DATABASE" "$APP_USER" | postgres --single -D "$PGDATA" postgres >/dev/null
  echo "stand-in postgres: initialised database $APP_DATABASE owned by $APP_USER"
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp -c fsync=off "$@"
