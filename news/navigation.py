"""What every public page shows around its content, kept per content version: the category
tree as the public sees it (read in one query; the menu, the category trails and the subtrees
that category pages list), the site settings, and the menu and footer links."""

from dataclasses import dataclass

from .models import Category, MenuLink, SiteSettings
from .page_cache import cached
from .page_tree import page_tree


class CategoryTree:
    """The active categories (those the public may see), in menu order."""

    def __init__(self, categories):
        self.categories = list(categories)
        self.by_path = {c.path: c for c in self.categories}
        self.by_id = {c.pk: c for c in self.categories}
        self.ids = list(self.by_id)  # for Article.objects.published(categories=…)
        # Each category's subcategories, in menu order: a scan of the whole list per category
        # made the search form's outline of a province's 300 categories cost 15 ms a page.
        self._children = {}
        for category in self.categories:
            self._children.setdefault(category.parent_id, []).append(category)

    @classmethod
    def load(cls):
        return cls(Category.objects.active())

    def roots(self):
        return self.children(None)

    def children(self, parent_id):
        return list(self._children.get(parent_id, ()))

    def outline(self):
        """(category, depth) for every category, each followed by its subcategories."""

        def walk(parent_id, depth):
            for category in self.children(parent_id):
                yield category, depth
                yield from walk(category.pk, depth + 1)

        return list(walk(None, 0))

    def get(self, path):
        return self.by_path.get(path)

    def trail(self, category):
        """The category and its ancestors, root first."""
        parts = category.path.split("/")
        prefixes = ("/".join(parts[: i + 1]) for i in range(len(parts)))
        return [self.by_path[p] for p in prefixes if p in self.by_path]

    def subtree_ids(self, category):
        """The ids of the category and all its descendants."""
        prefix = f"{category.path}/"
        return [
            c.pk for c in self.categories if c.path == category.path or c.path.startswith(prefix)
        ]

    def root_of(self, category_id):
        return self.by_path[self.by_id[category_id].path.split("/")[0]]


def category_tree():
    return cached("categories", CategoryTree.load)


def site_settings():
    return cached("site", SiteSettings.load)


@dataclass(frozen=True)
class MenuEntry:
    """One link of the main menu or the footer."""

    name: str
    url: str
    path: str = ""  # a category's or a page's: the header marks the section the page is in
    external: bool = False
    children: tuple = ()
    lang: str = ""  # a page in another language than the portal's ("en")


def _category_entry(category, tree, name=""):
    children = tuple(
        MenuEntry(child.name, child.get_absolute_url(), child.path)
        for child in tree.children(category.pk)
    )
    return MenuEntry(
        name or category.name, category.get_absolute_url(), category.path, False, children
    )


def _address_entry(link):
    """A link to an address; to one of the portal's pages, with its own pages under it."""
    page = None if link.is_external else page_tree().get(link.url.strip("/"))
    if page is None:
        return MenuEntry(link.label, link.url, external=link.is_external)
    children = tuple(
        MenuEntry(child.name, child.get_absolute_url(), lang=_other_language(child))
        for child in page_tree().children(page.pk)
    )
    return MenuEntry(link.label, link.url, page.path, children=children, lang=_other_language(page))


def _other_language(page):
    return "" if page.language == "vi" else page.language


def _links():
    """Every menu and footer link, in one query for both."""
    return cached("links", lambda: list(MenuLink.objects.all()))


def _entries(place):
    tree = category_tree()
    entries = []
    for link in (link for link in _links() if link.place == place):
        if link.category_id is None:
            entries.append(_address_entry(link))
        elif (category := tree.by_id.get(link.category_id)) is not None:  # hidden: left out
            entries.append(_category_entry(category, tree, link.label))
    return entries


def main_menu():
    """The links editors arranged (MenuLink), or else every top-level category."""

    def build():
        tree = category_tree()
        return _entries(MenuLink.Place.MENU) or [
            _category_entry(root, tree) for root in tree.roots()
        ]

    return cached("menu", build)


def footer_links():
    return cached("footer-links", lambda: _entries(MenuLink.Place.FOOTER))
