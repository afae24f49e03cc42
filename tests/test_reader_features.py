"""What a reader gets around an article: view counts, most read, related articles, share links
and the print button. View counts are kept in the cache and written in batches (news/view_counts.py).

Labels are compared with the catalogue's own words (`label()`), so that these tests check the
numbers and their place whatever the wording; tests/test_i18n.py checks the Vietnamese wording.
"""

import re
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from news import view_counts
from news.models import SiteSettings, Status, ViewCount
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)


@pytest.fixture(autouse=True)
def fresh_pages(settings):
    """Pages rendered anew for each reading: the count a page shows is what these tests check
    (with the page cache on it may lag by the cache's lifetime; see the last count test)."""
    settings.PAGE_CACHE_SECONDS = 0


def label(english):
    with translation.override("vi"):
        return gettext(english)


def counter_url(html):
    """Where the page's script (static/js/views.js) reports a reading."""
    match = re.search(r'data-view-counter="([^"]+)"', html)
    assert match, "the article page names no view counter"
    return match[1]


def read(client, article, times=1, **headers):
    """`times` readings as a browser makes them (the page, then its script's POST), then the
    page once more, as the next reader gets it."""
    headers.setdefault("user-agent", BROWSER)
    for _ in range(times):
        response = client.get(article.get_absolute_url(), headers=headers)
        assert response.status_code == 200
        counted = client.post(counter_url(response.content.decode()), headers=headers)
        assert counted.status_code == 204 and counted.content == b""
    return client.get(article.get_absolute_url(), headers=headers).content.decode()


def shown_views(html):
    """The number after "Views:" in the date line, as the page prints it."""
    match = re.search(re.escape(label("Views")) + r": ([\d.]+)</span>", html)
    assert match, "no view count on the page"
    return match[1]


def stored_views(article):
    row = ViewCount.objects.filter(article=article).first()
    return row.count if row else 0


@pytest.fixture
def article():
    return ArticleFactory(
        title="Huyện tổng kết công tác quốc phòng",
        published_at=timezone.datetime(2020, 10, 13, 8, 30, tzinfo=timezone.get_current_timezone()),
    )


# --- View counts ---


def test_date_line_shows_weekday_date_and_views_with_a_thousands_dot(client, article, settings):
    settings.VIEW_COUNT_EXACT_UP_TO = 10_000  # every reading counted one by one
    ViewCount.objects.create(article=article, count=1233)
    html = read(client, article)  # 1,233 stored, one pending
    line = re.search(r'<p class="article__meta">(.*?)</p>', html, re.S)[1]
    text = unescape(re.sub(r"<[^>]+>", "", line))
    assert text == f"{label('Tuesday')}, 13/10/2020 08:30 · {label('Views')}: 1.234"


def test_readings_are_counted_in_the_cache_without_touching_the_article(client, article):
    version, updated_at = article.version, article.updated_at
    revisions = article.history.count()
    html = read(client, article, times=3)
    assert shown_views(html) == "3"
    assert stored_views(article) == 0  # still pending: no write for each reading
    article.refresh_from_db()
    assert (article.version, article.updated_at) == (version, updated_at)
    assert article.history.count() == revisions


def test_a_full_batch_is_written_with_one_upsert(client, article, monkeypatch):
    monkeypatch.setattr(view_counts, "FLUSH_EVERY", 5)
    ViewCount.objects.create(article=article, count=100)
    read(client, article, times=4)
    assert stored_views(article) == 100
    with CaptureQueriesContext(connection) as queries:
        html = read(client, article)  # the fifth reading fills the batch
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    writes = [sql for sql in writes if not sql.upper().startswith(("SAVEPOINT", "RELEASE"))]
    # The commit does not wait for the disk: a count is not worth a flush of the WAL.
    assert writes[0] == "SET LOCAL synchronous_commit TO OFF"
    assert len(writes) == 2 and "ON CONFLICT" in writes[1] and "news_viewcount" in writes[1]
    assert stored_views(article) == 105
    assert shown_views(html) == "105"
    assert view_counts.pending_views(article.pk) == 0
    assert shown_views(read(client, article, times=2)) == "107"
    assert stored_views(article) == 105


def test_a_busy_articles_batch_holds_as_many_reports_as_any_other(article, monkeypatch):
    """Each report of a busy article stands for VIEW_COUNT_SAMPLE readings: its batch is
    written after FLUSH_EVERY reports too, not after a tenth as many."""
    monkeypatch.setattr(view_counts, "FLUSH_EVERY", 5)
    for _ in range(4):
        view_counts.record_view(article.pk, views=10)
    assert stored_views(article) == 0
    view_counts.record_view(article.pk, views=10)
    assert stored_views(article) == 50


