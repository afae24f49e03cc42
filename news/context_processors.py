from django.utils.functional import SimpleLazyObject

from .models import Category, SiteSettings


def site(request):
    """The portal's identity and top-level menu for the shared layout.

    Both are lazy: a page that shows neither (an admin page, a JSON response) runs no query.
    """
    return {
        "site": SimpleLazyObject(SiteSettings.load),
        "menu_categories": Category.objects.active().filter(parent=None),
    }
