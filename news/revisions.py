"""Readable comparison of two revisions of an article (text, lead, body and photos)."""

import difflib
import re

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import Photo

BLOCK_END = re.compile(r"(</(?:p|h2|h3|h4|li|blockquote|figcaption|tr|table)>)", re.IGNORECASE)


def body_lines(html):
    """One line per paragraph, heading, list item…: the unit editors think in."""
    return [
        line.strip()
        for line in strip_tags(BLOCK_END.sub(r"\1\n", html)).splitlines()
        if line.strip()
    ]


def photo_lines(article_pk, until=None):
    """The article's photos as they were before `until` (None: now), one line each."""
    history = Photo.history.filter(article_id=article_pk)
    if until is not None:
        history = history.filter(history_date__lt=until)
    history = history.order_by("id", "-history_date").distinct("id")
    photos = sorted((p for p in history if p.history_type != "-"), key=lambda p: (p.order, p.id))
    return [
        f"{p.order}. {p.caption} | {_('alternative text')}: {p.alt_text or '—'} | {p.credit}"
        for p in photos
    ]


def _table(before, after, old_label, new_label):
    table = difflib.HtmlDiff(wrapcolumn=70).make_table(
        before, after, old_label, new_label, context=False
    )
    return mark_safe(table)  # HtmlDiff escapes the compared text itself


def comparison(article, from_id=None, to_id=None):
    revisions = list(article.history.select_related("history_user"))  # newest first
    by_id = {str(r.history_id): r for r in revisions}
    newer = by_id.get(str(to_id)) or (revisions[0] if revisions else None)
    older = by_id.get(str(from_id)) or (revisions[1] if len(revisions) > 1 else newer)
    if newer is None:
        return {"revisions": [], "diffs": []}

    def photos_of(revision):
        # Photos are saved just after their article (admin inlines), so a revision's photos are
        # those in force until the next revision of the article.
        newer_ones = [r for r in revisions if r.history_date > revision.history_date]
        return photo_lines(article.pk, newer_ones[-1].history_date if newer_ones else None)

    labels = tuple(
        f"#{r.history_id} {timezone.localtime(r.history_date):%d/%m/%Y %H:%M}"
        for r in (older, newer)
    )
    diffs = [
        (_("title"), _table([older.title], [newer.title], *labels)),
        (_("lead"), _table([older.lead], [newer.lead], *labels)),
        (_("body"), _table(body_lines(older.body), body_lines(newer.body), *labels)),
        (
            _("photos"),
            _table(photos_of(older), photos_of(newer), *labels),
        ),
    ]
    return {"revisions": revisions, "older": older, "newer": newer, "diffs": diffs}