def test_a_batch_older_than_the_time_limit_is_written_at_the_next_reading(article):
    start = 1_000_000.0
    view_counts.record_view(article.pk, now=start)
    view_counts.record_view(article.pk, now=start + view_counts.FLUSH_AFTER - 1)
    assert stored_views(article) == 0
    view_counts.record_view(article.pk, now=start + view_counts.FLUSH_AFTER + 1)
    assert stored_views(article) == 3
    assert view_counts.pending_views(article.pk) == 0


def test_first_reading_of_an_article_creates_its_count_row_when_written(article):
    assert view_counts.record_view(article.pk) == 1
    assert view_counts.flush(article.pk) == 1
    assert stored_views(article) == 1
    assert view_counts.flush(article.pk) == 0  # nothing pending: no write


def test_one_flush_at_a_time(article):
    for _ in range(3):
        view_counts.record_view(article.pk)
    cache.add(view_counts._lock_key(article.pk), True)  # another process is writing
    assert view_counts.flush(article.pk) == 0
    assert view_counts.pending_views(article.pk) == 3
    cache.delete(view_counts._lock_key(article.pk))
    assert view_counts.flush(article.pk) == 3


def test_a_cleared_cache_loses_at_most_the_pending_batch(client, article, monkeypatch):
    monkeypatch.setattr(view_counts, "FLUSH_EVERY", 5)
    read(client, article, times=7)  # 5 written, 2 pending
    cache.clear()
    assert shown_views(read(client, article)) == "6"
    assert stored_views(article) == 5


def test_pages_from_the_cache_are_counted_and_show_a_count_at_most_that_old(
    client, article, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    SiteSettings.load()
    first = read(client, article)  # the page went into the cache before it was counted
    assert shown_views(first) == "0"
    again = read(client, article, times=3)  # the same page, from the cache: still counted
    assert again == first
    assert view_counts.pending_views(article.pk) == 4
    caches["pages"].clear()  # as when the cached page's lifetime ends
    # Rendered anew with the 4 readings so far, cached, then read once more.
    assert shown_views(read(client, article)) == "4"
    assert view_counts.pending_views(article.pk) == 5


def test_the_counter_takes_posts_from_browsers_only(client, article):
    url = reverse("news:count_view", args=[article.pk])
    assert client.get(url, headers={"user-agent": BROWSER}).status_code == 405
    assert client.post(url, headers={"user-agent": "curl/8.5"}).status_code == 204
    assert client.post(url, headers={"user-agent": BROWSER}).status_code == 204
    assert view_counts.pending_views(article.pk) == 2  # curl has a User-Agent: a reader
    assert client.post(url, headers={"user-agent": ""}).status_code == 204
    assert view_counts.pending_views(article.pk) == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"user-agent": "facebookexternalhit/1.1"},
        {"user-agent": "Mozilla/5.0 (compatible; bingbot/2.0)"},
        {"user-agent": ""},
    ],
)
def test_crawlers_and_programs_are_not_counted(client, article, headers):
    html = read(client, article, times=2, **headers)
    assert shown_views(html) == "0"
    assert view_counts.pending_views(article.pk) == 0


