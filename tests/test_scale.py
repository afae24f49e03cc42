"""Pages that cost the same whatever the size of the archive, on a generated archive
(demo/archive.py, the same generator `make bench` fills 100,000 articles with).

Query counts are compared between a small and a ten times larger archive, with empty caches
and again with the fragments cached; `make bench` compares 1,000 with 100,000 articles and
shows each query's plan.
"""

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo import archive
from news import listing, paging, search, sitemaps
from news.models import Article, Category, SiteSettings, Status
from news.navigation import CategoryTree
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_made_once")]


@pytest.fixture
def generated(settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 0  # each page rendered: its own queries are counted
    # Search works in two steps whose use depends on how often a word occurs, not on the
    # archive's size: scaled down with the archive, a common word is common in both sizes.
    monkeypatch.setattr(search, "LIMIT", 20)
    monkeypatch.setattr(search, "RECENT", 50)
    monkeypatch.setattr(search, "WIDE", 100)
    SiteSettings.load()
    archive.generate(120, pool_size=2)


def largest_root():
    tree = CategoryTree.load()
    return max(tree.roots(), key=lambda root: len(tree.subtree_ids(root)))


def page_urls(client):
    """The public pages, found as a reader finds them (links, the sitemap index)."""
    root = largest_root()
    first = client.get(root.get_absolute_url()).content.decode()
    second = unescape(re.search(r'<a href="(\?page=2&amp;sau=[^"]+)">2</a>', first)[1])
    middle = Article.objects.published().order_by("-published_at")[50]
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sitemap = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    sections = [loc.text.removeprefix("http://testserver") for loc in index.iter(f"{sitemap}loc")]
    return {
        "home": "/",
        "category": root.get_absolute_url(),
        "category page 2 (link)": root.get_absolute_url() + second,
        "category page 3 (typed)": root.get_absolute_url() + "?page=3",
        "article": middle.get_absolute_url(),
        "search": "/tim-kiem/?q=quoc+phong",
        "search, rarer": "/tim-kiem/?q=thi+son",  # a commune: a tenth of the articles
        "search, typo": "/tim-kiem/?q=quoc+phog",
        "rss": "/rss/",
        "category rss": root.get_absolute_url() + "rss/",
        "sitemap index": "/sitemap.xml",
        **{f"sitemap {url}": url for url in sections[:2]},  # categories, news
        "sitemap, a section": f"/sitemap-articles-{middle.pk // sitemaps.SECTION_SIZE}.xml",
    }


def query_counts(client):
    counts = {}
    for name, url in page_urls(client).items():
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        counts[name] = (statements(cold), statements(warm))
    return counts


def statements(captured):
    """Queries, not transaction control (SAVEPOINT, SET LOCAL: the test's transaction)."""
    return sum(q["sql"].split()[0] in ("SELECT", "INSERT", "UPDATE", "DELETE") for q in captured)


def test_every_public_page_runs_the_same_queries_on_a_ten_times_larger_archive(client, generated):
    small = query_counts(client)
    archive.add_articles(1080, seed=7, pool_size=2)
    assert Article.objects.count() == 1200
    large = query_counts(client)
    assert large == small
    # With empty caches a misspelt search runs the most: the shared pieces (tree, settings,
    # menu links, boundary, the pages' words, the newest broadcast), the search, the correction,
    # the search again, the snippets, the broadcasts.
    assert all(warm <= cold <= 14 for cold, warm in small.values()), str(small)


def test_category_lists_match_published_and_pages_cover_each_list_once(client, generated):
    tree = CategoryTree.load()
    for category in tree.categories:
        ids = tree.subtree_ids(category)
        expected = list(
            Article.objects.published()
            .filter(category__in=ids)
            .order_by("-published_at", "-pk")
            .values_list("pk", flat=True)
        )
        assert [row.id for row in listing.newest(ids, len(expected) + 5)] == expected
        # Page after page through the links, as a reader goes: each article once, in order.
        seen, params = [], {}
        while True:
            page = paging.page_of(ids, params)
            seen += [row.id for row in page.items]
            if page.next is None:
                break
            params = dict(part.split("=") for part in page.next.query.split("&"))
        assert seen == expected, category.path
        # A typed page number (no cursor) skips the rows before it: the same pages.
        for number in range(2, -(-len(expected) // paging.PER_PAGE) + 1):
            page = paging.page_of(ids, {"page": str(number)})
            first = (number - 1) * paging.PER_PAGE
            assert [row.id for row in page.items] == expected[first : first + paging.PER_PAGE]


def test_hidden_categories_keep_their_articles_out_of_every_list(client, generated):
    hidden = Category.objects.get(is_active=False)
    hidden_ids = set(
        Article.objects.filter(category__path__startswith=hidden.path).values_list("pk", flat=True)
    )
    assert hidden_ids  # the generator put some there
    visible = Article.objects.published().values_list("pk", flat=True)
    assert not hidden_ids & set(visible)
    tree = CategoryTree.load()
    shown = {row.id for row in listing.newest([c.pk for c in tree.categories], 10_000)}
    assert not hidden_ids & shown
    assert Article.objects.filter(status=Status.DRAFT).exists()  # drafts too, all unlisted


# A search column read as a value (not inside ts_rank or a WHERE): a select-list item of its own.
SEARCH_COLUMN_READ = re.compile(
    r'(?:SELECT|,)\s*"news_article"\."(?:search_vector|search_pairs)"\s*(?:,|FROM\b)'
)


def test_no_public_page_reads_the_search_columns_into_python(client, generated):
    """They hold several kilobytes an article that only PostgreSQL uses (Article.for_pages)."""
    for name, url in page_urls(client).items():
        caches["pages"].clear()
        caches["default"].clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        read = [q["sql"][:200] for q in captured if SEARCH_COLUMN_READ.search(q["sql"])]
        assert not read, (name, read)


@pytest.mark.django_db
def test_remembered_addresses_follow_the_script_prefix_and_the_slug():
    """Addresses are remembered per script prefix (a site served under /tin/ links there) and
    per slug (a renamed article links to its new address)."""
    from django.urls import reverse, set_script_prefix

    category = CategoryFactory(slug="y-te")
    article = ArticleFactory(title="Tiêm chủng mở rộng", category=category)
    expected = reverse("news:article", kwargs={"slug": article.slug, "pk": article.pk})
    assert article.get_absolute_url() == expected
    try:
        set_script_prefix("/tin/")
        assert article.get_absolute_url() == "/tin" + expected
        assert category.get_absolute_url().startswith("/tin/")
    finally:
        set_script_prefix("/")
    article.slug = "tiem-chung"
    assert article.get_absolute_url() == expected.replace("tiem-chung-mo-rong", "tiem-chung")
