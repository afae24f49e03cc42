"""Images uploaded from inside the CKEditor 5 body editor, and the address the body keeps.

Replaces django-ckeditor-5's own view, which lets any staff user upload and keeps the
client's file name: here the user needs the right to write articles, the file must be a real
image within the limits, and it becomes a managed photo (copies for every screen, a generated
name) that the body refers to by its own address, /anh/<id>/ (news/body_photos.py).
"""

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from portal.storage import StorageFull

from . import body_photos, workflow
from .images import validate_image
from .models import Article, Photo
from .page_tree import page_tree

STORAGE_FULL = gettext_lazy(
    "The server has no room left to store images, so this image was not kept. "
    "Tell the site's technician; the text you are writing is not affected."
)


def _error(message, status):
    # The editor shows `error.message` to the user in its own notification.
    return JsonResponse({"error": {"message": str(message)}}, status=status)


@require_POST
def editor_upload(request):
    user = request.user
    if not user.is_authenticated:
        return _error(_("Log in to upload images."), 403)
    if not workflow.may_write(user):
        return _error(_("You do not have permission to upload images."), 403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _error(_("No file was sent."), 400)
    try:
        validate_image(upload)
    except ValidationError as exc:
        return _error(exc.messages[0], 400)
    # A managed photo at once: cleaned of metadata (EXIF GPS, device) and its copies made, as
    # in the photo list. Its article is set when the article is saved with it.
    photo = Photo(uploaded_by=user, caption="", image=upload)
    try:
        photo.save()
    except StorageFull:
        return _error(STORAGE_FULL, 507)
    body_photos.forget_unused()
    return JsonResponse({"url": body_photos.photo_path(photo.pk)})


@require_GET
def photo(request, pk):
    """`/anh/<id>/`, the address a body keeps for a photo: sent on to its current copy. Staff
    see any photo (the editor shows the body's); anyone else only photos of public articles
    (public pages draw them without this address)."""
    photo = get_object_or_404(
        Photo.objects.only("pk", "article_id", "page_id", "image", "renditions"), pk=pk
    )
    user = request.user
    staff = user.is_authenticated and (
        user.has_perm("news.view_article") or user.has_perm("news.view_page")
    )
    public = (
        Article.objects.published().filter(pk=photo.article_id).exists()
        if photo.page_id is None
        else photo.page_id in page_tree().nodes  # public, under public pages only
    )
    if not staff and not public:
        raise Http404
    response = redirect(photo.fallback_url)
    patch_cache_control(response, private=True, max_age=0)
    return response
