"""Each person's desk: the admin home page lists the work waiting for them, by role.

A reporter sees their returned articles first (with the comment that returned them), then their
drafts and what they sent that is still under review; an editor the articles waiting for review;
a leader the articles waiting for approval and the scheduled ones with their times. Each list
shows its count and its newest rows, each one click from its article, and links to the whole
list. A few queries a person, whatever the number of articles.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, OuterRef, Subquery, Window
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import publishable
from .models import Article, ChangeStatus, Status, Transition

ROWS = 8


@dataclass
class Section:
    key: str
    title: str
    empty: str
    rows: list = field(default_factory=list)
    count: int = 0
    filters: dict = field(default_factory=dict)

    @property
    def more_url(self):
        url = reverse("admin:news_article_changelist")
        return f"{url}?{urlencode(self.filters)}" if self.filters else url


def _fill(section, articles):
    articles = articles.select_related("category", "author").only(
        "pk",
        "title",
        "status",
        "published_at",
        "updated_at",
        "category__name",
        "author__username",
        "author__first_name",
        "author__last_name",
    )
    # The count over the whole list comes with its first rows: one query a list.
    section.rows = list(articles.annotate(total=Window(Count("pk")))[:ROWS])
    section.count = section.rows[0].total if section.rows else 0
    return section


def _lists(user):
    """(permission, key, title, when empty, changelist filters, articles) of every list."""
    own = Article.objects.filter(author=user)
    mine = {"author__id__exact": user.pk}
    last_return = Transition.objects.filter(article=OuterRef("pk"), name="return").order_by(
        "-created_at", "-pk"
    )
    sent = [Status.SUBMITTED, Status.PENDING_APPROVAL]
    return [
        (
            "news.submit_article", "returned", _("Returned to you"),
            _("No article returned to you."), {"status__exact": Status.RETURNED, **mine},
            own.filter(status=Status.RETURNED)
            .annotate(return_comment=Subquery(last_return.values("comment")[:1]))
            .order_by("-updated_at", "-pk"),
        ),
        (
            "news.submit_article", "drafts", _("Your drafts"), _("No draft."),
            {"status__exact": Status.DRAFT, **mine},
            own.filter(status=Status.DRAFT).order_by("-updated_at", "-pk"),
        ),
        (
            "news.submit_article", "sent", _("Sent, under review"), _("Nothing under review."),
            {"status__in": ",".join(sent), **mine},
            own.filter(status__in=sent).order_by("-updated_at", "-pk"),
        ),
        (
            "news.review_article", "own_changes", _("Your changes to published articles"),
            _("No change of yours is open."), {"queue": "own_changes"},
            Article.objects.filter(
                proposal__author=user,
                proposal__status__in=[ChangeStatus.DRAFT, ChangeStatus.RETURNED],
            ).order_by("-proposal__updated_at", "pk"),
        ),
        (
            "news.review_article", "review", _("Waiting for an editor"),
            _("No article waits for review."), {"queue": "review"},
            Article.objects.filter(status=Status.SUBMITTED).order_by("updated_at", "pk"),
        ),
        (
            "news.publish_article", "approval", _("Waiting for your approval"),
            _("No article waits for approval."), {"queue": "approval"},
            Article.objects.filter(status=Status.PENDING_APPROVAL).order_by("updated_at", "pk"),
        ),
        (
            "news.publish_article", "changes", _("Changes to published articles"),
            _("No change waits for approval."), {"queue": "changes"},
            Article.objects.filter(proposal__status=ChangeStatus.PENDING_APPROVAL)
            .order_by("proposal__updated_at", "pk"),
        ),
        (
            "news.publish_article", "scheduled", _("Scheduled"), _("No article is scheduled."),
            {"queue": "scheduled"},
            Article.objects.scheduled().order_by("published_at", "pk"),
        ),
    ]  # fmt: skip


@dataclass(frozen=True)
class OtherRow:
    """A page or a broadcast on the desk (they have no category: their kind is said instead)."""

    title: str
    url: str
    kind: str
    who: str
    updated_at: object


@dataclass
class OtherSection(Section):
    """Pages and broadcasts (news/publishable.py): one list for all kinds, no single admin list
    to see them all in."""

    more_url = ""


def _other_items(user, key):
    """(permission, title, when empty, filter) of the desk's lists of pages and broadcasts."""
    return {
        "other_returned": (
            "news.submit_page", _("Pages and broadcasts returned to you"),
            _("No page or broadcast returned to you."),
            {"status": Status.RETURNED, "author": user},
        ),
        "other_review": (
            "news.review_page", _("Pages and broadcasts waiting for an editor"),
            _("No page or broadcast waits for review."), {"status": Status.SUBMITTED},
        ),
        "other_approval": (
            "news.publish_page", _("Pages and broadcasts waiting for your approval"),
            _("No page or broadcast waits for approval."), {"status": Status.PENDING_APPROVAL},
        ),
    }[key]  # fmt: skip


def _fill_other(section, condition):
    for model in publishable.MODELS:
        if model is Article:
            continue
        opts = model._meta
        items = model.objects.filter(**condition).for_titles()
        items = list(items.annotate(total=Window(Count("pk"))).order_by("updated_at", "pk")[:ROWS])
        section.count += items[0].total if items else 0
        section.rows += [
            OtherRow(
                title=str(item),
                url=reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]),
                kind=str(opts.verbose_name),
                who=(item.author.get_full_name() or item.author.get_username())
                if item.author
                else "",
                updated_at=item.updated_at,
            )
            for item in items
        ]
    section.rows = sorted(section.rows, key=lambda row: row.updated_at)[:ROWS]
    return section


def sections_for(user):
    """The desk's lists for `user`, in the order they should be read."""
    sections = [
        _fill(Section(key, title, empty, filters=filters), articles)
        for permission, key, title, empty, filters, articles in _lists(user)
        if user.has_perm(permission)
    ]
    # Pages and broadcasts are few: their lists show only when something waits in them.
    for key in ("other_returned", "other_review", "other_approval"):
        permission, title, empty, condition = _other_items(user, key)
        if user.has_perm(permission):
            section = _fill_other(OtherSection(key, title, empty), condition)
            if section.count:
                sections.append(section)
    return sections
