import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.generic import DetailView, TemplateView

from . import cards, listing, paging, search, view_counts
from .forms import SearchForm
from .models import Article, Page, Photo
from .navigation import category_tree
from .page_cache import cached
from .page_tree import page_tree, search_pages

HOME_FEATURED = 4
HOME_LATEST = 10
HOME_BLOCK_SIZE = 4
RELATED_SIZE = 5
BROADCAST_RESULTS = 5  # broadcasts a search shows above the articles
# Letters of a dead address's last part, without the digits of an id: "le-hoi-123" -> le, hoi.
WORD_IN_ADDRESS = re.compile(r"[a-z]+")


def published_articles():
    """Published articles with what pages show: category and photos, no N+1. Never the
    search vector (several kilobytes, read by PostgreSQL only)."""
    return (
        Article.objects.published(categories=category_tree().ids)
        .for_pages()
        .select_related("category")
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("order", "pk")))
    )


class HomeView(TemplateView):
    template_name = "news/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        columns = ("pk", "category_id", "published_at")
        tree = category_tree()
        public = Article.objects.published(categories=tree.ids)
        featured = list(public.filter(is_featured=True).values_list(*columns)[:HOME_FEATURED])
        latest = list(
            public.exclude(pk__in=[row[0] for row in featured]).values_list(*columns)[:HOME_LATEST]
        )
        shown = featured + latest
        batch = cards.Batch()  # one for the page
        featured, latest = batch.refs(featured), batch.refs(latest)
        blocks = [(root, batch.refs(rows)) for root, rows in self.category_blocks(tree, shown)]
        context.update(
            lead_article=featured[0] if featured else (latest.pop(0) if latest else None),
            featured_articles=featured[1:],
            latest_articles=latest,
            category_blocks=blocks,
            # Read only when the template renders the list anew, not while its HTML is cached.
            most_read_articles=SimpleLazyObject(
                lambda: cached("most-read", lambda: list(view_counts.most_read()))
            ),
        )
        return context

    def category_blocks(self, tree, shown):
        """The newest articles of each top-level category's subtree that the page does not
        show above (`shown`: rows of the top stories and the latest), so that no article
        appears twice: the few newest of every category in one query, then the newest of those
        for each top-level category."""
        shown_ids = {row[0] for row in shown}
        # Enough of each category that a block is full even when the shown ones are all in it.
        most_shown = max(Counter(row[1] for row in shown).values(), default=0)
        rows = listing.newest_of_each([c.pk for c in tree.categories], HOME_BLOCK_SIZE + most_shown)
        by_root = {}
        for row in rows:  # newest first
            if row.id in shown_ids:
                continue
            block = by_root.setdefault(tree.root_of(row.category_id).pk, [])
            if len(block) < HOME_BLOCK_SIZE:
                block.append(row)
        return [(root, by_root[root.pk]) for root in tree.roots() if root.pk in by_root]


class CategoryView(TemplateView):
    template_name = "news/category_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tree = category_tree()
        category = tree.get(kwargs["path"])
        if category is None:
            raise Http404
        try:
            page = paging.page_of(tree.subtree_ids(category), self.request.GET)
        except paging.NoSuchPage as error:
            raise Http404 from error
        context.update(
            category=category,
            trail=tree.trail(category),
            subcategories=tree.children(category.pk),
            articles=cards.Batch().refs(page.items),
            page=page,
            aside=aside_lists(row.id for row in page.items),
        )
        return context


