"""The version of everything the public sees, for caches that must never serve a stale page.

Cached pages and fragments are stored under the current version (news/page_cache.py), so a
change makes every cached copy obsolete at once: nothing to purge, no list of the pages an
article appears on to keep right.

The version is a random token, kept where every process serving the site reads it: a small
file (CONTENT_VERSION_FILE) when each process has its own cache, or the shared cache itself
(Redis) when CACHE_URL names one. Reading it costs a file read, not a database query: a cached
page is served at about the framework's own speed (`make bench`).

- A public change (the receivers below: an article that is or was public, its photos, a
  category, the site settings) writes a new token at once, and again when its transaction
  commits. A request between the two may cache the old content under the first token; the
  second makes it obsolete. Drafts change nothing public and keep the caches.
- A scheduled article goes public with no write at all. Each token carries the time of the
  next scheduled publication; the first request after that time makes a new token.
"""

import logging
import os
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from . import notifications, publishable
from .models import Article, Category, MenuLink, Page, Photo, SiteSettings, Status

logger = logging.getLogger(__name__)

KEY = "content-version"

# The version of the request being served, read at most once per request: a dict that
# news.page_cache's middleware sets for each request; None outside a request.
request_version = ContextVar("request_version", default=None)


def _shared_cache():
    """The pages cache when all processes share it (Redis), else None (per-process memory)."""
    cache = caches["pages"]
    return None if settings.CACHES["pages"]["BACKEND"].endswith("LocMemCache") else cache


def _load():
    cache = _shared_cache()
    if cache is not None:
        return cache.get(KEY)
    try:
        return Path(settings.CONTENT_VERSION_FILE).read_text()
    except FileNotFoundError:
        return None


def _store(value):
    cache = _shared_cache()
    if cache is not None:
        cache.set(KEY, value, timeout=None)
        return
    path = Path(settings.CONTENT_VERSION_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(value)
    os.replace(temporary, path)  # readers see the old token or the new one, never half


def renew():
    """Write a new token, with the time of the next scheduled publication; return it. An
    article whose time came but whose author is still to be told (news/notifications.py) counts
    as next too, so a renewal in between (any public change) never skips telling them."""
    times = [
        items.order_by("published_at").values_list("published_at", flat=True).first()
        for model in publishable.MODELS
        for items in (
            model.objects.scheduled(),
            model.objects.filter(status=Status.PUBLISHED, announced=False),
        )
    ]
    upcoming = min((time for time in times if time is not None), default=None)
    due = upcoming.timestamp() if upcoming else ""
    value = f"{uuid.uuid4().hex} {due}"
    _store(value)
    return value


def read():
    """The current version, for cache keys."""
    value = _load() or renew()
    token, _, due = value.partition(" ")
    if due and timezone.now() >= datetime.fromtimestamp(float(due), tz=UTC):
        _announce_due()
        token = renew().partition(" ")[0]  # a scheduled article is public from now on
    return token


def _announce_due():
    """Its author learns it is public, with this first request after its time."""
    try:
        notifications.announce_due()
    except Exception:  # a mail server that is down must not fail a reader's page
        logger.exception("Could not tell authors that their scheduled articles are public")


def current():
    """The version of the request being served (one reading per request), or a fresh one."""
    memo = request_version.get()
    if memo is None:
        return read()
    if memo.get("version") is None:
        memo["version"] = read()
    return memo["version"]


def bump():
    """Make every cached page and fragment obsolete, now and when this transaction commits."""
    renew()
    transaction.on_commit(renew, robust=True)
    memo = request_version.get()
    if memo is not None:
        memo.pop("version", None)  # this request's own later pages see its change


def item_changed(sender, instance, **kwargs):
    """An article, a page or a broadcast (news/publishable.py connects it for each)."""
    if instance.status == Status.PUBLISHED or instance.was_public:
        bump()


@receiver([post_save, post_delete], sender=Photo)
def photo_changed(sender, instance, **kwargs):
    owner = Page if instance.page_id else Article
    pk = instance.page_id or instance.article_id
    if owner.objects.filter(pk=pk, status=Status.PUBLISHED).exists():
        bump()


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def writer_renamed(sender, instance, created=False, update_fields=None, **kwargs):
    # Feeds name an article's writer when it has no source line; a new account has written
    # nothing yet, and a login (last_login) is not a change anyone sees.
    if not created and (update_fields is None or {"first_name", "last_name"} & set(update_fields)):
        bump()


@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=SiteSettings)
@receiver([post_save, post_delete], sender=MenuLink)
def identity_changed(sender, instance, **kwargs):
    bump()
