"""Sitemaps for search engines: /sitemap.xml is an index of the sections below.

Every section lists published articles only (Article.objects.published()). Articles come in
sections of consecutive ids, SECTION_SIZE of them (`sitemap-articles-12.xml`: ids 3,000 to
3,249): every section is as small as every other, however many articles a month brings, and an
article never moves to another section, so crawlers fetch the old ones once. The index lists
the sections up to the newest published article's (one index lookup, nothing counted).
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from . import seo
from .models import Article, Category
from .page_cache import cached
from .page_tree import page_tree

# Google News reads articles of the last two days only, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000
# About 40 KB of XML a section. Sections of a month held 830 articles in the bench's archive of
# 100,000 (150 KB, 14 ms to write, a quarter of the speed of the same month in a small archive).
SECTION_SIZE = 250


def last_section():
    """The section of the newest published article's id (None when nothing is published)."""
    newest = Article.objects.published().order_by("-pk").values_list("pk", flat=True).first()
    return None if newest is None else newest // SECTION_SIZE


def section_url(section):
    return reverse("news:sitemap_articles", kwargs={"section": section})


def index(request):
    """/sitemap.xml: categories, the news of the last two days, then the article sections,
    newest first. Written directly, as the sections are: with Django's template the index of
    the 400 sections of 100,000 articles took 21 ms, now 4."""
    last = last_section()
    fixed = [reverse("news:sitemap_categories"), reverse("news:sitemap_news")]
    # One reverse() for the shape of a section's address.
    shape = request.build_absolute_uri(section_url(1234567890)).replace("1234567890", "{}")
    entries = "".join(
        [f"<sitemap><loc>{request.build_absolute_uri(url)}</loc></sitemap>\n" for url in fixed]
        + [
            f"<sitemap><loc>{shape.format(section)}</loc></sitemap>\n"
            for section in range(-1 if last is None else last, -1, -1)
        ]
    )
    return HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</sitemapindex>\n",
        content_type="application/xml",
    )


def articles(request, section):
    """The published articles of one section of ids: their addresses and last changes.
    Written directly: Django's sitemap framework takes seven times as long, and kept until
    something public changes (crawlers fetch every section, the page cache may be off)."""
    section = int(section)
    # One reverse() for the shape of an article's address; slugs and ids need no escaping.
    shape = reverse("news:article", kwargs={"slug": "slug", "pk": 1234567890})
    address = request.build_absolute_uri(shape).replace("slug-1234567890", "{}-{}")
    xml = cached(f"sitemap-section:{section}:{address}", lambda: _section_xml(section, address))
    response = HttpResponse(xml, content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"  # as Django's sitemap views say
    return response


def _section_xml(section, address):
    first = section * SECTION_SIZE
    rows = list(
        Article.objects.published()
        .filter(pk__gte=first, pk__lt=first + SECTION_SIZE)
        .order_by("pk")
        .values_list("pk", "slug", "published_at", "updated_at")
    )
    # A section the index lists may have lost its articles (unpublished): it is empty, not gone.
    if not rows:
        last = last_section()
        if last is None or section > last:
            raise Http404
    zone = timezone.get_current_timezone()

    def lastmod(published, updated):
        return max(updated, published).astimezone(zone).replace(microsecond=0).isoformat()

    entries = "".join(
        f"<url><loc>{address.format(slug, pk)}</loc><lastmod>{lastmod(published, updated)}"
        "</lastmod><changefreq>weekly</changefreq></url>\n"
        for pk, slug, published, updated in rows
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        # A category changes when an article appears in it or in one of its subcategories.
        newest_in_subtree = (
            Article.objects.published()
            .filter(
                Q(category__path=OuterRef("path"))
                | Q(category__path__startswith=Concat(OuterRef("path"), Value("/")))
            )
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        return (
            Category.objects.active()
            .annotate(newest_article=Subquery(newest_in_subtree))
            .order_by("path")
        )

    def lastmod(self, category):
        return category.newest_article


class NewsSitemap(Sitemap):
    """Articles of the last 48 hours, drawn by templates/news/sitemap_news.xml."""

    limit = NEWS_LIMIT

    def items(self):
        now = timezone.now()
        return (
            Article.objects.published(now=now)
            .filter(published_at__gte=now - NEWS_WINDOW)
            .only("pk", "slug", "title", "published_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return seo.last_change(article)


class PageSitemap(Sitemap):
    """The public pages (Giới thiệu, Liên hệ…), from the cached tree."""

    changefreq = "monthly"

    def items(self):
        return sorted(page_tree().nodes.values(), key=lambda node: node.path)


# Classes, not instances: each request makes its own, so published() reads the time anew.
# The pages share the categories' section: a station has a handful of them.
CATEGORIES = {"categories": CategorySitemap, "pages": PageSitemap}
NEWS = {"news": NewsSitemap}


def robots_txt(request):
    """/robots.txt: crawl everything public; not the admin, previews or search results (endless
    combinations of the same articles); where the sitemaps are, as absolute URLs."""
    disallowed = [
        reverse("admin:index"),
        # The staff preview and the shared preview links both live under this prefix.
        reverse("news:preview", kwargs={"pk": 1}).removesuffix("1/"),
        reverse("news:search"),
    ]
    sitemap_urls = [
        request.build_absolute_uri(reverse(name)) for name in ("news:sitemap", "news:sitemap_news")
    ]
    context = {"disallowed": disallowed, "sitemap_urls": sitemap_urls}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
