"""Links that show an unpublished article to someone without an account."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import Article


def preview_token():
    return secrets.token_urlsafe(24)


def preview_expiry():
    return timezone.now() + timezone.timedelta(hours=48)


class PreviewLink(models.Model):
    """A link that shows an unpublished article to someone without an account, until it expires."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links", verbose_name=_("article")
    )
    token = models.CharField(max_length=64, unique=True, default=preview_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=preview_expiry)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        ordering = ["-created_at"]

    def __str__(self):
        return self.token

    def get_absolute_url(self):
        return reverse("news:shared_preview", kwargs={"token": self.token})

    def is_valid(self, now=None):
        return self.revoked_at is None and (now or timezone.now()) < self.expires_at
