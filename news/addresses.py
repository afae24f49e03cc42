"""Addresses of articles and categories, remembered: a results page links forty of them, and
reverse() takes about 25 µs each (a twentieth of the page's time)."""

import functools

from django.urls import get_script_prefix, get_urlconf, reverse


def remembered_reverse(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), kept per URLconf and script prefix, which it depends on."""
    return _reverse(get_urlconf(), get_script_prefix(), viewname, tuple(sorted(kwargs.items())))


@functools.lru_cache(maxsize=20_000)
def _reverse(urlconf, prefix, viewname, kwargs):
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))
