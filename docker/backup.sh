#!/usr/bin/env bash
# Backup and restore of the portal: the database and the uploaded media in one archive.
#
#   backup.sh backup          write $BACKUP_DIR/portal-<UTC time>.tar holding database.dump
#                             (pg_dump -Fc), media/ and SHA256SUMS of both
#   backup.sh restore FILE    check FILE against its checksums, then replace the database and
#                             the media with its content (into an empty or an existing stack)
#
# Environment: DATABASE_URL (postgres://user:password@host:port/name, as the portal's), MEDIA_ROOT,
# BACKUP_DIR (backup only), MEDIA_OWNER (optional "uid:gid" given to restored files).
# `make backup` and `make restore FILE=…` run it in the compose `backup` service, whose pg_dump
# has the database server's major version; tests/test_backup.py runs it against a local server.
set -euo pipefail

die() {
    echo "backup.sh: $*" >&2
    exit 1
}

: "${DATABASE_URL:?set DATABASE_URL}"
: "${MEDIA_ROOT:?set MEDIA_ROOT}"
case "$MEDIA_ROOT" in
    / | /app | /usr* | /etc* | /var) die "MEDIA_ROOT=$MEDIA_ROOT is not a media folder" ;;
esac

# The working folder of either command, removed however the script ends.
work=""
trap '[ -z "$work" ] || rm -rf "$work"' EXIT

backup() {
    : "${BACKUP_DIR:?set BACKUP_DIR}"
    [ -d "$MEDIA_ROOT" ] || die "no media folder at $MEDIA_ROOT"
    mkdir -p "$BACKUP_DIR"
    local name
    name="portal-$(date -u +%Y%m%dT%H%M%SZ).tar"
    work="$(mktemp -d "$BACKUP_DIR/.partial.XXXXXX")"

    pg_dump --format=custom --dbname="$DATABASE_URL" --file="$work/database.dump"
    {
        (cd "$work" && sha256sum database.dump)
        (cd "$MEDIA_ROOT" && find . -type f -print0 | sort -z | xargs -0 --no-run-if-empty sha256sum) |
            sed 's|  \./|  media/|'
    } >"$work/SHA256SUMS"
    tar --create --file="$work/$name" -C "$work" database.dump SHA256SUMS \
        -C "$MEDIA_ROOT" --transform='s|^\.|media|' .
    # Only a complete archive gets its final name.
    mv "$work/$name" "$BACKUP_DIR/$name"
    echo "$BACKUP_DIR/$name ($(du -h "$BACKUP_DIR/$name" | cut -f1))"
}

restore() {
    local archive="${1:-}"
    [ -f "$archive" ] || die "usage: backup.sh restore FILE (no such file: '$archive')"
    work="$(mktemp -d)"

    tar --extract --file="$archive" -C "$work" || die "$archive is damaged: it cannot be read"
    [ -f "$work/SHA256SUMS" ] || die "$archive holds no SHA256SUMS: not a portal backup"
    (cd "$work" && sha256sum --check --quiet --strict SHA256SUMS) || die "$archive is damaged: checksums differ"
    mkdir -p "$work/media"

    # One transaction: a failed restore leaves the database as it was.
    pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
        --exit-on-error --dbname="$DATABASE_URL" "$work/database.dump"

    mkdir -p "$MEDIA_ROOT"
    find "$MEDIA_ROOT" -mindepth 1 -delete
    cp -a "$work/media/." "$MEDIA_ROOT/"
    if [ -n "${MEDIA_OWNER:-}" ]; then
        chown -R "$MEDIA_OWNER" "$MEDIA_ROOT"
    fi
    echo "restored $archive: database and $(find "$MEDIA_ROOT" -type f | wc -l) media files"
}

case "${1:-}" in
    backup) backup ;;
    restore) restore "${2:-}" ;;
    *) die "usage: backup.sh backup | backup.sh restore FILE" ;;
esac
