"""The pages `make bench` measures, found in the bench database (run in a subprocess with its
settings: `python -m bench.pages OUTPUT.json`).

What the archive decides comes from the database: the largest category, its last page, the
middle article; the sitemap section from the sitemap index itself (sections change). Only the
addresses readers type are written here: `?page=N` of a category, `/tim-kiem/?q=`.
"""

import json
import math
import sys
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

# A deep page of a category: page 500, or the last page of a smaller archive. Measured as a
# reader reaches it (the link from the page before, with its cursor) and typed (?page=500).
DEEP_PAGE = 500
SITEMAP_XML = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SEARCHES = {
    "search common": "huyện",
    "search rare": "giếng cổ làng Mã Não",
    "search typo": "quoc phog",
}
# Search latency: common words, topic phrases with and without accents, rare phrases (RARE_PHRASES
# of demo/archive.py: a handful of articles in 100,000) and misspellings.
LATENCY_QUERIES = [
    "huyện", "xã", "quốc phòng toàn dân", "quoc phong toan dan", "nông thôn mới",
    "nong thon moi", "chuyển đổi số", "chuyen doi so", "khuyến học", "khuyen hoc",
    "Tượng Lĩnh", "tuong linh", "cầu phao Quang Thừa", "giếng cổ làng Mã Não",
    '"trống đồng Ngọc Lũ"', "den lanh giang", "quoc phog", "nong thon moj", "tiem chug",
    "khuyen hok",
]  # fmt: skip


def search_path(text):
    return f"/tim-kiem/?q={quote(text)}"


def discover():
    """{row name: path} of the public pages; the ceiling page; the middle article's beacon."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from news import listing, paging, view_counts
    from news.models import Article, Category
    from news.navigation import CategoryTree

    from .load import headers

    # The largest top-level category, by its public articles (its page lists its subtree).
    roots = Category.objects.active().filter(parent=None)
    sizes = {
        root: Article.objects.published().filter(category__in=root.subtree()).count()
        for root in roots
    }
    category = max(sizes, key=sizes.get)
    deep = min(DEEP_PAGE, math.ceil(sizes[category] / paging.PER_PAGE))
    if deep < 2:
        raise RuntimeError(f"{category.path} has a single page: the archive is too small")
    # Its address as the link from the page before gives it: the cursor of news/paging.py.
    subtree = CategoryTree.load().subtree_ids(category)
    (last_before,) = listing.newest(subtree, 1, offset=(deep - 1) * paging.PER_PAGE - 1)
    deep_link = f"?page={deep}&sau={paging.cursor_text(last_before.key)}"

    published = Article.objects.published().order_by("-published_at", "-pk")
    article = published[published.count() // 2]

    pages = {
        "home": reverse("news:home"),
        "category": category.get_absolute_url(),
        "category deep": category.get_absolute_url() + deep_link,
        "category deep, typed": f"{category.get_absolute_url()}?page={deep}",
        "article": article.get_absolute_url(),
        **{name: search_path(text) for name, text in SEARCHES.items()},
        "rss": reverse("news:feed"),
        "sitemap index": reverse("news:sitemap"),
        # The month of the middle article: a section of articles, listed by the index.
        "sitemap section": article_section(Client(), headers(), article),
    }
    # The article's page names its counter (news/view_counts.counter): every reading while the
    # article is little read, one in VIEW_COUNT_SAMPLE once a crowd has read it.
    beacon, _ = view_counts.counter(article.pk, 0)
    busy_beacon, sample = view_counts.counter(article.pk, settings.VIEW_COUNT_EXACT_UP_TO)
    return {
        "pages": pages,
        "ceiling": reverse("bench_ceiling"),
        "beacon": beacon,
        "busy beacon": busy_beacon,
        "busy sample": sample,
    }


def article_section(client, sent, article):
    """The sitemap section of `article`, as the sitemap index lists it."""
    from news.sitemaps import SECTION_SIZE, section_url

    path = section_url(article.pk // SECTION_SIZE)
    index = client.get("/sitemap.xml", headers=sent, secure=True)
    listed = [
        urlsplit(loc.text.strip()).path
        for loc in ElementTree.fromstring(index.content).iterfind("s:sitemap/s:loc", SITEMAP_XML)
    ]
    if path not in listed:
        raise RuntimeError(f"{path} is not in /sitemap.xml")
    return path


if __name__ == "__main__":
    import django

    django.setup()
    with open(sys.argv[1], "w") as output:
        json.dump(discover(), output, ensure_ascii=False)
