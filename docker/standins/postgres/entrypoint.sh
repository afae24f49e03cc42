#!/usr/bin/env bash
# As the official image's entrypoint: as root, give the data folder to postgres and start again
# as postgres; on an empty data folder, create the cluster with POSTGRES_USER as its superuser,
# POSTGRES_PASSWORD for logins over the network and the database POSTGRES_DB.
set -Eeuo pipefail
if [ "${1:0:1}" = - ]; then
    set -- postgres "$@"
fi
if [ "$1" != postgres ]; then
    exec "$@"
fi
if [ "$(id -u)" = 0 ]; then
    mkdir -p "$PGDATA" /var/run/postgresql
    find "$PGDATA" /var/run/postgresql \! -user postgres -exec chown postgres:postgres '{}' +
    exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi
# As its owner (root holds no CAP_FOWNER in the compose file).
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required on first start}"
    user=${POSTGRES_USER:-postgres}
    database=${POSTGRES_DB:-$user}
    initdb --username="$user" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
        --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
    # A private server for the set-up (socket only), as the official image does.
    pg_ctl --silent --wait -o "-c listen_addresses=''" start
    if [ "$database" != postgres ]; then
        # From standard input: psql quotes the name (:"db") there, not in -c.
        echo 'CREATE DATABASE :"db"' \
            | psql -v ON_ERROR_STOP=1 --username "$user" --dbname postgres --set db="$database" >/dev/null
    fi
    for script in /docker-entrypoint-initdb.d/*; do
        case "$script" in
            *.sql) psql -v ON_ERROR_STOP=1 --username "$user" --dbname "$database" -f "$script" ;;
            *.sh) bash "$script" ;;
        esac
    done
    pg_ctl --silent --wait -m fast stop
fi
exec "$@"
