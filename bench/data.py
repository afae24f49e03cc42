"""The bench's databases: one per archive size on the project's PostgreSQL server (the embedded
one, or DATABASE_URL's), e.g. `portal_bench_100000`, kept between runs because 100,000
articles take minutes to make. The development database `portal` is never touched.
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

from tests.deploy_support import REPO, query, server_params


def python(env, *args, capture=True):
    """Run the virtualenv's Python in the project folder; its output if `capture`."""
    result = subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=capture, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout or ''}{result.stderr or ''}")
    return result.stdout


def module_result(env, module, *args):
    """The JSON a module of bench/ writes to the file named by its last argument (its standard
    output is not used: production settings log there)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as output:
        python(env, "-m", module, *args, output.name)
        return json.loads(Path(output.name).read_text())


def _server():
    return psycopg.connect(dbname="postgres", autocommit=True, **server_params())


def postgresql_version():
    with _server() as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def holds_archive(database, size):
    """Whether `database` holds a finished archive of `size` articles (make_archive writes the
    search vectors last: an interrupted run leaves some empty)."""
    ((articles, indexed),) = query(
        database, "SELECT count(*), count(search_vector) FROM news_article"
    )
    return articles == indexed == size


def ensure_archive(database, size, media_root, env, pool=None):
    """Migrate `database`, made and filled with `size` articles unless it already holds them.
    Returns whether the archive was made now."""
    assert database != "portal", "the development database is not the bench's"
    with _server() as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
            conn.execute(f'CREATE DATABASE "{database}"')
    python(env, "manage.py", "migrate", "--noinput")
    if media_root.is_dir() and holds_archive(database, size):
        # As autovacuum keeps a live database: a kept one may have been rewritten since (VACUUM
        # FULL, a restore), which empties the visibility map, and then index-only scans read
        # the heap (deep category pages at 0.65-0.71x of their 1,000-article figure). Seconds.
        with psycopg.connect(dbname=database, autocommit=True, **server_params()) as conn:
            conn.execute("VACUUM ANALYZE")
        return False
    if query(database, "SELECT EXISTS (SELECT FROM news_category)") != [(False,)]:
        # Another size, or an interrupted run: make_archive needs an empty database.
        with _server() as conn:
            conn.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{database}"')
        python(env, "manage.py", "migrate", "--noinput")
    shutil.rmtree(media_root, ignore_errors=True)
    print(f"Making an archive of {size:,} articles in {database} ...", flush=True)
    pool_option = [] if pool is None else ["--pool", str(pool)]
    python(env, "manage.py", "make_archive", str(size), *pool_option, capture=False)
    return True
