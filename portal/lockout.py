"""The page shown to a login locked by django-axes after too many wrong passwords."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _


def locked_out(request, original_response=None, credentials=None):
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    title = _("Too many failed logins")
    message = ngettext(
        "For your safety, logging in with this name from here is paused. Try again in %(minutes)d minute.",
        "For your safety, logging in with this name from here is paused. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    page = format_html(
        '<!doctype html><html lang="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{}</title></head><body><h1>{}</h1><p>{}</p></body></html>",
        get_language() or settings.LANGUAGE_CODE,
        title,
        title,
        message,
    )
    return HttpResponse(page, status=429)
