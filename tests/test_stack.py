"""The production stack without containers, in seconds, as part of `make test`.

tests/compose/ runs the real stack in Docker (`make compose-test`); this one stays for what
containers hide and for speed: clients at distinct loopback addresses reach nginx here (Docker's
port forwarding gives every client the same address), so the lockout against forged
X-Forwarded-For headers, the one-line-per-request logs with the client's address and the
micro-cache's one-second correction are proven here, on every `make test`.

What docker compose runs is run here: the image's own steps (`docker/entrypoint.sh setup`:
migrate, collectstatic) and its own command (the Dockerfile's CMD, gunicorn with
docker/gunicorn.conf.py) against a scratch PostgreSQL database with production settings, and
nginx with the very template the compose `nginx` service mounts, rendered by envsubst with that
service's variables (only addresses and folders differ). Every check then goes through nginx
over HTTPS, as a reader's or an editor's browser would, from loopback addresses other than
nginx's own so that client addresses can be told apart.
"""

import http.client
import http.cookies
import json
import re
import secrets
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from tests.deploy_support import (
    REPO,
    database_url,
    free_port,
    production_environment,
    query,
    require_program,
    scratch_database,
)
from tests.stack_support import (
    ADMIN_URL,
    HOST,
    READER_ADDRESS,
    Browser,
    Process,
    answers,
    compose_service,
    dockerfile_command,
    nginx_main_config,
    nginx_values,
    png_bytes,
    render_nginx_template,
    size_in_bytes,
    trusted_proxies_on_loopback,
    wait_until,
)

EDITOR = ("bientap", "mat-khau-bien-tap-2020")
FAILURE_LIMIT = 3
ATTACKER_ADDRESS = "127.0.0.9"


@pytest.fixture(scope="module")
def stack():
    nginx = require_program("nginx", "nginx")
    openssl = require_program("openssl", "openssl")
    processes = []
    # World-readable (unlike pytest's own temporary folders): nginx's workers run as nobody.
    root = Path(tempfile.mkdtemp(prefix="portal-stack-"))
    root.chmod(0o755)
    try:
        with scratch_database("stack") as database:
            yield from _start_stack(root, database, nginx, openssl, processes)
    finally:
        for process in reversed(processes):
            process.stop()
        shutil.rmtree(root, ignore_errors=True)


def _start_stack(root, database, nginx, openssl, processes):
    static_root, media_root, tls, prefix = (
        root / name for name in ["static", "media", "tls", "nginx"]
    )
    for folder in (static_root, media_root, tls, prefix / "conf.d"):
        folder.mkdir(parents=True)
    web_port, https_port, http_port = free_port(), free_port(), free_port()
    env = production_environment(
        DATABASE_URL=database_url(database),
        STATIC_ROOT=static_root,
        MEDIA_ROOT=media_root,
        ADMIN_URL=ADMIN_URL,
        CONN_MAX_AGE=60,
        TRUSTED_PROXIES=trusted_proxies_on_loopback(),
        AXES_FAILURE_LIMIT=FAILURE_LIMIT,
        GUNICORN_BIND=f"127.0.0.1:{web_port}",
        WEB_CONCURRENCY=2,
        CONTENT_VERSION_FILE=root / "var" / "content-version",
    )
    entrypoint, command = dockerfile_command()
    entrypoint = [str(REPO / entrypoint[0].removeprefix("/app/")), *entrypoint[1:]]

    def run(*args, **extra):
        return subprocess.run(
            [*entrypoint, *args],
            cwd=REPO,
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=120,
        )

    setup = run(*compose_service("migrate")["command"])
    assert setup.returncode == 0, setup.stdout + setup.stderr
    # The first account, as README.md says: `docker compose run --rm web createsuperuser`.
    superuser = run(
        "createsuperuser", "--noinput", "--username", EDITOR[0],
        "--email", "bientap@example.vn", DJANGO_SUPERUSER_PASSWORD=EDITOR[1],
    )  # fmt: skip
    assert superuser.returncode == 0, superuser.stdout + superuser.stderr
    # The longer form of the entrypoint's contract: `manage <command>`.
    listed = run("manage", "shell", "-c", "from django.contrib.auth.models import User;"
                 " print(*User.objects.values_list('username', flat=True))")  # fmt: skip
    assert listed.stdout.splitlines()[-1] == EDITOR[0], listed.stdout + listed.stderr

    web = Process([*entrypoint, *command], root / "gunicorn.log", cwd=REPO, env=env)
    processes.append(web)
    wait_until(lambda: web.popen.poll() is None and answers(web_port, "/healthz"), "gunicorn")

    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", f"/CN={HOST}",
         "-keyout", tls / "privkey.pem", "-out", tls / "fullchain.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    nginx_env = render_nginx_template(
        nginx_values(
            root,
            tls,
            http_port=http_port,
            https_port=https_port,
            upstream_port=web_port,
            static_root=static_root,
            media_root=media_root,
        ),
        prefix / "conf.d" / "default.conf",
    )
    (prefix / "nginx.conf").write_text(nginx_main_config(prefix, prefix / "conf.d" / "*.conf"))
    proxy = Process(
        [nginx, "-p", prefix, "-c", prefix / "nginx.conf", "-e", prefix / "error.log",
         "-g", "daemon off;"],
        root / "nginx-access.log",
    )  # fmt: skip
    processes.append(proxy)
    wait_until(
        lambda: proxy.popen.poll() is None and answers(https_port, "/healthz", "https"),
        f"nginx ({(prefix / 'error.log').read_text() if (prefix / 'error.log').exists() else ''})",
    )
    yield {
        "https_port": https_port,
        "http_port": http_port,
        "web_port": web_port,
        "static_root": static_root,
        "media_root": media_root,
        "database": database,
        "web": web,
        "nginx": proxy,
        "max_body_size": size_in_bytes(nginx_env["PORTAL_MAX_BODY_SIZE"]),
        "setup": lambda: run(*compose_service("migrate")["command"]),
        "manage": lambda *args: run("manage", *args),
    }


@pytest.fixture(scope="module")
def editor(stack):
    browser = Browser(stack["https_port"], source="127.0.0.6")
    response = browser.log_in(*EDITOR)
    assert response.status == 302, response.content[:2000]
    return browser


def assert_security_headers(response):
    hsts = response.getheader("Strict-Transport-Security", "")
    assert int(re.search(r"max-age=(\d+)", hsts)[1]) >= 365 * 24 * 3600, hsts
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def csp_directives(response):
    policy = response.getheader("Content-Security-Policy", "")
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_reader_gets_the_home_page_over_https_with_security_headers(stack):
    response = Browser(stack["https_port"]).get("/")

    assert response.status == 200
    assert "text/html" in response.getheader("Content-Type")
    assert_security_headers(response)
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert response.getheader("X-Frame-Options") == "DENY"
    csp = csp_directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response.getheader("Set-Cookie") is None  # a reader gets no session, no tracking


def test_plain_http_is_sent_to_https(stack):
    conn = http.client.HTTPConnection("127.0.0.1", stack["http_port"], timeout=5)
    conn.request("GET", "/tin-tuc/?trang=2", headers={"Host": HOST})
    response = conn.getresponse()

    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/tin-tuc/?trang=2"


def test_static_files_come_from_the_volume_with_a_year_of_immutable_cache(stack):
    manifest = json.loads((stack["static_root"] / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/site.css"]
    home = Browser(stack["https_port"]).get("/")
    assert f"/static/{hashed}".encode() in home.content  # pages name this image's files

    response = Browser(stack["https_port"]).get(f"/static/{hashed}", **{"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.getheader("Content-Type") == "text/css"
    assert response.getheader("Content-Encoding") == "gzip"  # whitenoise's .gz, by gzip_static
    cache = response.getheader("Cache-Control")
    assert "immutable" in cache and "max-age=31536000" in cache
    assert_security_headers(response)
    unhashed = Browser(stack["https_port"]).get("/static/css/site.css")
    assert "immutable" not in unhashed.getheader("Cache-Control")


def test_editor_logs_in_through_the_proxy_with_secure_cookies(stack):
    browser = Browser(stack["https_port"], source="127.0.0.7")

    response = browser.log_in(*EDITOR)

    assert response.status == 302, response.content[:2000]
    assert response.getheader("Location") == f"/{ADMIN_URL}"
    session = browser.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    csrf = browser.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    index = browser.get(f"/{ADMIN_URL}")
    assert index.status == 200
    assert f'action="/{ADMIN_URL}logout/"'.encode() in index.content
    assert_security_headers(index)
    assert "'unsafe-inline'" not in csp_directives(index)["script-src"]


def upload_photo(editor):
    response = editor.upload("anh.png", png_bytes(), "image/png")
    assert response.status == 200, response.content
    return json.loads(response.content)["url"]


def photo_copy(editor, url):
    """Where the photo address a body keeps (/anh/<id>/) sends its editor: the photo's copy."""
    assert re.fullmatch(r"/anh/[0-9]+/", url), url
    sent_on = editor.get(url)
    assert sent_on.status == 302
    return urlsplit(sent_on.getheader("Location")).path


def test_uploaded_photo_is_served_by_nginx_as_inert_data(stack, editor):
    copy = photo_copy(editor, upload_photo(editor))
    assert copy.startswith("/media/photos/")
    assert (stack["media_root"] / copy.removeprefix("/media/")).exists()

    photo = Browser(stack["https_port"]).get(copy)

    assert photo.status == 200
    assert photo.getheader("Content-Type") == "image/jpeg"
    assert photo.content[:3] == b"\xff\xd8\xff"
    assert photo.getheader("X-Content-Type-Options") == "nosniff"
    assert photo.getheader("Content-Security-Policy") == "sandbox"
    assert "max-age=86400" in photo.getheader("Cache-Control")


def test_a_broadcasts_audio_is_served_by_nginx_with_range_requests_for_seeking(stack):
    from demo.audio import jingle_mp3

    audio = jingle_mp3(2)
    path = stack["media_root"] / "radio" / "2026" / "11" / "ban-tin-so-1.mp3"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(audio)

    whole = Browser(stack["https_port"]).get("/media/radio/2026/11/ban-tin-so-1.mp3")
    part = Browser(stack["https_port"]).get(
        "/media/radio/2026/11/ban-tin-so-1.mp3", Range="bytes=1000-1999"
    )

    assert whole.status == 200 and whole.content == audio
    assert whole.getheader("Content-Type") == "audio/mpeg"
    assert whole.getheader("Accept-Ranges") == "bytes"
    # A player seeking to the middle asks for that part only; nginx answers it, not Django.
    assert part.status == 206
    assert part.getheader("Content-Range") == f"bytes 1000-1999/{len(audio)}"
    assert part.content == audio[1000:2000]


@pytest.mark.browser
def test_a_reader_plays_a_broadcast_and_seeks_in_it_through_nginx(stack):
    """In Chromium, through nginx: the page's player asks for the audio only when played, and
    nginx answers its range requests (206), so seeking works."""
    from playwright.sync_api import sync_playwright

    from demo.audio import jingle_mp3
    from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    source = stack["media_root"].parent / "jingle.mp3"
    source.write_bytes(jingle_mp3(8))
    made = stack["manage"](
        "shell", "-c",
        "from django.core.files import File; from django.utils import timezone;"
        "from radio.models import Broadcast, Programme;"
        "p = Programme.objects.create(name='Chương trình phát thanh');"
        "b = Broadcast(programme=p, number=7, aired_at=timezone.now(), summary='Tin chiều',"
        " status='published');"
        f"b.take_audio(File(open('{source}', 'rb'), name='a.mp3')); b.save();"
        "print(b.get_absolute_url())",
    )  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    address = f"https://{HOST}:{stack['https_port']}{made.stdout.split()[-1]}"
    media = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"],
        )
        try:
            page = browser.new_context(ignore_https_errors=True).new_page()
            page.on("response", lambda r: r.request.resource_type == "media" and media.append(r))
            page.goto(address, wait_until="networkidle")
            assert media == []  # preload="none"
            page.locator("audio.player").evaluate("a => { a.muted = true; return a.play(); }")
            page.wait_for_function("() => document.querySelector('audio.player').currentTime > 0.3")
            page.locator("audio.player").evaluate("a => { a.currentTime = 6; }")
            page.wait_for_function("() => document.querySelector('audio.player').currentTime >= 6")
            statuses = {response.status for response in media}
        finally:
            browser.close()
    assert statuses == {206}, statuses  # every answer a range of the file, from nginx


def test_upload_over_the_limit_gets_the_friendly_page(stack, editor):
    too_big = secrets.token_bytes(stack["max_body_size"] + 1024 * 1024)

    response = editor.upload("anh-lon.png", too_big, "image/png")

    assert response.status == 413
    assert "text/html" in response.getheader("Content-Type")
    page = response.content.decode()
    assert '<html lang="vi">' in page and "Tệp gửi lên quá lớn" in page
    assert not list(stack["media_root"].glob("uploads/*anh-lon*"))


# What an attacker may write in X-Forwarded-For to pick another lockout address, or to move
# the lockout onto someone else's (the office's): nginx appends the address it saw.
FORGED_FORWARDED_FOR = [
    "203.0.113.{n}",
    "198.51.100.{n}, 127.0.0.1",  # a hop of the trusted proxy, made up
    "127.0.0.8",  # the office's address
    "2001:db8::{n}",
    "not-an-address, 203.0.113.{n}",
    "203.0.113.{n},",
]


def guess_password(browser, attempt, forwarded_for):
    login = f"/{ADMIN_URL}login/"
    page = browser.get(login)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content)[1]
    fields = {"csrfmiddlewaretoken": token.decode(), "username": EDITOR[0]}
    return browser.request(
        "POST",
        login,
        body=urlencode({**fields, "password": f"doan-mo-{attempt}"}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": forwarded_for,
            "X-Real-IP": forwarded_for,
        },
    ).status


def test_forged_forwarded_for_neither_dodges_nor_moves_the_lockout_through_nginx(stack):
    attackers = ["127.0.0.9", "127.0.0.19"]
    attempts = FAILURE_LIMIT + 2
    for i, address in enumerate(attackers):
        browser = Browser(stack["https_port"], source=address)
        forged = [
            FORGED_FORWARDED_FOR[(i * attempts + n) % len(FORGED_FORWARDED_FOR)].format(n=n)
            for n in range(attempts)
        ]
        statuses = [guess_password(browser, n, header) for n, header in enumerate(forged)]
        # The form again with its error, until the limit: then the lockout page, whatever
        # address the header names.
        assert statuses == [200] * (FAILURE_LIMIT - 1) + [429] * 3, (address, statuses)
        # The right password from the attacker's address is refused too, while it is locked.
        assert browser.log_in(*EDITOR).status == 429

    recorded = query(stack["database"], "SELECT DISTINCT host(ip_address) FROM axes_accessattempt")
    assert sorted(recorded) == [(address,) for address in sorted(attackers)]
    # The editor, from the office, logs in as usual (its address was named, not locked).
    assert Browser(stack["https_port"], source="127.0.0.8").log_in(*EDITOR).status == 302

    # The cool-off (AXES_COOLOFF_MINUTES: 15) passes: the attempts are made older by it ...
    query(
        stack["database"],
        "UPDATE axes_accessattempt SET attempt_time = attempt_time - interval '15 minutes 1 second'"
        " RETURNING id",
    )
    # ... and the real editor, from the address that was locked, gets in again.
    assert Browser(stack["https_port"], source=attackers[0]).log_in(*EDITOR).status == 302


def test_health_check_through_nginx_and_by_the_container_probe(stack):
    response = Browser(stack["https_port"]).get("/healthz")
    assert response.status == 200
    assert response.content == b"ok\n"
    assert response.getheader("Set-Cookie") is None

    # The compose healthcheck of `web`, pointed at this gunicorn: plain HTTP, internal address.
    probe = compose_service("web")["healthcheck"]["test"]
    assert probe[0] == "CMD"
    command = [
        part.replace("127.0.0.1:8000", f"127.0.0.1:{stack['web_port']}") for part in probe[1:]
    ]
    result = subprocess.run(
        command, env=production_environment(), capture_output=True, text=True, timeout=10
    )
    assert result.returncode == 0, result.stderr


def test_each_request_is_one_log_line_with_status_and_duration(stack):
    marker = f"/healthz?log-check={uuid.uuid4().hex}"
    assert Browser(stack["https_port"]).get(marker).status == 200

    def logged(process):
        return [line for line in process.output().splitlines() if marker in line]

    wait_until(lambda: logged(stack["web"]) and logged(stack["nginx"]), "the log lines", 5)
    (gunicorn_line,) = logged(stack["web"])
    assert re.search(rf'^{READER_ADDRESS} "GET .+" 200 \d+ \d+ms ', gunicorn_line), gunicorn_line
    (nginx_line,) = logged(stack["nginx"])
    assert re.search(rf'^{READER_ADDRESS} "GET .+" 200 \d+ \d+\.\d+s ', nginx_line), nginx_line


def test_an_upgrade_reruns_setup_and_keeps_content_media_and_accounts(stack, editor):
    url = photo_copy(editor, upload_photo(editor))

    # What `docker compose up -d` does after a new image: `migrate` runs its setup again.
    setup = stack["setup"]()

    assert setup.returncode == 0, setup.stdout + setup.stderr
    assert "No migrations to apply." in setup.stdout
    assert Browser(stack["https_port"]).get(url).status == 200
    assert Browser(stack["https_port"], source="127.0.0.10").log_in(*EDITOR).status == 302
    assert editor.get(f"/{ADMIN_URL}").status == 200  # sessions survive too


def test_nginx_keeps_public_pages_a_second_and_a_correction_shows_within_it(stack, editor):
    def shell(code):
        result = stack["manage"]("shell", "-c", code)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout.strip().splitlines()[-1]

    url = shell(
        "from news.models import *; from django.utils import timezone;"
        " c = Category.objects.create(name='Thời sự vi mô');"
        " a = Article.objects.create(title='Tin bản đầu', lead='Sapo.', category=c,"
        " status=Status.PUBLISHED, published_at=timezone.now()); print(a.get_absolute_url())"
    )
    reader = Browser(stack["https_port"])
    first, second = reader.get(url), reader.get(url)
    assert first.status == second.status == 200
    assert second.getheader("X-Cache-Status") == "HIT"
    assert (
        second.content == first.content
        and b"Tin b\xe1\xba\xa3n \xc4\x91\xe1\xba\xa7u" in first.content
    )
    # Staff never read nor fill it; the admin is never kept.
    assert editor.get(url).getheader("X-Cache-Status") == "BYPASS"
    admin = [editor.get(f"/{ADMIN_URL}").getheader("X-Cache-Status") for _ in range(2)]
    assert admin == ["BYPASS", "BYPASS"]
    anonymous_admin = [reader.get(f"/{ADMIN_URL}login/") for _ in range(2)]
    assert [r.getheader("X-Cache-Status") for r in anonymous_admin] == ["MISS", "MISS"]

    shell(
        "from news.models import Article; a = Article.objects.get(title='Tin bản đầu');"
        " a.title = 'Tin đã đính chính'; a.save(); print('ok')"
    )
    corrected = time.monotonic()
    while "Tin đã đính chính" not in reader.get(url).content.decode():
        assert time.monotonic() - corrected < 1.5, "the correction took more than a second"
        time.sleep(0.05)
