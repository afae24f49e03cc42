"""Every URL pattern of the site and the admin, walked from the URL resolver, with hostile path
segments, query strings and POST bodies, for staff and anonymous visitors with DEBUG off:
whatever comes in, the answer is never a server error (500)."""

import re
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver

from news.models import PreviewLink
from tests.factories import ArticleFactory, PhotoFactory
from tests.hostile_corpus import FUZZ_VALUES

pytestmark = pytest.mark.django_db

# Bounds, odd dates, a NUL byte, look-alikes and a corpus string (tests/hostile_corpus.py).
HOSTILE = FUZZ_VALUES

# Every name the site and the admin read from a query string, and a few Django's admin knows.
QUERY_NAMES = [
    "q", "page", "sau", "category", "date_from", "date_to", "from", "to", "term", "app_label",
    "model_name", "field_name", "o", "p", "e", "queue", "status__exact", "category__id__exact",
    "published_at__gte", "published_at__lt", "published_at__year", "published_at__month",
    "published_at__day", "is_featured__exact", "_changelist_filters", "next", "_popup",
    "_to_field", "all",
]  # fmt: skip

# Every field of the site's and the admin's forms that matters here, and the step buttons.
POST_NAMES = [
    "title", "slug", "lead", "body", "category", "source", "is_featured", "author",
    "edit_version", "publish_at_0", "publish_at_1", "workflow_comment", "_move", "action",
    "hours", "link", "name", "parent", "order", "description", "is_active", "username",
    "password", "password1", "password2", "old_password", "new_password1", "new_password2",
    "portal_name", "station_name", "tagline", "email", "phone", "address", "licence",
    "photos-TOTAL_FORMS", "photos-INITIAL_FORMS", "photos-0-caption", "photos-0-order",
    "photos-0-id", "_selected_action", "index", "select_across", "_save", "_continue",
    "_change_history", "csrfmiddlewaretoken", "groups", "user_permissions", "date_joined_0",
]  # fmt: skip


def routes(patterns=None, prefix=""):
    """(route text, pattern) of every URL pattern, as the resolver nests them."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + _text(pattern.pattern))
        else:
            yield prefix + _text(pattern.pattern), pattern


def _text(pattern):
    return str(pattern).removeprefix("^").removesuffix("$")


def _placeholders(route):
    """The route with each group or converter replaced by "{name}" (unnamed: "{0}", "{1}")."""
    route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
    out, i, unnamed = [], 0, 0
    while i < len(route):
        if route[i] == "(":
            depth, j = 1, i + 1
            while depth:
                depth += {"(": 1, ")": -1}.get(route[j], 0) if route[j - 1] != "\\" else 0
                j += 1
            named = re.match(r"\(\?P<(\w+)>", route[i:])
            out.append("{%s}" % (named[1] if named else unnamed))
            unnamed += not named
            i = j
        else:
            out.append(route[i])
            i += 1
    return "".join(out).replace("\\.", ".").replace("^", "").replace("$", "")


@pytest.fixture
def site(db, superuser):
    article = ArticleFactory()
    PhotoFactory(article=article)
    link = PreviewLink.objects.create(article=article, created_by=superuser)
    return {
        "article": article,
        "category": article.category,
        "link": link,
        "superuser": superuser,
    }


def valid_values(route, site):
    """Values that lead to a real object, so that its page is reached with hostile input."""
    model = None
    admin_model = re.match(r"admin/(\w+)/(\w+)/", route)
    if admin_model:
        try:
            model = apps.get_model(*admin_model.groups())
        except LookupError:
            model = None
    first = model.objects.order_by("pk").first() if model else None
    article = site["article"]
    return {
        "object_id": str(first.pk) if first else "1",
        "id": str(site["superuser"].pk),
        "0": str(article.pk),
        "1": str(article.history.first().history_id),
        "content_type_id": str(ContentType.objects.get_for_model(article).pk),
        "app_label": "news",
        "path": site["category"].path,
        "slug": article.slug,
        "pk": str(article.pk),
        "token": site["link"].token,
        "section": "0",
        "url": "x",
    }


def urls_for(route, site):
    template = _placeholders(route)
    valid = valid_values(route, site)
    yield "/" + re.sub(r"\{(\w+)\}", lambda m: valid.get(m[1], "1"), template)
    if "{" in template:
        for value in HOSTILE:
            yield "/" + re.sub(r"\{(\w+)\}", quote(value, safe="").replace("\\", "/"), template)


# The values posted into every field at once, and the query names tried one at a time: a
# part of the above, to keep the run short.
POSTED = ["abc", "\x00", "-1", "9" * 5000, "01/01/0001", "31/12/9999", "x" * 3000, HOSTILE[11]]
ONE_BY_ONE = 4


def requests_for(url, hostile_path):
    """A hostile path with a plain GET and a hostile POST; the real object's path with every
    hostile query string and POST body."""
    yield "GET", url, None
    if hostile_path:
        yield "POST", url, dict.fromkeys(POST_NAMES, POSTED[0])
        return
    for value in HOSTILE:
        yield "GET", url + "?" + urlencode(dict.fromkeys(QUERY_NAMES, value)), None
    # One name at a time too: a first bad value must not hide what a later one does.
    for i in range(ONE_BY_ONE):
        name = QUERY_NAMES[(i * 7) % len(QUERY_NAMES)]
        yield "GET", url + "?" + urlencode({name: HOSTILE[i * 3 + 2]}), None
    for value in POSTED:
        yield "POST", url, dict.fromkeys(POST_NAMES, value)


def test_no_input_gives_a_server_error(site, settings):
    settings.DEBUG = False
    staff = Client(raise_request_exception=False)
    staff.force_login(site["superuser"])
    anonymous = Client(raise_request_exception=False)
    errors, kinds, tried = [], set(), 0
    for route, _pattern in routes():
        if "logout" in route:
            continue  # would end the staff session; it takes no input
        if route.startswith(settings.MEDIA_URL.lstrip("/")):
            continue  # development only (DEBUG): nginx serves uploads in production
        # The admin turns visitors away before it reads any input, except at its login page:
        # anonymous visitors try each of its addresses once, with a hostile POST.
        turned_away = route.startswith(settings.ADMIN_URL) and "login" not in route
        for number, url in enumerate(urls_for(route, site)):
            for i, (method, address, data) in enumerate(requests_for(url, number > 0)):
                for client in (staff, anonymous):
                    if client is anonymous and turned_away and (number or i > 1):
                        continue
                    call = client.post if method == "POST" else client.get
                    response = call(address, data) if data else call(address)
                    tried += 1
                    if response.status_code >= 500:
                        failure = response.exc_info[1] if response.exc_info else None
                        errors.append((method, address[:100], repr(failure)[:100]))
                        kinds.add((method, address.partition("?")[0][:60], repr(failure)[:80]))
    assert tried > 3000
    assert errors == [], f"{len(errors)} of {tried} requests failed: {sorted(kinds)}"
    assert staff.get("/" + next(routes())[0]).status_code == 200  # staff all along
