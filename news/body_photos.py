"""Photos placed in an article's body.

An image uploaded from the body editor's toolbar becomes a managed photo like those of the photo
list (copies for every screen made at upload, caption, alternative text, credit), and the body
keeps a stable reference to it, not a file's URL: `<img src="/anh/<id>/">`, the photo's own
address (a redirect to its current copy, for the editor). Wagtail's rich text keeps
`<embed embedtype="image" id="…">` for the same reason: replacing a photo's file or remaking its
copies never breaks an article, and a restored revision brings each photo back to its place.

The editor's caption and alternative text of a placed photo are the photo's own: written to it
when the article is saved (unless the photo list changed them in the same save; changed in both,
differently, the form asks which to keep: news/admin/photos.py), and written back into the body
each time the form opens. Public pages draw each reference as the photo's
figure (`<picture>` with its copies, caption and credit); the photos not placed in the body keep
the photo list's places (the first above the body, the others after it).
"""

import html
import re
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Exists, Max, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import Page, Photo, ProposedChange
from .renditions import delete_after_commit

# A photo uploaded into a body that no article was saved with (the editor closed, the upload
# deleted before saving) is deleted, files and all, this long after its upload.
UNUSED_FOR = timedelta(days=7)

# The body is cleaned by nh3 on every save (news/sanitize.py): attributes in double quotes, no
# comments, figures never nested.
FIGURE = re.compile(r'<figure class="image">(.*?)</figure>', re.S)
IMAGE = re.compile(r"<img\b[^>]*>")
PHOTO_SOURCE = re.compile(r'\ssrc="/anh/([0-9]{1,18})/"')
ALT = re.compile(r'\salt="([^"]*)"')
CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.S)
# A linked photo: CKEditor 5 puts the link around the image, inside its figure.
IMAGE_LINK = re.compile(r'<a\b[^>]*?\shref="([^"]*)"[^>]*>\s*<img\b')
TAG = re.compile(r"<[^>]*>")


def photo_path(photo_id):
    return reverse("news:photo", kwargs={"pk": photo_id})


@dataclass(frozen=True)
class Placed:
    """A photo placed in a body: its id, and the text the editor shows with it."""

    photo_id: int
    alt: str
    caption: str
    start: int  # where its figure (or lone image) stands in the body
    end: int
    in_figure: bool = True  # False: an image in a line of text or a table cell, no caption
    link: str = ""  # where a click on the photo leads, if the reporter linked it


def placed(body):
    """The photos placed in `body`, in reading order."""
    if not body or "/anh/" not in body:
        return []
    found = []
    in_figures = []
    for figure in FIGURE.finditer(body):
        in_figures.append(figure.span())
        image = IMAGE.search(figure[1])
        source = image and PHOTO_SOURCE.search(image[0])
        if source:
            caption = CAPTION.search(figure[1])
            link = IMAGE_LINK.search(figure[1])
            found.append(
                _placed(source, image, caption and caption[1], figure.span(), link=link and link[1])
            )
    for image in IMAGE.finditer(body):  # an image outside any figure: no caption
        if any(start <= image.start() < end for start, end in in_figures):
            continue
        source = PHOTO_SOURCE.search(image[0])
        if source:
            found.append(_placed(source, image, None, image.span(), in_figure=False))
    return sorted(found, key=lambda photo: photo.start)


def _placed(source, image, caption_html, span, in_figure=True, link=None):
    alt = ALT.search(image[0])
    caption = html.unescape(TAG.sub("", caption_html or "")).strip()
    alt_text = html.unescape(alt[1]).strip() if alt else ""
    return Placed(
        int(source[1]), alt_text, caption, *span, in_figure=in_figure,
        link=html.unescape(link or ""),
    )  # fmt: skip


def owned_by(item):
    """The photos of `item`, an article or a page (Photo.article, Photo.page)."""
    return Q(page=item) if isinstance(item, Page) else Q(article=item)


# Uploaded from a body editor, not yet saved with an article or a page.
UNATTACHED = Q(article=None, page=None)


