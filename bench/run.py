"""`make bench`: the portal's production server under load, on a big generated archive and, in
the same run, on a small reference archive. Absolute times on a small machine are noise, so
every figure is also a ratio: to the framework ceiling (a constant 40 KB page through the same
stack, bench/urls.py), to nginx serving a static copy of the article page (the physical limit),
and to the same page on the reference archive.

For each archive size: its database (bench/data.py), the pages to measure (bench/pages.py),
their SQL with EXPLAIN ANALYZE (bench/queries.py), then with the page cache off and on:
gunicorn and nginx (bench/stack.py) under wrk (bench/load.py), the cost of the view-count
beacon, and the search latency. Prints tables (bench/report.py), writes everything as JSON.

`python -m bench.run`, configured by the environment:
  BENCH_ARTICLES (100000)   the big archive
  BENCH_REFERENCE (1000)    the reference archive; 0: none
  BENCH_SECONDS (10)        wrk's duration per row
  BENCH_WARM_UP (1)         seconds of the same load before each row, not counted (0: none)
  BENCH_CONNECTIONS (32)    wrk's connections
  BENCH_WORKERS             gunicorn's workers (default: the image's, as compose runs it)
  BENCH_OUTPUT              the JSON file (var/bench/results.json)
  BENCH_DIR                 databases' media, static files, nginx, logs (var/bench)
  BENCH_DATABASE_PREFIX     the databases are <prefix>_<size> (portal_bench)
  BENCH_PAGES               only these rows, comma-separated (the smoke test's few)
  BENCH_PHOTO_POOL          real pictures a new archive's photos share (12)
"""

import os

# This process only orchestrates. It reads development settings to find the database server (the
# embedded one unless DATABASE_URL is set), and the tests' helpers it uses read them as they are
# imported. The servers it starts run production settings.
os.environ.setdefault("DEBUG", "on")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import contextlib
import json
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tests.deploy_support import REPO, database_url, free_port, production_environment

from . import data, load, report, stack
from .pages import LATENCY_QUERIES, search_path

# PAGE_CACHE_SECONDS of each mode: 0 turns the anonymous page cache off.
MODES = {"off": "0", "on": "600"}
SEARCH_REQUESTS = 100


@dataclass
class Config:
    articles: int
    reference: int
    seconds: int
    connections: int
    warm_up: int
    workers: int | None
    output: Path
    folder: Path
    database_prefix: str
    pages: tuple = ()
    photo_pool: int | None = None
    # The page cache modes in which nginx and the view-count beacon are measured (the smoke
    # run of make test: one, since each row is a second of both cores).
    limits: tuple = tuple(MODES)

    @classmethod
    def from_environment(cls, environ=os.environ):
        folder = Path(environ.get("BENCH_DIR", REPO / "var" / "bench"))
        return cls(
            articles=int(environ.get("BENCH_ARTICLES", 100_000)),
            reference=int(environ.get("BENCH_REFERENCE", 1000)),
            seconds=int(environ.get("BENCH_SECONDS", 10)),
            warm_up=int(environ.get("BENCH_WARM_UP", load.WARM_UP_SECONDS)),
            connections=int(environ.get("BENCH_CONNECTIONS", 32)),
            workers=int(environ["BENCH_WORKERS"]) if environ.get("BENCH_WORKERS") else None,
            output=Path(environ.get("BENCH_OUTPUT", folder / "results.json")),
            folder=folder,
            database_prefix=environ.get("BENCH_DATABASE_PREFIX", "portal_bench"),
            pages=tuple(filter(None, environ.get("BENCH_PAGES", "").split(","))),
            photo_pool=int(environ["BENCH_PHOTO_POOL"])
            if environ.get("BENCH_PHOTO_POOL")
            else None,
        )

    @property
    def sizes(self):
        """The reference first: the big archive's table shows its ratio to it."""
        return sorted({self.reference, self.articles} - {0})


def run(config):
    """Measure every size; print the report and write the JSON file. Returns the results."""
    for name, package in [("wrk", "wrk"), ("nginx", "nginx"), ("openssl", "openssl")]:
        stack.program(name, package)  # before minutes of making an archive
    config.folder.mkdir(parents=True, exist_ok=True)
    static_root = config.folder / "static"
    env = production_environment(
        DJANGO_SETTINGS_MODULE="bench.settings", STATIC_ROOT=static_root, CONN_MAX_AGE=60
    )
    env.pop("WEB_CONCURRENCY", None)  # the image's default, unless BENCH_WORKERS says otherwise
    if config.workers:
        env["WEB_CONCURRENCY"] = str(config.workers)
    # collectstatic loads the settings, which want a DATABASE_URL; it connects to nothing.
    some_database = {"DATABASE_URL": database_url(f"{config.database_prefix}_{config.articles}")}
    data.python({**env, **some_database}, "manage.py", "collectstatic", "--noinput", "-v0")
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "postgresql": data.postgresql_version(),
        "settings": {
            "articles": config.articles,
            "reference": config.reference,
            "seconds": config.seconds,
            "connections": config.connections,
            "workers": stack.gunicorn_workers(env),
            "wrk_threads": load.THREADS,
            "page_cache_seconds": MODES,
            "conn_max_age": env["CONN_MAX_AGE"],
        },
        "sizes": {},
    }
    report.header(results)
    for size in config.sizes:
        results["sizes"][str(size)] = measure_size(config, size, env, static_root)
        report.size_report(results, size)
        write(config.output, results)
    results["flags"] = report.flags(results)
    print("\nFlags:" if results["flags"] else "\nFlags: none")
    for flag in results["flags"]:
        print(f"  ! {flag}")
    write(config.output, results)
    print(f"\nResults: {config.output}")
    return results


