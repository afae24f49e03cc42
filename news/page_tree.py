"""The public tree of pages (news/models/pages.py), from the cache: which pages a reader may
open, under which address, and what leads to them. A page is public when it and every page
above it are published: hiding "Giới thiệu" hides "Giới thiệu › Lịch sử" too."""

from dataclasses import dataclass, field

from django.utils.translation import get_language

from .models import Page
from .page_cache import cached


@dataclass(frozen=True)
class PageNode:
    pk: int
    parent_id: int | None
    path: str
    name: str  # the title, named as categories are for the breadcrumb
    lead: str
    language: str

    def get_absolute_url(self):
        return f"/{self.path}/"


@dataclass
class PageTree:
    nodes: dict = field(default_factory=dict)  # pk -> PageNode, public pages only
    by_path: dict = field(default_factory=dict)

    @classmethod
    def of(cls, rows):
        published = {row.pk: row for row in rows}
        tree = cls()
        for row in rows:
            ancestor = row
            while ancestor is not None and ancestor.parent_id is not None:
                ancestor = published.get(ancestor.parent_id)
            if ancestor is not None:  # reached the top through published pages only
                tree.nodes[row.pk] = row
                tree.by_path[row.path] = row
        return tree

    def get(self, path):
        return self.by_path.get(path)

    def trail(self, node):
        """`node` and the pages above it, top first."""
        trail = [node]
        while trail[0].parent_id is not None:
            trail.insert(0, self.nodes[trail[0].parent_id])
        return trail

    def children(self, pk):
        return [node for node in self.nodes.values() if node.parent_id == pk]


# What a PageNode holds, in its order.
NODE_FIELDS = ("pk", "parent_id", "path", "title", "lead", "language")


def _published_rows(*more):
    """Rows of NODE_FIELDS (then `more`) of the published pages, in their order."""
    return Page.objects.published().order_by("order", "title").values_list(*NODE_FIELDS, *more)


def page_tree():
    """The public pages, in their order (one query while the cache holds it)."""

    def build():
        return PageTree.of([PageNode(*row) for row in _published_rows()])

    return cached(f"page-tree:{get_language()}", build)


PAGE_RESULTS = 5


def search_pages(text):
    """The public pages holding every word of `text`, accents ignored (search.fold): those with
    all of them in the title first, then by address; PAGE_RESULTS at most. The portal has a handful of pages: their
    words are kept in the cache and matched here, with no query."""
    from .search import TAG, WORD, fold

    words = set(WORD.findall(fold(text)))
    if not words:
        return []

    def build():
        # The public pages with their words, in one query (the tree is made from the same rows).
        rows = list(_published_rows("body"))
        tree = PageTree.of([PageNode(*row[:-1]) for row in rows])
        words_of = {
            pk: (
                set(WORD.findall(fold(title))),
                set(WORD.findall(fold(f"{lead} {TAG.sub(' ', body)}"))),
            )
            for pk, _parent, _path, title, lead, _language, body in rows
        }
        return [(node, *words_of[node.pk]) for node in tree.nodes.values()]

    found = [
        (not words <= title_words, node.path, node)
        for node, title_words, other_words in cached(f"page-words:{get_language()}", build)
        if words <= title_words | other_words
    ]
    return [node for _in_text, _path, node in sorted(found, key=lambda hit: hit[:2])][:PAGE_RESULTS]
