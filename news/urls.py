from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from . import feeds, preview, sitemaps, uploads, view_counts, views
from .page_cache import public_page

app_name = "news"

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    # Before the category page, whose <path:path> would take ".../rss" for a category path
    # (news/feeds.py: a real subcategory named "rss" still gets its page).
    # Category paths are slugs joined by "/"; nothing else can match (e.g. no NUL byte).
    re_path(
        r"^chuyen-muc/(?P<path>[-a-z0-9]+(?:/[-a-z0-9]+)*)/rss/$",
        public_page(feeds.category_feed),
        name="category_feed",
    ),
    re_path(
        r"^chuyen-muc/(?P<path>[-a-z0-9]+(?:/[-a-z0-9]+)*)/$",
        public_page(views.CategoryView.as_view()),
        name="category",
    ),
    # Any slug: a typed or pasted one ("Le-Hoi", "lễ-hội") is sent on to the right address.
    re_path(
        r"^tin-tuc/(?P<slug>[^/]*)-(?P<pk>[0-9]+)/$",
        public_page(views.ArticleView.as_view()),
        name="article",
    ),
    # Servers answer it before Django (view_counts.CounterApp, portal/wsgi.py).
    path("luot-xem/<int:pk>/", view_counts.count_view, name="count_view"),
    path("tim-kiem/", public_page(views.SearchView.as_view()), name="search"),
    path("bien-tap/tai-anh/", uploads.editor_upload, name="editor_upload"),
    path("anh/<int:pk>/", uploads.photo, name="photo"),
    path("xem-truoc/<int:pk>/", preview.staff_preview, name="preview"),
    re_path(
        r"^xem-truoc/chia-se/(?P<token>[-\w]+)/$", preview.shared_preview, name="shared_preview"
    ),
    path("rss/", public_page(feeds.site_feed), name="feed"),
    path("sitemap.xml", public_page(sitemaps.index), name="sitemap"),
    path(
        "sitemap-categories.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": sitemaps.CATEGORIES},
        name="sitemap_categories",
    ),
    path(
        "sitemap-news.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": sitemaps.NEWS, "template_name": "news/sitemap_news.xml"},
        name="sitemap_news",
    ),
    re_path(
        r"^sitemap-articles-(?P<section>[0-9]{1,12})\.xml$",
        public_page(sitemaps.articles),
        name="sitemap_articles",
    ),
    path("robots.txt", public_page(sitemaps.robots_txt), name="robots"),
    # Last: a page's address is its slugs ("/gioi-thieu/lich-su/"); a top-level page cannot
    # take the first part of an address above (Page.clean refuses it).
    re_path(
        r"^(?P<path>[-a-z0-9]+(?:/[-a-z0-9]+)*)/$",
        public_page(views.PageView.as_view()),
        name="page",
    ),
]
