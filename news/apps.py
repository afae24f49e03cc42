from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        # The receivers that move the content version on every public change.
        from . import (
            content_version,  # noqa: F401
            publishable,
        )
        from .models import Article, Page

        publishable.register(Article)
        publishable.register(Page)
