from datetime import timedelta

from django import template
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from news import body_photos, dates, desk
from news.page_cache import cached

register = template.Library()

# How long an article carries the red "new" marker in the home page's list of latest news.
RECENT = timedelta(hours=24)


@register.filter
def vn_datetime(value):
    """ "Thứ Ba, 13/10/2020 08:30" in the site's time zone (weekday names from our catalogue)."""
    return dates.local_datetime(value)


@register.filter
def iso_datetime(value):
    """ "2020-10-13T08:30:00+07:00": the datetime of a <time> element."""
    return dates.iso_datetime(value)


@register.filter
def vn_short_datetime(value):
    """ "13/10/2020 08:30" in the site's time zone."""
    return dates.local_datetime(value, "SHORT_DATETIME_FORMAT")


@register.simple_tag
def date_line():
    """Today in the site's time zone, as state portals head their pages: "Thứ Hai, ngày
    30/11/2026" (the page cache keeps pages per day: news/page_cache.py)."""
    today = timezone.localdate()
    text = _("%(weekday)s, %(date)s") % {
        "weekday": formats.date_format(today, "l"),
        "date": formats.date_format(today, "SHORT_DATE_FORMAT"),
    }
    return format_html('<time datetime="{}">{}</time>', today.isoformat(), text)


@register.filter
def is_recent(value):
    """True for a publication time within the last 24 hours."""
    if not value:
        return False
    return value >= timezone.now() - RECENT


@register.simple_tag
def article_card(
    ref,
    variant="",
    level=3,
    show_lead=False,
    show_category=False,
    current_category=None,
    show_new=False,
    eager=False,
):
    """One article in a list (templates/includes/article_card.html says what the options do).

    `ref` is a news.cards.ArticleRef. A card is the same on every page that
    lists its article (home, its category and the categories above): it is rendered once per
    content version and then taken from the pages cache, so that a list page costs its list
    query and little more; the article itself is loaded only when its card is not cached.
    """
    options = {
        "variant": variant,
        "level": level,
        "show_lead": bool(show_lead),
        "show_category": bool(show_category)
        and (current_category is None or ref.category_id != current_category.pk),
        # Time-dependent: part of the key, so the marker goes after 24 hours.
        "show_new": bool(show_new) and is_recent(ref.published_at),
        "eager": bool(eager),
    }
    name = "card:{}:{}".format(ref.pk, ":".join(str(v) for v in options.values()))
    return cached(
        name,
        lambda: render_to_string("includes/article_card.html", {"article": ref.article, **options}),
    )


@register.simple_tag
def article_photos(article):
    """The article's photos above, in and after its body (news/body_photos.py), from its
    prefetched photos: no query."""
    return body_photos.layout(article.body, list(article.photos.all()))


@register.simple_tag
def desk_sections(user):
    """The work waiting for `user`, by role (news/desk.py)."""
    return desk.sections_for(user)


@register.filter
def last_return(transitions):
    """The last time the article was returned to its author (its comment first on the form)."""
    returns = [step for step in transitions if step.name == "return"]
    return returns[-1] if returns else None


@register.filter
def last_change_return(transitions):
    """The last time a proposed change was returned (its comment on the form)."""
    returns = [step for step in transitions if step.name == "return_change"]
    return returns[-1] if returns else None
