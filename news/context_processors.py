from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import content_version
from .navigation import footer_links, main_menu, site_settings
from .page_cache import day_version


def site(request):
    """The portal's identity and top-level menu for the shared layout.

    Both are lazy and kept per content version: a page that shows neither (an admin page, a
    JSON response) reads nothing, a public page reads them from the cache.
    """
    return {
        "site": SimpleLazyObject(site_settings),
        # The main menu (each section with its subcategories) and the footer's links.
        "menu": SimpleLazyObject(main_menu),
        "footer_links": SimpleLazyObject(footer_links),
        # Shared parts of the layout (the header) are rendered once per content version and
        # day ({% cache %} in base.html), like the objects they show (news/page_cache.py).
        "fragment_version": SimpleLazyObject(lambda: day_version(content_version.current())),
        "fragment_seconds": settings.PAGE_CACHE_SECONDS or 60,
    }
