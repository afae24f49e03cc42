"""A full media disk: uploads are refused in words, nothing half-written stays behind, and the
editor's text comes back. (The compose test fills a real, small media volume the same way.)"""

import errno
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import filesystem
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from news.models import Photo, Status
from portal.storage import MediaStorage, StorageFull
from tests.factories import ArticleFactory, image_upload
from tests.test_admin import article_form, inline_management, photo_fields
from tests.test_refused_neighbour_upload import vi
from tests.test_uploads import noisy_image, upload

pytestmark = pytest.mark.django_db


class Disk:
    """Django's file storage writes through `os.fdopen`: here those writes share `room` bytes,
    after which they fail as a full disk does, having written what fitted."""

    def __init__(self, room, failure=errno.ENOSPC):
        self.room, self.failure = room, failure

    def __getattr__(self, name):
        return getattr(os, name)

    def fdopen(self, fd, mode):
        disk, file = self, os.fdopen(fd, mode)

        class Filling:
            def write(self, data):
                fits = data[: max(disk.room, 0)]
                file.write(fits)
                file.flush()
                disk.room -= len(data)
                if disk.room < 0:
                    raise OSError(disk.failure, os.strerror(disk.failure))
                return len(data)

            def close(self):
                file.close()

        return Filling()


@pytest.fixture
def disk(monkeypatch):
    def fill(room, failure=errno.ENOSPC):
        disk = Disk(room, failure)
        monkeypatch.setattr(filesystem, "os", disk)
        return disk

    return fill


def media_files():
    media = Path(settings.MEDIA_ROOT)
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def test_a_write_that_fills_the_disk_leaves_no_part_of_the_file(disk):
    disk(room=1000)
    storage = MediaStorage()

    with pytest.raises(StorageFull):
        storage.save("photos/anh.jpg", ContentFile(noisy_image()))

    assert media_files() == []


def test_another_write_error_leaves_no_part_either_and_is_not_called_full(disk):
    disk(room=1000, failure=errno.EIO)

    with pytest.raises(OSError) as raised:
        MediaStorage().save("photos/anh.jpg", ContentFile(noisy_image()))

    assert not isinstance(raised.value, StorageFull) and raised.value.errno == errno.EIO
    assert media_files() == []


def test_a_file_that_was_there_is_never_removed(disk):
    storage = MediaStorage()
    kept = storage.save("photos/anh.jpg", ContentFile(b"an earlier photo"))
    disk(room=10)

    with pytest.raises(StorageFull):
        storage._save(kept, ContentFile(noisy_image()))  # a name taken meanwhile (a race)

    assert Path(storage.path(kept)).read_bytes() == b"an earlier photo"


def test_an_image_in_the_body_editor_is_refused_in_words_when_the_disk_is_full(admin_client, disk):
    disk(room=1000)

    response = admin_client.post(
        reverse("news:editor_upload"), {"upload": upload(noisy_image(), "anh.jpg")}
    )

    assert response.status_code == 507
    message = json.loads(response.content)["error"]["message"]
    assert message == vi(
        "The server has no room left to store images, so this image was not kept. "
        "Tell the site's technician; the text you are writing is not affected."
    )
    assert media_files() == []


def test_an_article_saved_with_a_photo_on_a_full_disk_comes_back_with_its_text(admin_client, disk):
    draft = ArticleFactory(title="Tin cũ", status=Status.DRAFT, published_at=None)
    data = article_form(
        draft.category, title="Tin viết lại khi đĩa đầy", slug=draft.slug, lead="Sa pô mới."
    )
    data.update(inline_management(total=1))
    data.update(photo_fields(0, "Ảnh hội nghị", order=0, image=image_upload("hoi-nghi.jpg")))
    disk(room=200)

    response = admin_client.post(reverse("admin:news_article_change", args=[draft.pk]), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        escape(
            vi(
                "The server has no room left to store photos: nothing of this save was kept. "
                "Your text is still below; tell the site's technician, then save again."
            )
        )
        in html
    )
    assert 'value="Tin viết lại khi đĩa đầy"' in html and "Sa pô mới." in html
    assert 'value="Ảnh hội nghị"' in html
    draft.refresh_from_db()
    assert draft.title == "Tin cũ" and Photo.objects.count() == 0
    # Whatever was written before the disk filled up is whole (an original whose rendition
    # did not fit), never a half photo.
    for path in media_files():
        with Image.open(path) as image:
            image.load()


@pytest.mark.parametrize("base", ["/media/", "https://cdn.example.vn/media/", "/media"])
@pytest.mark.parametrize(
    "name", ["photos/2026/11/a b.jpg", "r/x:y.webp", "/lead.jpg", "ảnh/đài.jpg", "a?b#c.jpg"]
)
def test_media_urls_are_the_ones_django_would_make(base, name):
    """MediaStorage builds them by appending (pages name thirty copies each); the URL is
    FileSystemStorage's, character for character."""
    from django.core.files.storage import FileSystemStorage

    assert MediaStorage(base_url=base).url(name) == FileSystemStorage(base_url=base).url(name)


@pytest.mark.parametrize("room", [20_000, 60_000, 150_000])
def test_a_body_image_that_fills_the_disk_midway_leaves_no_copy_and_no_photo(
    admin_client, disk, room
):
    """Some of its copies fit, then the disk is full: none of them stays, nor a photo row."""
    disk(room=room)
    response = admin_client.post(
        reverse("news:editor_upload"), {"upload": upload(noisy_image(900, 600), "anh.jpg")}
    )
    assert response.status_code == 507
    assert media_files() == [] and not Photo.objects.exists()
