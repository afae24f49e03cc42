from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from . import feeds, preview, sitemaps, uploads, views

app_name = "news"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Before the category page, whose <path:path> would take ".../rss" for a category path
    # (news/feeds.py: a real subcategory named "rss" still gets its page).
    # Category paths are slugs joined by "/"; nothing else can match (e.g. no NUL byte).
    re_path(
        r"^chuyen-muc/(?P<path>[-a-z0-9]+(?:/[-a-z0-9]+)*)/rss/$",
        feeds.category_feed,
        name="category_feed",
    ),
    re_path(
        r"^chuyen-muc/(?P<path>[-a-z0-9]+(?:/[-a-z0-9]+)*)/$",
        views.CategoryView.as_view(),
        name="category",
    ),
    re_path(
        r"^tin-tuc/(?P<slug>[-a-z0-9]*)-(?P<pk>[0-9]+)/$",
        views.ArticleView.as_view(),
        name="article",
    ),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("bien-tap/tai-anh/", uploads.editor_upload, name="editor_upload"),
    path("xem-truoc/<int:pk>/", preview.staff_preview, name="preview"),
    re_path(
        r"^xem-truoc/chia-se/(?P<token>[-\w]+)/$", preview.shared_preview, name="shared_preview"
    ),
    path("rss/", feeds.site_feed, name="feed"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.INDEX, "sitemap_url_name": "news:sitemap_section"},
        name="sitemap",
    ),
    # Before the generic section route: the news section has its own template (news: tags).
    path(
        "sitemap-news.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"news": sitemaps.NewsSitemap}, "template_name": "news/sitemap_news.xml"},
        name="sitemap_news",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.SECTIONS},
        name="sitemap_section",
    ),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
]
