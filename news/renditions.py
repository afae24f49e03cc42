"""Smaller copies of article photos ("renditions"), made once when a photo is uploaded.

Pages never resize anything: for each photo we store WebP copies at several widths for the
browser to choose from (`srcset`), the same widths in JPEG for browsers without WebP, and a
1200×630 JPEG for link previews on social networks (Open Graph). Their storage names are kept
on the photo's row (`Photo.renditions`), so a list page draws every photo with no extra query
and no storage lookup.

Privacy: phones write where a photo was taken (EXIF GPS), and with what, into the file. Every
copy is encoded from the pixels alone, and the stored original itself is re-encoded the same
way whenever it carries any metadata, so no public file tells where a photo was taken. The
EXIF orientation is applied to the pixels first: without its tag, a phone photo taken upright
would lie on its side.
"""

import contextlib
import fcntl
import io
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from PIL import ExifTags, Image, ImageCms, ImageOps, JpegImagePlugin

from .images import READERS

# Widths in pixels. 320-480 serve thumbnails and phones, 720-960 article photos on phones with
# dense screens, 1280 the widest article column on a dense screen. Never wider than the original.
WIDTHS = (320, 480, 720, 960, 1280)
# The <img src> of a <picture>, for the rare browser that reads neither srcset nor WebP.
FALLBACK_WIDTH = 720
OG_SIZE = (1200, 630)
WEBP_QUALITY = 75
JPEG_QUALITY = 80
# A re-encoded WebP original, when its metadata must go (JPEG originals keep their own tables).
ORIGINAL_WEBP_QUALITY = 90

# What Pillow reports about a file that says nothing of the photo, its author or its place.
# Anything else (exif, xmp, comment, icc_profile, photoshop, PNG text...) counts as metadata.
TECHNICAL_INFO = {
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "dpi",
    "progressive",
    "progression",
    "adobe",
    "adobe_transform",
    "gamma",
    "transparency",
    "aspect",
    "srgb",
    "chromaticity",
    "loop",
    "background",
    "interlace",
}
# JPEG segments with decoding parameters only: the JFIF header and Adobe's colour transform.
TECHNICAL_SEGMENTS = {"APP0", "APP14"}

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


# What the copies need of a picture: the widest rendition, and the share image's height.
NEEDED_SIZE = (WIDTHS[-1], OG_SIZE[1])

# A picture above this many pixels waits for its turn to be decoded: one at a time on a machine
# (a container), whatever the number of workers, so that editors uploading camera photos at
# once cannot add up to more memory than the worker budget (a 40-megapixel photo needs about
# 300 MB while it is cleaned; a phone's 12-megapixel one, under 100 MB, goes straight through).
LARGE_PICTURE = 16_000_000
LARGE_PICTURE_LOCK = "portal-large-picture.lock"


@dataclass
class Decoded:
    # Upright, sRGB, RGB or RGBA, no metadata; at least NEEDED_SIZE where the original is
    # larger, not always the original's size (a large picture is reduced while decoding).
    pixels: Image.Image
    clean_original: bytes | None  # the original re-encoded without metadata; None: keep it
    size: tuple[int, int]  # the original's, upright


def refresh(photo):
    """Store `photo`'s image cleaned of metadata and make its renditions; the caller saves the row.

    For an upload not yet stored, the clean file is what gets stored: the bytes with the GPS
    position never reach the storage. An image already stored (FieldFile.save, old photos) is
    cleaned in place. Renditions of a replaced image are deleted once the transaction commits.
    """
    field_file = photo.image
    storage = field_file.storage
    old_names = set(stored_names(photo.renditions))
    photo.renditions = {}
    if field_file:
        decoded = decode(field_file)
        if not field_file._committed:
            content = field_file.file
            if decoded.clean_original is not None:
                content = ContentFile(decoded.clean_original)
            field_file.save(field_file.name, content, save=False)
        elif decoded.clean_original is not None:
            _overwrite(field_file, decoded.clean_original)
        photo.width, photo.height = decoded.size
        photo.renditions = make(decoded.pixels, field_file.name, storage, decoded.size)
    delete_after_commit(old_names - set(stored_names(photo.renditions)), storage)


