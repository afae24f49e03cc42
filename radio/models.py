"""The station's radio programmes and their broadcasts, each with its audio file. A broadcast is
written and published by the same rules as an article (news/workflow.py)."""

import secrets

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from PIL import Image, ImageOps
from simple_history.models import HistoricalRecords

from news.images import generated_name, validate_image
from news.models import vietnamese_slug
from news.models.articles import Publishable, PublishableQuerySet, StateChange, Status
from news.renditions import decode, jpeg
from news.search import CONFIG, as_text

from .audio import read_audio


class Programme(models.Model):
    """A programme the station broadcasts again and again ("Chương trình phát thanh")."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Part of the web address. Left empty, it is made from the name."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = vietnamese_slug(self.slug or self.name, 120) or "chuong-trinh"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("radio:programme", kwargs={"programme": self.slug})


class BroadcastQuerySet(PublishableQuerySet):
    def for_titles(self):
        return super().for_titles().select_related("programme")

    def matching(self, text):
        """Those whose summary or transcript holds the words of `text`, accents ignored (the
        articles' search configuration, news/search.py), newest first."""
        query = SearchQuery(as_text(text), search_type="websearch", config=CONFIG)
        return self.filter(search_vector=query).order_by("-aired_at", "-pk")


def audio_path(broadcast, filename):
    # Named by the programme, the number and the format read from the contents (never the
    # uploaded name), with a random part: nginx serves every file under /media/, and a draft's
    # or a scheduled broadcast's audio must not be found by guessing its name before it is
    # public. radio/2026/11/thoi-su-so-45-3f9a0c1d2b7e.mp3.
    extension = getattr(broadcast, "_audio_extension", None) or filename.rsplit(".", 1)[-1]
    day = timezone.localtime(broadcast.aired_at or timezone.now())
    slug = f"{broadcast.programme.slug}-so-{broadcast.number}"
    return f"radio/{day:%Y/%m}/{slug}-{secrets.token_hex(6)}.{extension}"


def cover_path(broadcast, filename):
    return generated_name("radio/covers", "cover.jpg")


COVER_SIZE = 640  # square, in pixels: the page shows it at 320 CSS pixels


class Broadcast(Publishable):
    MESSAGE_NAME = pgettext_lazy("in a message", "broadcast")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="broadcasts", verbose_name=_("programme")
    )
    number = models.PositiveIntegerField(_("number"))
    aired_at = models.DateTimeField(_("broadcast time"), help_text=_("When it went on air."))
    audio = models.FileField(_("audio file"), upload_to=audio_path, max_length=300)
    # Read from the file when it is uploaded (radio/audio.py): the player, the feed and the page
    # show them without opening the file.
    audio_type = models.CharField(max_length=30, editable=False, default="audio/mpeg")
    audio_size = models.PositiveBigIntegerField(default=0, editable=False)
    duration = models.FloatField(_("duration (seconds)"), default=0, editable=False)
    bitrate = models.PositiveIntegerField(default=0, editable=False)
    summary = models.TextField(
        _("summary"), help_text=_("The items of the broadcast, one per line.")
    )
    transcript = models.TextField(_("transcript"), blank=True)
    # Stored as the portal re-encodes it (no metadata such as a position), never as sent.
    cover = models.ImageField(
        _("cover"), upload_to=cover_path, blank=True, validators=[validate_image]
    )
    # The summary (A) and the transcript (B) for search, refreshed on every save.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = BroadcastQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("broadcast revision"), excluded_fields=["announced", "search_vector"]
    )

    class Meta:
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")
        ordering = ["-aired_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="broadcast_number_per_programme",
                violation_error_message=_(
                    "This programme already has a broadcast with this number."
                ),
            )
        ]
        indexes = [
            models.Index(
                fields=["-aired_at", "-id"],
                condition=models.Q(status=Status.PUBLISHED),
                name="broadcast_published_idx",
            ),
            GinIndex(fields=["search_vector"], name="broadcast_search_idx"),
        ]
        permissions = [
            ("submit_broadcast", _("Can submit broadcasts for review")),
            ("review_broadcast", _("Can review broadcasts (return or forward)")),
            ("publish_broadcast", _("Can approve, publish and unpublish broadcasts")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.cover and not self.cover._committed:
            self.cover = cleaned_cover(self.cover)
        super().save(*args, **kwargs)
        Broadcast.objects.filter(pk=self.pk).update(
            search_vector=SearchVector("summary", weight="A", config=CONFIG)
            + SearchVector("transcript", weight="B", config=CONFIG)
        )

    def get_absolute_url(self):
        return reverse(
            "radio:broadcast",
            kwargs={"programme": self.programme.slug, "number": self.number, "pk": self.pk},
        )

    @property
    def title(self):
        # "Chương trình phát thanh số 45 ngày 29/11/2026"
        return _("%(programme)s no. %(number)s of %(day)s") % {
            "programme": self.programme.name,
            "number": self.number,
            "day": f"{timezone.localtime(self.aired_at):%d/%m/%Y}" if self.aired_at else "",
        }

    def take_audio(self, upload):
        """Make `upload` this broadcast's audio, with what its contents say it is
        (radio/audio.py); ValidationError if it is no MP3 or M4A audio or too large."""
        info = read_audio(upload)
        self._audio_extension = info.extension
        self.audio = upload
        self.audio_type, self.audio_size = info.content_type, upload.size
        self.duration, self.bitrate = info.duration, info.bitrate

    def items(self):
        """The summary's items, one per line."""
        return [line.strip() for line in self.summary.splitlines() if line.strip()]

    def duration_text(self):
        minutes, seconds = divmod(round(self.duration), 60)
        return f"{minutes}:{seconds:02d}"


def cleaned_cover(upload):
    """The cover as the public gets it: upright, square, JPEG, without the upload's metadata."""
    pixels = decode(upload).pixels.convert("RGB")
    square = ImageOps.fit(pixels, (COVER_SIZE, COVER_SIZE), Image.Resampling.LANCZOS)
    return ContentFile(jpeg(square), name="cover.jpg")


class BroadcastTransition(StateChange):
    """One move of a broadcast between editorial states (news/workflow.py writes them)."""

    broadcast = models.ForeignKey(
        Broadcast, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("broadcast")
    )

    class Meta(StateChange.Meta):
        verbose_name = _("broadcast state change")
        verbose_name_plural = _("broadcast state changes")
