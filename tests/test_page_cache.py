"""The anonymous page cache (news/page_cache.py): every public change shows on every affected
page at the very next request, staff never get or fill cached pages, nothing personal is ever
cached, and the headers tell a CDN the same."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news import content_version, sitemaps, view_counts, workflow
from news.models import Article, SiteSettings, Status
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    PhotoFactory,
    change_url,
    edit_data,
)

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"


@pytest.fixture
def newsroom(people):
    SiteSettings.load()
    news = CategoryFactory(name="Tin tức", order=1)
    defence = CategoryFactory(name="Quốc phòng", parent=news)
    CategoryFactory(name="Kinh tế", order=2)
    ArticleFactory(category=defence, title="Tin cũ đã đăng")
    return {"news": news, "defence": defence, **people}


@pytest.fixture
def reader():
    return Client(headers={"user-agent": BROWSER})


def public_pages(article, newsroom):
    """Every page an article of the defence category appears on."""
    return [
        "/",
        newsroom["news"].get_absolute_url(),
        newsroom["defence"].get_absolute_url(),
        article.get_absolute_url(),
        "/tim-kiem/?q=dien+tap",
        "/rss/",
        newsroom["news"].get_absolute_url() + "rss/",
        f"/sitemap-articles-{article.pk // sitemaps.SECTION_SIZE}.xml",
        "/sitemap-news.xml",
    ]


def shown(reader, pages, article):
    """The pages (of `pages`) that list or show `article` (its address is on them)."""
    found = []
    for url in pages:
        response = reader.get(url)
        assert response.status_code in (200, 404), url
        if response.status_code == 200 and article.get_absolute_url() in response.content.decode():
            found.append(url)
    return found


def titled(reader, pages, text):
    """The pages (of `pages`) whose answer contains `text`."""
    return [url for url in pages if text in reader.get(url).content.decode()]


def test_pages_are_cached_for_anonymous_readers(reader, newsroom):
    article = ArticleFactory(category=newsroom["defence"], title="Diễn tập khu vực phòng thủ")
    pages = public_pages(article, newsroom)
    with_titles = [url for url in pages if "sitemap-articles" not in url]  # it lists addresses
    assert titled(reader, with_titles, "Diễn tập khu vực phòng thủ") == with_titles
    # A change that bypasses the model (no signal): the cached pages keep the old title,
    # which shows that they come from the cache.
    type(article).objects.filter(pk=article.pk).update(title="Sửa ngoài hệ thống")
    assert titled(reader, with_titles, "Diễn tập khu vực phòng thủ") == with_titles


def test_publishing_shows_on_every_affected_page_at_the_next_request(reader, newsroom):
    article = ArticleFactory(
        category=newsroom["defence"],
        title="Diễn tập khu vực phòng thủ năm nay",
        status=Status.PENDING_APPROVAL,
        published_at=None,
    )
    pages = public_pages(article, newsroom)
    assert shown(reader, pages, article) == []  # pages now cached
    workflow.apply(article, "publish", newsroom["publisher"])
    article.refresh_from_db()
    assert shown(reader, public_pages(article, newsroom), article) == pages


def test_an_edit_in_the_admin_shows_everywhere_at_the_next_request(client, reader, newsroom):
    article = ArticleFactory(category=newsroom["defence"], title="Diễn tập phòng thủ (bản đầu)")
    pages = [url for url in public_pages(article, newsroom) if "sitemap-articles" not in url]
    assert titled(reader, pages, "(bản đầu)") == pages
    client.force_login(newsroom["publisher"])
    data = edit_data(
        article,
        title="Diễn tập phòng thủ (đã sửa)",
        lead="Sapo đã sửa.",
        workflow_comment="Cập nhật tiêu đề.",  # a leader's correction of a public article
    )
    assert client.post(change_url(article), data).status_code == 302
    assert titled(reader, pages, "(bản đầu)") == []
    assert titled(reader, pages, "(đã sửa)") == pages


def test_unpublishing_takes_it_off_every_page(reader, newsroom):
    article = ArticleFactory(category=newsroom["defence"], title="Diễn tập cần gỡ xuống")
    pages = public_pages(article, newsroom)
    assert shown(reader, pages, article) == pages
    workflow.apply(article, "unpublish", newsroom["publisher"], comment="Sai số liệu")
    assert shown(reader, pages, article) == []
    assert reader.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_article_appears_when_its_time_comes_with_no_write(
    reader, newsroom, monkeypatch
):
    now = timezone.now()
    article = ArticleFactory(
        category=newsroom["defence"],
        title="Diễn tập hẹn giờ",
        status=Status.PENDING_APPROVAL,
        published_at=None,
    )
    workflow.apply(
        article, "publish", newsroom["publisher"], publish_at=now + timedelta(hours=1), now=now
    )
    article.refresh_from_db()
    pages = public_pages(article, newsroom)
    assert shown(reader, pages, article) == []  # scheduled: cached without it
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=1, seconds=1))
    with CaptureQueriesContext(connection) as queries:
        assert shown(reader, pages, article) == pages
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    # Nothing was written to make it public; the one write marks its author as told.
    assert len(writes) == 1 and 'SET "announced" = true' in writes[0]


def test_a_photo_change_shows_on_the_article_and_its_cards(reader, newsroom):
    article = ArticleFactory(category=newsroom["defence"], title="Diễn tập có ảnh")
    photo = PhotoFactory(article=article, caption="Chú thích ban đầu")
    home_before = reader.get("/").content.decode()
    assert "Chú thích ban đầu" in reader.get(article.get_absolute_url()).content.decode()
    photo.caption = "Chú thích đã sửa"
    photo.save()
    assert "Chú thích đã sửa" in reader.get(article.get_absolute_url()).content.decode()
    photo.delete()
    assert "<picture>" not in reader.get(article.get_absolute_url()).content.decode()
    assert reader.get("/").content.decode() != home_before  # its card lost its picture


def test_category_and_site_changes_show_on_every_page(reader, newsroom):
    article = ArticleFactory(category=newsroom["defence"], title="Diễn tập phòng thủ")
    pages = public_pages(article, newsroom)[:4]  # the HTML pages
    assert titled(reader, pages, "Quốc phòng") == pages
    defence = newsroom["defence"]
    defence.name = "An ninh - Quốc phòng"
    defence.save()
    assert titled(reader, pages, "An ninh - Quốc phòng") == pages  # menu, trail, card
    site = SiteSettings.load()
    site.portal_name = "Cổng thông tin đổi tên"
    site.save()
    assert titled(reader, pages, "Cổng thông tin đổi tên") == pages


@pytest.mark.parametrize("page_cache_seconds", [600, 0])  # whole pages, or feed items only
def test_a_writer_renamed_shows_in_the_feeds_and_a_login_changes_nothing(
    reader, newsroom, settings, page_cache_seconds
):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    writer = newsroom["reporter"]
    writer.first_name, writer.last_name = "Văn Cũ", "Nguyễn"
    writer.save()
    ArticleFactory(category=newsroom["defence"], source="", author=writer)
    feeds = ["/rss/", newsroom["news"].get_absolute_url() + "rss/"]
    old_name = writer.get_full_name()
    assert all(old_name in reader.get(url).content.decode() for url in feeds)
    version = content_version.read()
    writer.last_login = timezone.now()
    writer.save(update_fields=["last_login"])
    assert content_version.read() == version
    writer.first_name, writer.last_name = "Thị Mới", "Trần"
    writer.save()
    pages = [reader.get(url).content.decode() for url in feeds]
    assert all(writer.get_full_name() in page and old_name not in page for page in pages)


def test_saving_drafts_keeps_the_cached_pages(client, reader, newsroom):
    draft = ArticleFactory(
        category=newsroom["defence"], status=Status.DRAFT, published_at=None, title="Nháp"
    )
    reader.get("/")
    version = content_version.read()
    draft.lead = "Sapo viết tiếp."
    draft.save()
    PhotoFactory(article=draft)
    assert content_version.read() == version


def test_an_article_turning_busy_gets_a_page_that_samples_its_readings(reader, newsroom, settings):
    """A cached page of a little-read article asks for every reading to be reported. Once the
    counts written cross VIEW_COUNT_EXACT_UP_TO, its next page asks for one in
    VIEW_COUNT_SAMPLE: a crowd does not keep reporting every reading for a cache's lifetime.
    Counting below or above the line keeps the cached pages."""
    settings.VIEW_COUNT_EXACT_UP_TO = 100
    settings.VIEW_COUNT_SAMPLE = 20
    article = ArticleFactory(category=newsroom["defence"])
    url = article.get_absolute_url()
    assert 'data-view-sample="1"' in reader.get(url).content.decode()  # now cached
    version = content_version.read()
    view_counts.record_view(article.pk, views=60)
    assert view_counts.flush(article.pk) == 60  # 60 of 100: still little read
    assert content_version.read() == version
    assert 'data-view-sample="1"' in reader.get(url).content.decode()
    view_counts.record_view(article.pk, views=40)
    assert view_counts.flush(article.pk) == 40  # 100: busy from now on
    assert content_version.read() != version
    assert 'data-view-sample="20"' in reader.get(url).content.decode()
    version = content_version.read()
    view_counts.record_view(article.pk, views=20)
    assert view_counts.flush(article.pk) == 20
    assert content_version.read() == version


def test_staff_neither_get_nor_fill_cached_pages(client, reader, newsroom):
    article = ArticleFactory(category=newsroom["defence"], title="Tin gốc")
    client.force_login(newsroom["editor"])
    assert "Tin gốc" in client.get(article.get_absolute_url()).content.decode()
    # Bypassing the model: only a page rendered afresh can show the new title.
    type(article).objects.filter(pk=article.pk).update(title="Tin sửa ngầm")
    assert "Tin sửa ngầm" in reader.get(article.get_absolute_url()).content.decode()  # not filled
    type(article).objects.filter(pk=article.pk).update(title="Tin sửa ngầm lần hai")
    assert "Tin sửa ngầm lần hai" not in reader.get(article.get_absolute_url()).content.decode()
    assert "Tin sửa ngầm lần hai" in client.get(article.get_absolute_url()).content.decode()


def test_nothing_personal_is_ever_cached(reader, newsroom):
    # A reader with a message waiting (the messages cookie) gets a page rendered for them.
    article = ArticleFactory(category=newsroom["defence"], title="Tin gốc")
    reader.get(article.get_absolute_url())
    with_message = Client(headers={"user-agent": BROWSER})
    with_message.cookies["messages"] = "x"
    type(article).objects.filter(pk=article.pk).update(title="Tin đổi ngầm")
    assert "Tin đổi ngầm" in with_message.get(article.get_absolute_url()).content.decode()
    assert "Tin đổi ngầm" not in reader.get(article.get_absolute_url()).content.decode()
    # Public pages carry no cookie and no CSRF token; pages with a token are not cached.
    page = reader.get("/")
    assert not page.cookies and "csrfmiddlewaretoken" not in page.content.decode()
    first, second = Client(), Client()
    login_a = first.get("/admin/login/")
    login_b = second.get("/admin/login/")
    assert login_a.cookies["csrftoken"].value != login_b.cookies["csrftoken"].value
    assert "private" in login_a["Cache-Control"] or "no-cache" in login_a["Cache-Control"]


def test_public_answers_tell_shared_caches_what_they_may_keep(reader, newsroom, settings):
    article = ArticleFactory(category=newsroom["defence"])
    for url in public_pages(article, newsroom):
        response = reader.get(url)
        assert response["Cache-Control"] == (
            f"public, max-age=0, s-maxage={settings.SHARED_CACHE_SECONDS}, "
            f"stale-while-revalidate={settings.SHARED_CACHE_SECONDS}"
        ), url
        assert response["Vary"] == "Cookie", url  # one language: no Accept-Language
    missing = reader.get("/tin-tuc/khong-co-0/")
    assert missing.status_code == 404 and "public" not in missing.get("Cache-Control", "")
    staff_page = Client()
    staff_page.force_login(newsroom["editor"])
    admin = staff_page.get("/admin/")
    assert "private" in admin["Cache-Control"]


def test_a_cached_page_carries_the_headers_of_the_page_made_for_it(reader, newsroom):
    """The page cache comes first of all middleware: what it keeps is the whole answer, with
    the security headers and the policy the middleware after it gave."""
    article = ArticleFactory(category=newsroom["defence"], title="Tin có đủ tiêu đề")
    made = reader.get(article.get_absolute_url(), secure=True)
    type(article).objects.filter(pk=article.pk).update(title="Sửa ngoài hệ thống")
    kept = reader.get(article.get_absolute_url(), secure=True)
    assert "Tin có đủ tiêu đề" in kept.content.decode()  # from the cache
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Frame-Options",
        "Cache-Control",
        "Vary",
    ):
        assert kept.headers.get(header) == made.headers.get(header) is not None, header


def test_a_cached_page_also_answers_head(reader, newsroom):
    reader.get("/")
    response = reader.head("/")
    assert response.status_code == 200 and response["Cache-Control"].startswith("public")


def test_the_cache_can_be_turned_off(reader, newsroom, settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = ArticleFactory(category=newsroom["defence"], title="Tin gốc")
    reader.get(article.get_absolute_url())
    type(article).objects.filter(pk=article.pk).update(title="Tin đổi ngầm")
    assert "Tin đổi ngầm" in reader.get(article.get_absolute_url()).content.decode()


def test_a_typed_page_number_follows_a_publication_at_the_next_request(reader, newsroom, settings):
    """A typed `?page=N` (no cursor) keeps where its page starts, which costs a lookup through
    every article before it, until something public changes."""
    settings.PAGE_CACHE_SECONDS = 0  # the page itself is drawn each time; its start is kept
    defence = newsroom["defence"]
    for hours in range(2, 45):
        ArticleFactory(category=defence, published_at=timezone.now() - timedelta(hours=hours))
    url = newsroom["news"].get_absolute_url() + "?page=2"  # its subtree: two categories

    listed = list(
        Article.objects.published().filter(category=defence).order_by("-published_at", "-pk")
    )
    last_of_first, first_of_second = listed[19], listed[20]
    assert first_of_second.get_absolute_url() in reader.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        html = reader.get(url).content.decode()
    assert first_of_second.get_absolute_url() in html
    # The lookup merges the categories' index scans (a UNION ALL, news/listing.py): not again.
    assert not any("UNION ALL" in query["sql"] for query in again.captured_queries)

    article = ArticleFactory(
        category=defence, status=Status.PENDING_APPROVAL, published_at=None, title="Tin mới nhất"
    )
    workflow.apply(article, "publish", newsroom["publisher"])
    html = reader.get(url).content.decode()
    assert last_of_first.get_absolute_url() in html  # pushed down to page 2 by the new one


def test_a_sitemap_section_is_kept_until_an_article_of_it_is_published(reader, newsroom, settings):
    settings.PAGE_CACHE_SECONDS = 0  # crawlers read sections whatever the page cache does
    article = ArticleFactory(
        category=newsroom["defence"], status=Status.PENDING_APPROVAL, published_at=None
    )
    url = f"/sitemap-articles-{article.pk // sitemaps.SECTION_SIZE}.xml"
    assert article.get_absolute_url() not in reader.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        assert reader.get(url).status_code == 200
    assert len(again) == 0
    workflow.apply(article, "publish", newsroom["publisher"])
    assert article.get_absolute_url() in reader.get(url).content.decode()


@pytest.fixture
def redis_pages(settings):
    """The pages cache on the machine's Redis, as CACHE_URL=redis://… sets it for several
    machines (a key prefix of this test's own)."""
    import os
    import uuid

    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1":
            raise
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        },
    }
    yield
    from django.core.cache import caches

    caches["pages"].clear()


