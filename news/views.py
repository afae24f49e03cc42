from django.db.models import CharField, F, Func, Prefetch, Value, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView, TemplateView

from . import search, view_counts
from .forms import SearchForm
from .models import Article, Category, Photo

HOME_BLOCK_SIZE = 4
RELATED_SIZE = 5


def page_links(page):
    """Page numbers to link, with "…" gaps: 1 … 4 5 [6] 7 8 … 50."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


def published_articles():
    """Published articles with what list pages show: category and lead photo, no N+1."""
    return (
        Article.objects.published()
        .select_related("category")
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("order", "pk")))
    )


class HomeView(TemplateView):
    template_name = "news/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        featured = list(published_articles().filter(is_featured=True)[:4])
        latest = list(published_articles().exclude(pk__in=[a.pk for a in featured])[:10])
        # The top-level categories are the menu's too: one query for both.
        roots = list(Category.objects.active().filter(parent=None))
        context.update(
            menu_categories=roots,
            lead_article=featured[0] if featured else (latest.pop(0) if latest else None),
            featured_articles=featured[1:],
            latest_articles=latest,
            category_blocks=self.category_blocks(roots),
            most_read_articles=list(view_counts.most_read()),
        )
        return context

    def category_blocks(self, roots):
        """The newest articles of each top-level category's subtree, in one query.

        The top-level category of an article is the first segment of its category's path.
        """
        root_slug = Func(
            F("category__path"),
            Value("/"),
            Value(1),
            function="split_part",
            output_field=CharField(),
        )
        ranked = (
            published_articles()
            .annotate(
                root_slug=root_slug,
                rank=Window(
                    RowNumber(), partition_by=[root_slug], order_by=F("published_at").desc()
                ),
            )
            .filter(rank__lte=HOME_BLOCK_SIZE)
        )
        by_root = {}
        for article in ranked:
            by_root.setdefault(article.root_slug, []).append(article)
        return [(root, by_root[root.path]) for root in roots if root.path in by_root]


class CategoryView(ListView):
    template_name = "news/category_detail.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.category = get_object_or_404(Category.objects.active(), path=self.kwargs["path"])
        return published_articles().filter(category__in=self.category.subtree())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context.update(
            category=self.category,
            trail=list(self.category.trail()),
            page_range=page_links(page),
        )
        return context


class ArticleView(DetailView):
    template_name = "news/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # The stored view count comes in the same query (LEFT JOIN), never from the article row.
        return published_articles().select_related("author", "view_count")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.slug != kwargs["slug"]:
            return redirect(self.object, permanent=True)
        views = view_counts.views_to_show(request, self.object)
        return self.render_to_response(self.get_context_data(object=self.object, views=views))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            trail=list(self.object.category.trail()),
            related_articles=list(related_articles(self.object)),
            share_url=self.request.build_absolute_uri(self.object.get_absolute_url()),
        )
        return context


def related_articles(article, limit=RELATED_SIZE):
    """The newest other published articles of the same category, in one query."""
    return (
        Article.objects.published()
        .filter(category_id=article.category_id)
        .exclude(pk=article.pk)
        .only("pk", "slug", "title", "published_at")[:limit]
    )


class SearchView(ListView):
    """`/tim-kiem/?q=…`: accent-insensitive full-text search over published articles."""

    template_name = "news/search.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.form = SearchForm(self.request.GET or None)
        self.query = ""
        self.fuzzy = False
        if not self.form.is_valid():
            return Article.objects.none()
        data = self.form.cleaned_data
        self.query = search.clean_query(data["q"])
        if not self.query:
            return Article.objects.none()
        articles = published_articles()
        if data["category"]:
            articles = articles.filter(category__in=data["category"].subtree())
        if data["date_from"]:
            articles = articles.filter(published_at__date__gte=data["date_from"])
        if data["date_to"]:
            articles = articles.filter(published_at__date__lte=data["date_to"])
        found = search.matching(articles, self.query)
        if not found.exists():
            self.fuzzy = True
            return search.near_misses(articles, self.query)
        return found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for article in context["articles"]:
            article.snippet = search.snippet_html(getattr(article, "snippet_raw", article.lead))
        page = context["page_obj"]
        context.update(
            form=self.form,
            query=self.query,
            fuzzy=self.fuzzy,
            page_range=page_links(page),
            query_string=self.request.GET.copy(),
        )
        context["query_string"].pop("page", None)
        return context
