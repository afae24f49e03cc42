"""Checks and names for uploaded images (article photos and images inserted in the body)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Pillow format name -> file extension we store.
ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


def generated_name(prefix: str, filename: str) -> str:
    """`prefix/YYYY/MM/<random hex>.<ext>`: never the client's name, which may be anything."""
    ext = PurePath(filename).suffix.lower()
    if ext == ".jpeg":
        ext = ".jpg"
    if ext not in ALLOWED_FORMATS.values():
        ext = ".jpg"
    today = timezone.localdate()
    return f"{prefix}/{today:%Y/%m}/{uuid.uuid4().hex}{ext}"


def photo_upload_to(instance, filename):
    return generated_name("photos", filename)


def validate_image(file) -> str:
    """Raise ValidationError unless `file` is a JPEG/PNG/WebP/GIF within the size limits.

    Reads only the header (no decoding), so an image bomb is refused before it costs memory.
    Returns the image's file extension.
    """
    if getattr(file, "_committed", False):
        return PurePath(file.name).suffix  # already stored: checked when it was uploaded
    if file.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.IMAGE_MAX_BYTES),
            },
            code="too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("This file is not an image. Upload a JPEG, PNG, WebP or GIF photo."),
            code="not_an_image",
        ) from exc
    finally:
        file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _(
                "Images in %(format)s format are not accepted. Upload a JPEG, PNG, WebP or GIF photo."
            )
            % {"format": image_format},
            code="bad_format",
        )
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise ValidationError(
            _(
                "The image is too large (%(width)s×%(height)s pixels). The limit is %(limit)s megapixels."
            )
            % {"width": width, "height": height, "limit": settings.IMAGE_MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        )
    return ALLOWED_FORMATS[image_format]
