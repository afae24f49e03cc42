#!/bin/sh
# Entrypoint of the portal image.
#   setup             bring the database schema and the collected static files (STATIC_ROOT) up
#                     to this image's version; the one-shot `migrate` service runs it on every
#                     `docker compose up`, so an upgrade refreshes both before `web` starts
#   manage <command>  a Django management command, e.g.
#                     `docker compose run --rm web manage createsuperuser`
#   <command>         a program of the image is executed as is (the CMD: gunicorn); any other
#                     word is taken as a management command (`... web createsuperuser`)
set -eu

case "${1:-}" in
    setup)
        python manage.py migrate --noinput
        python manage.py collectstatic --noinput
        ;;
    manage)
        shift
        exec python manage.py "$@"
        ;;
    *)
        if command -v "${1:-}" >/dev/null 2>&1; then
            exec "$@"
        fi
        exec python manage.py "$@"
        ;;
esac
