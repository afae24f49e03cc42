"""Public pages and shared fragments from a cache, never stale: everything is stored under the
content version (news/content_version.py), which every public change moves on.

- `public_page` marks a view whose answer is the same for every reader (no form with a CSRF
  token, no message, nothing about the reader). Its answers say so to shared caches
  (`Cache-Control: public, s-maxage`, `Vary: Cookie`): nginx's micro-cache, or a CDN.
- `PageCacheMiddleware` serves those answers to anonymous readers from the "pages" cache. A
  request with a session or messages cookie (staff, or a message waiting) neither gets nor fills
  a cached page; only 200 answers that set no cookie are stored.
- `cached(name, build)`: an object or fragment shared by many pages (the category tree, the
  site settings, most read, related lists, article cards), built once per content version.
- Both are kept for one release (settings.RELEASE): a deploy starts with none.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import content_version

PUBLIC = "_public_page"


def page_cache():
    return caches["pages"]


# The fragments this process read last, for a few seconds: a page reads ten or more (the
# category tree, the menu, the site settings, cards), and each read from the cache unpickled a
# copy (from Redis, fetched it too), a tenth of a small page's time. Only of the current content
# version, so never stale; briefly, so that a fragment with a lifetime (the most read) renews.
# The values are shared by the requests that read them: no caller changes one.
MEMO_SECONDS = 5
MEMO_ENTRIES = 2000
_memo = {}


def cached(name, build, timeout=None):
    """`build()`, kept in the pages cache under `name` and the content version."""
    version = content_version.current()
    key = f"fragment:{settings.RELEASE}:{name}:{version}"
    now = time.monotonic()
    kept = _memo.get(key)
    if kept is not None and kept[1] > now:
        return kept[0]
    timeout = timeout or settings.PAGE_CACHE_SECONDS or 60
    value = page_cache().get(key)
    if value is None:
        value = build()
        page_cache().set(key, value, timeout)
    if _memo.get("version") != version or len(_memo) > MEMO_ENTRIES:
        _memo.clear()
        _memo["version"] = version
    _memo[key] = (value, now + min(timeout, MEMO_SECONDS))
    return value


def public_page(view):
    """Mark `view`'s successful answers as the same for every anonymous reader."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            setattr(response, PUBLIC, True)
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.SHARED_CACHE_SECONDS,
                stale_while_revalidate=settings.SHARED_CACHE_SECONDS,
            )
            # Staff (with a session cookie) are answered afresh; the answer is the same for
            # every reader without one.
            patch_vary_headers(response, ["Cookie"])
        return response

    setattr(wrapped, PUBLIC, True)
    return wrapped


def _anonymous_read(request):
    return request.method in ("GET", "HEAD") and not (
        settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
    )


def day_version(version):
    """What a cached page or layout fragment is valid for: the release (portal/release.py), the
    content version and today's date (pages are headed with it, so a page kept from yesterday
    is not served today)."""
    return f"{settings.RELEASE}:{version}:{timezone.localdate().isoformat()}"


def _key(request):
    """The page's key: its full address (scheme and host as received: only hosts Django
    allows ever get a page stored) under the day's content version."""
    host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
    address = f"{request.scheme}://{host}{request.get_full_path()}"
    digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
    return f"page:{day_version(content_version.current())}:{digest}"


class PageCacheMiddleware:
    """First of all middleware but the health check, so that a cached page costs one version
    read and one cache read: what it stores is the answer as the others left it, security
    headers and policy included (all the same for every reader). Only answers of public views
    are stored, so a request that another middleware answers (static files, a redirect to
    HTTPS, a malformed query, a host not allowed) never finds one. Every request gets its own
    memo of the content version."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = content_version.request_version.set({})
        try:
            key = (
                _key(request) if settings.PAGE_CACHE_SECONDS and _anonymous_read(request) else None
            )
            stored = None if key is None else page_cache().get(key)
            if stored is not None:
                return _response(*stored)
            response = self.get_response(request)
            if key is not None and _public(request, response):
                stored = (response.status_code, list(response.items()), response.content)
                page_cache().set(key, stored, settings.PAGE_CACHE_SECONDS)
            return response
        finally:
            content_version.request_version.reset(token)


def _public(request, response):
    """Whether `response` is a public view's answer that may be kept: 200, no cookie."""
    if not getattr(response, PUBLIC, False) or response.cookies:
        return False
    try:
        return getattr(resolve(request.path_info).func, PUBLIC, False)
    except Resolver404:
        return False


def _response(status, headers, content):
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response
