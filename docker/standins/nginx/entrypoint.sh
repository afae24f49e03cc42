#!/bin/sh
# As the official image's entrypoint: before nginx starts, each /etc/nginx/templates/*.template
# becomes /etc/nginx/conf.d/<name> with the environment variables matching
# NGINX_ENVSUBST_FILTER (all of them when unset) replaced.
set -eu
if [ "$1" = nginx ] || [ "$1" = nginx-debug ]; then
    variables=$(env | cut -d= -f1 | grep -E -- "${NGINX_ENVSUBST_FILTER:-}" \
        | sed 's/^/${/; s/$/}/' | tr '\n' ' ')
    for template in /etc/nginx/templates/*.template; do
        [ -f "$template" ] || continue
        output=/etc/nginx/conf.d/$(basename "$template" .template)
        envsubst "$variables" <"$template" >"$output"
    done
fi
exec "$@"
