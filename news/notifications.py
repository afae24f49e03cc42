"""E-mails sent after editorial moves (Django's mail system; console backend in development)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import publishable, roles
from .dates import local_datetime
from .models import Status


def _admin_link(item):
    """The admin page of an article or a page."""
    opts = item._meta
    base = settings.SITE_URL.rstrip("/")
    return base + reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def _members(group):
    return get_user_model().objects.filter(is_active=True, groups__name=group).exclude(email="")


# Moves that hand an article to a group: who is told, the subject and the body of the e-mail.
HANDED_TO = {
    "submit": (
        roles.EDITOR,
        gettext_lazy("%(kind)s submitted for review: %(title)s"),
        gettext_lazy("%(actor)s submitted “%(title)s”.\n\nReview it: %(link)s"),
    ),
    "forward": (
        roles.PUBLISHER,
        gettext_lazy("%(kind)s waiting for your approval: %(title)s"),
        gettext_lazy(
            "%(actor)s reviewed “%(title)s” and forwards it for approval.\n\n%(comment)s"
            "\n\nApprove or return it: %(link)s"
        ),
    ),
    "forward_change": (
        roles.PUBLISHER,
        gettext_lazy("Change to a published article waiting for your approval: %(title)s"),
        gettext_lazy(
            "%(actor)s proposes a change to the published article “%(title)s”. Readers keep "
            "seeing the approved text until it is published.\n\n%(comment)s\n\n"
            "Compare, then publish or return it: %(link)s"
        ),
    ),
}

# What the person who proposed a change is told when it is decided: subject, body.
CHANGE_DECIDED = {
    "return_change": (
        gettext_lazy("Your change was returned: %(title)s"),
        gettext_lazy("%(actor)s returned your change to “%(title)s”:\n\n%(comment)s\n\n%(link)s"),
    ),
    "publish_change": (
        gettext_lazy("Your change is public: %(title)s"),
        gettext_lazy("%(actor)s published your change to “%(title)s”.\n\n%(comment)s\n\n%(link)s"),
    ),
    "discard_change": (
        gettext_lazy("Your change was discarded: %(title)s"),
        gettext_lazy(
            "%(actor)s discarded your change to “%(title)s”; readers keep the published text "
            "(its history keeps what you wrote):\n\n%(comment)s\n\n%(link)s"
        ),
    ),
}


def _kind(item):
    """What `item` is, to start a subject: "Bài viết", "Trang", "Buổi phát thanh"."""
    return capfirst(item._meta.verbose_name)


def _one_line(text):
    """A title as a mail subject can hold it: a line break there makes Django refuse the whole
    message (BadHeaderError), and the move's mail was silently never sent."""
    return " ".join(text.split())


def after_move(article, name, actor, comment):
    messages = []
    title = _one_line(article.title)
    link = _admin_link(article)
    if name in HANDED_TO:
        group, subject, body = HANDED_TO[name]
        values = {
            "actor": actor.get_full_name() or actor.get_username(),
            "title": article.title,
            "comment": comment,
            "link": link,
        }
        recipients = sorted({u.email for u in _members(group) if u.pk != actor.pk})
        if recipients:
            subject = str(subject) % {"title": title, "kind": _kind(article)}
            messages.append((subject, str(body) % values, None, recipients))
    elif name in ("return", "publish") and article.author and article.author.email:
        if article.author_id == actor.pk:
            return
        if name == "return":
            subject = _("%(kind)s returned to you: %(title)s") % {
                "title": title,
                "kind": _kind(article),
            }
            body = _("%(actor)s returned “%(title)s” to you:\n\n%(comment)s\n\n%(link)s")
        elif not article.announced:  # scheduled: "published" is said when it is public
            subject = _("%(kind)s scheduled: %(title)s") % {"title": title, "kind": _kind(article)}
            body = _(
                "%(actor)s scheduled “%(title)s” to be published at %(time)s. You will be told "
                "when it is public.\n\n%(comment)s\n\n%(link)s"
            )
        else:
            subject = _("%(kind)s published: %(title)s") % {"title": title, "kind": _kind(article)}
            body = _("%(actor)s published “%(title)s”.\n\n%(comment)s\n\n%(link)s")
        body %= {
            "actor": actor.get_full_name() or actor.get_username(),
            "title": article.title,
            "comment": comment,
            "link": link,
            "time": local_datetime(article.published_at),
        }
        messages.append((subject, body, None, [article.author.email]))
    if messages:
        send_mass_mail(messages, fail_silently=False)


def after_change_move(article, name, actor, comment, proposer):
    """E-mails after a move of `article`'s proposed change, made by `proposer`."""
    if name in HANDED_TO:
        after_move(article, name, actor, comment)
        return
    if name not in CHANGE_DECIDED or proposer is None or not proposer.email:
        return
    if proposer.pk == actor.pk:
        return
    subject, body = CHANGE_DECIDED[name]
    values = {
        "actor": actor.get_full_name() or actor.get_username(),
        "title": article.title,
        "comment": comment,
        "link": _admin_link(article),
    }
    send_mass_mail(
        [
            (
                str(subject) % {"title": _one_line(article.title)},
                str(body) % values,
                None,
                [proposer.email],
            )
        ],
        fail_silently=False,
    )


def announce_due(now=None):
    """Tell the authors of scheduled articles (and pages) whose time has come that they are
    public, each once, whichever process notices first (news/content_version.py calls this with
    the first request after the time: no timer to run). Returns how many were told."""
    now = now or timezone.now()
    messages = []
    for model in publishable.MODELS:
        messages += _announcements(model, now)
    if messages:
        send_mass_mail(messages, fail_silently=False)
    return len(messages)


def _announcements(model, now):
    due = model.objects.filter(status=Status.PUBLISHED, published_at__lte=now, announced=False)
    messages = []
    for article in due.select_related("author"):
        # Claimed in one UPDATE: two processes noticing together send one e-mail.
        if not model.objects.filter(pk=article.pk, announced=False).update(announced=True):
            continue
        if article.author and article.author.email:
            title = _one_line(article.title)
            subject = _("%(kind)s published: %(title)s") % {"title": title, "kind": _kind(article)}
            body = _("“%(title)s” is now on the portal (%(time)s).\n\n%(link)s") % {
                "title": article.title,
                "time": local_datetime(article.published_at),
                "link": _admin_link(article),
            }
            messages.append((subject, body, None, [article.author.email]))
    return messages
