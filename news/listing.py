"""Newest-first lists of public articles from several categories, at a cost set by the rows shown.

A category page lists its whole subtree. Sorting all of a subtree's articles to show twenty
reads the whole subtree; instead each category's own articles are read in order from the
partial index (category, published_at, id) of published articles, only as many as the list
needs, and merged (a LATERAL join over the category ids). Reading after a given article (a
keyset "cursor") costs the same on page 500 as on page 1. Skipping rows (a typed page number,
with no cursor) merges the categories' index scans as they come instead (a Merge Append over
a UNION ALL): page 500 of a subtree of ten categories reads the 10,000 entries before it once,
not 10,000 of each category, sorted (6 ms instead of 25 at 100,000 articles).

The rows are due published articles of the given categories: the caller passes only categories
the public may see, which makes them `Article.objects.published()` (tests/test_scale.py checks
that both agree).
"""

from datetime import datetime
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from .models import Article, Status


class Row(NamedTuple):
    id: int
    category_id: int
    published_at: datetime

    @property
    def key(self):
        return (self.published_at, self.id)


def newest(category_ids, count, *, older_than=None, offset=0, now=None):
    """Up to `count` rows, newest first, skipping `offset` rows, all older than `older_than`
    (a (published_at, id) key) when given."""
    return _rows(category_ids, offset + count, count, offset, older_than, now, newest_first=True)


def oldest_newer_than(category_ids, count, key, *, now=None):
    """Up to `count` rows just newer than `key`, the closest first (to page backwards)."""
    return _rows(category_ids, count, count, 0, key, now, newest_first=False)


def newest_of_each(category_ids, count, *, now=None):
    """The `count` newest rows of each category, newest first (for blocks of several)."""
    return _rows(category_ids, count, None, 0, None, now, newest_first=True)


def _rows(category_ids, inner_limit, limit, offset, key, now, newest_first):
    if not category_ids or inner_limit <= 0:
        return []
    order = "DESC" if newest_first else "ASC"
    cursor_condition = ""
    params = {
        "categories": list(category_ids),
        "status": Status.PUBLISHED,
        "now": now or timezone.now(),
        "inner_limit": inner_limit,
        "limit": limit,
        "offset": offset,
    }
    if key is not None:
        comparison = "<" if newest_first else ">"
        cursor_condition = f"AND (published_at, id) {comparison} (%(key_time)s, %(key_id)s)"
        params.update(key_time=key[0], key_id=key[1])
    one_category = f"""
        SELECT id, category_id, published_at FROM {Article._meta.db_table}
        WHERE category_id = {{category}} AND status = %(status)s AND published_at <= %(now)s
            {cursor_condition}
        ORDER BY published_at {order}, id {order}
        LIMIT %(inner_limit)s
    """
    if offset:
        # Planned anew for each list of categories (2 ms for ten: too much for every page).
        params.update({f"category_{n}": int(pk) for n, pk in enumerate(category_ids)})
        categories = " UNION ALL ".join(
            f"({one_category.format(category=f'%(category_{n})s')})"
            for n in range(len(category_ids))
        )
    else:
        categories = f"""
            SELECT a.* FROM unnest(%(categories)s::bigint[]) AS c(id)
            CROSS JOIN LATERAL ({one_category.format(category="c.id")}) AS a
        """
    sql = f"""
        SELECT id, category_id, published_at FROM ({categories}) AS a
        ORDER BY published_at {order}, id {order}
        LIMIT %(limit)s OFFSET %(offset)s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Row(*row) for row in cursor.fetchall()]
