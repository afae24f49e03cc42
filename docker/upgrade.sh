#!/usr/bin/env bash
# Upgrade the running stack to this checkout's code without a failed request:
#   git pull && docker/upgrade.sh
# The new image is built; its migrations and static files run (`migrate`) while the old web
# containers go on serving, so a migration must suit the code before it as well (add a column
# in one release, drop the old one in a later release); as many new web containers as old
# ones start beside them, and once they are healthy the old ones stop, each finishing the
# requests it holds (nginx sends the rest to a container that answers). With no web running,
# this is `docker compose up -d --wait`.
set -euo pipefail
cd "$(dirname "$0")/.."

docker compose build
old=$(docker compose ps --quiet web)
count=$(printf '%s' "$old" | grep -c . || true)
if [ "$count" -eq 0 ]; then
    exec docker compose up -d --wait
fi
docker compose run --rm migrate
docker compose up -d --wait --no-deps --no-recreate --scale "web=$((count * 2))" web
# shellcheck disable=SC2086 # one container id a word
docker stop --time 30 $old >/dev/null
# shellcheck disable=SC2086
docker rm $old >/dev/null
docker compose up -d --wait --scale "web=$count"
