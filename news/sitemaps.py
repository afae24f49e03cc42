"""Sitemaps for search engines: /sitemap.xml is an index of the sections below.

Every section lists published articles only (Article.objects.published()). The index asks each
section for its latest change with one aggregate query, where Django's default would load every
item; each section page costs a count and one query for its items, whatever their number.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat, Greatest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from . import seo
from .models import Article, Category

# Google News reads articles of the last two days only, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Article.objects.published()
            .only("pk", "slug", "published_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return seo.last_change(article)

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max(Greatest("updated_at", "published_at")))["latest"]


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

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("published_at"))["latest"]


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

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max(Greatest("updated_at", "published_at")))["latest"]


# Classes, not instances: each request makes its own, so published() reads the time anew.
SECTIONS = {"articles": ArticleSitemap, "categories": CategorySitemap}
INDEX = {**SECTIONS, "news": NewsSitemap}


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