def test_only_the_public_article_page_asks_to_be_counted(client, article, admin_client):
    page = client.get(article.get_absolute_url(), headers={"user-agent": BROWSER})
    assert counter_url(page.content.decode()) == reverse("news:count_view", args=[article.pk])
    assert view_counts.pending_views(article.pk) == 0  # the page alone counts nothing
    client.head(article.get_absolute_url(), headers={"user-agent": BROWSER})
    wrong_slug = client.get(f"/tin-tuc/ten-cu-{article.pk}/", headers={"user-agent": BROWSER})
    assert wrong_slug.status_code == 301
    preview = admin_client.get(
        reverse("news:preview", args=[article.pk]), headers={"user-agent": BROWSER}
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    assert label("Views") not in html and "data-view-counter" not in html
    assert view_counts.pending_views(article.pk) == 0


# --- Most read ---


def most_read_titles(html):
    section = re.search(r'<section class="most-read".*?</section>', html, re.S)
    assert section, "no most-read list on the home page"
    return re.findall(r'<li class="most-read__item"><a href="[^"]+">([^<]+)</a>', section[0])


def test_home_lists_the_five_most_read_published_articles(client):
    now = timezone.now()
    counts = {"A": 30, "B": 10, "C": 20, "D": 5, "E": 2, "F": 1}
    for title, count in counts.items():
        ViewCount.objects.create(article=ArticleFactory(title=f"Bài {title}"), count=count)
    ViewCount.objects.create(article=ArticleFactory(title="Nháp", status=Status.DRAFT), count=900)
    ViewCount.objects.create(
        article=ArticleFactory(title="Hẹn giờ", published_at=now + timezone.timedelta(hours=1)),
        count=800,
    )
    ArticleFactory(title="Chưa ai đọc")
    html = client.get("/").content.decode()
    assert most_read_titles(html) == ["Bài A", "Bài C", "Bài B", "Bài D", "Bài E"]
    assert label("Most read") in html


def test_home_has_no_most_read_list_before_anything_was_read(client):
    ArticleFactory()
    assert '<section class="most-read"' not in client.get("/").content.decode()


@pytest.mark.parametrize("size", [6, 40])
def test_home_and_article_queries_stay_constant_with_counts_and_readers(
    client, django_assert_num_queries, size
):
    category = CategoryFactory()
    articles = [ArticleFactory(category=category, is_featured=True) for _ in range(size)]
    for index, item in enumerate(articles):
        PhotoFactory(article=item)
        ViewCount.objects.create(article=item, count=index + 1)
    SiteSettings.load()  # the row is created once
    client.get("/")
    # As in tests/test_public_pages.py: featured, latest, blocks (the cards, menu and most
    # read from the cache filled by the first request).
    with django_assert_num_queries(3):
        client.get("/", headers={"user-agent": BROWSER})
    # The article page twice and its counter once: a reading goes to the cache only.
    client.get(articles[-1].get_absolute_url())
    with django_assert_num_queries(2 * 2 + 0):
        read(client, articles[-1])


# --- Related articles ---


def test_article_lists_up_to_five_newer_first_others_of_its_own_category(client):
    now = timezone.now()
    category = CategoryFactory(name="Văn hóa")
    current = ArticleFactory(category=category, title="Bài đang đọc")
    for hours in range(1, 8):
        ArticleFactory(
            category=category,
            title=f"Cùng mục {hours}",
            published_at=now - timezone.timedelta(hours=hours),
        )
    ArticleFactory(category=category, title="Bản nháp", status=Status.DRAFT)
    ArticleFactory(category=CategoryFactory(parent=category), title="Mục con")
    ArticleFactory(title="Mục khác")
    html = read(client, current)
    section = re.search(r'<section class="related".*?</section>', html, re.S)[0]
    assert label("More in this category") in section
    titles = re.findall(r'class="related__link" href="[^"]+">([^<]+)</a>', section)
    assert titles == [f"Cùng mục {hours}" for hours in range(1, 6)]


def test_an_article_alone_in_its_category_has_no_related_list(client, article):
    assert '<section class="related"' not in read(client, article)


# --- Share links and print button ---


def test_share_links_carry_the_absolute_address_of_the_article(client, article):
    # Behind the HTTPS proxy, as in production: the links name the https:// address.
    response = client.get(
        article.get_absolute_url(),
        headers={"user-agent": BROWSER, "x-forwarded-proto": "https"},
        SERVER_PORT="443",
    )
    html = response.content.decode()
    address = f"https://testserver{article.get_absolute_url()}"
    encoded = quote(address, safe="")
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html
    assert f'href="https://sp.zalo.me/share_inline?url={encoded}"' in html
    assert f'href="mailto:?subject={quote(article.title, safe="")}&amp;body={encoded}"' in html
    assert label("Share this article") in html


def test_print_button_is_wired_by_a_deferred_script_and_no_inline_script(client, article):
    html = read(client, article)
    button = re.search(r"<button[^>]*data-print[^>]*>([^<]+)</button>", html)
    assert button and button[1] == label("Print this article")
    assert "hidden" in button[0]  # useless without JavaScript: print.js shows it
    assert '<script src="/static/js/print.js" defer></script>' in html
    # Data blocks (JSON-LD) are not run; every script that runs comes from a file.
    runnable = [tag for tag in re.findall(r"<script[^>]*>", html) if "ld+json" not in tag]
    assert runnable and all("src=" in tag for tag in runnable)
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handler either
    script = finders.find("js/print.js")
    assert script and "window.print()" in Path(script).read_text()


def test_preview_shows_no_share_links_related_list_or_view_count(admin_client, article):
    other = ArticleFactory(category=article.category)
    html = admin_client.get(reverse("news:preview", args=[article.pk])).content.decode()
    assert article.title in html
    for absent in ("facebook.com", 'id="related-heading"', "print.js", label("Views")):
        assert absent not in html
    # Laid out as the public page: the second column of the newest articles on a laptop.
    assert 'class="main-area container main-area--aside"' in html
    aside = html.split('<aside class="aside"')[1].split("</aside>")[0]
    assert other.title in aside and article.title not in aside


def test_every_reading_of_a_little_read_article_is_reported_and_counts_one(
    client, article, settings
):
    settings.VIEW_COUNT_EXACT_UP_TO = 1000
    settings.VIEW_COUNT_SAMPLE = 10
    ViewCount.objects.create(article=article, count=999)
    html = client.get(article.get_absolute_url(), headers={"user-agent": BROWSER}).content.decode()
    assert 'data-view-sample="1"' in html
    assert counter_url(html) == reverse("news:count_view", args=[article.pk])
    client.post(counter_url(html), headers={"user-agent": BROWSER})
    assert view_counts.pending_views(article.pk) == 1


def test_a_crowd_on_a_busy_article_is_counted_one_reading_in_ten(client, article, settings):
    settings.VIEW_COUNT_EXACT_UP_TO = 1000
    settings.VIEW_COUNT_SAMPLE = 10
    ViewCount.objects.create(article=article, count=1000)
    html = client.get(article.get_absolute_url(), headers={"user-agent": BROWSER}).content.decode()
    assert 'data-view-sample="10"' in html  # the script reports one reading in ten ...
    client.post(counter_url(html), headers={"user-agent": BROWSER})
    assert view_counts.pending_views(article.pk) == 10  # ... and each report counts ten
    script = Path(finders.find("js/views.js")).read_text()
    assert "Math.random() * every < 1" in script and "viewSample" in script
    # A report with another weight than the site's sample counts one reading, no more.
    url = reverse("news:count_view", args=[article.pk])
    for forged in ("?n=1000000", "?n=-5", "?n=abc"):
        client.post(url + forged, headers={"user-agent": BROWSER})
    assert view_counts.pending_views(article.pk) == 13


def wsgi(method, path, query="", agent=BROWSER, application=None, script_name=""):
    """The status a request gets from the servers' WSGI application (portal/wsgi.py), which
    answers the counter before Django builds a request."""
    import io
    import sys

    if application is None:
        from portal.wsgi import application

    environ = {
        "SCRIPT_NAME": script_name,
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_USER_AGENT": agent,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    answered = []
    body = b"".join(application(environ, lambda status, headers, *_: answered.append(status)))
    return answered[0], body


def test_servers_answer_the_counter_before_django_with_the_same_rules(article, settings):
    settings.VIEW_COUNT_SAMPLE = 10
    url = reverse("news:count_view", args=[article.pk])
    with CaptureQueriesContext(connection) as queries:
        assert wsgi("POST", url) == ("204 No Content", b"")
        assert wsgi("POST", url, "n=10") == ("204 No Content", b"")
        assert wsgi("POST", url, "n=1000") == ("204 No Content", b"")  # forged: one reading
        assert wsgi("POST", url, agent="Googlebot/2.1") == ("204 No Content", b"")
        assert wsgi("POST", url, agent="") == ("204 No Content", b"")
    assert len(queries) == 0
    assert view_counts.pending_views(article.pk) == 12
    # Anything else is Django's: a GET of the counter is refused, other addresses are pages.
    assert wsgi("GET", url)[0].startswith("405")
    assert not wsgi("POST", url + "x/")[0].startswith("204")
    assert view_counts.pending_views(article.pk) == 12


def test_the_servers_counter_finds_its_address_under_a_sub_path_and_survives_its_cache(
    article, monkeypatch, caplog
):
    """A site served under a sub-path (SCRIPT_NAME): the counter's address there still gets
    the counter, whatever the script prefix the worker's last page left. A counter that cannot
    count (its cache unreachable) still answers, and says so in the log."""
    from django.urls import set_script_prefix

    def django_application(environ, start_response):
        pytest.fail("the counter's report reached Django")

    counter = view_counts.CounterApp(django_application)
    url = reverse("news:count_view", args=[article.pk])
    set_script_prefix("/tin/")  # as a page of the site under /tin/ leaves it
    try:
        assert wsgi("POST", url, application=counter, script_name="/tin") == ("204 No Content", b"")
    finally:
        set_script_prefix("/")
    assert view_counts.pending_views(article.pk) == 1

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(view_counts, "record_view", unreachable)
    assert wsgi("POST", url, application=counter) == ("204 No Content", b"")
    assert f"Could not count a reading of article {article.pk}" in caplog.text
