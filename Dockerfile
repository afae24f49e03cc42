# Production image of the portal: gunicorn behind nginx, PostgreSQL from DATABASE_URL.
# docker-compose.yml runs it as `migrate` (docker/entrypoint.sh setup) and as `web` (the CMD).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 10001 --user-group portal

# Dependencies first, so that a code change does not reinstall them. The s3 extra lets the
# media move to S3-compatible storage through environment variables alone.
COPY pyproject.toml ./
# DL3013: "." is this project; pyproject.toml pins every dependency it installs.
# hadolint ignore=DL3013
RUN pip install ".[s3]"

# The code belongs to root: the portal's user can write its uploads, not its own program.
COPY . .
# collectstatic needs settings to load, not real secrets. The files baked in here are the ones
# whose hashed names this image's pages use; `setup` copies them to the shared static volume.
# The folders the volumes are mounted on belong to the portal's user, and so do new volumes
# (var/: the content version that web replicas share, news/content_version.py).
RUN DEBUG=off SECRET_KEY=build-only-collectstatic-key-0123456789abcdefghijklmnopqrstuvwxyz \
    ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/media /app/var /srv/static \
    && chown 10001:10001 /app/media /app/var /srv/static

USER 10001:10001
EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "--config", "docker/gunicorn.conf.py", "portal.wsgi"]
