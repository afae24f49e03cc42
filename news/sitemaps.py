"""Sitemaps for search engines: /sitemap.xml is an index of the sections below.

Every section lists published articles only (Article.objects.published()). Articles come in one
section per month of publication (`sitemap-articles-2026-11.xml`): a section never grows past a
month's articles, however large the archive, and old months keep their contents, so crawlers
fetch them once. The index lists the months from the first publication to now without counting
or scanning anything (one index lookup).
"""

import datetime
from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from . import seo
from .models import Article, Category

# Google News reads articles of the last two days only, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


def month_start(year, month):
    """The first instant of a month in the site's time zone."""
    return timezone.make_aware(datetime.datetime(year, month, 1))


def next_month(year, month):
    return (year + 1, 1) if month == 12 else (year, month + 1)


def months():
    """(year, month) from the first published article's month to this month, newest first."""
    first = Article.objects.published().order_by("published_at").values("published_at").first()
    if first is None:
        return []
    start = timezone.localtime(first["published_at"])
    year, month = timezone.localdate().year, timezone.localdate().month
    found = []
    while (year, month) >= (start.year, start.month):
        found.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return found


def index(request):
    """/sitemap.xml: categories, the news of the last two days, then one section per month."""
    sections = [reverse("news:sitemap_categories"), reverse("news:sitemap_news")] + [
        reverse("news:sitemap_month", kwargs={"year": f"{y:04d}", "month": f"{m:02d}"})
        for y, m in months()
    ]
    items = [SitemapIndexItem(request.build_absolute_uri(url), None) for url in sections]
    return render(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")


def month(request, year, month):
    """The articles published in one month (in the site's time zone): their addresses and last
    changes. Written directly: Django's sitemap framework took 95 ms for a month of 830."""
    year, month = int(year), int(month)
    if not (1 <= month <= 12 and 2000 <= year <= timezone.localdate().year + 1):
        raise Http404
    start, end = month_start(year, month), month_start(*next_month(year, month))
    articles = (
        Article.objects.published()
        .filter(published_at__gte=start, published_at__lt=end)
        .order_by("-published_at", "-pk")
        .values_list("pk", "slug", "published_at", "updated_at")
    )
    # One reverse() for the shape of an article's address; slugs and ids need no escaping.
    shape = reverse("news:article", kwargs={"slug": "slug", "pk": 1234567890})
    address = request.build_absolute_uri(shape).replace("slug-1234567890", "{}-{}")
    zone = timezone.get_current_timezone()

    def lastmod(published, updated):
        return max(updated, published).astimezone(zone).replace(microsecond=0).isoformat()

    entries = "".join(
        f"<url><loc>{address.format(slug, pk)}</loc><lastmod>{lastmod(published, updated)}"
        "</lastmod><changefreq>weekly</changefreq></url>\n"
        for pk, slug, published, updated in articles
    )
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n",
        content_type="application/xml",
    )
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"  # as Django's sitemap views say
    return response


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


# Classes, not instances: each request makes its own, so published() reads the time anew.
CATEGORIES = {"categories": CategorySitemap}
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