def uploaders(user, article):
    """Whose uploads a body that `user` saves for `article` may hold: theirs, and those of
    whoever proposed the article's open change (news/proposals.py), which wait in it."""
    people = [user] if user is not None and user.is_authenticated else []
    if article is not None and article.pk is not None and not isinstance(article, Page):
        proposal = ProposedChange.objects.filter(article=article).only("author").first()
        if proposal is not None and proposal.author_id is not None:
            people.append(proposal.author_id)
    return people


def problems(body, article, user):
    """Why the photos placed in `body` cannot be saved with `article` (an article or a page,
    saved or not) by `user`: one message each, in the reader's words; [] when they can."""
    photos = placed(body)
    if not photos:
        return []
    allowed = Q(pk__in=[])
    if people := uploaders(user, article):
        allowed |= UNATTACHED & Q(uploaded_by__in=people)
    if article is not None and article.pk is not None:
        allowed |= owned_by(article)
    usable = dict(
        Photo.objects.filter(allowed, pk__in=[p.photo_id for p in photos]).values_list(
            "pk", "is_decorative"
        )
    )
    messages = []
    for number, photo in enumerate(photos, start=1):
        if photo.photo_id not in usable:
            messages.append(
                _(
                    "Photo %(number)d of the body is not one of the photos of this %(item)s: "
                    "remove it and insert it again from your computer."
                )
                % {"number": number, "item": article.MESSAGE_NAME}  # "bài", "trang"
            )
            continue
        missing = []
        if not photo.alt and not usable[photo.photo_id]:  # a decorative photo needs none
            missing.append(
                _("an alternative text (click the photo, then “Change image text alternative”)")
            )
        if not photo.caption and photo.in_figure:  # in a line of text there is no room
            missing.append(_("a caption (click the photo, then “Toggle caption on”)"))
        if missing:
            messages.append(
                _("Photo %(number)d of the body needs %(missing)s.")
                % {"number": number, "missing": _(" and ").join(missing)}
            )
    return messages


def validate(body, article, user):
    messages = problems(body, article, user)
    if messages:
        raise ValidationError(messages, code="body_photos")


def stored_texts(article):
    """Caption and alternative text of each photo of `article` as stored, by id: taken before
    a save, to tell what the body changed from what the photo list changed."""
    if article.pk is None:
        return {}
    return {
        pk: (caption, alt)
        for pk, caption, alt in article.photos.values_list("pk", "caption", "alt_text")
    }


@transaction.atomic
def attach(article, user, before, proposer=None):
    """After `article` was saved by `user`: its body's new photos become its own (after its
    other photos), and the caption and alternative text the body changed are written to them.
    `before`: stored_texts() taken before the save. `proposer`: whoever proposed the change
    being published, whose uploads the body holds too."""
    photos = placed(article.body)
    if not photos:
        return
    people = [person for person in (user, proposer) if person is not None]
    by_id = {
        photo.pk: photo
        for photo in Photo.objects.select_for_update().filter(
            owned_by(article) | (UNATTACHED & Q(uploaded_by__in=people)),
            pk__in=[p.photo_id for p in photos],
        )
    }
    next_order = (article.photos.aggregate(last=Max("order"))["last"] or 0) + 1
    for place in photos:
        photo = by_id.get(place.photo_id)
        if photo is None:
            continue
        changed = []
        if photo.article_id is None and photo.page_id is None:
            owner = "page" if isinstance(article, Page) else "article"
            setattr(photo, owner, article)
            photo.order, next_order = next_order, next_order + 1
            changed += [owner, "order"]
        was_caption, was_alt = before.get(photo.pk, (None, None))
        # The body's text, unless the body left it as it was and the photo list changed it.
        if place.caption and place.caption != was_caption and place.caption != photo.caption:
            photo.caption = place.caption[: Photo._meta.get_field("caption").max_length]
            changed.append("caption")
        if place.alt and place.alt != was_alt and place.alt != photo.alt_text:
            photo.alt_text = place.alt[: Photo._meta.get_field("alt_text").max_length]
            photo.is_decorative = False
            changed += ["alt_text", "is_decorative"]
        if changed:
            photo.save(update_fields=changed)


