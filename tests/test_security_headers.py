"""Security headers on the portal's responses, and the admin login's protection (django-axes).

Production values (HSTS, secure cookies, HTTPS redirect) are checked on the real stack in
tests/test_stack.py and from the environment in tests/test_deploy_settings.py; here the policy
itself and the lockout rules, in process.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from portal.client_ip import client_ip
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-bien-tap-vien"


def policy(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_allow_only_the_sites_own_scripts_and_styles(client):
    article = ArticleFactory()

    for url in ["/", article.get_absolute_url(), article.category.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        csp = policy(response)
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'"]
        assert csp["style-src"] == ["'self'"]
        assert csp["img-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["form-action"] == ["'self'"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        features = dict(part.split("=") for part in response["Permissions-Policy"].split(", "))
        assert features["camera"] == features["geolocation"] == features["microphone"] == "()"


def test_the_admin_editor_gets_style_attributes_and_data_images_but_no_inline_script(
    admin_client,
):
    response = admin_client.get(reverse("admin:news_article_add"))

    assert response.status_code == 200
    assert b"django_ckeditor_5/dist/bundle.js" in response.content
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]  # and so <style> elements: only the site's own
    assert csp["style-src-attr"] == ["'unsafe-inline'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]


def login(client, username, password, address, forwarded_for=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded_for:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        **extra,
    )


@pytest.fixture
def editor(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return UserFactory(username="bientap", password=PASSWORD, is_staff=True)


def test_guessing_locks_that_name_from_that_address_only(client, editor):
    statuses = [login(client, "bientap", f"doan-{n}", "198.51.100.7").status_code for n in range(4)]

    assert statuses == [200, 200, 429, 429]  # the form with its error, then the lockout page
    locked = login(client, "bientap", PASSWORD, "198.51.100.7")
    assert locked.status_code == 429
    assert "15" in locked.content.decode()  # says how long to wait
    assert "_auth_user_id" not in client.session
    # The editor, from the office's address, is not locked out by someone else's guessing.
    assert login(client, "bientap", PASSWORD, "203.0.113.20").status_code == 302
    # Another name from the guessing address is not locked either.
    UserFactory(username="phongvien", password=PASSWORD, is_staff=True)
    assert login(client, "phongvien", PASSWORD, "198.51.100.7").status_code == 302


def test_the_lock_lifts_by_itself_after_the_cool_off(client, editor, settings):
    for n in range(3):
        login(client, "bientap", f"doan-{n}", "198.51.100.7")
    assert login(client, "bientap", PASSWORD, "198.51.100.7").status_code == 429

    # Time passes: the attempts are now older than the cool-off.
    earlier = settings.AXES_COOLOFF_TIME + datetime.timedelta(minutes=1)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            attempt_time=attempt.attempt_time - earlier
        )

    assert login(client, "bientap", PASSWORD, "198.51.100.7").status_code == 302


def test_failures_are_recorded_under_the_address_the_trusted_proxy_names(client, editor):
    login(client, "bientap", "sai", "127.0.0.1", forwarded_for="198.51.100.7")
    login(client, "bientap", "sai", "203.0.113.9", forwarded_for="198.51.100.8")

    recorded = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    # From the proxy (127.0.0.1, trusted by default) the header names the client; from anyone
    # else it is ignored, or an attacker could pin failures on somebody else's address.
    assert recorded == {"198.51.100.7", "203.0.113.9"}


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", ""])
def test_a_refused_next_after_login_lands_on_the_admin(client, editor, next_url):
    login = reverse("admin:login")
    response = client.post(
        login, {"username": "bientap", "password": PASSWORD, "next": next_url}, follow=True
    )
    assert response.redirect_chain[0] == (reverse("admin:index"), 302)
    assert response.status_code == 200


def test_test_clients_can_still_log_in_with_client_login(client, editor):
    assert client.login(username="bientap", password="sai") is False
    assert client.login(username="bientap", password=PASSWORD) is True
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.9", "", ["127.0.0.1"], "203.0.113.9"),
        ("203.0.113.9", "198.51.100.7", ["127.0.0.1"], "203.0.113.9"),
        ("127.0.0.1", "198.51.100.7", ["127.0.0.1"], "198.51.100.7"),
        # A client's own X-Forwarded-For is kept by nginx on the left: never believed.
        ("127.0.0.1", "192.0.2.66, 198.51.100.7", ["127.0.0.1"], "198.51.100.7"),
        # A load balancer in front of nginx, both trusted: the first untrusted from the right.
        ("172.18.0.5", "198.51.100.7, 10.0.0.2", ["172.16.0.0/12", "10.0.0.0/8"], "198.51.100.7"),
        ("172.18.0.5", "", ["172.16.0.0/12"], "172.18.0.5"),
        ("172.18.0.5", "not-an-address", ["172.16.0.0/12"], "172.18.0.5"),
        ("::1", "2001:db8::7", ["::1"], "2001:db8::7"),
    ],
)
def test_client_address(settings, remote, forwarded, trusted, expected):
    settings.TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected
