"""Radio broadcasts: uploaded with their audio checked from its contents, published through the
articles' workflow, listened to on a page with an HTML5 player that downloads nothing before
play, listed by programme and month, on the home page, and in a podcast feed per programme."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from demo.audio import jingle_mp3
from news import workflow
from news.models import SiteSettings, Status
from radio.models import Broadcast, BroadcastTransition, Programme
from tests.factories import ArticleFactory, image_bytes

pytestmark = pytest.mark.django_db

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
# What a phone downloads for a broadcast's page before play (fonts, CSS, the page): 106 KB on
# 30/11/2026; well under the home page's budget (tests/test_journeys.py).
BROADCAST_PAGE_BUDGET_BYTES = 200_000


@cache
def short_mp3():
    return jingle_mp3(2)


@pytest.fixture
def programme():
    return Programme.objects.create(name="Chương trình phát thanh", description="Thời sự.")


def make_broadcast(programme, number, status=Status.PUBLISHED, days_ago=0, **fields):
    aired_at = timezone.now() - timedelta(days=days_ago, hours=1)
    fields.setdefault("summary", f"Tin số {number}\nThông báo")
    broadcast = Broadcast(
        programme=programme,
        number=number,
        aired_at=aired_at,
        status=status,
        published_at=aired_at if status == Status.PUBLISHED else None,
        **fields,
    )
    broadcast.take_audio(ContentFile(short_mp3(), name="a.mp3"))
    broadcast.save()
    return broadcast


def upload(name="ban-tin.mp3", content=None, content_type="audio/mpeg"):
    return SimpleUploadedFile(name, short_mp3() if content is None else content, content_type)


def form_data(programme, **overrides):
    data = {
        "programme": str(programme.pk),
        "number": "45",
        "aired_at_0": "29/11/2026",
        "aired_at_1": "17:00",
        "audio": upload(),
        "summary": "Huyện tổng kết công tác phòng chống thiên tai\nLịch tiếp công dân",
        "transcript": "",
        "author": "",
        "edit_version": "",
    }
    data.update(overrides)
    return data


def stored_files():
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_a_reporter_uploads_a_broadcast_that_goes_public_through_the_workflow(
    client, people, programme
):
    client.force_login(people["reporter"])
    response = client.post(
        reverse("admin:radio_broadcast_add"), form_data(programme, _move="submit")
    )
    assert response.status_code == 302
    broadcast = Broadcast.objects.get()
    # What the file is, read from its contents; its name made from the programme and number.
    assert broadcast.audio_type == "audio/mpeg"
    assert broadcast.audio_size == len(short_mp3())
    assert 4 < broadcast.duration < 7 and broadcast.bitrate == 48_000
    assert re.fullmatch(
        r"radio/2026/11/chuong-trinh-phat-thanh-so-45-[0-9a-f]{12}\.mp3", broadcast.audio.name
    )
    assert broadcast.status == Status.SUBMITTED
    url = broadcast.get_absolute_url()
    assert url == f"/phat-thanh/chuong-trinh-phat-thanh/so-45-{broadcast.pk}/"
    assert Client().get(url).status_code == 404

    workflow.apply(broadcast, "forward", people["editor"])
    with pytest.raises(PermissionDenied):  # an editor may not publish
        workflow.apply(broadcast, "publish", people["editor"])
    workflow.apply(broadcast, "publish", people["publisher"])
    steps = BroadcastTransition.objects.filter(broadcast=broadcast).values_list("name", flat=True)
    assert list(steps) == ["submit", "forward", "publish"]

    html = Client().get(url).content.decode()
    assert "Chương trình phát thanh số 45 ngày 29/11/2026" in html
    assert '<audio class="player" controls preload="none"' in html
    assert f'<source src="/media/{broadcast.audio.name}" type="audio/mpeg">' in html
    assert "<li>Huyện tổng kết công tác phòng chống thiên tai</li>" in html


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tin.mp3", b"Day khong phai am thanh " * 100, "không phải âm thanh MP3 hoặc M4A"),
        ("anh.mp3", image_bytes(), "không phải âm thanh MP3 hoặc M4A"),
        ("rong.m4a", b"", "rỗng"),  # Django's own check: the file is empty
    ],
)
def test_a_file_that_is_not_audio_is_refused_the_text_kept_and_nothing_stored(
    client, people, programme, name, content, message
):
    client.force_login(people["reporter"])
    data = form_data(programme, audio=upload(name, content), summary="Bản tin chiều nay")
    response = client.post(reverse("admin:radio_broadcast_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in str(errors["audio"])
    assert "Bản tin chiều nay" in response.content.decode()
    assert not Broadcast.objects.exists()
    assert stored_files() == []


def test_a_file_over_the_limit_is_refused_before_it_is_read(client, people, programme, settings):
    settings.AUDIO_MAX_BYTES = 20 * 1024
    client.force_login(people["reporter"])
    response = client.post(reverse("admin:radio_broadcast_add"), form_data(programme))
    assert response.status_code == 200
    size = f"{len(short_mp3()) / 1024:.1f}".replace(".", ",")
    assert response.context["adminform"].form.errors["audio"] == [
        f"Tệp nặng {size}\xa0KB; tối đa cho phép là 20,0\xa0KB."
    ]
    assert not Broadcast.objects.exists() and stored_files() == []


def test_the_list_is_newest_first_by_programme_and_by_month(programme):
    farming = Programme.objects.create(name="Bản tin nông nghiệp")
    make_broadcast(programme, 44, days_ago=40)
    make_broadcast(programme, 45, days_ago=1)
    make_broadcast(programme, 46, status=Status.DRAFT)
    make_broadcast(farming, 12, days_ago=2)
    reader = Client()

    def numbers(url, **params):
        html = reader.get(url, params).content.decode()
        listed = html[html.index('class="search-results broadcast-list"') :]
        listed = listed[: listed.index("</ol>")]
        shown = [b for b in Broadcast.objects.all() if b.get_absolute_url() in listed]
        return [b.number for b in shown], listed

    found, html = numbers("/phat-thanh/")
    assert found == [45, 12, 44]  # newest first (the model's order), the draft left out
    assert html.index("số 45") < html.index("số 12") < html.index("số 44")
    assert numbers(programme.get_absolute_url())[0] == [45, 44]
    month = timezone.localtime(Broadcast.objects.get(number=44).aired_at)
    assert numbers(programme.get_absolute_url(), thang=f"{month:%Y-%m}")[0] == [44]
    assert reader.get(programme.get_absolute_url(), {"thang": "1999-01"}).status_code == 404
    assert reader.get("/phat-thanh/khong-co/").status_code == 404


def test_pages_run_the_same_queries_whatever_the_number_of_broadcasts(programme, settings):
    settings.PAGE_CACHE_SECONDS = 0
    SiteSettings.load()

    def queries(url):
        Client().get(url)
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(url).status_code == 200
        return len(captured)

    first = make_broadcast(programme, 1)
    few = [queries(u) for u in ("/", "/phat-thanh/", first.get_absolute_url())]
    for number in range(2, 12):
        make_broadcast(programme, number, days_ago=number)
    many = [queries(u) for u in ("/", "/phat-thanh/", first.get_absolute_url())]
    assert many == few


def test_the_home_page_plays_the_newest_broadcast(programme):
    ArticleFactory()
    make_broadcast(programme, 44, days_ago=1)
    newest = make_broadcast(programme, 45)
    make_broadcast(programme, 46, status=Status.DRAFT)
    html = Client().get("/").content.decode()
    block = html[html.index('id="radio-heading"') :]
    block = block[: block.index("</section>")]
    assert newest.get_absolute_url() in block and "số 44" not in block
    assert 'preload="none"' in block


def test_a_scheduled_broadcast_appears_when_its_time_comes(people, programme, monkeypatch):
    now = timezone.now()
    broadcast = make_broadcast(programme, 50, status=Status.PENDING_APPROVAL)
    workflow.apply(broadcast, "publish", people["publisher"], publish_at=now + timedelta(hours=1))
    reader = Client()
    assert reader.get(broadcast.get_absolute_url()).status_code == 404
    assert "số 50" not in reader.get("/phat-thanh/").content.decode()
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=1, seconds=1))
    assert reader.get(broadcast.get_absolute_url()).status_code == 200
    assert "số 50" in reader.get("/phat-thanh/").content.decode()


def test_the_podcast_feed_has_what_podcast_apps_require(programme):
    site = SiteSettings.load()
    site.station_name = "Đài Truyền thanh huyện"
    site.email = "toasoan@example.vn"
    site.logo = SimpleUploadedFile("logo.png", image_bytes(300, 300, fmt="PNG"), "image/png")
    site.save()
    older = make_broadcast(programme, 44, days_ago=1)
    newest = make_broadcast(programme, 45)
    make_broadcast(programme, 46, status=Status.DRAFT)
    response = Client().get(reverse("radio:podcast", args=[programme.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "Chương trình phát thanh — Đài Truyền thanh huyện"
    assert channel.findtext("language") == "vi"
    assert channel.findtext("description") == "Thời sự."
    assert channel.findtext(f"{ITUNES}author") == "Đài Truyền thanh huyện"
    artwork = channel.find(f"{ITUNES}image").get("href")
    assert artwork.startswith("http://testserver/media/site/podcast-")
    # Square, 1400 pixels: what podcast directories ask of a show's artwork.
    with default_storage.open(artwork.removeprefix("http://testserver/media/")) as file:
        image = Image.open(file)
        assert (image.format, image.size) == ("JPEG", (1400, 1400))
    owner = channel.find(f"{ITUNES}owner")
    assert owner.findtext(f"{ITUNES}email") == "toasoan@example.vn"
    assert owner.findtext(f"{ITUNES}name") == "Đài Truyền thanh huyện"
    assert channel.find(f"{ITUNES}category").get("text") == "News"
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    items = channel.findall("item")
    assert [item.findtext(f"{ITUNES}episode") for item in items] == ["45", "44"]
    for item, broadcast in zip(items, [newest, older], strict=True):
        enclosure = item.find("enclosure")
        assert enclosure.get("url") == f"http://testserver/media/{broadcast.audio.name}"
        assert enclosure.get("type") == "audio/mpeg"
        assert int(enclosure.get("length")) == broadcast.audio.size == len(short_mp3())
        assert item.findtext("guid") == f"http://testserver{broadcast.get_absolute_url()}"
        assert item.findtext("pubDate")
        assert item.findtext(f"{ITUNES}duration") == str(round(broadcast.duration))
    assert Client().get("/phat-thanh/khong-co/podcast.xml").status_code == 404


def test_broadcasts_are_in_the_sitemap(programme):
    broadcast = make_broadcast(programme, 45)
    draft = make_broadcast(programme, 46, status=Status.DRAFT)
    xml = Client().get("/sitemap-categories.xml").content.decode()
    assert f"http://testserver{broadcast.get_absolute_url()}</loc>" in xml
    assert f"http://testserver{programme.get_absolute_url()}</loc>" in xml
    assert draft.get_absolute_url() not in xml


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_on_a_phone_plays_a_broadcast_and_seeks_in_it(open_page):
    from playwright.sync_api import expect

    from tests.browser_support import PHONE, TransferMeter, artifact_path, record_errors

    programme = Programme.objects.create(name="Chương trình phát thanh")
    broadcast = make_broadcast(programme, 45)
    page = open_page(**PHONE)
    errors = record_errors(page)
    meter = TransferMeter(page)
    audio_requests = []
    page.on("request", lambda r: r.resource_type == "media" and audio_requests.append(r.url))
    page.goto(broadcast.get_absolute_url(), wait_until="networkidle")
    before_play = dict(meter.by_type, total=meter.total)
    artifact_path("broadcast-weight-phone.json").write_text(json.dumps(before_play, indent=1))
    print("Broadcast page on a phone before play, bytes:", json.dumps(before_play))
    assert audio_requests == []  # preload="none": nothing of the audio before play
    assert before_play["total"] <= BROADCAST_PAGE_BUDGET_BYTES, before_play

    player = page.locator("audio.player")
    expect(player).to_have_attribute("aria-label", f"Nghe: {broadcast.title}")
    player.evaluate("audio => { audio.muted = true; return audio.play(); }")
    page.wait_for_function("() => document.querySelector('audio.player').currentTime > 0.3")
    player.evaluate("audio => { audio.currentTime = 3; }")
    page.wait_for_function("() => document.querySelector('audio.player').currentTime >= 3")
    assert audio_requests  # the file came when the reader pressed play
    page.screenshot(path=artifact_path("broadcast-390.png"), full_page=True)
    assert errors == []


def test_search_finds_broadcasts_by_their_items_and_transcript_without_accents(programme):
    make_broadcast(
        programme, 45, summary="Tổng kết phòng chống thiên tai", transcript="Đê điều an toàn."
    )
    make_broadcast(programme, 46, status=Status.DRAFT, summary="Thiên tai chưa duyệt")
    reader = Client()

    def found(**params):
        html = reader.get(reverse("news:search"), params).content.decode()
        if 'id="search-broadcasts-heading"' not in html:
            return []
        block = html.split('id="search-broadcasts-heading"')[1].split("</section>")[0]
        return [b.number for b in Broadcast.objects.all() if b.get_absolute_url() in block]

    assert found(q="thien tai") == [45]
    assert found(q="de dieu") == [45]  # a word of the transcript
    assert found(q="thien tai", kind="radio") == [45]
    assert found(q="thien tai", kind="article") == []
    assert found(q="thien tai", date_to="01/01/2020") == []
    html = reader.get(reverse("news:search"), {"q": "thien tai", "kind": "radio"}).content.decode()
    assert "Tìm thấy 1 chương trình phát thanh cho “thien tai”." in html


def test_damaged_or_disguised_files_are_refused_never_an_error():
    """Mutations of a real MP3 and of the starts of other formats (MP4, ID3, WAV, Ogg, FLAC):
    each is read as audio or refused with a reason, never an exception of mutagen's own."""
    import random

    from django.core.exceptions import ValidationError

    from radio.audio import read_audio

    rng = random.Random(13)
    seeds = [
        short_mp3(),
        b"\x00\x00\x00\x18ftypM4A \x00\x00\x02\x00isomiso2\x00\x00\x00\x08moov" + bytes(200),
        b"ID3\x04\x00\x00\x00\x00\x00\x10" + bytes(300),
        b"\xff\xfb\x90\x00" * 50,
        b"RIFF\x00\x00\x00\x00WAVEfmt " + bytes(100),
        b"OggS" + bytes(200),
        b"fLaC" + bytes(100),
    ]
    outcomes = {"audio": 0, "refused": 0}
    for seed in seeds:
        for _ in range(40):
            data = bytearray(seed)
            for _ in range(rng.randint(1, 12)):
                if rng.random() < 0.6 and data:
                    data[rng.randrange(len(data))] = rng.randrange(256)
                else:
                    data = data[: rng.randrange(len(data) + 1)]
            try:
                read_audio(ContentFile(bytes(data), name="ban-tin.mp3"))
                outcomes["audio"] += 1
            except ValidationError:
                outcomes["refused"] += 1
    assert outcomes["refused"] > 0 and sum(outcomes.values()) == len(seeds) * 40


def test_a_cover_from_a_phone_is_stored_square_and_without_its_metadata(client, people, programme):
    from tests.test_renditions import CAMERA, opened, phone_photo, stored

    client.force_login(people["reporter"])
    cover = SimpleUploadedFile("IMG_20261130.JPG", phone_photo(), "image/jpeg")
    response = client.post(reverse("admin:radio_broadcast_add"), form_data(programme, cover=cover))
    assert response.status_code == 302
    broadcast = Broadcast.objects.get()
    assert re.fullmatch(r"radio/covers/\d{4}/\d\d/[0-9a-f]{32}\.jpg", broadcast.cover.name)
    data = stored(broadcast.cover.name)
    assert b"GPS" not in data and CAMERA not in data  # no position, no camera
    image = opened(broadcast.cover.name)
    assert (image.format, image.size) == ("JPEG", (640, 640))
    assert not image.getexif()


def test_breadcrumbs_lead_home_from_the_radio_and_search_pages(programme):
    broadcast = make_broadcast(programme, 45)
    for url in (
        "/phat-thanh/",
        programme.get_absolute_url(),
        broadcast.get_absolute_url(),
        "/tim-kiem/?q=tin",
    ):
        html = Client().get(url).content.decode()
        trail = html[html.index('<nav class="breadcrumb"') :]
        trail = trail[: trail.index("</nav>")]
        assert '<a href="/">Trang chủ</a>' in trail, url
        assert 'aria-current="page"' in trail or url == broadcast.get_absolute_url(), url


FIXTURES = Path(__file__).parent / "fixtures"


def test_an_m4a_broadcast_is_taken_as_aac_audio_and_apple_lossless_is_refused(
    client, people, programme
):
    client.force_login(people["reporter"])
    m4a = upload("ban-tin.m4a", (FIXTURES / "tone.m4a").read_bytes(), "audio/mp4")
    response = client.post(reverse("admin:radio_broadcast_add"), form_data(programme, audio=m4a))
    assert response.status_code == 302
    broadcast = Broadcast.objects.get()
    assert broadcast.audio_type == "audio/mp4" and broadcast.audio.name.endswith(".m4a")
    assert 2.9 < broadcast.duration < 3.2 and 30_000 < broadcast.bitrate < 36_000

    lossless = upload("ban-tin-2.m4a", (FIXTURES / "lossless.m4a").read_bytes(), "audio/mp4")
    data = form_data(programme, number="46", audio=lossless)
    response = client.post(reverse("admin:radio_broadcast_add"), data)
    assert response.status_code == 200
    assert "không phải âm thanh MP3 hoặc M4A" in str(response.context["adminform"].form.errors)
    assert Broadcast.objects.count() == 1


def test_inner_pages_offer_the_newest_broadcast_in_their_second_column(programme):
    article = ArticleFactory()
    older = make_broadcast(programme, 44, days_ago=1)
    newest = make_broadcast(programme, 45)

    def aside(url):
        html = Client().get(url).content.decode()
        return re.search(r'<aside class="aside".*?</aside>', html, re.S)[0]

    for url in (
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        "/tim-kiem/?q=tin",
    ):
        assert newest.get_absolute_url() in aside(url), url
        assert 'preload="none"' in aside(url)
    assert newest.get_absolute_url() in aside(older.get_absolute_url())
    assert 'id="radio-heading"' not in aside(newest.get_absolute_url())  # not itself again
