from django.urls import path, re_path

from . import preview, uploads, views

app_name = "news"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<path:path>/", views.CategoryView.as_view(), name="category"),
    re_path(
        r"^tin-tuc/(?P<slug>[-a-z0-9]*)-(?P<pk>[0-9]+)/$",
        views.ArticleView.as_view(),
        name="article",
    ),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("bien-tap/tai-anh/", uploads.editor_upload, name="editor_upload"),
    path("xem-truoc/<int:pk>/", preview.staff_preview, name="preview"),
    path("xem-truoc/chia-se/<str:token>/", preview.shared_preview, name="shared_preview"),
]
