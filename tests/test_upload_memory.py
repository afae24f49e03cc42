"""Memory a worker needs for the largest photo allowed (IMAGE_MAX_PIXELS, 40 million pixels),
measured in a fresh process: decoding it and making its copies, as an upload does."""

import fcntl
import io
import json
import subprocess
import sys
import tempfile
import textwrap
import threading

import pytest
from django.conf import settings
from PIL import Image

from news import renditions
from tests.deploy_support import REPO
from tests.factories import image_bytes

MB = 1024 * 1024
# A full-frame camera's picture at the pixel limit.
WIDTH, HEIGHT = 7744, 5164

# The start of each measuring script: Django set up, and the process's peak memory.
FRESH_PROCESS = textwrap.dedent(
    """
    import json, sys, tempfile
    import django
    django.setup()

    def high_water():  # the process's peak resident memory, in bytes (Linux)
        with open("/proc/self/status") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
        return int(line.split()[1]) * 1024
    """
)
MEASURE = FRESH_PROCESS + textwrap.dedent(
    """
    from django.core.files.storage import FileSystemStorage
    from news import renditions

    with open(sys.argv[1], "rb") as upload:
        before = high_water()
        with tempfile.TemporaryDirectory() as folder:
            decoded = renditions.decode(upload)
            made = renditions.make(
                decoded.pixels, "photos/x.jpg", FileSystemStorage(location=folder), decoded.size
            )
    print(json.dumps({"before": before, "after": high_water(), "size": made["size"]}))
    """
)
# VmHWM, not getrusage(): the maximum that getrusage() reports survives exec(), so a child of
# a large process would start at its parent's size.


def largest_photo(path, camera):
    """A JPEG at the pixel limit; from a camera: turned by its EXIF tag, with a position."""
    picture = Image.effect_noise((WIDTH // 16, HEIGHT // 16), 60).convert("RGB")
    picture = picture.resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR)
    options = {}
    if camera:
        exif = Image.Exif()
        exif[0x0112] = 6
        exif[0x8825] = {1: "N", 2: (21.0, 33.0, 0.0), 3: "E", 4: (105.0, 55.0, 0.0)}
        options["exif"] = exif
    picture.save(path, "JPEG", quality=90, **options)
    return path


def measured(script, path):
    """What `script` (FRESH_PROCESS and its own lines) prints as JSON, run on the file at
    `path` in a fresh process."""
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings", "DEBUG": "on", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def peak(path):
    """Bytes a fresh process grew by while decoding the photo at `path` and making its copies
    (its peak above what Django and the file took), and the size the copies were made for."""
    result = measured(MEASURE, path)
    return result["after"] - result["before"], result["size"]


def test_the_limit_is_the_measured_picture():
    assert WIDTH * HEIGHT <= settings.IMAGE_MAX_PIXELS < (WIDTH + 1) * (HEIGHT + 1)


@pytest.mark.parametrize(
    ("kind", "limit_mb", "size"),
    [
        # No metadata: decoded at a quarter of its size by libjpeg (was 306 MB more).
        ("plain", 60, [WIDTH, HEIGHT]),
        # Turned and cleaned of its position: decoded whole once (was 425 MB more).
        ("camera", 330, [HEIGHT, WIDTH]),
    ],
)
def test_the_largest_photo_allowed_fits_a_worker(tmp_path, kind, limit_mb, size):
    grown, made_for = peak(largest_photo(tmp_path / f"{kind}.jpg", camera=kind == "camera"))
    print(f"\n{kind}: {grown / MB:.0f} MB more at the peak")
    assert grown < limit_mb * MB
    assert made_for == size


def test_a_large_picture_waits_for_its_turn_and_a_small_one_does_not(monkeypatch, tmp_path):
    """Workers decode large pictures one at a time, so that several editors uploading camera
    photos at once need the memory of one (the compose test measures it in a container)."""
    monkeypatch.setattr(renditions, "LARGE_PICTURE", 64 * 48)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the turn's lock file is
    small, large = io.BytesIO(image_bytes(64, 48)), io.BytesIO(image_bytes(80, 60))
    decoded = threading.Event()

    with open(tmp_path / renditions.LARGE_PICTURE_LOCK, "a") as other_worker:
        fcntl.flock(other_worker, fcntl.LOCK_EX)  # another worker is decoding a large picture
        assert renditions.decode(small).size == (64, 48)  # straight through
        waiting = threading.Thread(target=lambda: renditions.decode(large) and decoded.set())
        waiting.start()
        assert not decoded.wait(0.5)
    # The other worker is done (its file closed): the large picture's turn comes.
    assert decoded.wait(10)
    waiting.join()


BOMB_MEASURE = FRESH_PROCESS + textwrap.dedent(
    """
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from news.images import validate_image

    content = open(sys.argv[1], "rb").read()
    before = high_water()
    try:
        validate_image(SimpleUploadedFile("bom.png", content, content_type="image/png"))
        refused = False
    except ValidationError:
        refused = True
    print(json.dumps({"grown": high_water() - before, "refused": refused}))
    """
)


@pytest.mark.parametrize("side", [10_000, 100_000])  # 100 megapixels; 10 gigapixels
def test_an_image_bomb_is_refused_before_it_costs_memory(tmp_path, side):
    """A PNG of a few bytes that claims to be huge: decoded, it would need gigabytes."""
    from tests.test_uploads import png_header_only

    bomb = tmp_path / "bom.png"
    bomb.write_bytes(png_header_only(side, side))
    result = measured(BOMB_MEASURE, bomb)
    print(f"\nbomb {side}×{side}: {result['grown'] / MB:.1f} MB more at the peak")
    assert result["refused"]
    assert result["grown"] < 5 * MB