def decode(file) -> Decoded:
    """Read an image file: upright pixels without metadata, and the original to store when the
    upload itself must not be: the public only ever gets files the portal wrote.

    A JPEG without metadata is stored as sent, cut at the end of its picture (nothing a sender
    appends after it is kept). Anything else is re-encoded from its pixels: JPEGs with metadata
    (GPS, a colour profile, a comment), PNG, WebP and GIF (animations with all their frames).

    Memory: a 40-megapixel photo is 120 MB of pixels. A picture that is re-encoded is decoded
    whole once (turned in place); the copies are made from a reduction of it. A JPEG stored as
    sent is decoded at a fraction of its size (libjpeg scales while decoding)."""
    file.seek(0)
    try:
        with (
            Image.open(file, formats=READERS) as source,
            _turn_for(source.width * source.height),
        ):
            size = _upright_size(source)
            as_sent = _jpeg_as_sent(file, source)
            if as_sent is not None:  # no metadata, so no orientation tag nor colour profile
                width, height = NEEDED_SIZE
                source.draft(None, (min(width, source.width), min(height, source.height)))
                source.load()
                upright = source.copy()  # the file's image is let go when it is closed
                upright.info = {}
                clean_original = None if as_sent == "whole" else as_sent
            else:
                animation = _encoded_animation(source)
                source.load()
                ImageOps.exif_transpose(source, in_place=True)
                upright = _in_srgb(source)
                upright.info = {}  # nothing of it may follow the pixels into the clean file
                clean_original = animation or _encoded_original(upright, source)
                upright = _reduced(upright, NEEDED_SIZE)
    finally:
        if getattr(file, "_committed", False):
            file.close()  # opened from the storage just for this
        else:
            file.seek(0)  # the upload is read again when it is stored
    mode = "RGBA" if upright.has_transparency_data else "RGB"
    pixels = upright if upright.mode == mode else upright.convert(mode)
    return Decoded(pixels, clean_original, size)


def _jpeg_as_sent(file, source):
    """For a JPEG that may be stored as sent: "whole", or its bytes up to the end of the
    picture when more follows. None for anything to re-encode."""
    if source.format != "JPEG" or _has_metadata(source):
        return None
    file.seek(0)
    data = file.read()
    end = _jpeg_end(data)
    if end is None:
        return None
    return "whole" if end == len(data) else data[:end]


def _jpeg_end(data):
    """Where the JPEG in `data` ends (just past its end-of-image marker), found by walking its
    segments and scans; None where they cannot be walked."""
    if not data.startswith(b"\xff\xd8"):
        return None
    i, n = 2, len(data)
    while i + 1 < n:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
        elif marker == 0xD9:  # end of image
            return i + 2
        elif 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            i += 2
        elif i + 4 > n:
            return None
        else:
            i += 2 + int.from_bytes(data[i + 2 : i + 4], "big")
            if marker == 0xDA:  # a scan: in its data, FF is followed by 00 or a restart
                while True:
                    i = data.find(b"\xff", i)
                    if i < 0 or i + 1 >= n:
                        return None
                    if data[i + 1] == 0x00 or 0xD0 <= data[i + 1] <= 0xD7:
                        i += 2
                    elif data[i + 1] == 0xFF:
                        i += 1
                    else:
                        break
    return None


def _encoded_animation(source):
    """An animated GIF or WebP re-encoded with all its frames and timing, nothing else (no
    comment, no application data); None for a still picture."""
    if not getattr(source, "is_animated", False):
        return None
    kept = {"duration", "loop", "transparency", "background"}
    source.info = {key: value for key, value in source.info.items() if key in kept}
    buffer = io.BytesIO()
    source.save(buffer, source.format, save_all=True)
    source.seek(0)
    return buffer.getvalue()


