"""Readable revisions of an article: the comparison of two (text, lead, body and photos), and
the changes its history page lists."""

import difflib
import re
from datetime import datetime

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

from . import proposals
from .dates import local_datetime
from .models import Article, Photo

BLOCK_END = re.compile(r"(</(?:p|h2|h3|h4|li|blockquote|figcaption|tr|table)>)", re.IGNORECASE)


def body_lines(html):
    """One line per paragraph, heading, list item…: the unit editors think in."""
    return [
        line.strip()
        for line in strip_tags(BLOCK_END.sub(r"\1\n", html)).splitlines()
        if line.strip()
    ]


def photos_at(article, revision):
    """The article's photos (historical records) as they were at `revision`.

    Photos are saved just after their article (admin inlines), so a revision's photos are those
    in force until the article's next revision.
    """
    history = Photo.history.filter(article_id=article.pk)
    following = article.history.filter(history_date__gt=revision.history_date).order_by(
        "history_date"
    )
    next_revision = following.first()
    if next_revision is not None:
        history = history.filter(history_date__lt=next_revision.history_date)
    latest = history.order_by("id", "-history_date").distinct("id")
    return sorted((p for p in latest if p.history_type != "-"), key=lambda p: (p.order, p.id))


def photo_lines(photos):
    return [
        f"{p.order}. {p.caption} | {_('alternative text')}: {p.alt_text or '—'} | {p.credit}"
        for p in photos
    ]


def texts_at(article, revision):
    """{photo id: {field: value}} of the photos that still exist, as they were at `revision`."""
    return {
        old.id: {field: getattr(old, field) for field in Photo.TEXT_FIELDS}
        for old in photos_at(article, revision)
    }


def restore_photo_texts(article, revision):
    """Give the photos that still exist the captions, descriptions, credits and order they had
    at `revision` (each change is saved, so it becomes a new photo revision). Photos added or
    removed since are left as they are: restoring never deletes. Returns how many changed."""
    changed = 0
    current = {photo.pk: photo for photo in article.photos.all()}
    for old in photos_at(article, revision):
        photo = current.get(old.id)
        if photo is None:
            continue
        if any(getattr(photo, field) != getattr(old, field) for field in Photo.TEXT_FIELDS):
            for field in Photo.TEXT_FIELDS:
                setattr(photo, field, getattr(old, field))
            photo.save(update_fields=Photo.TEXT_FIELDS)
            changed += 1
    return changed


def _table(before, after, old_label, new_label):
    # An empty side (no photos) as a dash: difflib would write "Empty File", in English.
    table = difflib.HtmlDiff(wrapcolumn=70).make_table(
        before or ["—"], after or ["—"], old_label, new_label, context=False
    )
    return mark_safe(table)  # HtmlDiff escapes the compared text itself


def comparison(article, from_id=None, to_id=None):
    revisions = list(article.history.select_related("history_user"))  # newest first
    by_id = {str(r.history_id): r for r in revisions}
    newer = by_id.get(str(to_id)) or (revisions[0] if revisions else None)
    older = by_id.get(str(from_id)) or (revisions[1] if len(revisions) > 1 else newer)
    if newer is None:
        return {"revisions": [], "diffs": []}

    labels = tuple(
        f"#{r.history_id} {local_datetime(r.history_date, 'SHORT_DATETIME_FORMAT')}"
        for r in (older, newer)
    )
    diffs = [
        (_("title"), _table([older.title], [newer.title], *labels)),
        (_("lead"), _table([older.lead], [newer.lead], *labels)),
        (_("body"), _table(body_lines(older.body), body_lines(newer.body), *labels)),
        (
            _("photos"),
            _table(
                photo_lines(photos_at(article, older)),
                photo_lines(photos_at(article, newer)),
                *labels,
            ),
        ),
    ]
    return {"revisions": revisions, "older": older, "newer": newer, "diffs": diffs}


def change_comparison(article, change):
    """(label, table) of each part of `article` as published against its proposed `change`."""
    live, proposed = (Article.objects.prefetch_related("photos").get(pk=article.pk) for _n in "ab")
    proposals.as_proposed(proposed, change)

    def parts(version):
        return {
            _("title"): [version.title],
            _("lead"): [version.lead],
            _("body"): body_lines(version.body),
            _("category"): [category_trail(version.category)],
            _("source"): [version.source],
            _("photos"): photo_lines(sorted(version.photos.all(), key=_place)),
        }

    labels = (_("Published"), _("Proposed change"))
    before, after = parts(live), parts(proposed)
    return [(label, _table(before[label], after[label], *labels)) for label in before]


def category_trail(category):
    return " › ".join(ancestor.name for ancestor in category.trail())


def _place(photo):
    return (photo.order, photo.pk)


class ReadableChanges(HistoricalRecordContextHelper):
    """The changes listed on an article's history page, in words a newsroom reads: states by
    their Vietnamese names, times in the site's time zone, "Không có" for nothing, the start of
    a text instead of "[1841 chars]"."""

    TEXT_SHOWN = 80  # characters of a changed text

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return _("nothing")
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, datetime):
            return local_datetime(value, "SHORT_DATETIME_FORMAT")
        if isinstance(value, str):
            text = " ".join(strip_tags(value).replace("&nbsp;", " ").split())
            return text if len(text) <= self.TEXT_SHOWN else text[: self.TEXT_SHOWN] + "…"
        return super().prepare_delta_change_value(change, value)
