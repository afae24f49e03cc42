"""RSS 2.0 feeds: the whole site at /rss/, one category and its subcategories at <category>/rss/.

Names and descriptions come from SiteSettings; items from Article.objects.published(), so a
scheduled article enters the feeds at its publication time. Each feed runs the same few queries
however many items it has: the articles with their category and writer joined, their photos
prefetched.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from django.utils.html import escape

from . import listing, seo
from .cards import lead_photos
from .models import Article, Category, SiteSettings
from .navigation import category_tree, site_settings
from .page_cache import cached
from .views import CategoryView

FEED_SIZE = 30


def feed_text(text):
    """Plain text as feed readers take it, as HTML: escaped once more, and XML-safe."""
    return escape(seo.xml_text(text))


@dataclass
class FeedScope:
    """What one request's feed is about; Feed objects are shared between requests."""

    site: SiteSettings
    request: object
    category: Category | None = None


class LatestArticlesFeed(Feed):
    def get_object(self, request, *args, **kwargs):
        return FeedScope(site=site_settings(), request=request)

    # Readers take channel titles, descriptions and categories as HTML too: escaped once more.
    def title(self, scope):
        return feed_text(scope.site.portal_name)

    def link(self, scope):
        return reverse("news:home")

    def description(self, scope):
        return feed_text(scope.site.tagline or scope.site.portal_name)

    def feed_url(self, scope):
        return reverse("news:feed")

    def articles(self, scope):
        return Article.objects.published(categories=category_tree().ids)

    def items(self, scope):
        # The same for every reader until something public changes: built once per content
        # version (two thirds of the time of a feed went to building these articles).
        name = f"feed-items:{scope.category.pk if scope.category else 'site'}"
        articles = cached(name, lambda: self.build_items(scope))
        # Enclosure URLs must be absolute and Feed does not add the host to them; the item
        # methods only receive the item, so each article carries its own.
        for article in articles:
            if article.feed_image:
                article.feed_image_url = scope.request.build_absolute_uri(article.feed_image.url)
        return articles

    def build_items(self, scope):
        articles = list(
            self.articles(scope)
            .for_pages("body")  # a feed item carries the lead only
            .select_related("category", "author")
            .prefetch_related(Prefetch("photos", queryset=lead_photos()))
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )
        for article in articles:
            photo = article.lead_photo()
            article.feed_image = seo.share_image(photo) if photo else None
        return articles

    # Feed readers take titles and descriptions as HTML; ours are plain text.
    def item_title(self, article):
        return feed_text(article.title)

    def item_description(self, article):
        return feed_text(article.lead)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return seo.last_change(article)

    def item_author_name(self, article):
        # The source line, as the page shows it; the writer's name when there is none. Taken as
        # HTML by readers too (a source line "<img src=x onerror=…>" ran in them): escaped.
        if article.source:
            return feed_text(article.source)
        if article.author_id:
            return feed_text(article.author.get_full_name()) or None
        return None

    def item_categories(self, article):
        return [feed_text(article.category.name)]

    def item_enclosures(self, article):
        image = article.feed_image
        if image is None:
            return []
        return [Enclosure(article.feed_image_url, str(image.size()), image.mime_type)]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, path):
        category = category_tree().get(path)
        if category is None:
            raise Http404
        return FeedScope(site=site_settings(), request=request, category=category)

    def title(self, scope):
        return feed_text(f"{scope.category.name} — {scope.site.portal_name}")

    def link(self, scope):
        return scope.category.get_absolute_url()

    def description(self, scope):
        return feed_text(scope.category.description) or self.title(scope)

    def feed_url(self, scope):
        return reverse("news:category_feed", kwargs={"path": scope.category.path})

    def articles(self, scope):
        # The subtree's newest, read category by category from the index (news/listing.py).
        tree = category_tree()
        rows = listing.newest(tree.subtree_ids(scope.category), FEED_SIZE)
        ids = [row.id for row in rows]
        return Article.objects.published(categories=tree.ids).filter(pk__in=ids)


site_feed = LatestArticlesFeed()
_category_feed = CategoryFeed()


def category_feed(request, path):
    """`chuyen-muc/<path>/rss/`: the feed of the category at `path`.

    That address is also the page of a subcategory whose slug is "rss", if one exists: the page
    then wins, because readers must reach every category, and a feed reader that asks for it gets
    HTML, which it reports. (Better still, Category.clean could refuse the slug "rss".)
    """
    shadowing = f"{path}/rss"
    if category_tree().get(shadowing) is not None:
        return CategoryView.as_view()(request, path=shadowing)
    return _category_feed(request, path=path)
