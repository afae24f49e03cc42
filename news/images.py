"""Checks and names for uploaded images (article photos and images inserted in the body)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Pillow format name -> file extension we store. Pillow calls a JPEG that carries extra
# pictures (many phones and cameras write them) "MPO"; to a browser it is an ordinary JPEG.
EXTENSIONS = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
# The readers Pillow may try (MPO files come through the JPEG reader). Other readers never
# see an upload: less parsing code exposed to hostile files.
READERS = ["JPEG", "PNG", "WEBP", "GIF"]


def generated_name(prefix: str, filename: str) -> str:
    """`prefix/YYYY/MM/<random hex>.<ext>`: never the client's name, which may be anything."""
    ext = PurePath(filename).suffix.lower()
    if ext == ".jpeg":
        ext = ".jpg"
    if ext not in EXTENSIONS.values():
        ext = ".jpg"
    today = timezone.localdate()
    return f"{prefix}/{today:%Y/%m}/{uuid.uuid4().hex}{ext}"


def photo_upload_to(instance, filename):
    # The extension follows the contents, not the client's name (a PNG sent as "anh.jpg").
    extension = detected_extension(instance.image) or PurePath(filename).suffix
    return generated_name("photos", f"photo{extension}")


def detected_extension(file) -> str | None:
    """The extension for the image format found in the file's header, or None."""
    try:
        position = file.tell()
    except (ValueError, OSError):
        return None  # no file yet, e.g. FieldFile.save(name, content) names it before writing
    try:
        file.seek(0)
        with Image.open(file, formats=READERS) as image:
            return EXTENSIONS[image.format]
    except Exception:
        return None
    finally:
        file.seek(position)


def validate_image(file) -> str:
    """Raise ValidationError unless `file` is a whole JPEG/PNG/WebP/GIF within the size limits.

    The limits are checked on the header, before any decoding, so an image bomb is refused
    before it costs memory. Returns the extension for the image's format.
    """
    if getattr(file, "_committed", False):
        # A FieldFile already in storage (an unchanged photo on an edited article) was checked
        # when it was uploaded. Checking it again on every save would decode every photo of
        # the article, and would lock editors out of old articles whenever the limits shrink.
        return PurePath(file.name).suffix.lower()
    if file.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.IMAGE_MAX_BYTES),
            },
            code="too_large",
        )
    position = file.tell()
    try:
        file.seek(0)
        return _check_contents(file)
    finally:
        file.seek(position)


def _check_contents(file) -> str:
    try:
        image = Image.open(file, formats=READERS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow's own limit (far above ours) tripped while reading the header. The warning
        # is only an exception when warnings are turned into errors.
        raise ValidationError(
            _("The image has too many pixels. The limit is %(limit)s megapixels.")
            % {"limit": _megapixels(settings.IMAGE_MAX_PIXELS)},
            code="too_many_pixels",
        ) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(
            _("This file is not an image. Upload a JPEG, PNG, WebP or GIF photo."),
            code="not_an_image",
        ) from exc
    except Exception as exc:
        raise _damaged() from exc
    with image:
        width, height = image.size
        if width * height > settings.IMAGE_MAX_PIXELS:
            raise ValidationError(
                _(
                    "The image is too large (%(width)s×%(height)s pixels). The limit is %(limit)s megapixels."
                )
                % {
                    "width": width,
                    "height": height,
                    "limit": _megapixels(settings.IMAGE_MAX_PIXELS),
                },
                code="too_many_pixels",
            )
        try:
            _read_to_the_end(image)
        except Exception as exc:
            # Pillow signals bad data with many types (OSError, SyntaxError, struct.error...).
            raise _damaged() from exc
        return EXTENSIONS[image.format]


def _read_to_the_end(image):
    """Read all of the image data, as cheaply as the format allows, to catch a cut-off file.

    Opening reads only the header, and a browser shows a cut-off JPEG with a grey band. For a
    40-megapixel JPEG a full decode takes ~150 MB; at 1/8 scale it takes a few MB.
    """
    if image.format == "PNG":
        image.verify()  # checks every chunk's checksum up to the end marker; no decompression
    elif image.format in ("JPEG", "MPO"):
        image.draft(image.mode, (1, 1))  # libjpeg reads all the data but decodes at 1/8 scale
        image.load()
    elif image.format == "GIF":
        image.load()  # the first frame, one byte per pixel
    # WEBP: Pillow hands the whole file to libwebp when opening, which refuses a cut-off file.


def _damaged():
    return ValidationError(
        _("This image is damaged or incomplete. Save it again in a photo program and upload it."),
        code="damaged",
    )


def _megapixels(pixels: int) -> str:
    value = round(pixels / 1_000_000, 2)
    return number_format(int(value) if value.is_integer() else value)
