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

from .models import Article, Status, Transition

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


def sections_for(user):
    """The desk's lists for `user`, in the order they should be read."""
    sections = []
    own = Article.objects.filter(author=user)
    if user.has_perm("news.submit_article"):
        last_return = Transition.objects.filter(article=OuterRef("pk"), name="return").order_by(
            "-created_at", "-pk"
        )
        returned = (
            own.filter(status=Status.RETURNED)
            .annotate(
                return_comment=Subquery(last_return.values("comment")[:1]),
                returned_at=Subquery(last_return.values("created_at")[:1]),
            )
            .order_by("-updated_at", "-pk")
        )
        sections.append(
            _fill(
                Section(
                    "returned",
                    _("Returned to you"),
                    _("No article returned to you."),
                    filters={"status__exact": Status.RETURNED, "author__id__exact": user.pk},
                ),
                returned,
            )
        )
        sections.append(
            _fill(
                Section(
                    "drafts",
                    _("Your drafts"),
                    _("No draft."),
                    filters={"status__exact": Status.DRAFT, "author__id__exact": user.pk},
                ),
                own.filter(status=Status.DRAFT).order_by("-updated_at", "-pk"),
            )
        )
        sections.append(
            _fill(
                Section(
                    "sent",
                    _("Sent, under review"),
                    _("Nothing under review."),
                    filters={
                        "status__in": f"{Status.SUBMITTED},{Status.PENDING_APPROVAL}",
                        "author__id__exact": user.pk,
                    },
                ),
                own.filter(status__in=[Status.SUBMITTED, Status.PENDING_APPROVAL]).order_by(
                    "-updated_at", "-pk"
                ),
            )
        )
    if user.has_perm("news.review_article"):
        sections.append(
            _fill(
                Section(
                    "review",
                    _("Waiting for an editor"),
                    _("No article waits for review."),
                    filters={"queue": "review"},
                ),
                Article.objects.filter(status=Status.SUBMITTED).order_by("updated_at", "pk"),
            )
        )
    if user.has_perm("news.publish_article"):
        sections.append(
            _fill(
                Section(
                    "approval",
                    _("Waiting for your approval"),
                    _("No article waits for approval."),
                    filters={"queue": "approval"},
                ),
                Article.objects.filter(status=Status.PENDING_APPROVAL).order_by("updated_at", "pk"),
            )
        )
        sections.append(
            _fill(
                Section(
                    "scheduled",
                    _("Scheduled"),
                    _("No article is scheduled."),
                    filters={"queue": "scheduled"},
                ),
                Article.objects.scheduled().order_by("published_at", "pk"),
            )
        )
    return sections
