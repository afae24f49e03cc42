"""Pages of the portal that are not news: "Giới thiệu" › "Lịch sử", "Liên hệ", an English
introduction. A small tree, each page at the address of its slugs (/gioi-thieu/lich-su/),
written and published by the same rules as articles (news/workflow.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_ckeditor_5.fields import CKEditor5Field
from simple_history.models import HistoricalRecords
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from ..sanitize import clean_html
from .articles import Publishable, PublishableQuerySet, StateChange
from .categories import save_with_paths, vietnamese_slug


class PageQuerySet(PublishableQuerySet, TreeQuerySet):
    """published(): not counting their ancestors (news/page_tree.py hides a page whose parent
    is not public)."""


class Page(Publishable, TreeNode):
    MESSAGE_NAME = pgettext_lazy("in a message", "page")

    class Language(models.TextChoices):
        VIETNAMESE = "vi", "Tiếng Việt"
        ENGLISH = "en", "English"

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        blank=True,
        help_text=_("Part of the web address. Left empty, it is made from the title."),
    )
    # The slugs of the ancestors and this page joined by "/": the page's address.
    path = models.CharField(_("address"), max_length=500, unique=True, editable=False)
    lead = models.TextField(
        _("summary"), blank=True, help_text=_("Shown under the title and in lists of pages.")
    )
    body = CKEditor5Field(_("body"), config_name="page", blank=True)
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=Language.choices,
        default=Language.VIETNAMESE,
        help_text=_("The language the page is written in (read aloud and indexed as such)."),
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first among its sibling pages.")
    )
    objects = PageQuerySet.as_manager(with_tree_fields=False)
    history = HistoricalRecords(verbose_name=_("page revision"), excluded_fields=["announced"])

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["order", "title"]
        permissions = [
            ("submit_page", _("Can submit pages for review")),
            ("review_page", _("Can review pages (return or forward)")),
            ("publish_page", _("Can approve, publish and unpublish pages")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/{self.path}/"

    def clean(self):
        super().clean()
        self.slug = vietnamese_slug(self.slug or self.title, 120)
        if not self.slug:
            raise ValidationError({"slug": _("Write a slug: the title has no letters for one.")})
        if self.parent_id is None and self.slug in reserved_addresses():
            raise ValidationError(
                {"slug": _("“%(slug)s” is an address of the portal; choose another slug.")
                 % {"slug": self.slug}}
            )  # fmt: skip
        prefix = f"{self.parent.path}/" if self.parent_id else ""
        if Page.objects.filter(path=prefix + self.slug).exclude(pk=self.pk).exists():
            raise ValidationError({"slug": _("Another page at this level has this slug.")})

    def save(self, *args, **kwargs):
        self.slug = vietnamese_slug(self.slug or self.title, 120) or "trang"
        self.body = clean_html(self.body)
        save_with_paths(self, *args, **kwargs)  # through Publishable.save


def reserved_addresses():
    """The first parts of the portal's own addresses ("tin-tuc", "chuyen-muc", "rss", the
    admin's…): a top-level page with one of these slugs could never be reached."""
    from django.urls import get_resolver

    def first_part(pattern):
        return str(pattern.pattern).lstrip("^").split("/", 1)[0].removesuffix("$")

    reserved = set()
    for pattern in get_resolver().url_patterns:
        included = getattr(pattern, "url_patterns", None)
        if included is not None and not first_part(pattern):  # included at the root
            reserved.update(first_part(inner) for inner in included)
        else:
            reserved.add(first_part(pattern))
    # Answered before the URL patterns: static files (whitenoise, nginx), uploads, health.
    reserved |= {
        settings.STATIC_URL.strip("/").split("/")[0],
        settings.MEDIA_URL.strip("/").split("/")[0],
        "healthz",
    }
    # Not the page pattern itself, nor other patterns that start with a variable part.
    return {part for part in reserved if part and not set("(<[") & set(part)}


class PageTransition(StateChange):
    """One move of a page between editorial states (news/workflow.py writes them)."""

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("page")
    )

    class Meta(StateChange.Meta):
        verbose_name = _("page state change")
        verbose_name_plural = _("page state changes")
