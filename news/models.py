import secrets

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q, Value
from django.db.models.functions import Concat, Length
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field
from simple_history.models import HistoricalRecords
from slugify import slugify
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from . import renditions as photo_renditions
from .images import photo_upload_to, validate_image
from .sanitize import clean_html
from .search import reindex as reindex_search


def vietnamese_slug(text: str, max_length: int = 200) -> str:
    """ASCII slug that transliterates Vietnamese: "Đài Kim Bảng" -> "dai-kim-bang"."""
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
        return reverse("news:category", kwargs={"path": self.path})

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

    @transaction.atomic
    def save(self, *args, **kwargs):
        self.slug = vietnamese_slug(self.slug or self.name, 120)
        old_path = self.path
        self.path = self._computed_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # Renamed or moved: the descendants' URLs change with it. The recursive CTE lists
            # them parents first, so each parent's new path is known before its children.
            paths = {self.pk: self.path}
            for child in self.descendants().order_by("tree_depth"):
                paths[child.pk] = f"{paths[child.parent_id]}/{child.slug}"
                Category.objects.filter(pk=child.pk).update(path=paths[child.pk])

    def trail(self):
        """This category and its ancestors, root first, in one query (prefixes of the path)."""
        parts = self.path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return Category.objects.filter(path__in=prefixes).order_by(Length("path"))

    def subtree(self):
        """This category and all its descendants, in one query."""
        return Category.objects.filter(Q(path=self.path) | Q(path__startswith=f"{self.path}/"))


class Status(models.TextChoices):
    """Editorial states; news/workflow.py holds the moves between them."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned to author")
    PENDING_APPROVAL = "pending_approval", _("Awaiting approval")
    # Published with a future time is "scheduled": published() hides it until then.
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: the only definition, used by every public page."""
        return self.filter(
            ~hidden_at_or_above(OuterRef("category__path")),
            status=Status.PUBLISHED,
            published_at__lte=now or timezone.now(),
        )


class Article(models.Model):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        blank=True,
        help_text=_("Part of the web address. Left empty, it is made from the title."),
    )
    lead = models.TextField(
        _("lead"), help_text=_("One or two sentences shown in bold under the title and in lists.")
    )
    body = CKEditor5Field(_("body"), config_name="article", blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category")
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_('Shown at the end of the article, e.g. "Đài Kim Bảng".'),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Left empty when publishing, it is set to now. A future time schedules it."),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown at the top of the home page.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Bumped on every save; an edit form carries the version it started from, so a save over
    # someone else's newer save is refused instead of silently overwriting it.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Title, lead and body for full-text search (news/search.py), refreshed on every save.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("article revision"), excluded_fields=["search_vector"]
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(fields=["category", "-published_at"], name="article_category_idx"),
            GinIndex(fields=["search_vector"], name="article_search_idx"),
        ]
        permissions = [
            ("submit_article", _("Can submit articles for review")),
            ("review_article", _("Can review articles (return or forward)")),
            ("publish_article", _("Can approve, publish and unpublish articles")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Typed slugs are normalised too: the URL pattern admits only [-a-z0-9].
        self.slug = vietnamese_slug(self.slug or self.title) or "bai-viet"
        self.body = clean_html(self.body)
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.pk is not None:
            self.version += 1
        super().save(*args, **kwargs)
        reindex_search(Article.objects.filter(pk=self.pk))

    def get_absolute_url(self):
        return reverse("news:article", kwargs={"slug": self.slug, "pk": self.pk})

    def is_scheduled(self, now=None):
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > (now or timezone.now())
        )

    def is_published(self, now=None):
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= (now or timezone.now())
        )


class Photo(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="photos", verbose_name=_("article")
    )
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
            models.CheckConstraint(
                condition=Q(is_decorative=True) | ~Q(alt_text=""), name="photo_alt_text_required"
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

    @classmethod
    def from_db(cls, db, field_names, values):
        photo = super().from_db(db, field_names, values)
        if "image" not in photo.get_deferred_fields():
            photo._saved_image_name = photo.image.name
        return photo

    def has_new_image(self):
        if "image" in self.get_deferred_fields():
            return False
        return not self.image._committed or self.image.name != self._saved_image_name

    # What templates draw: a <picture> of the renditions (news/renditions.py). Photos saved
    # before renditions existed fall back to the original until `make_renditions` runs.

    @property
    def srcset_webp(self):
        return self._srcset("webp")

    @property
    def srcset_jpeg(self):
        return self._srcset("jpeg")

    @property
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


class Transition(models.Model):
    """One move of an article between editorial states: the audit trail (written by workflow.py)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("article")
    )
    name = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    comment = models.TextField(_("comment"), blank=True)
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.article_id}: {self.from_status} → {self.to_status}"


class ViewCount(models.Model):
    """How many times an article was read. Kept off the article row, and written in batches
    (news/view_counts.py), so that reading never locks or rewrites the article itself."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="view_count"
    )
    count = models.PositiveBigIntegerField(_("views"), default=0, db_index=True)

    class Meta:
        verbose_name = _("view count")
        verbose_name_plural = _("view counts")

    def __str__(self):
        return f"{self.article_id}: {self.count}"


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


class SiteSettings(models.Model):
    """The portal's identity: one row, edited in the admin. Templates never name a district."""

    portal_name = models.CharField(
        _("portal name"), max_length=200, default="Cổng thông tin điện tử"
    )
    station_name = models.CharField(_("station name"), max_length=200, blank=True)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    responsible_body = models.CharField(
        _("responsible body"),
        max_length=300,
        blank=True,
        help_text=_("The body responsible for the content, shown in the footer."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="site/", blank=True, validators=[validate_image])
    # The logo as pages show it (header, favicon): 128 px, made when the logo changes, so that
    # phones never download the uploaded original for a 48 px picture.
    logo_small = models.ImageField(upload_to="site/", blank=True, editable=False)
    licence = models.CharField(
        _("content licence"),
        max_length=300,
        blank=True,
        help_text=_("A line on reuse of the content, shown in the footer."),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return self.portal_name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        small_name = self._small_logo_name()
        if self.logo_small.name != small_name:
            if self.logo_small:
                photo_renditions.delete_after_commit(
                    [self.logo_small.name], self.logo_small.storage
                )
            self.logo_small = (
                photo_renditions.small_logo(self.logo, small_name) if self.logo else ""
            )
            super().save(update_fields=["logo_small"])

    def _small_logo_name(self):
        # Named after the logo it was made from: a new logo means a new small copy.
        return f"{self.logo.name.rsplit('.', 1)[0]}-128.png" if self.logo else ""

    @classmethod
    def load(cls):
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj
