"""How many times each article was read, counted without a database write per reading.

The article page's script reports each reading with a small POST (static/js/views.js), so
that pages served from a cache are counted too. A report costs the servers about what a cached
page does, so once an article has been read VIEW_COUNT_EXACT_UP_TO times (a crowd is on it) its
page asks for one reading in VIEW_COUNT_SAMPLE = N to be reported, at random, and each of those
reports counts N (`?n=N` in its address): small counts stay exact, and a busy article's count,
in the thousands, is off by a few percent at most. The write that takes a count past that line
moves the content version on: the article's cached pages, which ask for every reading, go.

A reading adds one to a counter in Django's cache (`cache.incr`: atomic in one process with
the local-memory cache, and across processes with Redis). The counter is written to
`ViewCount` in batches, by one `INSERT … ON CONFLICT DO UPDATE SET count = count + pending`
when it holds FLUSH_EVERY reports or when a report arrives more than FLUSH_AFTER seconds after
its batch began; the commit does not wait for the disk (a count is not worth a flush of the
WAL).
The article row itself is never touched, so a busy article never waits on a row lock and
never gets a new revision or search vector for being read.

The number shown is what is stored plus what is pending. A cache that is cleared or evicted, or
a process that dies with local-memory counters, loses at most the views of one batch.
"""

import logging
import re
import time
from contextlib import suppress
from urllib.parse import parse_qs

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.http import HttpResponse
from django.urls import get_script_prefix, reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import content_version
from .models import Article, ViewCount

logger = logging.getLogger(__name__)

FLUSH_EVERY = 50  # reports: a busy article's batch holds as many as any other's
FLUSH_AFTER = 60  # seconds
# A flush in progress holds this lock; it expires by itself if its process dies mid-way.
LOCK_SECONDS = 30
# Crawlers and link-preview fetchers are not readers. A request without any User-Agent is a
# program too: every browser sends one.
NOT_A_READER = re.compile(r"bot|crawl|spider|slurp|facebookexternalhit", re.IGNORECASE)

UPSERT = f"""
    INSERT INTO {ViewCount._meta.db_table} (article_id, count)
    SELECT id, %s FROM {Article._meta.db_table} WHERE id = %s
    ON CONFLICT (article_id) DO UPDATE SET count = {ViewCount._meta.db_table}.count + EXCLUDED.count
    RETURNING count
"""
# The SELECT makes the write a no-op for an article deleted meanwhile (no foreign-key error).


def _pending_key(article_id):
    return f"news:views:pending:{article_id}"


def _batch_key(article_id):
    return f"news:views:batch:{article_id}"


def _lock_key(article_id):
    return f"news:views:lock:{article_id}"


def is_reader(user_agent):
    """A browser that is not a known crawler (bots and scripts without a User-Agent are not)."""
    return bool(user_agent) and not NOT_A_READER.search(user_agent)


def pending_views(article_id):
    """Views counted in the cache and not yet written to the database."""
    return cache.get(_pending_key(article_id)) or 0


def record_view(article_id, now=None, views=1):
    """Count `views` readings; write the batch when it is due. Returns the views now pending
    (these included) as they were before any write. `now`: seconds since the epoch."""
    now = time.time() if now is None else now
    key = _pending_key(article_id)
    try:
        pending = cache.incr(key, views)
    except ValueError:  # no counter yet (first view, or the cache was cleared)
        cache.add(key, 0, timeout=None)
        pending = cache.incr(key, views)
    if pending == views:
        cache.set(_batch_key(article_id), now, timeout=None)  # a new batch begins
    elif pending >= FLUSH_EVERY * views or _batch_is_old(article_id, now):
        flush(article_id, now)
    return pending


def _batch_is_old(article_id, now):
    started = cache.get(_batch_key(article_id))
    return started is None or now - started >= FLUSH_AFTER


