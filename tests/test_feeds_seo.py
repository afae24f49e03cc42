"""Feeds, sitemaps, robots.txt and the tags in page heads, as feed readers and crawlers get them."""

import json
import os
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news import sitemaps
from news.models import Article, Photo, SiteSettings, Status
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    PhotoFactory,
    UserFactory,
    image_bytes,
)

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
DC = "{http://purl.org/dc/elements/1.1/}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def ago(**delta):
    return timezone.now() - timezone.timedelta(**delta)


def later(**delta):
    return timezone.now() + timezone.timedelta(**delta)


@pytest.fixture
def site_settings():
    site = SiteSettings.load()
    site.portal_name = "Cổng thông tin huyện Thử Nghiệm"
    site.tagline = "Tin tức, sự kiện của huyện Thử Nghiệm"
    site.logo.save("logo.png", ContentFile(image_bytes(120, 60, fmt="PNG")), save=False)
    site.save()
    return site


@pytest.fixture
def tree():
    news = CategoryFactory(name="Tin tức - Sự kiện", slug="tin-tuc", order=1)
    defence = CategoryFactory(name="An ninh - Quốc phòng", slug="quoc-phong", parent=news)
    economy = CategoryFactory(name="Kinh tế", slug="kinh-te", order=2)
    return news, defence, economy


def with_share_rendition(photo):
    """Give the photo a 1200×630 share copy, as news/renditions.py makes at upload."""
    name = default_storage.save("photos/test-og.jpg", ContentFile(image_bytes(1200, 630)))
    Photo.objects.filter(pk=photo.pk).update(renditions={**photo.renditions, "og": name})
    photo.refresh_from_db()
    return name


def without_renditions(photo):
    Photo.objects.filter(pk=photo.pk).update(renditions={})
    photo.refresh_from_db()


def stored_size(name):
    return os.path.getsize(default_storage.path(name))


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    return channel, channel.findall("item")


# Feeds


def test_site_feed_is_rss_2_with_full_items_newest_first(client, site_settings, tree):
    _news, defence, economy = tree
    ArticleFactory(category=economy, title="Tin cũ hơn", published_at=ago(days=2))
    newer = ArticleFactory(
        category=defence,
        title="Tin mới & <quan trọng>",
        lead="Lời dẫn của tin mới.",
        source="Đài Thử Nghiệm",
        published_at=ago(hours=1),
    )
    photo = PhotoFactory(article=newer, order=0)
    og_name = with_share_rendition(photo)

    channel, items = rss_items(client.get("/rss/"))

    assert channel.findtext("title") == "Cổng thông tin huyện Thử Nghiệm"
    assert channel.findtext("description") == "Tin tức, sự kiện của huyện Thử Nghiệm"
    assert channel.findtext("link") == f"{HOST}/"
    assert channel.findtext("language") == "vi"
    # Readers treat item titles as HTML, so plain text is escaped once more (as Django's own
    # Feed.item_title does): a reader shows "Tin mới & <quan trọng>" literally.
    titles = [item.findtext("title") for item in items]
    assert titles == ["Tin mới &amp; &lt;quan trọng&gt;", "Tin cũ hơn"]
    first = items[0]
    url = f"{HOST}{newer.get_absolute_url()}"
    assert first.findtext("link") == url
    assert first.findtext("guid") == url
    assert first.findtext("description") == "Lời dẫn của tin mới."
    assert first.findtext(f"{DC}creator") == "Đài Thử Nghiệm"
    assert first.findtext("category") == "An ninh - Quốc phòng"
    assert parsedate_to_datetime(first.findtext("pubDate")) == newer.published_at.replace(
        microsecond=0
    )
    enclosure = first.find("enclosure")
    assert enclosure.get("url") == f"{HOST}{default_storage.url(og_name)}"
    assert enclosure.get("length") == str(stored_size(og_name))
    assert enclosure.get("type") == "image/jpeg"
    assert items[1].find("enclosure") is None


