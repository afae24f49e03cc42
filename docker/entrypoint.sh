#!/bin/sh
# Entrypoint of the portal image. `manage <command>` runs a Django management command
# (e.g. `docker compose run --rm web manage createsuperuser`); anything else is executed as is.
set -eu

if [ "${1:-}" = "manage" ]; then
    shift
    exec python manage.py "$@"
fi

exec "$@"
