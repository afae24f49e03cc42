"""Photos of an article, each with its caption, description and responsive copies."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import renditions as photo_renditions
from ..images import photo_upload_to, validate_image
from .articles import Article


class Photo(models.Model):
    # What a revision restores and a proposed change proposes: the texts and the place.
    TEXT_FIELDS = ["caption", "alt_text", "is_decorative", "credit", "order"]

    # None for a photo just uploaded from the body editor, until its article is saved with
    # it (news/body_photos.py); `uploaded_by` says whose it is until then.
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("article"),
        null=True,
        blank=True,
    )
    # Or the page whose body holds it (pages have no photo list: their photos are those placed
    # in the body, news/body_photos.py).
    page = models.ForeignKey(
        "news.Page",
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("page"),
        null=True,
        blank=True,
        editable=False,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, null=True)
    image = models.ImageField(
        _("image"),
        upload_to=photo_upload_to,
        width_field="width",
        height_field="height",
        validators=[validate_image],
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.CharField(
        _("caption"), max_length=500, help_text=_("Shown under the photo: what it shows.")
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("Read aloud to blind readers instead of the photo: describe what is seen."),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Tick only if the photo adds nothing to the text; then no alternative text is needed."
        ),
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True, help_text=_("Photographer."))
    order = models.PositiveIntegerField(_("order"), default=0)
    # Smaller copies made once when the photo is uploaded (news/renditions.py): the upright
    # picture's size and storage names by format and width, e.g.
    # {"size": [4000, 3000], "webp": {"480": "..."}, "jpeg": {...}, "og": "..."}.
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    history = HistoricalRecords(verbose_name=_("photo revision"), excluded_fields=["renditions"])

    # The image's name as last read from or written to the database: another name on save
    # means a new image (an upload, or a file stored through FieldFile.save()).
    _saved_image_name = None

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "pk"]
        constraints = [
            # A photo just uploaded from the body editor gets its text when its article (or
            # page) is saved (the form asks for it there).
            models.CheckConstraint(
                condition=Q(article__isnull=True, page__isnull=True)
                | Q(is_decorative=True)
                | ~Q(alt_text=""),
                name="photo_alt_text_required",
            ),
            models.CheckConstraint(
                condition=Q(article__isnull=True) | Q(page__isnull=True),
                name="photo_of_one_article_or_page",
            ),
        ]

    def __str__(self):
        return self.caption

    def save(self, *args, **kwargs):
        if self.has_new_image():
            # Once per upload, never on a page view: cleaned of metadata, copies made.
            photo_renditions.refresh(self)
            if kwargs.get("update_fields") is not None:
                changed = {"image", "width", "height", "renditions"}
                kwargs["update_fields"] = {*kwargs["update_fields"], *changed}
        super().save(*args, **kwargs)
        self._saved_image_name = self.image.name
        for name in ("srcset_webp", "srcset_jpeg", "fallback_url"):
            self.__dict__.pop(name, None)  # a new image has new copies

    @classmethod
    def from_db(cls, db, field_names, values):
        photo = super().from_db(db, field_names, values)
        if "image" not in photo.get_deferred_fields():
            photo._saved_image_name = photo.image.name
        return photo

    @property
    def stored_image_url(self):
        """The URL of the file saved for this photo ("" if none). Not `image.url`: a form that
        was refused has put its upload there, and that file was never stored."""
        return self.image.storage.url(self._saved_image_name) if self._saved_image_name else ""

    def has_new_image(self):
        if "image" in self.get_deferred_fields():
            return False
        return not self.image._committed or self.image.name != self._saved_image_name

    # What templates draw: a <picture> of the renditions (news/renditions.py). Photos saved
    # before renditions existed fall back to the original until `make_renditions` runs.
    # Computed once per photo: a card reads each of them twice ({% if %} then the value).

    @cached_property
    def srcset_webp(self):
        return self._srcset("webp")

    @cached_property
    def srcset_jpeg(self):
        return self._srcset("jpeg")

    @cached_property
    def fallback_url(self):
        """A middle-sized JPEG (the original for a photo without renditions)."""
        width = self._fallback_width()
        if width is None:
            return self.image.url
        return self.image.storage.url(self.renditions["jpeg"][str(width)])

    @property
    def fallback_width(self):
        return self._fallback_width() or self.width

    @property
    def fallback_height(self):
        width = self._fallback_width()
        if width is None:
            return self.height
        return photo_renditions.rendition_height(*self.renditions["size"], width)

    @property
    def og_image_url(self):
        """The 1200×630 copy for social networks' link previews; "" when there is none yet."""
        name = self.renditions.get("og")
        return self.image.storage.url(name) if name else ""

    @property
    def rendition_names(self):
        return photo_renditions.stored_names(self.renditions)

    def _srcset(self, image_format):
        by_width = self.renditions.get(image_format) or {}
        url = self.image.storage.url
        return ", ".join(
            f"{url(name)} {width}w"
            for width, name in sorted(by_width.items(), key=lambda item: int(item[0]))
        )

    def _fallback_width(self):
        widths = sorted(int(width) for width in self.renditions.get("jpeg", {}))
        if not widths:
            return None
        wide_enough = [w for w in widths if w >= photo_renditions.FALLBACK_WIDTH]
        return wide_enough[0] if wide_enough else widths[-1]

    def clean(self):
        super().clean()
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {
                    "alt_text": _(
                        "Describe the photo for readers who cannot see it, or mark it decorative."
                    )
                }
            )