def test_with_a_shared_cache_the_version_lives_in_it_for_every_machine(
    redis_pages, reader, newsroom, settings
):
    from django.core.cache import caches

    article = ArticleFactory(category=newsroom["defence"], title="Tin trên Redis")
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "Tin trên Redis" in page
    stored = caches["pages"].get(content_version.KEY)
    assert stored and stored.split()[0] == content_version.read()
    assert not settings.CONTENT_VERSION_FILE.exists()  # the file is for one machine only
    type(article).objects.filter(pk=article.pk).update(title="Tin đổi ngầm")
    assert "Tin đổi ngầm" not in reader.get(article.get_absolute_url()).content.decode()
    article.refresh_from_db()
    article.save()  # through the model: a public change
    assert caches["pages"].get(content_version.KEY) != stored
    assert "Tin đổi ngầm" in reader.get(article.get_absolute_url()).content.decode()


def test_with_a_shared_cache_a_new_release_serves_none_of_the_pages_of_the_one_before(
    redis_pages, reader, newsroom, settings
):
    """An upgrade with Redis: the new release's processes render their own pages (new markup,
    their own static files' addresses), and the old release's, still serving until they stop,
    keep theirs. A public change made by either shows in both."""
    article = ArticleFactory(category=newsroom["defence"], title="Tin trước khi nâng cấp")
    home = newsroom["news"].get_absolute_url()
    settings.RELEASE = "release-before"
    assert "Tin trước khi nâng cấp" in reader.get(home).content.decode()
    type(article).objects.filter(pk=article.pk).update(title="Tin sau khi nâng cấp")  # no signal
    assert "Tin trước khi nâng cấp" in reader.get(home).content.decode()  # the cached page

    settings.RELEASE = "release-after"
    assert "Tin sau khi nâng cấp" in reader.get(home).content.decode()
    settings.RELEASE = "release-before"
    assert "Tin trước khi nâng cấp" in reader.get(home).content.decode()

    article.refresh_from_db()
    article.title = "Tin sửa trong khi nâng cấp"
    article.save()  # through the model, in a process of either release
    for release in ("release-before", "release-after"):
        settings.RELEASE = release
        assert "Tin sửa trong khi nâng cấp" in reader.get(home).content.decode()


