import hashlib

import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads made by a test go to a temporary folder, never into media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 is slow on purpose; tests create many users and need no strong hashes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def editorial_groups(request):
    """The groups that migrations 0003 and 0005 make, for every test with the database: a
    transactional test's flush empties them, and tests of another file may follow it in the
    same process (`make test` spreads files over pytest-xdist workers)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not {"db", "transactional_db"} & set(request.fixturenames):
        return
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.contrib.auth.models import Group

    from news import roles

    if Group.objects.filter(name__in=roles.PERMISSIONS).count() < len(roles.PERMISSIONS):
        roles.ensure_groups()


@pytest.fixture
def people(db):
    """One member of each editorial group, and a second reporter."""
    from news import roles
    from tests.factories import member

    return {
        "reporter": member("phongvien", roles.REPORTER),
        "other_reporter": member("phongvien2", roles.REPORTER),
        "editor": member("bientap", roles.EDITOR),
        "publisher": member("lanhdao", roles.PUBLISHER),
    }


@pytest.fixture
def superuser(db):
    from tests.factories import UserFactory

    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def login_with_a_request(monkeypatch):
    """Django's test Client.login() calls authenticate() without a request, which django-axes
    refuses (AxesBackendRequestParameterRequired): give it one, as the login form does."""
    from django.http import HttpRequest
    from django.test import Client

    login = Client.login

    def login_with_request(self, **credentials):
        if "request" not in credentials:
            request = HttpRequest()
            request.META["REMOTE_ADDR"] = "127.0.0.1"
            credentials["request"] = request
        return login(self, **credentials)

    monkeypatch.setattr(Client, "login", login_with_request)


_demo_cache = {}


@pytest.fixture
def demo_made_once(monkeypatch):
    """Demo pictures drawn, and their copies encoded, once per test session.

    load_demo's real code runs every time (storage, names, rows); only identical pixel and
    sound work is remembered: drawing a scene from its seed, encoding the same pixels to WebP or
    JPEG, and a jingle of the same length and pitch to MP3 (3 s of each load).
    """
    from demo import loader
    from news import renditions

    def remember(function, key_of):
        def once(*args, **kwargs):
            key = (function.__name__, key_of(*args, **kwargs))
            if key not in _demo_cache:
                _demo_cache[key] = function(*args, **kwargs)
            return _demo_cache[key]

        return once

    pixels = lambda image: (image.mode, image.size, hashlib.blake2b(image.tobytes()).digest())  # noqa: E731
    monkeypatch.setattr(
        loader, "render", remember(loader.render, lambda scene, seed: (scene, seed))
    )
    monkeypatch.setattr(renditions, "_webp", remember(renditions._webp, pixels))
    monkeypatch.setattr(renditions, "jpeg", remember(renditions.jpeg, pixels))
    monkeypatch.setattr(
        loader,
        "jingle_mp3",
        remember(loader.jingle_mp3, lambda seconds, transpose: (seconds, transpose)),
    )


# Browser tests (Debian's chromium through Playwright): one browser per test module, and
# `open_page(**context_options)` for a page in a fresh context, closed after the test.
@pytest.fixture(scope="module")
def browser():
    from tests.browser_support import running_chromium

    with running_chromium() as browser:
        yield browser


@pytest.fixture
def open_page(browser, live_server):
    from tests.browser_support import page_opener

    with page_opener(browser, live_server.url) as open_page:
        yield open_page


@pytest.fixture(autouse=True)
def empty_caches(settings, tmp_path):
    """Every test starts with empty caches and a content version of its own
    (news/content_version.py): what a test caches never reaches the next one."""
    from django.core.cache import caches

    settings.CONTENT_VERSION_FILE = tmp_path / "content-version"
    for cache in caches.all(initialized_only=True):
        cache.clear()
