"""The editorial workflow of articles and pages: which move is allowed from which state, to whom,
and what it records.

Reporter writes and submits; editor returns it or forwards it for approval; a leader of the
station publishes (now or at a set time) or unpublishes. A change to a published article goes
the same way as a proposed change (news/proposals.py): sent for approval, returned, published or
discarded, while the public keeps the approved text. Every move runs in one transaction with
the row locked, writes a state change to the item's `transitions`, and saves through the model's
save() (so history and sanitising run). Admin buttons and any other caller use `apply()`; nothing
else changes `status`. A page (news/models/pages.py) has the same states, moves and roles, through
its own permissions (news.publish_page…); changes to a published page are a leader's correction
(proposed changes are the articles' only).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import notifications, proposals
from .models import ChangeStatus, ProposedChange, Status


@dataclass(frozen=True)
class Move:
    name: str
    label: str
    sources: frozenset
    target: str
    action: str  # the permission, for the item's model: "submit" is news.submit_article…
    comment_required: bool = False
    own_articles_only: bool = False
    on_change: bool = False  # a move of the article's proposed change, not of the article


# The state of a published article's change when none is open yet (saving opens one).
NO_CHANGE = ""
OPEN_CHANGE = frozenset(ChangeStatus.values)


MOVES = {
    move.name: move
    for move in [
        Move(
            "submit", gettext_lazy("Save and submit for review"),
            frozenset({Status.DRAFT, Status.RETURNED, Status.UNPUBLISHED}),
            Status.SUBMITTED, "submit", own_articles_only=True,
        ),
        Move(
            "return", gettext_lazy("Save and return to the author"),
            frozenset({Status.SUBMITTED, Status.PENDING_APPROVAL}),
            Status.RETURNED, "review", comment_required=True,
        ),
        Move(
            "forward", gettext_lazy("Save and forward for approval"),
            frozenset({Status.SUBMITTED}),
            Status.PENDING_APPROVAL, "review",
        ),
        Move(
            "publish", gettext_lazy("Save and publish"),
            # From a draft too: a leader may write and publish (their own work needs a reason).
            frozenset({Status.DRAFT, Status.SUBMITTED, Status.PENDING_APPROVAL, Status.UNPUBLISHED}),
            Status.PUBLISHED, "publish",
        ),
        Move(
            "unpublish", gettext_lazy("Save and unpublish"),
            frozenset({Status.PUBLISHED}),
            Status.UNPUBLISHED, "publish", comment_required=True,
        ),
        Move(
            "forward_change", gettext_lazy("Save the change and send it for approval"),
            frozenset({NO_CHANGE, ChangeStatus.DRAFT, ChangeStatus.RETURNED}),
            ChangeStatus.PENDING_APPROVAL, "review", on_change=True,
        ),
        Move(
            "return_change", gettext_lazy("Save and return the change"),
            frozenset({ChangeStatus.PENDING_APPROVAL}),
            ChangeStatus.RETURNED, "publish", comment_required=True, on_change=True,
        ),
        Move(
            "publish_change", gettext_lazy("Save and publish the change"),
            OPEN_CHANGE, NO_CHANGE, "publish", on_change=True,
        ),
        Move(
            "discard_change", gettext_lazy("Discard the change"),
            OPEN_CHANGE, NO_CHANGE, "review", comment_required=True,
            on_change=True,
        ),
    ]
}  # fmt: skip


def permission(item, action):
    """The permission for `action` ("submit", "review", "publish") on `item`'s model (an
    instance or the class): news.publish_article, news.publish_page…"""
    opts = item._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def change_state(article, user, change=None):
    """The state the change moves start from: the open change's, NO_CHANGE when `user`'s save
    would open one, None when change moves do not apply (not published, or a leader's direct
    correction)."""
    if article.pk is None or article.status != Status.PUBLISHED:
        return None
    change = change if change is not None else proposals.open_change(article)
    if change is not None:
        return change.status
    return NO_CHANGE if proposals.goes_to_change(article, user, change) else None


def _state(move, article, user):
    return change_state(article, user) if move.on_change else article.status


class TransitionNotAllowed(ValidationError):
    """The article is not in a state this move starts from (e.g. someone moved it first)."""


def may_write(user) -> bool:
    """Whether `user` writes articles at all (and so may upload images for them)."""
    return any(
        user.has_perm(f"news.{action}_{model}")
        for model in ("article", "page")
        for action in ("add", "change")
    )


def may_edit(item, user) -> bool:
    """Whether `user` (who has the admin's right to change articles or pages) may edit `item`
    now: editors and leaders any article; a reporter their own work while it is in a state they
    may submit from (a draft, a returned or an unpublished article), not once it is sent. A
    published page, which has no proposed changes, only a leader (a correction)."""
    if user.has_perm(permission(item, "review")):
        return (
            item.status != Status.PUBLISHED
            or proposals.supported(item)
            or user.has_perm(permission(item, "publish"))
        )
    return item.author_id == user.pk and item.status in MOVES["submit"].sources


def is_permitted(move: Move, item, user) -> bool:
    if not user.has_perm(permission(item, move.action)):
        return False
    if move.own_articles_only and item.author_id != user.pk:
        # Editors and leaders may submit on behalf of others; a reporter only their own work.
        return user.has_perm(permission(item, "review"))
    return True


def available_moves(article, user) -> list[Move]:
    """The moves this user may make on this article now: the admin shows exactly these."""
    changing = change_state(article, user)
    return [
        move
        for move in MOVES.values()
        if (changing if move.on_change else article.status) in move.sources
        and is_permitted(move, article, user)
    ]


def check(move: Move, article, user, comment: str) -> None:
    """Raise TransitionNotAllowed if `article` is no longer in a state `move` starts from, or
    ValidationError (code "comment_required") if the step needs a reason and has none.
    The admin form runs this before saving anything; apply() runs it again under the lock."""
    if _state(move, article, user) not in move.sources:
        raise TransitionNotAllowed(
            _("This %(item)s is now “%(status)s”; that step is no longer possible.")
            % {"status": state_label(article), **named(article)},
            code="stale_state",
        )
    if comment.strip():
        return
    if move.comment_required:
        raise ValidationError(_("Please give a reason for this step."), code="comment_required")
    if move.name == "publish" and article.author_id == user.pk:
        raise ValidationError(
            _("You are approving your own %(item)s: write why it is published anyway.")
            % named(article),
            code="comment_required",
        )


def named(item):
    """How messages name `item` (an instance or its model): "bài", "trang", "chương trình", the
    model's MESSAGE_NAME."""
    return {"item": str(item.MESSAGE_NAME)}


def state_label(article):
    change = proposals.open_change(article)
    label = article.get_status_display()
    return f"{label}, {change.get_status_display().lower()}" if change else label


def check_correction(article, user, comment, changed):
    """A leader's direct correction of a live article (`changed`: the save changes something)
    needs a reason: ValidationError (code "reason_required") without one."""
    if (
        changed
        and not comment.strip()
        and article.status == Status.PUBLISHED
        and not proposals.goes_to_change(article, user)
    ):
        raise ValidationError(
            _(
                "This %(item)s is public: write why you correct it (the timeline shows it), or "
                "write nothing and leave the text as it was."
            )
            % named(article),
            code="reason_required",
        )


def record_correction(article, user, comment):
    article.transitions.create(
        name="correct",
        from_status=article.status,
        to_status=article.status,
        actor=user,
        comment=comment.strip(),
    )


def apply(article, name: str, user, *, comment: str = "", publish_at=None, now=None):
    """Make move `name` on `article` (or a page) as `user`; return the updated article.

    Raises PermissionDenied if the user may not, TransitionNotAllowed if the article is no longer
    in a state the move starts from, ValidationError if a required comment or reason is missing.
    """
    move = MOVES[name]
    now = now or timezone.now()
    comment = comment.strip()
    with transaction.atomic():
        # The row lock makes concurrent moves queue; the second one sees the new state and fails.
        locked = type(article)._default_manager.select_for_update().get(pk=article.pk)
        if not is_permitted(move, locked, user):
            raise PermissionDenied(_("You may not do this to this %(item)s.") % named(locked))
        check(move, locked, user, comment)
        if move.on_change:
            return _apply_to_change(locked, move, user, comment)
        if (
            name == "unpublish"
            and proposals.supported(locked)
            and (
                change := ProposedChange.objects.select_for_update().filter(article=locked).first()
            )
        ):
            # Off the site, the text is kept as it stands, as for any unpublished article: the
            # open change becomes the article's text (never seen by the public: it is taken off
            # in the same transaction), so nothing of it is lost and nothing stays pending.
            proposals.publish(locked, change, user)
        from_status = locked.status
        locked.status = move.target
        if name == "publish":
            locked.published_at = publish_at or now
            # A scheduled article's author is told when it is public, not now.
            locked.announced = not (locked.published_at > now and locked.author_id != user.pk)
        locked.save()
        locked.transitions.create(
            name=name,
            from_status=from_status,
            to_status=move.target,
            actor=user,
            comment=comment,
            publish_at=locked.published_at if name == "publish" else None,
        )
        # robust: the move is saved; a mail server that is down must not turn it into an error.
        transaction.on_commit(
            lambda: notifications.after_move(locked, name, user, comment), robust=True
        )
    return locked


def _apply_to_change(article, move, user, comment):
    """A change move on `article` (locked): the article's state stays; the timeline says."""
    change = ProposedChange.objects.select_for_update().get(article=article)
    proposer = change.author
    if move.name == "publish_change":
        proposals.publish(article, change, user)
    elif move.name == "discard_change":
        change.delete()
    else:
        proposals.move(change, move.target)
    article.transitions.create(
        name=move.name,
        from_status=article.status,
        to_status=article.status,
        actor=user,
        comment=comment,
    )
    transaction.on_commit(
        lambda: notifications.after_change_move(article, move.name, user, comment, proposer),
        robust=True,
    )
    return article
