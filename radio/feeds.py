"""A podcast feed per programme (`/phat-thanh/<programme>/podcast.xml`): RSS 2.0 with the iTunes
tags podcast apps read (Apple's podcast RSS requirements), each broadcast's audio as its
enclosure with the length and type read from the file."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed

from news.feeds import feed_text
from news.navigation import site_settings
from news.page_cache import cached

from .artwork import podcast_artwork
from .models import Broadcast
from .views import programmes

FEED_SIZE = 50
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


class PodcastRss(Rss201rev2Feed):
    """RSS 2.0 with the iTunes namespace: the show's author, image, category and language, and
    each episode's duration and number."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", self.feed["itunes_author"])
        if self.feed["itunes_email"]:
            # Where podcast directories write to confirm that the station owns the feed.
            handler.startElement("itunes:owner", {})
            handler.addQuickElement("itunes:name", self.feed["itunes_author"])
            handler.addQuickElement("itunes:email", self.feed["itunes_email"])
            handler.endElement("itunes:owner")
        handler.addQuickElement("itunes:summary", self.feed["description"])
        handler.addQuickElement("itunes:image", None, {"href": self.feed["itunes_image"]})
        handler.addQuickElement("itunes:category", None, {"text": "News"})
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", str(item["itunes_duration"]))
        handler.addQuickElement("itunes:episode", str(item["itunes_episode"]))
        handler.addQuickElement("itunes:explicit", "false")


@dataclass(frozen=True)
class Show:
    """What one request's feed is about (Feed objects are shared between requests)."""

    programme: object
    request: object

    def absolute(self, path):
        return self.request.build_absolute_uri(path)


@dataclass(frozen=True)
class Episode:
    """A broadcast in a request's feed: guids and enclosures are absolute addresses."""

    broadcast: object
    show: Show


class PodcastFeed(Feed):
    feed_type = PodcastRss

    def get_object(self, request, programme):
        found = next((p for p in programmes() if p.slug == programme), None)
        if found is None:
            raise Http404
        return Show(found, request)

    def title(self, show):
        site = site_settings()
        return feed_text(f"{show.programme.name} — {site.station_name or site.portal_name}")

    def link(self, show):
        return show.programme.get_absolute_url()

    def description(self, show):
        return feed_text(show.programme.description or show.programme.name)

    def feed_extra_kwargs(self, show):
        site = site_settings()
        # Read and checked once per content version (a new logo is a new version).
        artwork = default_storage.url(cached("podcast-artwork", lambda: podcast_artwork(site)))
        return {
            "itunes_author": feed_text(site.station_name or site.portal_name),
            "itunes_email": site.email,
            "itunes_image": show.absolute(artwork),
        }

    def items(self, show):
        broadcasts = (
            Broadcast.objects.published()
            .filter(programme=show.programme)
            .select_related("programme")
            .order_by("-aired_at", "-pk")[:FEED_SIZE]
        )
        return [Episode(broadcast, show) for broadcast in broadcasts]

    def item_title(self, episode):
        return feed_text(episode.broadcast.title)

    def item_link(self, episode):
        return episode.broadcast.get_absolute_url()

    def item_description(self, episode):
        return feed_text("\n".join(episode.broadcast.items()))

    def item_pubdate(self, episode):
        return episode.broadcast.aired_at

    def item_guid(self, episode):
        return episode.show.absolute(episode.broadcast.get_absolute_url())

    def item_enclosures(self, episode):
        broadcast = episode.broadcast
        url = episode.show.absolute(broadcast.audio.url)
        return [Enclosure(url, str(broadcast.audio_size), broadcast.audio_type)]

    def item_extra_kwargs(self, episode):
        broadcast = episode.broadcast
        return {"itunes_duration": round(broadcast.duration), "itunes_episode": broadcast.number}


podcast_feed = PodcastFeed()
