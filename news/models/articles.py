"""Articles, their editorial states and state changes, and their view counts."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_ckeditor_5.fields import CKEditor5Field
from simple_history.models import HistoricalRecords

from ..addresses import remembered_reverse
from ..sanitize import clean_html
from ..search import reindex as reindex_search
from .categories import Category, vietnamese_slug


class Status(models.TextChoices):
    """Editorial states; news/workflow.py holds the moves between them."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned to author")
    PENDING_APPROVAL = "pending_approval", _("Awaiting approval")
    # Published with a future time is "scheduled": published() hides it until then.
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


# Columns only PostgreSQL reads (search, news/search.py): several kilobytes an article that
# Python would parse for nothing, so pages leave them out (`for_pages()`).
SEARCH_COLUMNS = ("search_vector", "search_pairs")


class PublishableQuerySet(models.QuerySet):
    def for_titles(self):
        """With what a list of them shows: the author, and what str() needs (a broadcast is
        named by its programme)."""
        return self.select_related("author")

    def published(self, now=None):
        """Public now: published, at a time that has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=now or timezone.now())

    def scheduled(self, now=None):
        """Approved for a later time: published() shows them when that time comes."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=now or timezone.now())


class ArticleQuerySet(PublishableQuerySet):
    def for_pages(self, *more_deferred):
        """Without the search columns (and `more_deferred`, e.g. "body" for lists)."""
        return self.defer(*SEARCH_COLUMNS, *more_deferred)

    def published(self, now=None, categories=None):
        """What the public may see: the only definition, used by every public page.

        `categories`: the ids of the categories the public may see, when the caller has them
        at hand (the cached tree of news/navigation.py); otherwise a subquery finds them.
        """
        return (
            super()
            .published(now)
            .filter(
                category__in=Category.objects.active() if categories is None else categories,
            )
        )


class Publishable(models.Model):
    """What every item of the editorial workflow (news/workflow.py) has: articles, pages, radio
    broadcasts. Its state changes only through the workflow's moves."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Published with a future time is "scheduled": published() hides it until then.
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Bumped on every save; an edit form carries the version it started from, so a save over
    # someone else's newer save is refused instead of silently overwriting it.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Whether the author was told it is public: at once when published now, at its time when
    # scheduled (news/notifications.py, announce_due).
    announced = models.BooleanField(default=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.pk is not None:
            self.version += 1
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        item = super().from_db(db, field_names, values)
        item._loaded_status = item.__dict__.get("status")
        return item

    @property
    def was_public(self):
        """Published when last read from or written to the database: unpublishing it, or
        editing it, changes what the public sees."""
        return getattr(self, "_loaded_status", None) == Status.PUBLISHED

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


class Article(Publishable):
    # How workflow messages name an article ("bài": news/workflow.py, named).
    MESSAGE_NAME = pgettext_lazy("in a message", "article")

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
    # Title, lead and body for full-text search (news/search.py), refreshed on every save.
    search_vector = SearchVectorField(null=True, editable=False)
    # Each pair of neighbouring words of the search vector ("trong dong", "dong ngoc"): a quoted
    # phrase is first looked up by its pairs in this column's index, so PostgreSQL checks the
    # phrase only in the few articles holding all of them (news/search.py, migration 0015).
    search_pairs = models.GeneratedField(
        expression=models.Func(
            "search_vector", function="news_syllable_pairs", output_field=SearchVectorField()
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("article revision"),
        excluded_fields=["search_vector", "search_pairs", "announced"],
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        # Public lists read published articles newest first: the partial indexes below hold
        # only those, in that order, so a page reads its own rows and no others.
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            # The few scheduled articles whose authors are still to be told.
            models.Index(
                fields=["published_at"],
                condition=Q(status=Status.PUBLISHED, announced=False),
                name="article_unannounced_idx",
            ),
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status=Status.PUBLISHED),
                name="article_published_idx",
            ),
            models.Index(
                fields=["category", "-published_at", "-id"],
                condition=Q(status=Status.PUBLISHED),
                name="article_category_idx",
            ),
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status=Status.PUBLISHED, is_featured=True),
                name="article_featured_idx",
            ),
            GinIndex(fields=["search_vector"], name="article_search_idx"),
            GinIndex(fields=["search_pairs"], name="article_search_pairs_idx"),
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
        # One transaction: the content version moves on when it commits, after the search
        # terms are learnt (corrections read them per version).
        with transaction.atomic():
            super().save(*args, **kwargs)
            reindex_search(Article.objects.filter(pk=self.pk))

    def get_absolute_url(self):
        return remembered_reverse("news:article", slug=self.slug, pk=self.pk)

    def lead_photo(self):
        """The first photo, taken from the prefetched photos on list pages (no query there)."""
        photos = list(self.photos.all())
        return photos[0] if photos else None


class StateChange(models.Model):
    """One move of an article or a page between editorial states: the audit trail (written by
    news/workflow.py)."""

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
        abstract = True
        ordering = ["created_at", "pk"]

    # What each move did, as the timeline says it (news/workflow.py makes them).
    ACTIONS = {
        "submit": _("Submitted for review"),
        "return": _("Returned to the author"),
        "forward": _("Forwarded for approval"),
        "publish": _("Published"),
        "unpublish": _("Unpublished"),
        "correct": _("Corrected while public"),
        "forward_change": _("Change sent for approval"),
        "return_change": _("Change returned"),
        "publish_change": _("Change published"),
        "discard_change": _("Change discarded"),
    }

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"

    @property
    def action(self):
        return self.ACTIONS.get(self.name, self.name)


class Transition(StateChange):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("article")
    )

    class Meta(StateChange.Meta):
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")


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
