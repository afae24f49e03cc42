"""Audio files of broadcasts: what an upload is, read from its contents (mutagen), never from
its name or the type the browser sends; refused with a clear reason when it is not MP3 or M4A
audio, too large, or empty."""

from dataclasses import dataclass

import mutagen
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4

# What a browser is told each file is, and the name's ending, by the format read.
FORMATS = {MP3: ("audio/mpeg", "mp3"), MP4: ("audio/mp4", "m4a")}


@dataclass(frozen=True)
class AudioInfo:
    content_type: str
    extension: str
    duration: float  # seconds
    bitrate: int  # bits per second


def read_audio(upload):
    """The format, length and bitrate of `upload` (a file open for reading), or ValidationError.
    The size is checked first, from what the upload says, before anything is read."""
    limit = settings.AUDIO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="audio_too_large",
        )
    upload.seek(0)
    try:
        audio = mutagen.File(upload)
    except (mutagen.MutagenError, ValueError, EOFError, OSError):
        audio = None
    finally:
        upload.seek(0)
    kind = type(audio) if audio is not None else None
    if kind not in FORMATS or _not_aac(audio):
        raise ValidationError(
            _(
                "This file is not MP3 or M4A audio. Export the broadcast as MP3 and upload it again."
            ),
            code="audio_type",
        )
    if not audio.info.length:
        raise ValidationError(_("This audio file has no sound in it."), code="audio_empty")
    content_type, extension = FORMATS[kind]
    return AudioInfo(content_type, extension, audio.info.length, int(audio.info.bitrate or 0))


def _not_aac(audio):
    # An M4A that every phone plays holds AAC ("mp4a"); Apple Lossless or none at all is refused.
    return isinstance(audio, MP4) and not getattr(audio.info, "codec", "").startswith("mp4a")
