"""Images uploaded from inside the CKEditor 5 body editor.

Replaces django-ckeditor-5's own view, which lets any staff user upload and keeps the
client's file name: here the user needs the right to write articles, the file must be a real
image within the limits, and it is stored under a generated name.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.storage import StorageFull

from . import renditions
from .images import generated_name, validate_image

STORAGE_FULL = gettext_lazy(
    "The server has no room left to store images, so this image was not kept. "
    "Tell the site's technician; your article itself is not affected."
)


def _error(message, status):
    # The editor shows `error.message` to the user in its own notification.
    return JsonResponse({"error": {"message": str(message)}}, status=status)


@require_POST
def editor_upload(request):
    user = request.user
    if not user.is_authenticated:
        return _error(_("Log in to upload images."), 403)
    if not (user.has_perm("news.add_article") or user.has_perm("news.change_article")):
        return _error(_("You do not have permission to upload images."), 403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _error(_("No file was sent."), 400)
    try:
        extension = validate_image(upload)
    except ValidationError as exc:
        return _error(exc.messages[0], 400)
    # Like article photos, a body image never tells where it was taken (EXIF GPS, device).
    clean = renditions.decode(upload).clean_original
    content = ContentFile(clean) if clean is not None else upload
    try:
        name = default_storage.save(generated_name("uploads", f"x{extension}"), content)
    except StorageFull:
        return _error(STORAGE_FULL, 507)
    return JsonResponse({"url": default_storage.url(name)})