def write(path, results):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1))


def measure_size(config, size, env, static_root):
    database = f"{config.database_prefix}_{size}"
    media_root = config.folder / f"media-{size}"
    env = {
        **env,
        "DATABASE_URL": database_url(database),
        "MEDIA_ROOT": str(media_root),
        "CONTENT_VERSION_FILE": str(config.folder / f"content-version-{size}"),
    }
    made_now = data.ensure_archive(database, size, media_root, env, config.photo_pool)
    # Pages and their SQL as the database has them, not as a cache remembers them.
    uncached = {**env, "PAGE_CACHE_SECONDS": MODES["off"]}
    found = data.module_result(uncached, "bench.pages")
    if config.pages:
        found["pages"] = {k: v for k, v in found["pages"].items() if k in config.pages}
    with tempfile.NamedTemporaryFile("w", suffix=".json") as pages:
        json.dump(found["pages"], pages)
        pages.flush()
        queries = data.module_result(uncached, "bench.queries", pages.name)
    return {
        "database": database,
        "made_now": made_now,
        "pages": found["pages"],
        "queries": queries,
        "modes": {
            mode: measure_mode(config, size, mode, env, found, static_root) for mode in MODES
        },
    }


def measure_mode(config, size, mode, env, found, static_root):
    """gunicorn with the page cache `mode`, and for the big archive nginx in front of it."""
    env = {**env, "PAGE_CACHE_SECONDS": MODES[mode]}
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    (config.folder / "logs").mkdir(exist_ok=True)
    with contextlib.ExitStack() as servers:
        web = stack.start_gunicorn(
            env, port, config.folder / "logs" / f"gunicorn-{size}-{mode}.log"
        )
        servers.callback(web.stop)
        measured = measure_pages(config, site, found)
        # The reference archive is there for the pages' ratios; the rest is about the big one.
        if size == config.articles and mode in config.limits:
            proxy, https_port = stack.start_nginx(
                config.folder / "nginx", port, static_root, env["MEDIA_ROOT"]
            )
            servers.callback(proxy.stop)
            secure_site = f"https://127.0.0.1:{https_port}"
            measured.update(measure_limits(config, site, secure_site, found, static_root, size))
        if mode == "off":
            measured["search_latency"] = search_latency(site)
    return measured


def static_copy(url, static_root, name):
    """The page at `url` as Django serves it, saved where nginx serves static files; its URL."""
    status, body = load.fetch(url)
    if status != 200:
        raise RuntimeError(f"{url} answered HTTP {status}: no static copy to measure")
    name = f"bench/{name}.html"
    (static_root / name).parent.mkdir(parents=True, exist_ok=True)
    (static_root / name).write_bytes(body)
    return f"/static/{name}"


def measure_pages(config, site, found):
    """Every public page, and the ceiling, from gunicorn."""
    options = {
        "seconds": config.seconds,
        "connections": config.connections,
        "warm_up": config.warm_up,
    }
    pages = {**found["pages"], "ceiling": found["ceiling"]}
    return {"rows": {name: load.measure(site + path, **options) for name, path in pages.items()}}


def measure_limits(config, site, secure_site, found, static_root, size):
    """nginx over HTTPS: home and article proxied to gunicorn (and nginx's micro-cache), each
    next to a static copy of itself (the physical limit for as many bytes); the article page
    with its view-count beacon."""
    options = {
        "seconds": config.seconds,
        "connections": config.connections,
        "warm_up": config.warm_up,
    }
    nginx = {}
    for page in ("home", "article"):
        path = found["pages"].get(page)
        if path is None:  # not among BENCH_PAGES
            continue
        static_url = static_copy(site + path, static_root, f"{page}-{size}")
        nginx[page] = {
            "static": load.measure(secure_site + static_url, **options),
            "proxied": load.measure(secure_site + path, **options),
        }
    article = found["pages"].get("article")
    if article is None:
        return {"nginx": nginx}
    # The article alone again, just before and after the rows with the beacon: the machine's
    # speed drifts by more than the beacon costs over the minutes since the article's row.
    measured = {"nginx": nginx, "beacon, article alone": load.measure(site + article, **options)}
    measured["beacon"] = load.measure(site + article, beacon=found["beacon"], **options)
    measured["beacon, busy article"] = load.measure(
        site + article, beacon=found["busy beacon"], every=found["busy sample"], **options
    )
    measured["beacon, article alone after"] = load.measure(site + article, **options)
    return measured


def search_latency(site):
    """SEARCH_REQUESTS searches one after the other, cycling over LATENCY_QUERIES, each query
    asked once before (as every page of the tables is warmed before it is measured)."""
    load.latencies(site, [search_path(q) for q in LATENCY_QUERIES])
    queries = LATENCY_QUERIES * (SEARCH_REQUESTS // len(LATENCY_QUERIES) + 1)
    return load.latencies(site, [search_path(q) for q in queries[:SEARCH_REQUESTS]])


if __name__ == "__main__":
    import django

    django.setup()
    run(Config.from_environment())
