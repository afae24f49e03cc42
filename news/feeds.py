"""RSS 2.0 feeds: the whole site at /rss/, one category and its subcategories at <category>/rss/.

Names and descriptions come from SiteSettings; items from Article.objects.published(), so a
scheduled article enters the feeds at its publication time. Each feed runs the same few queries
however many items it has: the articles with their category and writer joined, their photos
prefetched.
"""

from dataclasses import dataclass, replace
from datetime import datetime

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


@dataclass(frozen=True)
class FeedItem:
    """What a feed shows of an article, kept with the cached feed: plain values (unpickling
    thirty articles with their category, writer and photos took a fifth of a feed's time), and
    the photo's size read once, not on every request (a file's stat, or a request to S3)."""

    path: str
    title: str
    lead: str
    published_at: datetime
    updated_at: datetime
    author_name: str  # the source line, as the page shows it; else the writer's name
    category_name: str
    image_url: str = ""  # the share rendition's, as the storage gives it
    image_size: int = 0
    image_type: str = ""

    @classmethod
    def of(cls, article):
        photo = article.lead_photo()
        image = seo.share_image(photo) if photo else None
        writer = article.author.get_full_name() if article.author_id else ""
        return cls(
            path=article.get_absolute_url(),
            title=article.title,
            lead=article.lead,
            published_at=article.published_at,
            updated_at=seo.last_change(article),
            author_name=article.source or writer,
            category_name=article.category.name,
            **(
                {"image_url": image.url, "image_size": image.size(), "image_type": image.mime_type}
                if image
                else {}
            ),
        )

    def get_absolute_url(self):
        return self.path


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
        items = cached(name, lambda: self.build_items(scope))
        # Enclosure URLs must be absolute and Feed does not add the host to them; the item
        # methods only receive the item, so each carries its own.
        build_absolute_uri = scope.request.build_absolute_uri
        return [
            replace(item, image_url=build_absolute_uri(item.image_url)) if item.image_url else item
            for item in items
        ]

    def build_items(self, scope):
        articles = (
            self.articles(scope)
            .for_pages("body")  # a feed item carries the lead only
            .select_related("category", "author")
            .prefetch_related(Prefetch("photos", queryset=lead_photos()))
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )
        return [FeedItem.of(article) for article in articles]

    # Feed readers take titles and descriptions as HTML; ours are plain text.
    # Feed readers take titles and descriptions as HTML; ours are plain text.
    def item_title(self, item):
        return feed_text(item.title)

    def item_description(self, item):
        return feed_text(item.lead)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        # Taken as HTML by readers too (a source line "<img src=x onerror=…>" ran in them):
        # escaped.
        return feed_text(item.author_name) or None

    def item_categories(self, item):
        return [feed_text(item.category_name)]

    def item_enclosures(self, item):
        if not item.image_url:
            return []
        return [Enclosure(item.image_url, str(item.image_size), item.image_type)]


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
