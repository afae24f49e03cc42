"""What every public page shows around its content, kept per content version: the category
tree as the public sees it (read in one query; the menu, the category trails and the subtrees
that category pages list) and the site settings."""

from .models import Category, SiteSettings
from .page_cache import cached


class CategoryTree:
    """The active categories (those the public may see), in menu order."""

    def __init__(self, categories):
        self.categories = list(categories)
        self.by_path = {c.path: c for c in self.categories}
        self.by_id = {c.pk: c for c in self.categories}
        self.ids = list(self.by_id)  # for Article.objects.published(categories=…)

    @classmethod
    def load(cls):
        return cls(Category.objects.active())

    def roots(self):
        return self.children(None)

    def children(self, parent_id):
        return [c for c in self.categories if c.parent_id == parent_id]

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