def test_the_release_is_a_digest_of_what_makes_the_pages(tmp_path):
    from portal import release

    for part in release.PARTS:
        (tmp_path / part).mkdir()
    (tmp_path / "pyproject.toml").rmdir()
    (tmp_path / "pyproject.toml").write_text('dependencies = ["Django==5.2.8"]')
    (tmp_path / "templates" / "base.html").write_text("<main>{% block content %}</main>")
    (tmp_path / "news" / "__pycache__").mkdir()
    first = release.digest(tmp_path)
    assert first == release.digest(tmp_path)  # every machine with these files: one release
    (tmp_path / "news" / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"compiled")
    (tmp_path / "media.jpg").write_bytes(b"an upload, not the release")
    assert release.digest(tmp_path) == first
    (tmp_path / "templates" / "base.html").write_text("<main id=main>{% block content %}</main>")
    assert release.digest(tmp_path) != first
    changed = release.digest(tmp_path)
    (tmp_path / "pyproject.toml").write_text('dependencies = ["Django==5.2.9"]')
    assert release.digest(tmp_path) not in (first, changed)


def test_a_process_keeps_a_fragment_seconds_at_most_and_drops_it_at_a_change(
    db, monkeypatch, settings
):
    """Each process keeps the fragments it read for MEMO_SECONDS: one renewed in the cache by
    another process (a most-read list at the end of its lifetime) is seen after that, and a
    public change at the next read."""
    from news import page_cache

    clock = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    made = iter(["first", "after the change"])
    assert page_cache.cached("list", lambda: next(made)) == "first"
    key = f"fragment:{settings.RELEASE}:list:{content_version.current()}"
    page_cache.page_cache().set(key, "renewed by another process")
    clock[0] += page_cache.MEMO_SECONDS - 1
    assert page_cache.cached("list", lambda: next(made)) == "first"
    clock[0] += 1
    assert page_cache.cached("list", lambda: next(made)) == "renewed by another process"
    content_version.bump()
    assert page_cache.cached("list", lambda: next(made)) == "after the change"


