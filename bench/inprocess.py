"""Milliseconds a page costs in one process, with no server, load generator or network: for
comparing two versions of the code on a machine whose speed drifts (alternate the runs, read
the minimums).

    DATABASE_URL=… python -m bench.inprocess [CHECKOUT] PATH…

runs production settings (DEBUG off, page cache off) from CHECKOUT (default: this one) against
DATABASE_URL (a bench database, e.g. portal_bench_100000; collectstatic into STATIC_ROOT first)
and prints, for each PATH, the best of 8 rounds of 25 requests, in milliseconds.
"""

import os
import sys
import time

ROUNDS, REQUESTS = 8, 25


def main(argv):
    root = argv[0] if argv and os.path.isdir(argv[0]) else os.getcwd()
    paths = argv[1:] if argv and os.path.isdir(argv[0]) else argv
    sys.path.insert(0, root)
    os.chdir(root)
    os.environ.update(
        DEBUG="off",
        SECRET_KEY=os.environ.get("SECRET_KEY", "in-process-bench-" + "x" * 50),
        ALLOWED_HOSTS="tintuc.example.vn",
        DJANGO_SETTINGS_MODULE="bench.settings",
        PAGE_CACHE_SECONDS="0",
    )
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="tintuc.example.vn", HTTP_USER_AGENT="Mozilla/5.0")
    best = []
    for path in paths:
        for _ in range(10):  # caches of fragments and connections warmed
            response = client.get(path, secure=True)
        assert response.status_code == 200, (path, response.status_code)
        rounds = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            for _ in range(REQUESTS):
                client.get(path, secure=True)
            rounds.append((time.perf_counter() - start) / REQUESTS * 1000)
        best.append(min(rounds))
    print(root, " ".join(f"{path} {ms:.2f}" for path, ms in zip(paths, best, strict=True)))


if __name__ == "__main__":
    main(sys.argv[1:])
