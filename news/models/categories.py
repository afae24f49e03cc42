"""Categories: a tree of any depth, each with its URL path kept on the row."""

import re

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q, Value
from django.db.models.functions import Concat, Length
from django.utils.translation import gettext_lazy as _
from slugify import slugify
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from ..addresses import remembered_reverse


def vietnamese_slug(text: str, max_length: int = 200) -> str:
    """ASCII slug that transliterates Vietnamese: "Đài Kim Bảng" -> "dai-kim-bang".

    A decimal comma keeps its digits apart ("3,2 tỷ" -> "3-2-ty", not "32-ty", which reads as
    32); a thousands dot joins them ("3.000 người" -> "3000-nguoi"), as the admin's script does.
    """
    text = re.sub(r"(?<=\d),(?=\d)", "-", re.sub(r"(?<=\d)\.(?=\d{3}\b)", "", text))
    return slugify(text, max_length=max_length, word_boundary=True)


def hidden_at_or_above(path):
    """EXISTS an inactive category at `path` (an outer query's path) or above it.

    Hiding a category hides everything under it: its subcategories and all their articles.
    """
    at_or_above = Q(path=path) | Q(
        Func(
            path, Concat(F("path"), Value("/")), function="starts_with", output_field=BooleanField()
        )
    )
    return Exists(Category.objects.filter(at_or_above, is_active=False))


@transaction.atomic
def save_with_paths(node, *args, **kwargs):
    """Save `node` (a tree of slugs, each row keeping its `path`: the slugs of its ancestors
    and its own joined by "/") and, if its path changed, its descendants' paths."""
    old_path = node.path
    node.path = (f"{node.parent.path}/" if node.parent_id else "") + node.slug
    super(type(node), node).save(*args, **kwargs)
    if old_path and old_path != node.path:
        # Renamed or moved: the descendants' URLs change with it. The recursive CTE lists
        # them parents first, so each parent's new path is known before its children.
        paths = {node.pk: node.path}
        for child in node.descendants().order_by("tree_depth"):
            paths[child.pk] = f"{paths[child.parent_id]}/{child.slug}"
            type(node).objects.filter(pk=child.pk).update(path=paths[child.pk])


class CategoryQuerySet(TreeQuerySet):
    def active(self):
        """Categories the public may see: active, and no inactive category above them."""
        return self.filter(~hidden_at_or_above(OuterRef("path")))


class Category(TreeNode):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        blank=True,
        help_text=_("Part of the web address. Left empty, it is made from the name."),
    )
    # The slugs of the ancestors and this category joined by "/": the category's URL, kept
    # on the row so that list pages link to categories without a query per category.
    path = models.CharField(_("path"), max_length=500, unique=True, editable=False)
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first in menus.")
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive categories are hidden from the public.")
    )

    objects = CategoryQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return remembered_reverse("news:category", path=self.path)

    def _computed_path(self):
        prefix = f"{self.parent.path}/" if self.parent_id else ""
        return prefix + self.slug

    def clean(self):
        super().clean()
        self.slug = vietnamese_slug(self.slug or self.name, 120)
        if self.slug == "rss":
            # "<category URL>rss/" is the category's feed.
            raise ValidationError({"slug": _("“rss” is reserved for feeds; choose another slug.")})
        clash = Category.objects.filter(path=self._computed_path()).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"slug": _("Another category at this level has this slug.")})

    def save(self, *args, **kwargs):
        self.slug = vietnamese_slug(self.slug or self.name, 120)
        save_with_paths(self, *args, **kwargs)

    def trail(self):
        """This category and its ancestors, root first, in one query (prefixes of the path)."""
        parts = self.path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return Category.objects.filter(path__in=prefixes).order_by(Length("path"))

    def subtree(self):
        """This category and all its descendants, in one query."""
        return Category.objects.filter(Q(path=self.path) | Q(path__startswith=f"{self.path}/"))
