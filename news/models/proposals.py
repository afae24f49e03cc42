"""Changes to a published article waiting for approval: the public keeps reading the approved
article until a leader publishes them (news/proposals.py applies them)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .articles import Article
from .categories import Category


class ChangeStatus(models.TextChoices):
    DRAFT = "draft", _("Change in progress")
    PENDING_APPROVAL = "pending_approval", _("Change awaiting approval")
    RETURNED = "returned", _("Change returned")


class ProposedChange(models.Model):
    """The text of a published article as someone without the right to publish wants it: its
    fields, and the photos' texts by photo id. One open change per article; every save of it
    is kept in its history, so nothing written is lost."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="proposal", verbose_name=_("article")
    )
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, blank=True)
    lead = models.TextField(_("lead"))
    body = models.TextField(_("body"), blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    # {photo id: {"caption": …, "alt_text": …, "is_decorative": …, "credit": …, "order": …}}
    photo_texts = models.JSONField(_("photo texts"), default=dict, blank=True)
    # Ids of the article's photos the change deletes (when it is published).
    removed_photos = models.JSONField(_("photos removed"), default=list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    status = models.CharField(
        _("state"), max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.DRAFT
    )
    # Bumped on every save: an edit form started from an older one is refused, not overwritten.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(verbose_name=_("proposed change revision"))

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")

    def __str__(self):
        return self.title
