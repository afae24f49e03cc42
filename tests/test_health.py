"""/healthz: 200 while the database answers, 503 at once when it does not; no session, no
cookie, whatever the Host, never redirected to HTTPS (the probes speak plain HTTP to gunicorn)."""

import subprocess
import sys
import time

import pytest
from django.contrib.sessions.models import Session

from tests.deploy_support import REPO, free_port, production_environment

pytestmark = pytest.mark.django_db


def test_answers_ok_while_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert Session.objects.count() == 0


def test_answers_a_probe_under_an_internal_address_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["tintuc.example.vn"]
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/", HTTP_HOST="tintuc.example.vn").status_code == 301  # to HTTPS
    assert client.get("/", HTTP_HOST="172.18.0.4:8000", secure=True).status_code == 400
    probe = client.get("/healthz", HTTP_HOST="172.18.0.4:8000")
    assert probe.status_code == 200
    assert probe.content == b"ok\n"


def test_a_logged_in_editor_probing_does_not_touch_the_session(admin_client):
    before = Session.objects.get().session_data

    response = admin_client.get("/healthz")

    assert response.status_code == 200
    assert not response.cookies
    assert Session.objects.get().session_data == before


def test_reports_unavailable_quickly_when_the_database_is_down(tmp_path):
    # A production process whose database port has nothing listening, on a fresh machine: no
    # content version yet, which the page cache would make from the database.
    env = production_environment(
        DATABASE_URL=f"postgres://portal:secret@127.0.0.1:{free_port()}/portal",
        DJANGO_SETTINGS_MODULE="portal.settings",
        CONTENT_VERSION_FILE=tmp_path / "content-version",
    )
    probe = (
        "import time, django; django.setup()\n"
        "from django.test import Client\n"
        "start = time.monotonic()\n"
        "response = Client().get('/healthz', HTTP_HOST='127.0.0.1:8000')\n"
        "print(response.status_code, round(time.monotonic() - start, 2), response.content)\n"
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 0, result.stderr
    status, seconds, body = result.stdout.splitlines()[-1].split(maxsplit=2)
    assert status == "503"
    assert body.strip() == "b'database unavailable\\n'"
    assert float(seconds) < 2
    assert time.monotonic() - started < 15
    assert "Health check: the database does not answer" in result.stdout  # logged, to stdout