def current_marks(html):
    """The header menu's links marked as the current page or section: (name, mark)."""
    import re

    menu = html[html.index('class="site-nav__list"') :]
    menu = menu[: menu.index("</ul>")]
    return re.findall(r'<a href="[^"]*" aria-current="(\w+)">([^<]+)</a>', menu)


def test_the_header_is_shared_yet_marks_each_page_as_its_own(reader, newsroom, settings):
    settings.PAGE_CACHE_SECONDS = 0  # whole pages off: only the shared header fragment is kept
    article = ArticleFactory(category=newsroom["defence"], title="Diễn tập phòng thủ")
    pages = {
        "/": [("page", "Trang chủ")],
        newsroom["news"].get_absolute_url(): [("page", "Tin tức")],
        # A subcategory: its section is marked, and itself in the section's list.
        newsroom["defence"].get_absolute_url(): [("true", "Tin tức"), ("page", "Quốc phòng")],
        article.get_absolute_url(): [("true", "Tin tức")],
        "/tim-kiem/?q=dien+tap": [],
    }

    for _ in range(2):  # the second round from the cached header
        for url, marks in pages.items():
            assert current_marks(reader.get(url).content.decode()) == marks, url

    first, second = (reader.get(f"/tim-kiem/?q={q}").content.decode() for q in ("lua", "lúa"))
    assert 'value="lua"' in first and 'value="lúa"' in second

    newsroom["news"].name = "Tin tức - Sự kiện"
    newsroom["news"].save()
    assert current_marks(reader.get("/").content.decode()) == [("page", "Trang chủ")]
    assert "Tin tức - Sự kiện" in reader.get(article.get_absolute_url()).content.decode()
