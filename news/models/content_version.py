"""The version of everything the public sees, for caches that must never serve a stale page.

Cached pages and fragments are stored under the current version (news/page_cache.py), so a
change makes every cached copy obsolete at once: nothing to purge, no list of pages that an
article appears on to keep right. The version is a pair:

- `ContentVersion.number`, bumped in the same transaction as the change (the receivers below:
  articles that are or were public, their photos, categories, site settings). Readers see the
  new rows and the new number together, when the transaction commits; a rollback undoes both.
- the publication time of the newest article that is due: a scheduled article goes public with
  no write at all, and at that moment its time becomes the newest.

Reading both costs one small query (an index lookup), made once per request.
"""

from contextvars import ContextVar

from django.db import connection, models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .articles import Article, Status
from .categories import Category
from .photos import Photo
from .site import SiteSettings

# The version of the request being served, read at most once per request: a dict that
# news.page_cache's middleware sets for each request; None outside a request.
request_version = ContextVar("request_version", default=None)


class ContentVersion(models.Model):
    """One row (pk 1): a number that every public change moves on."""

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.number)


def read():
    """The current version, as a string for cache keys: "<number>.<newest publication time>"."""
    with connection.cursor() as cursor:
        cursor.execute(_READ, [Status.PUBLISHED, timezone.now()])
        number, newest = cursor.fetchone()
    return f"{number or 0}.{newest.timestamp() if newest else 0}"


_READ = f"""
    SELECT
        (SELECT number FROM {ContentVersion._meta.db_table} WHERE id = 1),
        (SELECT published_at FROM {Article._meta.db_table}
         WHERE status = %s AND published_at <= %s
         ORDER BY published_at DESC, id DESC LIMIT 1)
"""
# An upsert: the row exists once anything was bumped (a flushed test database has none).
# The number is the clock in microseconds, or one more than before if that is larger: a
# number never comes back after a rolled-back transaction or a restored backup, so a cache
# never takes old pages for new ones.
_BUMP = f"""
    INSERT INTO {ContentVersion._meta.db_table} AS v (id, number)
    VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
    ON CONFLICT (id) DO UPDATE SET number = greatest(v.number + 1, excluded.number)
"""


def current():
    """The version of the request being served (one reading per request), or a fresh one."""
    memo = request_version.get()
    if memo is None:
        return read()
    if memo.get("version") is None:
        memo["version"] = read()
    return memo["version"]


def bump():
    """Make every cached page and fragment obsolete when this transaction commits."""
    with connection.cursor() as cursor:
        cursor.execute(_BUMP)
    memo = request_version.get()
    if memo is not None:
        memo.pop("version", None)  # this request's own later pages see its change


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance, **kwargs):
    # Drafts and submissions change nothing public: a reporter's saves keep the caches.
    if instance.status == Status.PUBLISHED or instance.was_public:
        bump()


@receiver([post_save, post_delete], sender=Photo)
def photo_changed(sender, instance, **kwargs):
    if Article.objects.filter(pk=instance.article_id, status=Status.PUBLISHED).exists():
        bump()


@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=SiteSettings)
def identity_changed(sender, instance, **kwargs):
    bump()
