"""`make bench` in miniature, so that the harness cannot rot: bench/run.py's own code on a tiny
archive in a scratch database, wrk for one second per row. The figures mean nothing here; what
is checked is that every row was measured with whole pages only, and that an answer which is
not the whole page (the production redirect to https, which a load generator that forgets a
header would measure) counts as an error.

One archive size, a few pages, nginx and the view-count beacon with the page cache on only: wrk
runs at least a second a row. The comparison of two sizes is checked on made-up figures, and
every page of the full run is found (bench/pages.py).
"""

import contextlib
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from bench import load, report, run, stack
from tests.deploy_support import (
    database_url,
    free_port,
    production_environment,
    require_program,
    scratch_database,
)

ARTICLES = 120
# The rows of `make bench` (bench/pages.py); the smoke run measures a few of them.
ALL_PAGES = {
    "home", "category", "category deep", "category deep, typed", "article", "search common",
    "search rare", "search typo", "rss", "sitemap index", "sitemap section",
}  # fmt: skip
PAGES = {"home", "category deep", "article"}


@pytest.fixture(scope="module")
def bench():
    for name, package in [("wrk", "wrk"), ("nginx", "nginx"), ("openssl", "openssl")]:
        require_program(name, package)
    # World-readable (unlike pytest's own temporary folders): nginx's workers run as nobody.
    folder = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    folder.chmod(0o755)
    printed = io.StringIO()
    try:
        with scratch_database(f"bench_{ARTICLES}") as database:
            config = run.Config(
                articles=ARTICLES,
                reference=0,
                seconds=1,
                connections=4,
                warm_up=0,  # a few seconds of make test: the row below checks the warm-up
                workers=None,
                output=folder / "results.json",
                folder=folder,
                database_prefix=database.removesuffix(f"_{ARTICLES}"),
                pages=tuple(PAGES),
                photo_pool=1,
                limits=("on",),  # nginx and the beacon: 8 rows of one second each, once
            )
            with contextlib.redirect_stdout(printed):
                run.run(config)
            yield {
                "config": config,
                "results": json.loads(config.output.read_text()),
                "printed": printed.getvalue(),
            }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_environment(config, **values):
    """Production settings on the smoke run's archive, as bench/run.py gives its servers."""
    return production_environment(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url(f"{config.database_prefix}_{ARTICLES}"),
        STATIC_ROOT=config.folder / "static",
        MEDIA_ROOT=config.folder / f"media-{ARTICLES}",
        **values,
    )


def assert_whole(rows):
    for name, row in rows.items():
        assert row["requests"] > 0 and row["errors"] == 0, (name, row)


def test_every_page_is_measured_whole_with_the_page_cache_off_and_on(bench):
    result = bench["results"]["sizes"][str(ARTICLES)]

    assert set(result["modes"]) == {"off", "on"}
    for measured in result["modes"].values():
        assert set(measured["rows"]) == PAGES | {"ceiling"}
        assert_whole(measured["rows"])
    assert set(result["queries"]) == PAGES
    assert all(page["count"] > 0 for page in result["queries"].values()), result["queries"]
    # The queries that only fill the shared pieces' caches are explained too.
    home = result["queries"]["home"]
    assert home["filling_count"] > 0 and len(home["filling"]) == home["filling_count"]
    for page in result["queries"].values():
        for query in page["queries"] + page["filling"]:
            assert "plan" in query or not query["sql"].lstrip().upper().startswith("SELECT")
    latency = result["modes"]["off"]["search_latency"]
    assert latency["requests"] == 100 and latency["failures"] == []


def test_nginx_and_the_view_count_beacon_are_measured_too(bench):
    results = bench["results"]
    modes = results["sizes"][str(ARTICLES)]["modes"]
    measured = modes["on"]
    assert set(measured["nginx"]) == {"home", "article"}
    for page in measured["nginx"].values():
        assert_whole(page)
    # A little-read article reports every reading; a busy one one in VIEW_COUNT_SAMPLE.
    for key, every in (("beacon", 1), ("beacon, busy article", settings.VIEW_COUNT_SAMPLE)):
        beacon = measured[key]
        assert beacon["errors"] == 0 and beacon["beacons"] > 0, beacon
        # One beacon after each `every` pages (wrk's connections interleave a little).
        assert beacon["requests"] - beacon["beacons"] >= every * beacon["beacons"] - 8
    # The article alone just before and after them, for the beacon's cost.
    assert_whole({key: measured[key] for key in report.ALONE})
    # Only in the modes asked for (make bench: both), and the report says nothing of the other.
    assert not {"nginx", "beacon"} & set(modes["off"])
    assert bench["printed"].count("% static") == 1
    assert results["cores"] and results["postgresql"] and results["settings"]["workers"]
    assert "% ceiling" in bench["printed"]


def test_an_answer_that_is_not_the_whole_page_counts_as_an_error(bench):
    config = bench["config"]
    env = bench_environment(config)
    port = free_port()
    web = stack.start_gunicorn(env, port, config.folder / "redirect.log")
    try:
        # Warmed up as a reader behind nginx (a whole page), loaded without X-Forwarded-Proto.
        row = load.measure(
            f"http://127.0.0.1:{port}/", seconds=1, connections=2, warm_up=1, forwarded=False
        )
    finally:
        web.stop()

    assert row["bytes"] > 1000
    assert row["requests"] > 0
    assert row["bad"] == row["errors"] == row["requests"]  # every answer: 301 to https
    # The second of load before the row (every worker's first requests) is checked as well.
    assert row["warm_up"]["requests"] > 0
    assert row["warm_up"]["errors"] == row["warm_up"]["requests"]


def test_the_big_archive_is_compared_page_by_page_with_the_reference(capsys):
    def archive(home_rps, home_queries, seq_scans):
        rows = {
            name: {"rps": rps, "p50_ms": 1.0, "p99_ms": 2.0, "errors": 0}
            for name, rps in [("home", home_rps), ("ceiling", 1000.0)]
        }
        queries = {"home": {"count": home_queries, "seq_scans": seq_scans}}
        return {"queries": queries, "modes": {"off": {"rows": rows}}}

    results = {
        "settings": {"articles": 100_000, "reference": 1000},
        "sizes": {"1000": archive(200.0, 6, 0), "100000": archive(100.0, 7, 1)},
    }

    report.page_table(results["sizes"]["100000"], "off", results["sizes"]["1000"], 1000)

    printed = capsys.readouterr().out
    assert "× of 1,000" in printed
    # 100 req/s: 10% of the ceiling, 7 queries, half as many requests as on 1,000 articles.
    assert re.search(r"^home +100\.0 +10\.0% .* 7 +0\.50$", printed, re.M), printed
    assert report.flags(results) == [
        "home: 6 queries at 1,000 articles, 7 at 100,000",
        "home: 1 queries scan articles or photos sequentially",
    ]


def test_the_full_run_finds_every_page(bench):
    from bench import data

    config = bench["config"]
    env = bench_environment(config, PAGE_CACHE_SECONDS=0)
    found = data.module_result(env, "bench.pages")
    assert set(found["pages"]) == ALL_PAGES
    for path in found["pages"].values():
        assert path.startswith("/")
    assert "&sau=" in found["pages"]["category deep"]  # reached by its link, with a cursor