@contextlib.contextmanager
def _turn_for(pixels):
    """Wait until no other process here decodes a large picture (an exclusive lock on a file
    in this machine's temporary folder, released when the work or the process ends)."""
    if pixels <= LARGE_PICTURE:
        yield
        return
    with open(f"{tempfile.gettempdir()}/{LARGE_PICTURE_LOCK}", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _upright_size(image):
    """The picture's size as shown: width and height swapped by a quarter-turn EXIF tag."""
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    return image.size[::-1] if orientation in (5, 6, 7, 8) else image.size


def _reduced(image, needed):
    """A new image: `image` shrunk by the largest whole factor that keeps it at least `needed`
    (where it is larger). The copies are resampled from it, and the whole picture is let go
    with the file it was read from."""
    factor = max(1, min(image.width // needed[0], image.height // needed[1]))
    return image.reduce(factor) if factor > 1 else image.copy()


def make(pixels, original_name, storage, size=None) -> dict:
    """Store the renditions of `pixels` (the picture of `size`, possibly reduced) next to the
    original; return their storage names.

    `photos/2026/05/<hex>.jpg` gets `photos/2026/05/<hex>-480.webp`, `…-480.jpg`, `…-og.jpg`.
    """
    stem = str(PurePosixPath(original_name).with_suffix(""))
    width, height = size or pixels.size
    renditions = {"size": [width, height], "webp": {}, "jpeg": {}}
    widest = None
    for target in sorted(rendition_widths(width), reverse=True):
        # The narrower copies are made from the widest one: a 12-megapixel picture is
        # resampled once, not once per width.
        resized = (widest or pixels).resize(
            (target, rendition_height(width, height, target)),
            Image.Resampling.LANCZOS,
            reducing_gap=3.0,  # shrink by whole factors first: several times faster, same look
        )
        widest = widest or resized
        renditions["webp"][str(target)] = storage.save(
            f"{stem}-{target}.webp", ContentFile(_webp(resized))
        )
        renditions["jpeg"][str(target)] = storage.save(
            f"{stem}-{target}.jpg", ContentFile(jpeg(resized))
        )
    og = ImageOps.fit(pixels, OG_SIZE, Image.Resampling.LANCZOS)
    renditions["og"] = storage.save(f"{stem}-og.jpg", ContentFile(jpeg(og)))
    return renditions


def rendition_widths(original_width):
    """Each of WIDTHS narrower than the original, and the original's own width if narrower
    than the widest: never upscaled, and the full sharpness of a small original is on offer."""
    widths = [width for width in WIDTHS if width < original_width]
    if original_width <= WIDTHS[-1]:
        widths.append(original_width)
    return widths


def rendition_height(width, height, target_width):
    return max(1, round(height * target_width / width))


def stored_names(renditions):
    """Every storage name in a `Photo.renditions` value."""
    names = [
        name for by_width in ("webp", "jpeg") for name in renditions.get(by_width, {}).values()
    ]
    if renditions.get("og"):
        names.append(renditions["og"])
    return names


def delete_after_commit(names, storage):
    # A rollback keeps the rows that point at the files, so the files must outlive it.
    for name in names:
        transaction.on_commit(partial(storage.delete, name))


@receiver(post_delete, sender="news.Photo")
def delete_renditions(sender, instance, **kwargs):
    # A signal, not Photo.delete(): deleting an article deletes its photos without calling it.
    # The original file stays, as Django leaves every deleted row's files: the revision history
    # still names it, and make_renditions can rebuild the copies of a restored photo from it.
    delete_after_commit(stored_names(instance.renditions), instance.image.storage)


def _has_metadata(source):
    if set(source.info) - TECHNICAL_INFO:
        return True
    return any(marker not in TECHNICAL_SEGMENTS for marker, _ in getattr(source, "applist", []))


def _encoded_original(upright, source):
    """The original's pixels in the original's format, without any metadata."""
    buffer = io.BytesIO()
    if source.format in ("JPEG", "MPO"):
        image = upright if upright.mode in ("L", "RGB") else upright.convert("RGB")
        image.save(buffer, "JPEG", optimize=True, **_same_quality_as(source, image))
    elif source.format in ("PNG", "GIF"):  # a still GIF is stored as a GIF, its palette kept
        upright.save(buffer, source.format)
    else:  # WEBP
        image = upright.convert("RGBA" if upright.has_transparency_data else "RGB")
        image.save(buffer, "WEBP", quality=ORIGINAL_WEBP_QUALITY)
    return buffer.getvalue()


def _same_quality_as(source, image):
    """JPEG options that reuse the source's quantization tables and chroma subsampling:
    re-encoding then loses next to nothing and the file keeps about its size."""
    tables = getattr(source, "quantization", None) or {}
    needed = 1 if image.mode == "L" else 2
    if len(tables) < needed:
        return {"quality": 92}
    options = {"qtables": [tables[index] for index in range(needed)]}
    sampling = JpegImagePlugin.get_sampling(source)
    if image.mode == "RGB" and sampling >= 0:
        options["subsampling"] = sampling
    return options


def _in_srgb(image):
    """The pixels converted to sRGB, what browsers assume once the colour profile is gone."""
    icc = image.info.get("icc_profile")
    if not icc:
        return image
    alpha = image.has_transparency_data
    if image.mode not in ("RGB", "RGBA", "L", "CMYK"):
        image = image.convert("RGBA" if alpha else "RGB")
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "sRGB" in ImageCms.getProfileDescription(profile):
            return image  # most cameras' profile: nothing to convert
        return ImageCms.profileToProfile(
            image, profile, SRGB, outputMode="RGBA" if image.mode == "RGBA" else "RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # an unreadable profile: the pixels are taken as sRGB, as browsers would


def _webp(image):
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=WEBP_QUALITY)
    return buffer.getvalue()


def jpeg(image):
    """The portal's JPEG of `image` (photos' copies, broadcast covers, podcast artwork)."""
    if image.mode != "RGB":
        # JPEG has no transparency: transparent areas become white, like the page behind them.
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def _overwrite(field_file, content):
    """Replace a stored file's contents under the same name (its URL may be known already)."""
    storage = field_file.storage
    storage.delete(field_file.name)
    field_file.name = storage.save(field_file.name, ContentFile(content))


def small_logo(logo, name, size=128):
    """The site logo as pages show it: at most `size` px square, PNG (keeps transparency),
    stored under `name`; returns the storage name."""
    pixels = decode(logo).pixels
    pixels.thumbnail((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    pixels.save(buffer, "PNG", optimize=True)
    storage = logo.storage
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(buffer.getvalue()))
