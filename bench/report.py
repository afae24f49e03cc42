"""The printed side of `make bench`: one table per archive size and page-cache mode, then the
nginx figures, the search latency, the cost of counting views and the SQL findings."""


def ratio(part, whole):
    return part / whole if part and whole else None


def cell(value, spec):
    """`value` formatted by `spec`, or "-" when there is none."""
    return "-" if value is None else format(value, spec)


def errors_text(row):
    return row["failure"] if "failure" in row else str(row["errors"])


def load_row(label, row, base):
    """Label, req/s, share of `base` req/s, p50, p99, errors: the columns every table shares."""
    return (
        f"{label:<18} {row['rps']:>8.1f} {cell(ratio(row['rps'], base), '.1%'):>9}"
        f" {cell(row.get('p50_ms'), '.1f'):>8} {cell(row.get('p99_ms'), '.1f'):>8}"
        f" {errors_text(row):>8}"
    )


def page_table(result, mode, reference, reference_size):
    rows = result["modes"][mode]["rows"]
    ceiling = rows["ceiling"]["rps"]
    times = f"× of {reference_size:,}" if reference else ""
    print(
        f"{'page':<18} {'req/s':>8} {'% ceiling':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>8}"
        f" {'SQL':>4} {times:>11}"
    )
    for name, row in rows.items():
        queries = result["queries"].get(name, {}).get("count")
        if reference:
            times = cell(ratio(row["rps"], reference["modes"][mode]["rows"][name]["rps"]), ".2f")
        print(f"{load_row(name, row, ceiling)} {cell(queries, 'd'):>4} {times:>11}")


def nginx_table(result, mode):
    """Each page through nginx (proxied, micro-cached) next to nginx serving a copy of it."""
    print(
        f"{'nginx, HTTPS':<18} {'req/s':>8} {'% static':>9} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'errors':>8}"
    )
    for name, figures in result["modes"][mode]["nginx"].items():
        static = figures["static"]["rps"]
        print(load_row(f"{name}, static copy", figures["static"], static))
        print(load_row(f"{name}, proxied", figures["proxied"], static))


ALONE = ("beacon, article alone", "beacon, article alone after")


def alone_article(measured):
    """The article page's requests/s without the beacon: the mean of its rows just before and
    after the beacon's (the table's article row in results of older runs)."""
    rows = [measured[key]["pages_per_s"] for key in ALONE if key in measured]
    return sum(rows) / len(rows) if rows else measured["rows"]["article"]["rps"]


def beacon_line(result, mode):
    for key, reported in (
        ("beacon", "every reading"),
        ("beacon, busy article", "a busy article's sampled readings"),
    ):
        beacon = result["modes"][mode].get(key)
        if beacon is None:
            continue
        if "failure" in beacon:
            print(f"view counting: the beacon answers {beacon['failure']}, not measured")
            return
        article = alone_article(result["modes"][mode])
        pages = beacon["pages_per_s"]
        print(
            f"view counting, {reported} reported: article alone {article:.1f} pages/s, with"
            f" the beacon {pages:.1f} pages/s ({cell(ratio(pages, article), '.2f')} × alone),"
            f" {beacon['errors']} errors"
        )


def header(results):
    settings = results["settings"]
    sizes = f"{settings['articles']:,} articles" + (
        f", compared with {settings['reference']:,}" if settings["reference"] else ""
    )
    print(
        f"make bench {results['date']}: {sizes}; {results['cores']} cores,"
        f" PostgreSQL {results['postgresql']}, production settings, CONN_MAX_AGE"
        f" {settings['conn_max_age']}, page cache off and on (PAGE_CACHE_SECONDS"
        f" {settings['page_cache_seconds']['on']})"
    )