def flush(article_id, now=None):
    """Write the pending views of one article to the database. Returns how many were written.

    Only one process flushes an article at a time (a lock in the cache); views counted while
    it writes stay pending for the next batch.
    """
    lock = _lock_key(article_id)
    if not cache.add(lock, True, timeout=LOCK_SECONDS):
        return 0
    key = _pending_key(article_id)
    try:
        taken = cache.get(key) or 0
        if taken <= 0:
            return 0
        # A counter cleared meanwhile raises ValueError: what was read is still worth writing.
        with suppress(ValueError):
            cache.decr(key, taken)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                # A database crash in the next fraction of a second may lose this batch, as a
                # cleared cache would: the reader never waits for the write-ahead log's fsync.
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
                cursor.execute(UPSERT, [taken, article_id])
                stored = cursor.fetchone()
                if stored and sample_for(stored[0] - taken) != sample_for(stored[0]):
                    # Its cached pages still ask for every reading: a new content version
                    # makes them obsolete (the next renders ask for one in VIEW_COUNT_SAMPLE).
                    content_version.bump()
        except DatabaseError:
            logger.exception("Could not write %s views of article %s", taken, article_id)
            _give_back(key, taken)
            return 0
        # The next batch starts now, with the views counted while this one was written.
        cache.set(_batch_key(article_id), time.time() if now is None else now, timeout=None)
        return taken
    finally:
        cache.delete(lock)


def _give_back(key, views):
    """Put views that could not be written back into the pending counter."""
    try:
        cache.incr(key, views)
    except ValueError:
        cache.add(key, views, timeout=None)


def sample_for(views):
    """One reading in how many the page of an article read `views` times reports."""
    if views < settings.VIEW_COUNT_EXACT_UP_TO:
        return 1
    return max(settings.VIEW_COUNT_SAMPLE, 1)


def counter(article_id, views):
    """Where the page of an article read `views` times reports a reading, and one reading in how
    many it reports (views.js)."""
    url = reverse("news:count_view", kwargs={"pk": article_id})
    sample = sample_for(views)
    return (url if sample == 1 else f"{url}?n={sample}"), sample


def views_to_show(article):
    """The number of views to show: stored plus pending. `article` should come with its
    `view_count` (select_related) so that no query is made."""
    stored = getattr(article, "view_count", None)
    return (stored.count if stored is not None else 0) + pending_views(article.pk)


def most_read(limit=5):
    """The most read published articles, in one query (joined with their counts)."""
    return (
        Article.objects.published()
        .filter(view_count__count__gt=0)
        .order_by("-view_count__count", "-published_at", "-pk")
        .only("pk", "slug", "title", "published_at")[:limit]
    )


def report(article_id, user_agent, weight):
    """One report of the article page's script (static/js/views.js). A busy article's page
    reports one reading in VIEW_COUNT_SAMPLE, each with that `weight` (`?n=`, counter()) and
    counting that many; any other weight is one reading. Programs are not readers."""
    if is_reader(user_agent):
        sampled = weight == str(settings.VIEW_COUNT_SAMPLE)
        record_view(article_id, views=settings.VIEW_COUNT_SAMPLE if sampled else 1)


@csrf_exempt  # sent by navigator.sendBeacon, which carries no token; it changes no content
@require_POST
def count_view(request, pk):
    """`POST /luot-xem/<id>/` through Django (the test client; servers answer it first with
    CounterApp). No query: the counter lives in the cache, and its batches are written with an
    upsert that skips ids of articles that do not exist."""
    report(pk, request.headers.get("User-Agent", ""), request.GET.get("n"))
    return HttpResponse(status=204)


class CounterApp:
    """WSGI (portal/wsgi.py): answers the counter's POSTs before Django builds a request. A
    report needs no session, CSRF token, security header or page, and a crowd sends one for
    every page it reads: through Django's handler a report cost about what a cached page does
    (270 µs against 290 in one process), here 40 µs (`make bench` measures what counting costs
    the article page). Anything else goes on to Django."""

    def __init__(self, django_app):
        self.django_app = django_app
        self.path = None  # the URLs are loaded with the first request

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "POST":
            if self.path is None:
                # PATH_INFO never holds the script prefix (a site served under a sub-path).
                address = reverse("news:count_view", kwargs={"pk": 0})
                prefix = "/" + address.removeprefix(get_script_prefix()).removesuffix("0/")
                self.path = re.compile(re.escape(prefix) + r"([0-9]{1,18})/")
            match = self.path.fullmatch(environ.get("PATH_INFO", ""))
            if match:
                weight = parse_qs(environ.get("QUERY_STRING", "")).get("n", [None])[-1]
                # What Django does as a request starts: a flush may use the database, whose
                # connection may have grown old or broken since this worker last used it (an
                # unused one is closed by the next page's request, as after any request).
                close_old_connections()
                try:
                    report(int(match[1]), environ.get("HTTP_USER_AGENT", ""), weight)
                except Exception:  # the cache unreachable: one reading lost, said in the log
                    logger.exception("Could not count a reading of article %s", match[1])
                start_response("204 No Content", [])
                return []
        return self.django_app(environ, start_response)
