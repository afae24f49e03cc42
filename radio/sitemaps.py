from django.contrib.sitemaps import Sitemap

from .models import Broadcast
from .views import programmes

# A station on air every day makes about 400 broadcasts a year: a decade fits one section.
SITEMAP_SIZE = 5000


class RadioSitemap(Sitemap):
    """The programmes' pages and the public broadcasts, newest first (in the categories'
    section of the sitemap: news/sitemaps.py)."""

    def items(self):
        broadcasts = (
            Broadcast.objects.published()
            .select_related("programme")
            .only("pk", "number", "programme__slug")
            .order_by("-aired_at", "-pk")[:SITEMAP_SIZE]
        )
        return [*programmes(), *broadcasts]
