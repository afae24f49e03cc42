from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RadioConfig(AppConfig):
    name = "radio"
    verbose_name = _("Radio")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from news import content_version, publishable, sitemaps

        from .models import Broadcast, Programme
        from .sitemaps import RadioSitemap

        publishable.register(Broadcast)
        # A programme's name shows on its broadcasts' pages, the home page and the feeds.
        post_save.connect(content_version.identity_changed, sender=Programme)
        post_delete.connect(content_version.identity_changed, sender=Programme)
        sitemaps.CATEGORIES["radio"] = RadioSitemap