def test_channel_titles_descriptions_and_categories_are_escaped_like_item_titles(client):
    site = SiteSettings.load()
    site.portal_name, site.tagline = "Đài A & B", "Tin <nóng> & mới"
    site.save()
    category = CategoryFactory(name="Tin & Sự kiện <mới>", description="Mục <a> & <b>")
    ArticleFactory(category=category)
    channel, items = rss_items(client.get("/rss/"))
    assert channel.findtext("title") == "Đài A &amp; B"
    assert channel.findtext("description") == "Tin &lt;nóng&gt; &amp; mới"
    assert items[0].findtext("category") == "Tin &amp; Sự kiện &lt;mới&gt;"
    channel, _ = rss_items(client.get(category.get_absolute_url() + "rss/"))
    assert channel.findtext("title") == "Tin &amp; Sự kiện &lt;mới&gt; — Đài A &amp; B"
    assert channel.findtext("description") == "Mục &lt;a&gt; &amp; &lt;b&gt;"


def test_enclosure_falls_back_to_the_original_without_a_share_copy(client, tree):
    article = ArticleFactory(category=tree[2])
    photo = PhotoFactory(article=article, order=0)
    without_renditions(photo)
    _channel, items = rss_items(client.get("/rss/"))
    enclosure = items[0].find("enclosure")
    assert enclosure.get("url") == f"{HOST}{photo.image.url}"
    assert int(enclosure.get("length")) == stored_size(photo.image.name) > 0


def test_feeds_hold_only_published_articles(client, tree):
    category = tree[2]
    ArticleFactory(category=category, title="Đã đăng", published_at=ago(minutes=5))
    ArticleFactory(category=category, title="Hẹn giờ", published_at=later(hours=2))
    ArticleFactory(category=category, title="Bản nháp", status=Status.DRAFT, published_at=None)
    ArticleFactory(category=category, title="Chờ duyệt", status=Status.PENDING_APPROVAL)
    ArticleFactory(category=category, title="Đã gỡ", status=Status.UNPUBLISHED)
    for url in ("/rss/", f"{category.get_absolute_url()}rss/"):
        _channel, items = rss_items(client.get(url))
        assert [item.findtext("title") for item in items] == ["Đã đăng"]


def test_category_feed_holds_its_subtree_only(client, site_settings, tree):
    news, defence, economy = tree
    ArticleFactory(category=news, title="Tin chung", published_at=ago(hours=3))
    ArticleFactory(category=defence, title="Tin quốc phòng", published_at=ago(hours=2))
    ArticleFactory(category=economy, title="Tin kinh tế", published_at=ago(hours=1))

    channel, items = rss_items(client.get("/chuyen-muc/tin-tuc/rss/"))
    assert [item.findtext("title") for item in items] == ["Tin quốc phòng", "Tin chung"]
    assert channel.findtext("title") == "Tin tức - Sự kiện — Cổng thông tin huyện Thử Nghiệm"
    assert channel.findtext("link") == f"{HOST}/chuyen-muc/tin-tuc/"

    _channel, items = rss_items(client.get("/chuyen-muc/tin-tuc/quoc-phong/rss/"))
    assert [item.findtext("title") for item in items] == ["Tin quốc phòng"]


def test_feed_of_an_unknown_or_hidden_category_is_not_found(client, tree):
    hidden = CategoryFactory(name="Ẩn", slug="an", is_active=False)
    assert client.get("/chuyen-muc/khong-co/rss/").status_code == 404
    assert client.get(f"{hidden.get_absolute_url()}rss/").status_code == 404


def test_a_category_named_rss_keeps_its_page(client, tree):
    news = tree[0]
    child = CategoryFactory(name="Bản tin RSS", slug="rss", parent=news)
    ArticleFactory(category=child, title="Tin trong mục rss")
    top = CategoryFactory(name="Mục rss gốc", slug="rss")

    page = client.get("/chuyen-muc/tin-tuc/rss/")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert '<h1 class="page-title">Bản tin RSS</h1>' in page.content.decode()

    page = client.get("/chuyen-muc/rss/")
    assert page.status_code == 200 and "Mục rss gốc" in page.content.decode()
    channel, _items = rss_items(client.get("/chuyen-muc/rss/rss/"))
    assert channel.findtext("link") == f"{HOST}{top.get_absolute_url()}"


