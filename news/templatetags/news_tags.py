from datetime import timedelta

from django import template
from django.utils import formats, timezone

register = template.Library()

# How long an article carries the red "new" marker in the home page's list of latest news.
RECENT = timedelta(hours=24)


@register.filter
def vn_datetime(value):
    """ "Thứ Ba, 13/10/2020 08:30" in the site's time zone (weekday names from our catalogue)."""
    if not value:
        return ""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


@register.filter
def is_recent(value):
    """True for a publication time within the last 24 hours."""
    if not value:
        return False
    return value >= timezone.now() - RECENT
