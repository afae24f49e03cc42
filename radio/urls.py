from django.urls import path, re_path

from news.page_cache import public_page

from . import feeds, views

app_name = "radio"

urlpatterns = [
    path("", public_page(views.BroadcastListView.as_view()), name="broadcasts"),
    re_path(
        r"^(?P<programme>[-a-z0-9]+)/$",
        public_page(views.BroadcastListView.as_view()),
        name="programme",
    ),
    re_path(
        r"^(?P<programme>[-a-z0-9]+)/so-(?P<number>[0-9]+)-(?P<pk>[0-9]+)/$",
        public_page(views.BroadcastView.as_view()),
        name="broadcast",
    ),
    re_path(
        r"^(?P<programme>[-a-z0-9]+)/podcast\.xml$",
        public_page(feeds.podcast_feed),
        name="podcast",
    ),
]