def make_articles(category, count):
    for index in range(count):
        article = ArticleFactory(category=category, published_at=ago(hours=index + 1))
        PhotoFactory(article=article, order=0)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def section_of(article):
    """The sitemap section that lists `article`."""
    return f"/sitemap-articles-{article.pk // sitemaps.SECTION_SIZE}.xml"


@pytest.mark.parametrize(
    "url", ["/rss/", "/chuyen-muc/tin-tuc/rss/", "/sitemap.xml", "the newest article's section"]
)
def test_feeds_and_sitemaps_run_the_same_queries_for_few_or_many_articles(
    client, tree, url, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    SiteSettings.load()
    make_articles(tree[1], 2)
    if url == "the newest article's section":
        url = section_of(Article.objects.latest("pk"))
    few = queries_for(client, url)
    make_articles(tree[1], 12)
    with django_assert_num_queries(few):
        client.get(url)
    assert few <= 6


@pytest.mark.parametrize("url", ["/sitemap-categories.xml", "/sitemap-news.xml"])
def test_other_sitemaps_run_the_same_queries_for_few_or_many_items(
    client, tree, url, django_assert_num_queries
):
    SiteSettings.load()
    make_articles(tree[1], 2)
    few = queries_for(client, url)
    make_articles(tree[1], 12)
    for index in range(5):
        CategoryFactory(name=f"Mục {index}", parent=tree[2])
    with django_assert_num_queries(few):
        client.get(url)


# Sitemaps and robots.txt


def sitemap_locations(response):
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    return {url.findtext(f"{SITEMAP}loc"): url for url in root.findall(f"{SITEMAP}url")}


def test_sitemap_index_points_to_every_section(client, tree, monkeypatch):
    monkeypatch.setattr(sitemaps, "SECTION_SIZE", 2)
    old = ArticleFactory(category=tree[1], published_at=ago(days=62))
    middle = [ArticleFactory(category=tree[1], published_at=ago(days=30)) for _ in range(3)]
    recent = ArticleFactory(category=tree[1], published_at=ago(hours=1))
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    locations = [entry.findtext(f"{SITEMAP}loc") for entry in root]
    sections = range(recent.pk // 2, -1, -1)  # newest first, down to the first ids'
    assert len(sections) >= 3
    assert locations == [
        f"{HOST}/sitemap-categories.xml",
        f"{HOST}/sitemap-news.xml",
        *(f"{HOST}/sitemap-articles-{section}.xml" for section in sections),
    ]
    listed = {}
    for location in locations:
        response = client.get(location.removeprefix(HOST))
        assert response.status_code == 200
        if "sitemap-articles" in location:
            found = sitemap_locations(response)
            assert len(found) <= 2
            listed.update(found)
    # Every article in exactly one section, the one its id gives.
    assert set(listed) == {f"{HOST}{a.get_absolute_url()}" for a in [old, *middle, recent]}
    assert f"{HOST}{recent.get_absolute_url()}" in sitemap_locations(
        client.get(f"/sitemap-articles-{recent.pk // 2}.xml")
    )


def test_an_emptied_section_stays_listed_and_sections_past_the_newest_are_404(
    client, tree, monkeypatch
):
    monkeypatch.setattr(sitemaps, "SECTION_SIZE", 2)
    first, second, third = (ArticleFactory(category=tree[1]) for _ in range(3))
    emptied = f"/sitemap-articles-{first.pk // 2}.xml"
    for article in Article.objects.filter(pk__in=[first.pk, second.pk]):
        article.status = Status.UNPUBLISHED
        article.save()
    assert sitemap_locations(client.get(emptied)) == {}
    assert client.get(f"/sitemap-articles-{third.pk // 2 + 1}.xml").status_code == 404
    assert client.get(f"/sitemap-articles-{10**11}.xml").status_code == 404
    assert client.get(f"/sitemap-articles-{'9' * 13}.xml").status_code == 404


def test_sitemaps_list_published_articles_and_active_categories_only(client, tree):
    defence = tree[1]
    published = ArticleFactory(category=defence, published_at=ago(days=30))
    hidden = [
        ArticleFactory(category=defence, published_at=later(minutes=30)),
        ArticleFactory(category=defence, status=Status.DRAFT, published_at=None),
        ArticleFactory(category=defence, status=Status.UNPUBLISHED),
    ]
    CategoryFactory(name="Ẩn", slug="an", is_active=False)

    articles = sitemap_locations(client.get(section_of(published)))
    assert set(articles) == {f"{HOST}{published.get_absolute_url()}"}
    lastmod = articles[f"{HOST}{published.get_absolute_url()}"].findtext(f"{SITEMAP}lastmod")
    assert lastmod.startswith(timezone.localdate(published.updated_at).isoformat())
    assert all(f"-{article.pk}/" not in "".join(articles) for article in hidden)

    categories = sitemap_locations(client.get("/sitemap-categories.xml"))
    assert set(categories) == {
        f"{HOST}/chuyen-muc/tin-tuc/",
        f"{HOST}/chuyen-muc/tin-tuc/quoc-phong/",
        f"{HOST}/chuyen-muc/kinh-te/",
    }
    # A category changed when an article appeared in it or below it; Kinh tế has none.
    assert categories[f"{HOST}/chuyen-muc/tin-tuc/"].findtext(f"{SITEMAP}lastmod")
    assert categories[f"{HOST}/chuyen-muc/kinh-te/"].find(f"{SITEMAP}lastmod") is None


def test_news_sitemap_holds_the_last_48_hours(client, site_settings, tree):
    fresh = ArticleFactory(category=tree[1], title="Tin <mới> & nóng", published_at=ago(hours=3))
    ArticleFactory(category=tree[1], title="Tin hôm kia", published_at=ago(hours=49))
    ArticleFactory(category=tree[1], title="Tin hẹn giờ", published_at=later(hours=1))
    ArticleFactory(category=tree[1], title="Bản nháp", status=Status.DRAFT, published_at=None)

    response = client.get("/sitemap-news.xml")
    assert response["Content-Type"].startswith("application/xml")
    urls = sitemap_locations(response)
    assert set(urls) == {f"{HOST}{fresh.get_absolute_url()}"}
    news = next(iter(urls.values())).find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Cổng thông tin huyện Thử Nghiệm"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "vi"
    assert news.findtext(f"{NEWS}title") == "Tin <mới> & nóng"
    published = timezone.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == fresh.published_at


def test_robots_txt_keeps_crawlers_out_of_private_pages_and_names_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    assert f"Disallow: {reverse('admin:index')}" in lines
    assert "Disallow: /xem-truoc/" in lines
    assert "Disallow: /tim-kiem/" in lines
    assert f"Sitemap: {HOST}/sitemap.xml" in lines
    assert f"Sitemap: {HOST}/sitemap-news.xml" in lines
    # No Disallow line that would hide the whole site.
    assert "Disallow: /" not in lines and "Disallow:" not in lines


# Page heads


class HeadTags(HTMLParser):
    """The <head> as crawlers read it: meta values, links by rel, JSON-LD blocks."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.json_ld, self.scripts = {}, {}, [], 0
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta[attrs.get("property") or attrs.get("name")] = attrs["content"]
        elif tag == "link":
            self.links.setdefault(attrs["rel"], []).append(attrs)
        elif tag == "script":
            self.scripts += 1
            self._in_json_ld = attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return HeadTags(html[: html.index("</head>")])


def feed_links(head):
    return [
        link["href"]
        for link in head.links.get("alternate", [])
        if link["type"] == "application/rss+xml"
    ]


def test_article_head_has_canonical_description_open_graph_and_twitter(client, site_settings, tree):
    lead = 'Huyện "Thử Nghiệm" <b>tổng kết</b> công tác quốc phòng năm 2020. ' * 5
    article = ArticleFactory(
        category=tree[1], title="Tổng kết quốc phòng", lead=lead, published_at=ago(hours=2)
    )
    photo = PhotoFactory(article=article, order=0, alt_text="Đại biểu dự hội nghị")
    og_name = with_share_rendition(photo)
    url = f"{HOST}{article.get_absolute_url()}"

    head = head_of(client, article.get_absolute_url() + "?utm_source=zalo")

    assert head.links["canonical"] == [{"rel": "canonical", "href": url}]
    description = head.meta["description"]
    assert len(description) <= 160 and description.startswith('Huyện "Thử Nghiệm" <b>tổng')
    assert description.endswith("…")
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == "Tổng kết quốc phòng"
    assert head.meta["og:description"] == description
    assert head.meta["og:url"] == url
    assert head.meta["og:site_name"] == "Cổng thông tin huyện Thử Nghiệm"
    assert head.meta["og:locale"] == "vi_VN"
    assert head.meta["og:image"] == f"{HOST}{default_storage.url(og_name)}"
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1200", "630")
    assert head.meta["og:image:alt"] == "Đại biểu dự hội nghị"
    published = timezone.datetime.fromisoformat(head.meta["article:published_time"])
    assert published == article.published_at
    assert timezone.datetime.fromisoformat(head.meta["article:modified_time"]) >= published
    assert head.meta["article:section"] == "An ninh - Quốc phòng"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["twitter:title"] == "Tổng kết quốc phòng"
    assert head.meta["twitter:description"] == description
    assert head.meta["twitter:image"] == head.meta["og:image"]
    assert feed_links(head) == ["/rss/"]


def test_article_without_share_copy_shares_the_original(client, tree):
    article = ArticleFactory(category=tree[1])
    photo = PhotoFactory(article=article, order=0)
    without_renditions(photo)
    head = head_of(client, article.get_absolute_url())
    assert head.meta["og:image"] == f"{HOST}{photo.image.url}"
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == (
        str(photo.width),
        str(photo.height),
    )


def test_pages_without_a_photo_are_shared_with_the_site_image_the_logo_or_a_plain_one(client, tree):
    article = ArticleFactory(category=tree[1])
    pages = ["/", tree[0].get_absolute_url(), article.get_absolute_url(), "/tim-kiem/?q=a"]

    def shared_images():
        return [head_of(client, url).meta.get("og:image") for url in pages]

    # Nothing uploaded: the plain picture every installation has, with its size.
    assert shared_images() == [f"{HOST}/static/img/share.png"] * 4
    head = head_of(client, article.get_absolute_url())
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1200", "630")
    assert head.meta["twitter:card"] == "summary"
    assert "image" not in head.json_ld[0]  # the article itself has none
    site = SiteSettings.load()
    site.logo.save("logo.png", ContentFile(image_bytes(120, 60, fmt="PNG")), save=False)
    site.save()
    assert shared_images() == [f"{HOST}{site.logo.url}"] * 4
    site.share_image.save("chia-se.jpg", ContentFile(image_bytes(1200, 630)), save=False)
    site.save()
    assert shared_images() == [f"{HOST}{site.share_image.url}"] * 4
    assert "og:image:width" not in head_of(client, "/").meta  # not read from the file


def test_article_json_ld_describes_a_news_article(client, site_settings, tree):
    article = ArticleFactory(
        category=tree[1],
        title="Hội nghị quốc phòng",
        lead="Lời dẫn của bài.",
        source="Đài Thử Nghiệm",
        published_at=ago(hours=5),
    )
    first = PhotoFactory(article=article, order=0)
    og_name = with_share_rendition(first)
    second = PhotoFactory(article=article, order=1)
    without_renditions(second)
    url = f"{HOST}{article.get_absolute_url()}"

    head = head_of(client, article.get_absolute_url())

    assert len(head.json_ld) == 1
    data = head.json_ld[0]
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Hội nghị quốc phòng"
    assert data["description"] == "Lời dẫn của bài."
    published = timezone.datetime.fromisoformat(data["datePublished"])
    assert published == article.published_at
    assert timezone.datetime.fromisoformat(data["dateModified"]) >= published
    assert data["author"] == {"@type": "Organization", "name": "Đài Thử Nghiệm"}
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Cổng thông tin huyện Thử Nghiệm",
        "logo": {"@type": "ImageObject", "url": f"{HOST}{site_settings.logo.url}"},
    }
    assert data["image"] == [f"{HOST}{default_storage.url(og_name)}", f"{HOST}{second.image.url}"]
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["articleSection"] == "An ninh - Quốc phòng"
    assert data["inLanguage"] == "vi"


def test_json_ld_author_is_the_writer_when_there_is_no_source(client, tree):
    writer = UserFactory(first_name="Lan", last_name="Nguyễn Thị")
    article = ArticleFactory(category=tree[1], source="", author=writer)
    data = head_of(client, article.get_absolute_url()).json_ld[0]
    assert data["author"] == {"@type": "Person", "name": writer.get_full_name()}


def test_a_title_cannot_break_out_of_the_json_ld_script(client, tree):
    title = 'Tin </script><script>alert("x")</script> & <!-- mở'
    article = ArticleFactory(category=tree[1], title=title)
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    head = HeadTags(html[: html.index("</head>")])
    assert head.json_ld[0]["headline"] == title
    # The only scripts in the head are the JSON-LD block itself: nothing was injected.
    assert head.scripts == 1
    assert "<script>alert" not in html
    assert head.meta["og:title"] == title


def test_preview_of_a_draft_renders_its_head_without_a_publication_time(admin_client, tree):
    draft = ArticleFactory(category=tree[1], status=Status.DRAFT, published_at=None)
    response = admin_client.get(reverse("news:preview", kwargs={"pk": draft.pk}))
    assert response.status_code == 200
    head = HeadTags(response.content.decode())
    assert "datePublished" not in head.json_ld[0]
    assert head.meta["robots"] == "noindex, nofollow"


def test_category_head_has_canonical_description_and_both_feeds(client, site_settings, tree):
    news = tree[0]
    news.description = "Tin tức và sự kiện nổi bật trong huyện."
    news.save()
    for index in range(25):
        ArticleFactory(category=news, published_at=ago(hours=index + 1))

    head = head_of(client, "/chuyen-muc/tin-tuc/")
    assert head.links["canonical"][0]["href"] == f"{HOST}/chuyen-muc/tin-tuc/"
    assert head.meta["description"] == "Tin tức và sự kiện nổi bật trong huyện."
    assert head.meta["og:url"] == f"{HOST}/chuyen-muc/tin-tuc/"
    assert feed_links(head) == ["/rss/", "/chuyen-muc/tin-tuc/rss/"]

    second_page = head_of(client, "/chuyen-muc/tin-tuc/?page=2")
    assert second_page.links["canonical"][0]["href"] == f"{HOST}/chuyen-muc/tin-tuc/?page=2"


def test_home_head_has_canonical_description_and_site_feed(client, site_settings, tree):
    ArticleFactory(category=tree[1])
    head = head_of(client, "/?utm_source=facebook")
    assert head.links["canonical"][0]["href"] == f"{HOST}/"
    assert head.meta["description"] == "Tin tức, sự kiện của huyện Thử Nghiệm"
    assert head.meta["og:image"] == f"{HOST}{site_settings.logo.url}"
    assert feed_links(head) == ["/rss/"]


def test_search_results_name_no_canonical(client):
    head = head_of(client, "/tim-kiem/?q=quoc+phong")
    assert "canonical" not in head.links


def test_feed_titles_are_text(client):
    ArticleFactory(title="Giá <b>lúa</b> tăng")
    xml = client.get("/rss/").content.decode()
    assert "<title>Giá &amp;lt;b&amp;gt;lúa" in xml
