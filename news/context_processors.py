from django.utils.functional import SimpleLazyObject

from .models import SiteSettings
from .navigation import category_tree
from .page_cache import cached


def site(request):
    """The portal's identity and top-level menu for the shared layout.

    Both are lazy and kept per content version: a page that shows neither (an admin page, a
    JSON response) reads nothing, a public page reads them from the cache.
    """
    return {
        "site": SimpleLazyObject(lambda: cached("site", SiteSettings.load)),
        "menu_categories": SimpleLazyObject(lambda: category_tree().roots()),
    }
