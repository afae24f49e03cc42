"""Public pages as a citizen sees them: content, trail, captions, 404/301, constant queries."""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from news import views
from news.models import SiteSettings, Status
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    news = CategoryFactory(name="Tin tức - Sự kiện", order=1)
    defence = CategoryFactory(name="An ninh - Quốc phòng", parent=news)
    economy = CategoryFactory(name="Kinh tế", order=2)
    return news, defence, economy


@pytest.fixture
def site_settings():
    site = SiteSettings.load()
    site.portal_name = "Cổng thông tin huyện Thử Nghiệm"
    site.station_name = "Đài Truyền thanh Thử Nghiệm"
    site.address = "Số 1 đường Trần Phú"
    site.phone = "0226 3820 000"
    site.email = "dai@example.vn"
    site.save()
    return site


def make_article(category, photos=2, **kwargs):
    article = ArticleFactory(category=category, **kwargs)
    for index in range(photos):
        PhotoFactory(article=article, caption=f"Chú thích ảnh {index + 1}", order=index)
    return article


def test_article_page_shows_everything_the_old_site_showed(client, tree, site_settings):
    _news, defence, _economy = tree
    published = timezone.datetime(2020, 10, 13, 8, 30, tzinfo=timezone.get_current_timezone())
    article = make_article(
        defence,
        title="Huyện tổng kết công tác quốc phòng",
        lead="Ngày 13/10/2020, huyện tổng kết các đề án quốc phòng.",
        body="<p>Đoạn thân bài.</p>",
        published_at=published,
    )
    html = client.get(article.get_absolute_url()).content.decode()
    breadcrumb = html[
        html.index('class="breadcrumb"') : html.index("</nav>", html.index('class="breadcrumb"'))
    ]
    assert "Tin tức - Sự kiện" in breadcrumb and "An ninh - Quốc phòng" in breadcrumb
    assert breadcrumb.index("Tin tức - Sự kiện") < breadcrumb.index("An ninh - Quốc phòng")
    assert "<h1" in html and "Huyện tổng kết công tác quốc phòng" in html
    assert "13/10/2020 08:30" in html
    assert "Ngày 13/10/2020, huyện tổng kết các đề án quốc phòng." in html
    assert "<p>Đoạn thân bài.</p>" in html
    for caption in ("Chú thích ảnh 1", "Chú thích ảnh 2"):
        assert f"<figcaption>{caption}" in html.replace("\n", "").replace("  ", "")
    assert html.count("<figure") == 2
    assert 'alt="Hội trường đông người' in html
    assert "Đài Kim Bảng" in html
    assert '<html lang="vi">' in html
    assert "Cổng thông tin huyện Thử Nghiệm" in html and "0226 3820 000" in html


def test_photos_follow_their_order_each_caption_after_its_image(client, tree):
    article = ArticleFactory(category=tree[1])
    PhotoFactory(article=article, caption="Ảnh thứ hai", order=2)
    PhotoFactory(article=article, caption="Ảnh thứ nhất", order=1)
    html = client.get(article.get_absolute_url()).content.decode()
    first, second = html.index("Ảnh thứ nhất"), html.index("Ảnh thứ hai")
    assert first < second
    assert html.rindex("<img", 0, first) < first
    assert html.rindex("<img", 0, second) > first


def test_wrong_or_missing_slug_redirects_permanently(client, tree):
    article = make_article(tree[1], title="Lễ hội chùa Bà Đanh")
    canonical = article.get_absolute_url()
    wrong_addresses = [
        f"/tin-tuc/ten-cu-{article.pk}/",
        f"/tin-tuc/-{article.pk}/",
        canonical.replace(article.slug, article.slug.upper()),
        f"/tin-tuc/{quote('lễ-hội-chùa-bà-đanh')}-{article.pk}/",
        canonical.replace(f"-{article.pk}/", f"-000{article.pk}/"),
    ]
    for wrong in wrong_addresses:
        response = client.get(wrong)
        assert response.status_code == 301
        assert response["Location"] == canonical
    assert client.get(canonical).status_code == 200


@pytest.mark.parametrize(
    "state",
    [
        {"status": Status.DRAFT},
        {"status": Status.PUBLISHED, "published_at": "future"},
    ],
)
def test_unpublished_articles_are_404_everywhere(client, tree, state):
    if state.get("published_at") == "future":
        state = {**state, "published_at": timezone.now() + timezone.timedelta(days=1)}
    hidden = make_article(tree[1], title="Bài chưa công bố", photos=0, **state)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Bài chưa công bố" not in client.get("/").content.decode()
    assert "Bài chưa công bố" not in client.get(tree[0].get_absolute_url()).content.decode()
    assert "Bài chưa công bố" not in client.get(tree[1].get_absolute_url()).content.decode()


def test_category_page_lists_its_subtree_newest_first(client, tree):
    news, defence, economy = tree
    now = timezone.now()
    older = make_article(
        news, title="Tin cũ hơn", photos=0, published_at=now - timezone.timedelta(days=2)
    )
    newer = make_article(
        defence, title="Tin mới hơn", photos=0, published_at=now - timezone.timedelta(days=1)
    )
    make_article(economy, title="Tin kinh tế", photos=0)
    response = client.get(news.get_absolute_url())
    assert [a.pk for a in response.context["articles"]] == [newer.pk, older.pk]
    html = response.content.decode()
    assert html.index("Tin mới hơn") < html.index("Tin cũ hơn")
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert "Tin kinh tế" not in main  # (the second column lists the newest of the whole site)
    child = client.get(defence.get_absolute_url())
    assert [a.pk for a in child.context["articles"]] == [newer.pk]
    assert [c.name for c in child.context["trail"]] == ["Tin tức - Sự kiện", "An ninh - Quốc phòng"]


def page_links(html):
    """The page links of a list: {"2": "?page=2&sau=…", …} (the current page has none)."""
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S)
    assert nav, "no page links"
    return {
        number: unescape(href)
        for href, number in re.findall(r'<a href="([^"]+)">(\d+)</a>', nav[0])
    }


def titles(response):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def numbered_news(category, count):
    """Articles "Tin 0" (the newest) to "Tin <count - 1>", a minute apart."""
    now = timezone.now()
    for number in range(count):
        ArticleFactory(
            category=category, title=f"Tin {number}", published_at=now - timedelta(minutes=number)
        )


def test_a_category_page_links_its_subcategories(client, tree):
    news, defence, economy = tree
    agriculture = CategoryFactory(name="Nông nghiệp", parent=economy)
    CategoryFactory(name="Ẩn đi", parent=economy, is_active=False)
    html = client.get(economy.get_absolute_url()).content.decode()
    nav = html.split('<nav class="subcategories"')[1].split("</nav>")[0]
    assert 'aria-label="Các mục của Kinh tế"' in nav
    assert f'<a href="{agriculture.get_absolute_url()}">Nông nghiệp</a>' in nav
    assert "Ẩn đi" not in nav
    assert (
        f'href="{defence.get_absolute_url()}"'
        in client.get(news.get_absolute_url()).content.decode()
    )
    assert 'class="subcategories"' not in client.get(defence.get_absolute_url()).content.decode()


def test_category_pages_have_20_articles_a_page_with_page_links(client, tree):
    numbered_news(tree[1], 45)
    url = tree[1].get_absolute_url()
    first = client.get(url)
    assert titles(first) == [f"Tin {n}" for n in range(20)]
    links = page_links(first.content.decode())
    assert set(links) == {"2", "3"}
    second = client.get(url + links["2"])
    assert titles(second) == [f"Tin {n}" for n in range(20, 40)]
    third = client.get(url + links["3"])
    assert titles(third) == [f"Tin {n}" for n in range(40, 45)]
    # Each page links its neighbours; page 1 is the category's own address.
    assert page_links(third.content.decode()) == {"1": url, "2": links["2"]}
    # A typed page number (an old link, a bookmark) finds the same page.
    assert titles(client.get(url + "?page=3")) == titles(third)


def test_deep_pages_link_their_neighbours_and_the_first_page(client, tree):
    numbered_news(tree[1], 200)
    url = tree[1].get_absolute_url()
    page = client.get(url + "?page=6")
    assert titles(page) == [f"Tin {n}" for n in range(100, 120)]
    links = page_links(page.content.decode())
    assert set(links) == {"1", "4", "5", "7", "8"}
    html = page.content.decode()
    assert html.count('<span class="pagination__gap">…</span>') == 2  # 1 … 4 5 [6] 7 8 …
    for number, href in links.items():
        first = int(number) * 20 - 20
        assert titles(client.get(url + href.removeprefix(url))) == [
            f"Tin {n}" for n in range(first, min(first + 20, 200))
        ]
    last = client.get(url + "?page=10")
    assert titles(last) == [f"Tin {n}" for n in range(180, 200)]
    assert 'rel="next"' not in last.content.decode() and 'rel="prev"' in last.content.decode()


@pytest.mark.parametrize(
    "query",
    ["page=4", "page=0", "page=-1", "page=abc", "page=1.5", "page=" + "9" * 30, "page=%00",
     "page=2&sau=x", "page=2&sau=1_", "page=2&sau=" + "9" * 17 + "_1", "page=2&sau=1_%00",
     "page=9&sau=1_1"],
)  # fmt: skip
def test_bad_page_numbers_are_404_never_500(client, tree, query):
    ArticleFactory.create_batch(45, category=tree[1])
    response = client.get(tree[1].get_absolute_url() + f"?{query}")
    assert response.status_code == (400 if "%00" in query else 404)  # NUL: portal/malformed.py


def test_unknown_or_inactive_category_is_404(client, tree):
    _news, _defence, economy = tree
    economy.is_active = False
    economy.save()
    assert client.get("/chuyen-muc/khong-co/").status_code == 404
    assert client.get("/chuyen-muc/an-ninh-quoc-phong/").status_code == 404  # only under its parent
    assert client.get(economy.get_absolute_url()).status_code == 404
    assert client.get("/tin-tuc/khong-co-999999/").status_code == 404


def test_404_page_is_in_vietnamese_site_layout(client, tree, site_settings):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert site_settings.portal_name in html
    assert '<html lang="vi">' in html


def test_404_page_offers_a_search_for_the_dead_address_and_the_newest_articles(
    client, tree, settings
):
    settings.DEBUG = False  # the handler the public gets
    newest = make_article(tree[1], title="Tin mới nhất", photos=0)
    draft = make_article(tree[1], title="Bài nháp", photos=0, status=Status.DRAFT)
    response = client.get("/tin-tuc/le-hoi-den-lanh-giang-123456/")
    assert response.status_code == 404
    html = response.content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert 'value="le hoi den lanh giang"' in main  # the old link's words, without the id
    assert f'<a class="related__link" href="{newest.get_absolute_url()}">Tin mới nhất</a>' in main
    assert draft.title not in main
    assert ">Tin mới</h2>" in main


def test_home_shows_featured_latest_and_a_block_per_top_level_category(client, tree, monkeypatch):
    monkeypatch.setattr(views, "HOME_LATEST", 1)
    news, defence, economy = tree
    now = timezone.now()

    def published(title, category, hours, **kwargs):
        ago = now - timedelta(hours=hours)
        return make_article(category, title=title, published_at=ago, photos=1, **kwargs)

    featured = published("Tin nổi bật của tuần", defence, 1, is_featured=True)
    published("Giá lúa vụ mùa", economy, 2)
    published("Diễn tập phòng thủ", defence, 3)
    published("Chợ phiên cuối năm", economy, 4)
    response = client.get(reverse("news:home"))
    assert response.status_code == 200
    assert response.context["lead_article"].pk == featured.pk
    assert [a.article.title for a in response.context["latest_articles"]] == ["Giá lúa vụ mùa"]
    # The blocks hold what the page does not show above.
    blocks = dict(response.context["category_blocks"])
    assert [a.article.title for a in blocks[news]] == ["Diễn tập phòng thủ"]
    assert [a.article.title for a in blocks[economy]] == ["Chợ phiên cuối năm"]
    html = response.content.decode()
    for name in ("Tin tức - Sự kiện", "Kinh tế"):
        assert name in html  # menu and blocks
    # The menu lists the sections, each with its subcategories (tests/test_menu.py).
    menu = html.split("<main")[0]
    assert (
        menu.index("Tin tức - Sự kiện") < menu.index("An ninh - Quốc phòng") < menu.index("Kinh tế")
    )


def test_home_block_keeps_only_the_newest_of_each_category(client, tree, monkeypatch):
    monkeypatch.setattr(views, "HOME_LATEST", 2)
    news, defence, _ = tree
    now = timezone.now()
    for day in range(8):
        make_article(
            defence,
            title=f"Tin ngày {day}",
            photos=0,
            published_at=now - timezone.timedelta(days=day),
        )
    blocks = dict(client.get("/").context["category_blocks"])
    # Days 0 and 1 are the top story and the latest; the block has the next four.
    assert [a.article.title for a in blocks[news]] == [f"Tin ngày {d}" for d in range(2, 6)]


def test_the_home_page_never_shows_an_article_twice(client, tree):
    news, defence, economy = tree
    now = timezone.now()
    for n in range(24):
        make_article(
            [news, defence, economy][n % 3],
            title=f"Tin số {n}",
            photos=n % 2,
            is_featured=n in (3, 7),
            published_at=now - timedelta(hours=n),
        )

    html = client.get("/").content.decode()

    main = html.split('<main id="main"')[1].split("</main>")[0]
    main = re.sub(r'<section class="most-read".*?</section>', "", main, flags=re.S)  # a ranking
    cards = re.findall(r'class="card__title"><a href="([^"]+)"', main)
    assert len(cards) == len(set(cards)) == 2 + 10 + 4 * 2  # top two, latest, two full blocks


def _deep_category(depth):
    category = None
    for level in range(depth):
        category = CategoryFactory(name=f"Cấp {level}", parent=category)
    return category


@pytest.mark.parametrize("size", [6, 40])
def test_public_pages_run_a_constant_number_of_queries(
    client, django_assert_num_queries, settings, size
):
    """Same query count whatever the number of articles, photos and the category depth."""
    leaf = _deep_category(2 if size == 6 else 6)
    for extra_root in range(size // 10):
        CategoryFactory(name=f"Gốc {extra_root}")
    articles = [
        make_article(leaf, photos=1 if size == 1 else 4, is_featured=True) for _ in range(size)
    ]
    root = leaf.trail().first()
    SiteSettings.load()
    settings.PAGE_CACHE_SECONDS = 0  # each page rendered: its own queries are counted
    # First with empty caches. Every page: the category tree (menu, trails, subtrees), the
    # site settings and the menu and footer links, kept in the cache for the pages after (the
    # content version that keys them is a file, news/content_version.py).
    # Home: featured, latest, the blocks' newest of each category; the cards' articles with
    # their category and lead photo; most read (joined with view counts); the newest broadcast.
    with django_assert_num_queries(3 + 7):
        assert client.get("/").status_code == 200
    # Category: its articles, read category by category from the index; the cards (cached
    # by the home page, but not the "row" cards of a category list: articles, photos); the
    # second column's newest and most read, kept for the pages after.
    with django_assert_num_queries(5):
        assert client.get(root.get_absolute_url()).status_code == 200
    # Article (+ category, author, view count), photos, related (the category's newest).
    with django_assert_num_queries(3):
        assert client.get(articles[-1].get_absolute_url()).status_code == 200
    # Again, with the fragments cached: the list queries and the article only.
    with django_assert_num_queries(3):
        client.get("/")
    with django_assert_num_queries(1):
        client.get(root.get_absolute_url())
    with django_assert_num_queries(2):
        client.get(articles[-1].get_absolute_url())


def test_a_cached_page_costs_no_query(client, tree, django_assert_num_queries):
    article = make_article(tree[1])
    SiteSettings.load()
    for url in ("/", tree[0].get_absolute_url(), article.get_absolute_url()):
        first = client.get(url)
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.content == first.content


def test_hiding_a_category_hides_its_subcategories_and_all_their_articles(client, tree):
    news, defence, economy = tree
    hidden = make_article(defence, title="Tin trong mục bị ẩn", photos=0)
    shown = make_article(economy, title="Tin kinh tế vẫn hiện", photos=0)
    news.is_active = False
    news.save()
    assert client.get(defence.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_absolute_url()).status_code == 404
    home = client.get("/").content.decode()
    assert "Tin trong mục bị ẩn" not in home and "Tin kinh tế vẫn hiện" in home
    assert client.get(shown.get_absolute_url()).status_code == 200
    search = client.get(reverse("news:search"), {"q": "tin"}).content.decode()
    assert "Tin trong mục bị ẩn" not in search
    assert "Tin trong mục bị ẩn" not in client.get("/rss/").content.decode()


def test_a_typed_slug_is_normalised_and_pages_keep_working(client):
    article = ArticleFactory(slug="Tin_Moi Đây")
    assert article.slug == "tin-moi-day"
    category = CategoryFactory(name="Xã hội", slug="Xa_Hoi")
    assert category.path == "xa-hoi"
    assert client.get("/").status_code == 200
    assert client.get("/rss/").status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/chuyen-muc/%00/", "/chuyen-muc/%00/rss/", "/xem-truoc/chia-se/%00/", "/chuyen-muc/A_B/"],
)
def test_hostile_paths_are_404(client, url):
    assert client.get(url).status_code == 404


def test_pages_are_headed_with_todays_date_and_not_kept_past_midnight(
    client, tree, settings, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 600
    make_article(tree[1], photos=0)
    monday_night = timezone.make_aware(timezone.datetime(2026, 11, 30, 23, 59))
    monkeypatch.setattr(timezone, "now", lambda: monday_night)
    for url in ("/", tree[0].get_absolute_url()):
        html = client.get(url).content.decode()
        assert '<time datetime="2026-11-30">Thứ Hai, ngày 30/11/2026</time>' in html
    monkeypatch.setattr(timezone, "now", lambda: monday_night + timedelta(minutes=2))
    html = client.get("/").content.decode()  # from the page cache, were it kept by the hour
    assert '<time datetime="2026-12-01">Thứ Ba, ngày 01/12/2026</time>' in html
