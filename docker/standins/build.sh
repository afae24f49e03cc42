#!/usr/bin/env bash
# Local stand-ins for the official base images the project uses (Dockerfile, docker-compose.yml),
# for a machine that reaches Debian's mirror but no image registry (this one, and CI): a Debian
# root file system made with debootstrap from the mirror apt already uses, imported as a base
# image, then one small image per official name, built on it. Production pulls the official
# images; README.md, "Deployment", says how the stand-ins differ. An image already built is
# reused. Needs root, debootstrap and a running engine (DOCKER_HOST).
#   docker/standins/build.sh
set -euo pipefail
cd "$(dirname "$0")"
base=portal-standin/debian:bookworm

have() { docker image inspect "$1" >/dev/null 2>&1; }

# The first Debian mirror of apt's sources on this machine (never written into the repository).
mirror() {
    {
        grep -hsE '^deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
            | sed -E 's/\[[^]]*\][[:space:]]*//' | awk '{print $2}'
        grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}'
    } | grep -v -- '-security' | head -n 1
}

if ! have "$base"; then
    url=$(mirror)
    test -n "$url" || { echo "no Debian mirror in apt's sources" >&2; exit 1; }
    root=$(mktemp -d /var/tmp/portal-standin-root.XXXXXX)
    trap 'rm -rf "$root"' EXIT
    echo "== base image: debootstrap bookworm from $url"
    debootstrap --variant=minbase --include=ca-certificates bookworm "$root" "$url" >/dev/null
    # The machine's trust store: where TLS to the package registries is relayed through a
    # local authority, builds inside the images must trust it as the machine does.
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    tar -C "$root" -c . | docker import --change 'CMD ["bash"]' - "$base" >/dev/null
    echo "   $base in ${SECONDS}s"
fi

# Each official image name the project uses, built from the stand-in of its repository.
images=$(
    {
        sed -nE 's/^FROM[[:space:]]+([^[:space:]]+).*/\1/p' ../../Dockerfile
        sed -nE 's/^[[:space:]]+image:[[:space:]]+([a-z0-9.-]+:[^[:space:]$]+)[[:space:]]*$/\1/p' \
            ../../docker-compose.yml
    } | sort -u
)
for image in $images; do
    name=${image%%:*}
    test -d "$name" || { echo "no stand-in for $image in docker/standins/" >&2; exit 1; }
    if ! have "$image"; then
        echo "== stand-in $image"
        start=$SECONDS
        docker build --quiet --build-arg "BASE=$base" --tag "$image" "$name" >/dev/null
        echo "   $image in $((SECONDS - start))s"
    fi
done
