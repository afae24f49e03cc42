"""The articles of list pages, loaded only when a card is not in the cache.

A card (templates/includes/article_card.html, drawn by the {% article_card %} tag) is cached
per content version, and its key needs only an article's id, category and publication time,
which the list queries return. So a list page asks the database for those three columns; the
articles themselves, with their category and lead photo, are loaded in one batch for the whole
page the first time a card of the page is missing from the cache.
"""

from django.db.models import Prefetch

from .models import Article, Photo


class ArticleRef:
    """What a card's cache key needs; `article` loads the article (and its page's batch)."""

    __slots__ = ("_batch", "category_id", "pk", "published_at")

    def __init__(self, batch, pk, category_id, published_at):
        self._batch = batch
        self.pk, self.category_id, self.published_at = pk, category_id, published_at

    @property
    def article(self):
        return self._batch.article(self.pk)


class Batch:
    """The articles of one page: a missing card loads all of them at once."""

    def __init__(self):
        self._ids = []
        self._articles = None

    def refs(self, rows):
        """ArticleRefs of (id, category_id, published_at) rows (news.listing.Row is one)."""
        made = [ArticleRef(self, *row) for row in rows]
        self._ids += [ref.pk for ref in made]
        return made

    def article(self, pk):
        if self._articles is None:
            self._articles = {a.pk: a for a in for_cards(self._ids)}
        return self._articles[pk]


def for_cards(ids):
    """The articles `ids` with what a card shows: category and lead photo (two queries).

    The ids come from lists of published articles; nothing else is checked here. No body and
    no search vector: PostgreSQL would read them back from TOAST for nothing."""
    return (
        Article.objects.filter(pk__in=ids)
        .for_pages("body")
        .select_related("category")
        .prefetch_related(Prefetch("photos", queryset=lead_photos()))
    )


def lead_photos():
    """Each article's first photo only (for Prefetch): lists and feeds show no other."""
    return Photo.objects.order_by("article_id", "order", "pk").distinct("article_id")
