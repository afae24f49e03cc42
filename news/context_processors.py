from django.utils.functional import SimpleLazyObject

from .navigation import category_tree, site_settings


def site(request):
    """The portal's identity and top-level menu for the shared layout.

    Both are lazy and kept per content version: a page that shows neither (an admin page, a
    JSON response) reads nothing, a public page reads them from the cache.
    """
    return {
        "site": SimpleLazyObject(site_settings),
        "menu_categories": SimpleLazyObject(lambda: category_tree().roots()),
    }
