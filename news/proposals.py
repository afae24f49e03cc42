"""Changes to a published article are approved before the public sees them.

Every public word of a state portal is approved. An edit of a published (or scheduled) article
by someone without the right to publish is saved as a proposed change over the live article,
as Wagtail keeps a draft revision over a live page: the public keeps reading the approved text
while the change goes through review (news/workflow.py's change moves), and a leader publishes
it, which writes it to the article. Once a change is open, every save of the article goes to it
(a leader's too) until it is published or discarded. A leader's direct correction of a live
article, with no change open, needs a reason, which the timeline shows.

A change holds the article's fields, its photos' texts (caption, alternative text, credit,
order) and the photos it deletes; adding photos through the photo list of a live article is a
leader's work. Photos uploaded into the changed body wait unattached until it is published
(news/body_photos.py keeps them).
"""

from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects

from . import body_photos
from .models import Article, Photo, ProposedChange, Status

FIELDS = ["title", "slug", "lead", "body", "category", "source"]


def supported(item):
    """Whether `item` takes proposed changes: articles do; pages are corrected by a leader."""
    return isinstance(item, Article)


def open_change(article):
    """The article's open change, or None: read once per article object (the admin asks it for
    the form, the photo list, the buttons and the notes of one page)."""
    if article is None or article.pk is None or not supported(article):
        return None
    if OPEN_CHANGE not in article.__dict__:
        article.__dict__[OPEN_CHANGE] = ProposedChange.objects.filter(article=article).first()
    return article.__dict__[OPEN_CHANGE]


OPEN_CHANGE = "_open_change"


def forget(article):
    """Read `article`'s open change afresh next time (after a move opened or closed it)."""
    article.__dict__.pop(OPEN_CHANGE, None)


def goes_to_change(article, user, change=None):
    """Whether a save of `article` by `user` is kept as a proposed change instead of going
    live: the article is published (or scheduled) and either a change is open already or the
    user may not publish."""
    if article is None or article.pk is None or article.status != Status.PUBLISHED:
        return False
    if not supported(article):
        return False
    change = change if change is not None else open_change(article)
    return change is not None or not user.has_perm("news.publish_article")


def as_proposed(article, change):
    """`article` in memory (never to be saved) with `change`'s fields and its prefetched photos
    with the change's texts: for the preview and the comparison."""
    _write_fields(article, change)
    article.category = change.category
    if change.removed_photos:  # the photos as they will be: without those it deletes
        article._prefetched_objects_cache.pop("photos", None)
        kept = Photo.objects.exclude(pk__in=change.removed_photos).order_by("order", "pk")
        prefetch_related_objects([article], Prefetch("photos", queryset=kept))
    photos_as_proposed(article.photos.all(), change)
    return article


def field_value(change, name):
    """The change's value of the article form's field `name` (a category by its id)."""
    return change.category_id if name == "category" else getattr(change, name)


def _write_fields(article, change):
    for name in FIELDS:
        setattr(article, "category_id" if name == "category" else name, field_value(change, name))


def photos_as_proposed(photos, change):
    """`photos` (instances, changed in place) with the texts `change` gives them, without
    those it deletes."""
    if change is None:
        return photos
    removed = set(change.removed_photos)
    kept = [photo for photo in photos if photo.pk not in removed]
    for photo in kept:
        for name, value in change.photo_texts.get(str(photo.pk), {}).items():
            if name in Photo.TEXT_FIELDS:
                setattr(photo, name, value)
    return kept


@transaction.atomic
def save(article, user, cleaned_data):
    """Keep the form's fields as `article`'s proposed change (made by `user` when none is
    open). Returns the change."""
    change = ProposedChange.objects.select_for_update().filter(article=article).first()
    if change is None:
        change = ProposedChange(article=article, author=user)
    else:
        change.version += 1
    for name in FIELDS:
        if name in cleaned_data:
            setattr(change, name, cleaned_data[name])
    change.save()
    return change


def save_photo_texts(article, texts, removed=()):
    """Keep `texts` ({photo id: {field: value}}) as the texts the open change gives the
    article's photos: only what differs from each live photo, so that publishing the change
    does not undo a later correction of another text. `removed`: ids of photos the change
    deletes too, besides those it deleted before."""
    change = ProposedChange.objects.select_for_update().get(article=article)
    change.removed_photos = sorted(set(change.removed_photos) | set(removed))
    proposed = dict(change.photo_texts)
    live = article.photos.filter(pk__in=list(texts)).values("pk", *Photo.TEXT_FIELDS)
    for photo in live:
        wanted = texts[photo["pk"]]
        different = {
            name: wanted[name]
            for name in Photo.TEXT_FIELDS
            if name in wanted and wanted[name] != photo[name]
        }
        if different:
            proposed[str(photo["pk"])] = different
        else:
            proposed.pop(str(photo["pk"]), None)
    change.photo_texts = proposed
    change.save(update_fields=["photo_texts", "removed_photos", "updated_at"])


def texts_of_forms(photo_forms):
    """{photo id: {field: value}} of the photo list's rows that were valid."""
    return {
        form.instance.pk: {
            name: form.cleaned_data[name] for name in Photo.TEXT_FIELDS if name in form.cleaned_data
        }
        for form in photo_forms
        if form.instance.pk is not None and hasattr(form, "cleaned_data")
    }


def publish(article, change, user):
    """Write `change` to `article` (locked by the caller) and close it: the public sees it on
    the next request (the save moves the content version)."""
    before = body_photos.stored_texts(article)
    _write_fields(article, change)
    article.save()
    for photo in photos_as_proposed(list(article.photos.filter(pk__in=_ids(change))), change):
        photo.save(update_fields=Photo.TEXT_FIELDS)
    for photo in article.photos.filter(pk__in=change.removed_photos):
        photo.delete()  # its files go once the transaction commits (news/renditions.py)
    body_photos.attach(article, user, before, proposer=change.author)
    change.delete()


def _ids(change):
    return [int(pk) for pk in change.photo_texts]


def move(change, status):
    change.status = status
    change.save(update_fields=["status", "updated_at"])
