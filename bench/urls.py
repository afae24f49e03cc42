"""The portal's URLs plus the framework ceiling for `make bench`: a constant 40 KB page that
goes through the same middleware, settings and server as every page, and does nothing else."""

from django.http import HttpResponse
from django.urls import include, path

CEILING_BYTES = 40 * 1024
_HEAD = b"<!doctype html><html lang=vi><meta charset=utf-8><title>ceiling</title><body>\n"
_LINE = b"<p>" + b"x" * 75 + b"</p>\n"
CEILING_PAGE = (_HEAD + _LINE * (CEILING_BYTES // len(_LINE) + 1))[:CEILING_BYTES]


def ceiling(request):
    return HttpResponse(CEILING_PAGE)


urlpatterns = [
    path("bench/ceiling/", ceiling, name="bench_ceiling"),
    path("", include("portal.urls")),
]