def size_report(results, size):
    """Everything measured on the archive of `size` articles; the big one is compared with the
    reference archive, and shows nginx, view counting and every query's plan."""
    settings = results["settings"]
    result = results["sizes"][str(size)]
    reference_size = settings["reference"]
    reference = results["sizes"].get(str(reference_size)) if size != reference_size else None
    big = size == settings["articles"]
    made = "made in this run" if result["made_now"] else "kept from an earlier run"
    print(f"\n=== {size:,} articles (database {result['database']}, {made})")
    for name, path in result["pages"].items():
        print(f"  {name:<16} {path}")
    for mode in result["modes"]:
        print(
            f"\n--- page cache {mode}: gunicorn {settings['workers']} workers,"
            f" wrk {settings['wrk_threads']} threads × {settings['connections']} connections,"
            f" {settings['seconds']} s per row"
        )
        page_table(result, mode, reference, reference_size)
        if big and "nginx" in result["modes"][mode]:
            print()
            nginx_table(result, mode)
            beacon_line(result, mode)
    latency = result["modes"]["off"]["search_latency"]
    print(
        f"\nsearch latency, {latency['requests']} sequential queries, page cache off:"
        f" p50 {latency['p50_ms']:.1f} ms, p95 {latency['p95_ms']:.1f} ms,"
        f" max {latency['max_ms']:.1f} ms, {len(latency['failures'])} not answered 200"
    )
    sql_report(result, big)


def sql_report(result, big):
    """Query count and slowest query per page; at the big size every query's scans, and the
    whole plan of any that reads articles or photos sequentially."""
    print(
        "\nSQL per page (page cache off; + those that fill the shared pieces' caches; EXPLAIN"
        " ANALYZE, planning + execution):"
    )
    for name, page in result["queries"].items():
        if "failure" in page:
            print(f"  {name:<16} {page['failure']}")
            continue
        print(
            f"  {name:<16} {page['count']:>3} queries + {page.get('filling_count', 0)},"
            f" slowest {page['max_ms']:.2f} ms,"
            f" {page['seq_scans']} with a seq scan of articles or photos"
        )
        if not big:
            continue
        for query in page["queries"] + page.get("filling", []):
            filling = "+" if query in page.get("filling", []) else " "
            if "plan" in query:
                scans = ", ".join(query["scans"]) or "no table"
                print(f"    {filling} {query['ms']:8.2f} ms  {scans}")
            if query.get("seq_scan"):
                print(f"      SQL: {query['sql']}")
                print("      " + query["plan_text"].replace("\n", "\n      "))


def flags(results):
    """What needs a look: errors, query counts that depend on the archive's
    size, sequential scans of articles or photos on the big archive (on a small one PostgreSQL
    rightly prefers them)."""
    found = []
    for size, result in results["sizes"].items():
        for mode, measured in result["modes"].items():
            rows = {
                **measured["rows"],
                **{
                    f"{name} (nginx, {kind})": row
                    for name, page in measured.get("nginx", {}).items()
                    for kind, row in page.items()
                },
            }
            for key in ("beacon", "beacon, busy article", *ALONE):
                if key in measured:
                    rows[f"article + {key}"] = measured[key]
            for name, row in rows.items():
                if row["errors"]:
                    found.append(
                        f"{size} articles, cache {mode}, {name}: {errors_text(row)} errors"
                    )
                if row.get("warm_up", {}).get("errors"):
                    found.append(
                        f"{size} articles, cache {mode}, {name}: "
                        f"{row['warm_up']['errors']} errors while warming up"
                    )
            for failure in measured.get("search_latency", {}).get("failures", []):
                found.append(f"{size} articles, search latency: {failure}")
        for name, page in result["queries"].items():
            if "failure" in page:
                found.append(f"{size} articles, SQL of {name}: {page['failure']}")
    big_size, reference_size = results["settings"]["articles"], results["settings"]["reference"]
    big = results["sizes"][str(big_size)]
    reference = results["sizes"].get(str(reference_size)) if reference_size != big_size else None
    for name, page in big["queries"].items():
        small = reference["queries"][name].get("count") if reference else page.get("count")
        if small != page.get("count"):
            found.append(
                f"{name}: {small} queries at {reference_size:,} articles,"
                f" {page.get('count')} at {big_size:,}"
            )
        if page.get("seq_scans"):
            found.append(
                f"{name}: {page['seq_scans']} queries scan articles or photos sequentially"
            )
    return found
