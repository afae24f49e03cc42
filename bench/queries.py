"""The SQL of each public page: how many queries, and the plan of every SELECT with
EXPLAIN (ANALYZE). A sequential scan of articles or photos is flagged: on a large archive it
is a page whose time grows with the archive. Run in a subprocess with the bench database's
settings and the page cache off: `python -m bench.queries PAGES.json OUTPUT.json`.
"""

import json
import sys

WATCHED = {"news_article", "news_photo"}


def nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


def explain(sql, options="ANALYZE, FORMAT JSON"):
    """PostgreSQL's plan of `sql`, run for real. Django's captured SQL holds its parameters
    already (psycopg binds them on the client), so it runs as it is."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ({options}) {sql}")
        rows = cursor.fetchall()
    if "JSON" not in options:
        return "\n".join(line for (line,) in rows)
    (result,) = rows[0]
    return result[0] if isinstance(result, list) else json.loads(result)[0]


def page_queries(client, path):
    """Queries of `path` as a crowd gets it (the second request: shared pieces cached), and
    those that only fill the caches (the first request, with the pages cache emptied), each
    with its plan."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .load import headers

    caches["pages"].clear()
    with CaptureQueriesContext(connection) as cold:
        client.get(path, headers=headers(), secure=True)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, headers=headers(), secure=True)
    if response.status_code != 200:
        return {"path": path, "failure": f"HTTP {response.status_code}"}
    queries = [planned(query["sql"]) for query in captured.captured_queries]
    warm = {query["sql"] for query in captured.captured_queries}
    filling = [planned(q["sql"]) for q in cold.captured_queries if q["sql"] not in warm]
    every = queries + filling
    return {
        "path": path,
        "count": len(queries),
        "filling_count": len(filling),
        "max_ms": max((q.get("ms", 0) for q in every), default=0),
        "seq_scans": sum(bool(q.get("seq_scan")) for q in every),
        "queries": queries,
        "filling": filling,
    }


def planned(sql):
    """A query with its plan (EXPLAIN ANALYZE), for a SELECT."""
    entry = {"sql": sql}
    if sql.lstrip().upper().startswith(("SELECT", "WITH")):
        plan = explain(sql)
        scans = [n for n in nodes(plan["Plan"]) if "Relation Name" in n]
        entry.update(
            ms=plan["Planning Time"] + plan["Execution Time"],
            scans=[
                f"{n['Node Type']} {n['Relation Name']}"
                + (f" ({n['Index Name']})" if "Index Name" in n else "")
                for n in scans
            ],
            seq_scan=any(
                n["Node Type"] == "Seq Scan" and n["Relation Name"] in WATCHED for n in scans
            ),
            plan=plan,
        )
        if entry["seq_scan"]:  # to be read by a person: PostgreSQL's own text format
            entry["plan_text"] = explain(sql, "ANALYZE")
    return entry


def main(pages_file, output_file):
    from django.test import Client

    with open(pages_file) as f:
        pages = json.load(f)
    client = Client(raise_request_exception=False)  # a failing page is reported, not fatal
    result = {name: page_queries(client, path) for name, path in pages.items()}
    with open(output_file, "w") as f:
        json.dump(result, f, ensure_ascii=False)


if __name__ == "__main__":
    import django

    django.setup()
    main(*sys.argv[1:3])