def drop_unplaced(page):
    """Delete the photos of `page` that its body no longer holds: a page has no photo list to
    keep them in, and a photo of a public page is public (`/anh/<id>/`). Their copies go with
    them (news/renditions.py); the original stays, as for an article's deleted photo."""
    kept = [place.photo_id for place in placed(page.body)]
    for photo in page.photos.exclude(pk__in=kept):
        photo.delete()


def refresh(body, photos):
    """`body` as the editor should show it: each placed photo with its current caption and
    alternative text; a photo that is no longer the article's taken out."""
    places = placed(body)
    if not places:
        return body
    by_id = {photo.pk: photo for photo in photos}
    pieces, position = [], 0
    for place in places:
        pieces.append(body[position : place.start])
        photo = by_id.get(place.photo_id)
        if photo is not None:
            pieces.append(editor_figure(photo, place.link))
        position = place.end
    pieces.append(body[position:])
    return "".join(pieces)


def editor_figure(photo, link=""):
    """The figure the body editor makes for a captioned image, for `photo` (linked to `link`)."""
    alt = "" if photo.is_decorative else photo.alt_text
    image = f'<img src="{photo_path(photo.pk)}" alt="{html.escape(alt)}">'
    if link:
        image = f'<a href="{html.escape(link)}">{image}</a>'
    return (
        f'<figure class="image">{image}<figcaption>{html.escape(photo.caption)}</figcaption>'
        "</figure>"
    )


@dataclass(frozen=True)
class Layout:
    """An article's photos around and in its body, as its page draws them."""

    top: object  # the first photo not placed in the body, above it (or None)
    body: str  # the body's HTML, placed photos drawn in it
    after: list  # the other photos not placed in the body, after it


def layout(body, photos):
    """Where each of `photos` (the article's, in order) goes on its page."""
    places = placed(body)
    in_body = {place.photo_id for place in places}
    around = [photo for photo in photos if photo.pk not in in_body]
    top = around[0] if around else None
    by_id = {photo.pk: photo for photo in photos}
    pieces, position, shown = [], 0, set()
    for place in places:
        pieces.append(body[position : place.start])
        # A photo deleted since (or never the article's) leaves no broken image behind.
        if place.photo_id in by_id and place.photo_id not in shown:
            # Below the first screen, unless no photo stands above the body.
            lazy = top is not None or bool(shown)
            context = {"photo": by_id[place.photo_id], "lazy": lazy, "link": place.link}
            pieces.append(render_to_string("includes/figure.html", context))
            shown.add(place.photo_id)
        position = place.end
    pieces.append(body[position:])
    # The body was cleaned on save (news/sanitize.py); the figures are escaped by their template.
    return Layout(top=top, body=mark_safe("".join(pieces)), after=around[1:])


def forget_unused(now=None, limit=50):
    """Delete up to `limit` photos uploaded into a body more than UNUSED_FOR ago that no
    article was saved with, and their files (the editor's upload calls this: no timer to run).
    Returns how many were deleted."""
    now = now or timezone.now()
    # A change waiting for approval keeps the uploads placed in it, however long it waits.
    waiting = ProposedChange.objects.filter(
        body__contains=Concat(Value('src="/anh/'), Cast(OuterRef("pk"), CharField()), Value('/"'))
    )
    unused = Photo.objects.filter(UNATTACHED, uploaded_at__lt=now - UNUSED_FOR).exclude(
        Exists(waiting)
    )
    with transaction.atomic():
        # Locked while deleted; one that an article's save holds (attach) is left alone, and
        # stays the article's.
        stale = list(unused.select_for_update(skip_locked=True)[:limit])
        for photo in stale:
            # The copies go with the row (news/renditions.py); this original was in no article.
            delete_after_commit([photo.image.name], photo.image.storage)
            photo.delete()
    return len(stale)