class ArticleView(DetailView):
    template_name = "news/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # The stored view count comes in the same query (LEFT JOIN), never from the article row.
        return published_articles().select_related("author", "view_count")

    def get(self, request, *args, **kwargs):
        if len(kwargs["pk"]) > 18:
            raise Http404  # no article has it, and looking it up would fail
        self.object = self.get_object()
        # One address per article: another slug, or the id with leading zeros, is sent on.
        if self.object.slug != kwargs["slug"] or kwargs["pk"] != str(self.object.pk):
            return redirect(self.object, permanent=True)
        views = view_counts.views_to_show(self.object)
        counter_url, sample = view_counts.counter(self.object.pk, views)
        return self.render_to_response(
            self.get_context_data(
                object=self.object, views=views, counter_url=counter_url, counter_sample=sample
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object

        newest = cached(
            f"related:{article.category_id}:{get_language()}",
            # One more than shown: the page leaves out its own article.
            lambda: link_items(newest_links(RELATED_SIZE + 1, article.category_id)),
        )
        related = [a for a in newest if a.pk != article.pk][:RELATED_SIZE]
        context.update(
            trail=category_tree().trail(article.category),
            related_articles=related,
            aside=aside_lists([article.pk, *(a.pk for a in related)]),
            share_url=self.request.build_absolute_uri(article.get_absolute_url()),
        )
        return context


ASIDE_SIZE = 5
# Read for the second column, more than it shows: it leaves out what the page shows already.
ASIDE_READ = 30


def aside_lists(shown_ids=()):
    """The second column of inner pages: the newest and the most read articles, none that the
    page shows already (an article appears once a page). From cached lists: no query while
    nothing public has changed."""
    shown = set(shown_ids)
    language = get_language()
    newest = cached(f"aside-newest:{language}", lambda: link_items(newest_links(ASIDE_READ)))
    most_read = cached(
        f"aside-most-read:{language}", lambda: link_items(view_counts.most_read(ASIDE_READ))
    )
    newest = [a for a in newest if a.pk not in shown][:ASIDE_SIZE]
    shown.update(a.pk for a in newest)
    return {"newest": newest, "most_read": [a for a in most_read if a.pk not in shown][:ASIDE_SIZE]}


@dataclass(frozen=True)
class LinkItem:
    """An article's entry in a list of links (includes/article_link.html), rendered once for
    the cached list it belongs to: ten links rendered on every page cost a tenth of it."""

    pk: int
    html: str


def link_items(articles):
    template = get_template("includes/article_link.html")
    return [LinkItem(article.pk, template.render({"item": article})) for article in articles]


def newest_links(limit, category_id=None):
    """The newest published articles (of one category, if given), with what a list of links
    shows: the article page's "More in this category", the 404 page's newest."""
    articles = Article.objects.published(categories=category_tree().ids)
    if category_id is not None:
        articles = articles.filter(category_id=category_id)
    return list(articles.only("pk", "slug", "title", "published_at")[:limit])


class SearchView(TemplateView):
    """`/tim-kiem/?q=…`: accent-insensitive full-text search over published articles."""

    template_name = "news/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tree = category_tree()
        form = SearchForm(self.request.GET or None, tree=tree)
        found = search.Found()
        pages, broadcasts = [], []
        category = None
        past_first_page = self.request.GET.get("page", "1") not in ("", "1")
        if self.request.GET:
            form.is_valid()  # an invalid filter is shown with its error and left out
            data = {name: form.cleaned_data.get(name) for name in form.fields}
            articles = Article.objects.published(categories=tree.ids)
            if data["category"]:
                articles = articles.filter(category__in=tree.subtree_ids(data["category"]))
            if data["date_from"]:
                articles = articles.filter(published_at__date__gte=data["date_from"])
            if data["date_to"]:
                articles = articles.filter(published_at__date__lte=data["date_to"])
            category = data["category"]
            # The boundary of the newest articles is cached per category, not per dates.
            dated = data["date_from"] or data["date_to"]
            scope = None if dated else f"category:{category and category.pk}"
            text = search.clean_query(data["q"])
            kind = data["kind"] or ""  # an unknown type is said so, and everything searched
            if kind in ("", "article"):
                found = search.find(articles, text, scope)
            # Pages and broadcasts: above the first page of articles; pages have no category
            # nor date (not with those filters), broadcasts no category.
            if not past_first_page and text:
                if kind in ("", "page") and not (category or dated):
                    pages = search_pages(text)
                if kind in ("", "radio") and not category:
                    broadcasts = self.broadcasts(text, data["date_from"], data["date_to"])
                found.query = found.query or text
        query_string = self.request.GET.copy()
        query_string.pop("page", None)
        try:
            page = paging.page_of_list(
                found.ids,
                self.request.GET.get("page"),
                query_string.urlencode(),
                per_page=search.RESULTS_PER_PAGE,
            )
        except paging.NoSuchPage as error:
            raise Http404 from error
        context.update(
            form=form,
            # The category searched in, if there is one: its option is selected in the list of
            # categories, which is rendered once per content version for each (search.html).
            selected_category=category.path if category else "",
            query=found.query,
            found=found,
            articles=search.with_snippets(page.items, found, tree.by_id),
            pages_found=pages,
            broadcasts_found=broadcasts,
            page=page,
            aside=aside_lists(page.items),
        )
        return context

    @staticmethod
    def broadcasts(text, date_from, date_to):
        from radio.models import Broadcast  # the radio app builds on this one

        # What the list shows (not the transcript nor the search vector, the bulk of a row).
        shown = ("number", "aired_at", "summary", "programme__name", "programme__slug")
        found = Broadcast.objects.published().select_related("programme").only(*shown)
        if date_from:
            found = found.filter(aired_at__date__gte=date_from)
        if date_to:
            found = found.filter(aired_at__date__lte=date_to)
        return list(found.matching(text)[:BROADCAST_RESULTS])


class PageView(TemplateView):
    """A page of the portal at the address of its slugs (/gioi-thieu/lich-su/)."""

    template_name = "news/page_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tree = page_tree()
        node = tree.get(kwargs["path"])
        if node is None:
            raise Http404
        photos = Prefetch("photos", queryset=Photo.objects.order_by("order", "pk"))
        page = Page.objects.only("pk", "path", "title", "lead", "body", "language")
        context.update(
            page=page.prefetch_related(photos).get(pk=node.pk),
            trail=tree.trail(node),
            subpages=tree.children(node.pk),
            aside=aside_lists(),
        )
        return context


NOT_FOUND_NEWEST = 5


def page_not_found(request, exception):
    """The 404 page: a search box holding the words of the address that led nowhere (an old
    link's slug often names the article) and the newest articles, so a reader finds a way on."""
    words = WORD_IN_ADDRESS.findall(request.path.rstrip("/").rsplit("/", 1)[-1].lower())
    newest = cached(f"newest:{get_language()}", lambda: link_items(newest_links(NOT_FOUND_NEWEST)))
    context = {"suggested_search": " ".join(words)[:100], "newest_articles": newest}
    return render(request, "404.html", context, status=404)
