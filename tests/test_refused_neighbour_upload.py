"""A refused photo upload in the article form never costs the reporter any other photo or field.

Issue 9: one oversized photo in a save emptied the file of a good photo beside it, and it took
three saves to get through. Each test posts the real admin change form with its photo inline.
"""

import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from news.models import Article, Photo, Status
from tests.factories import ArticleFactory, PhotoFactory, image_upload
from tests.test_admin import article_form, inline_management, photo_fields
from tests.test_uploads import noisy_image, upload

pytestmark = pytest.mark.django_db

LIMIT = 20_000  # bytes: a small good photo fits, a noisy 400×300 JPEG does not
ASK_AGAIN = "This file was not saved because the form has errors elsewhere: choose it again."


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.IMAGE_MAX_BYTES = LIMIT


def oversized():
    content = noisy_image(400, 300)
    assert len(content) > LIMIT
    return upload(content, "qua-lon.jpg")


def vi(text):
    with translation.override(settings.LANGUAGE_CODE):
        translated = gettext(text)
    assert translated != text, f"not in the Vietnamese catalogue: {text}"
    return translated


def media_files():
    media = Path(settings.MEDIA_ROOT)
    return {p.relative_to(media).as_posix(): digest(p) for p in media.rglob("*") if p.is_file()}


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def change(client, article, data):
    return client.post(reverse("admin:news_article_change", args=[article.pk]), data)


def photo_forms(response):
    return response.context["inline_admin_formsets"][0].formset.forms


def row_html(html, index):
    """The HTML of inline row `index`: from its element to the next row's."""
    start = html.index(f'id="photos-{index}"')
    following = re.search(r'id="photos-(\d+|empty)"', html[start + 1 :])
    return html[start : start + 1 + following.start()] if following else html[start:]


def too_large_in(html):
    # The size message names the size: look for its fixed start, in Vietnamese.
    start = vi("The file is too large (%(size)s). The limit is %(limit)s.").split("%(size)s")[0]
    return escape(start) in html


@pytest.fixture
def draft():
    return ArticleFactory(title="Tin cũ", status=Status.DRAFT, published_at=None)


def test_an_existing_photo_keeps_its_file_when_a_new_upload_beside_it_is_refused(
    admin_client, draft
):
    photo = PhotoFactory(article=draft, caption="Ảnh cũ", order=0)
    before = media_files()
    original = (photo.image.name, digest(photo.image.path), photo.renditions)
    data = article_form(draft.category, title=draft.title, slug=draft.slug)
    data.update(inline_management(total=2, initial=1))
    data.update(photo_fields(0, "Ảnh cũ", order=0, id=str(photo.pk), article=str(draft.pk)))
    data.update(photo_fields(1, "Ảnh quá lớn", order=1, image=oversized()))

    response = change(admin_client, draft, data)

    assert response.status_code == 200
    old_row, refused_row = photo_forms(response)
    assert not old_row.errors and "image" in refused_row.errors
    photo.refresh_from_db()
    assert (photo.image.name, digest(photo.image.path), photo.renditions) == original
    assert draft.photos.count() == 1
    assert media_files() == before  # nothing stored for the refused upload, nothing removed
    html = response.content.decode()
    assert too_large_in(row_html(html, 1)) and not too_large_in(row_html(html, 0))
    assert photo.image.url in row_html(html, 0)  # the existing photo is still shown as its own


def test_a_good_new_upload_is_asked_for_again_next_to_its_row(admin_client, draft):
    before = media_files()
    data = article_form(draft.category, title=draft.title, slug=draft.slug)
    data.update(inline_management(total=2))
    data.update(photo_fields(0, "Ảnh tốt", order=0, image=image_upload("tot.jpg")))
    data.update(photo_fields(1, "Ảnh quá lớn", order=1, image=oversized()))

    response = change(admin_client, draft, data)

    assert response.status_code == 200
    assert Photo.objects.count() == 0
    assert media_files() == before
    html = response.content.decode()
    good, refused = row_html(html, 0), row_html(html, 1)
    assert too_large_in(refused) and not too_large_in(good)
    assert escape(vi(ASK_AGAIN)) in good and escape(vi(ASK_AGAIN)) not in refused
    assert 'value="Ảnh tốt"' in good  # what was typed for the good photo is kept

    # The next save, with the good photo chosen again and the other one left out, goes through.
    data = article_form(draft.category, title=draft.title, slug=draft.slug)
    data.update(inline_management(total=1))
    data.update(photo_fields(0, "Ảnh tốt", order=0, image=image_upload("tot.jpg")))
    assert change(admin_client, draft, data).status_code == 302
    assert [p.caption for p in draft.photos.all()] == ["Ảnh tốt"]


def test_a_refused_upload_keeps_the_changed_text_and_saves_nothing(admin_client, draft):
    photo = PhotoFactory(article=draft, caption="Ảnh cũ", order=0)
    before = media_files()
    data = article_form(
        draft.category,
        title="Tin đã sửa sau khi họp",
        slug=draft.slug,
        lead="Phần sa pô đã viết lại.",
        body="<p>Đoạn văn mới của phóng viên.</p>",
    )
    data.update(inline_management(total=2, initial=1))
    data.update(
        photo_fields(0, "Chú thích đã sửa", order=0, id=str(photo.pk), article=str(draft.pk))
    )
    data.update(photo_fields(1, "Ảnh quá lớn", order=1, image=oversized()))

    response = change(admin_client, draft, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Tin đã sửa sau khi họp"' in html
    assert "Phần sa pô đã viết lại." in html
    assert "Đoạn văn mới của phóng viên." in html
    assert 'value="Chú thích đã sửa"' in row_html(html, 0)
    assert too_large_in(row_html(html, 1))
    draft.refresh_from_db()
    photo.refresh_from_db()
    assert (draft.title, photo.caption) == ("Tin cũ", "Ảnh cũ")
    assert Article.objects.count() == 1 and draft.photos.count() == 1
    assert media_files() == before


def test_a_replacement_beside_a_refused_upload_leaves_the_stored_photo_and_is_asked_for_again(
    admin_client, draft
):
    photo = PhotoFactory(article=draft, caption="Ảnh cũ", order=0)
    before = media_files()
    original = (photo.image.name, digest(photo.image.path), photo.renditions)
    data = article_form(draft.category, title=draft.title, slug=draft.slug)
    data.update(inline_management(total=2, initial=1))
    data.update(
        photo_fields(
            0, "Ảnh cũ", order=0, id=str(photo.pk), article=str(draft.pk), image=image_upload()
        )
    )
    data.update(photo_fields(1, "Ảnh quá lớn", order=1, image=oversized()))

    response = change(admin_client, draft, data)

    assert response.status_code == 200
    photo.refresh_from_db()
    assert (photo.image.name, digest(photo.image.path), photo.renditions) == original
    assert media_files() == before
    html = response.content.decode()
    replaced, refused = row_html(html, 0), row_html(html, 1)
    assert escape(vi(ASK_AGAIN)) in replaced and too_large_in(refused)
    # The row shows the photo that is stored, never the unsaved upload's name as an image.
    assert f'<img src="{photo.image.url}"' in replaced
    assert "/anh.jpg" not in replaced and "/qua-lon.jpg" not in refused


def test_a_refused_replacement_keeps_the_stored_photo_shown_in_its_row(admin_client, draft):
    photo = PhotoFactory(article=draft, caption="Ảnh cũ", order=0)
    before = media_files()
    original = (photo.image.name, digest(photo.image.path), photo.renditions)
    data = article_form(draft.category, title=draft.title, slug=draft.slug)
    data.update(inline_management(total=1, initial=1))
    data.update(
        photo_fields(
            0, "Ảnh cũ", order=0, id=str(photo.pk), article=str(draft.pk), image=oversized()
        )
    )

    response = change(admin_client, draft, data)

    assert response.status_code == 200
    photo.refresh_from_db()
    assert (photo.image.name, digest(photo.image.path), photo.renditions) == original
    assert media_files() == before
    row = row_html(response.content.decode(), 0)
    assert too_large_in(row) and escape(vi(ASK_AGAIN)) not in row
    assert f'<img src="{photo.image.url}"' in row and "/qua-lon.jpg" not in row


def test_a_good_upload_in_a_save_refused_for_its_text_is_asked_for_again(admin_client, draft):
    data = article_form(draft.category, title="", slug=draft.slug)  # no title: refused
    data.update(inline_management(total=1))
    data.update(photo_fields(0, "Ảnh tốt", order=0, image=image_upload("tot.jpg")))

    response = change(admin_client, draft, data)

    assert response.status_code == 200
    assert Photo.objects.count() == 0 and media_files() == {}
    assert escape(vi(ASK_AGAIN)) in row_html(response.content.decode(), 0)


def test_a_photo_deleted_in_a_refused_save_is_not_asked_for_again(admin_client, draft):
    data = article_form(draft.category, title=draft.title, slug=draft.slug)
    data.update(inline_management(total=2))
    data.update(photo_fields(0, "Bỏ ảnh này", order=0, image=image_upload(), DELETE="on"))
    data.update(photo_fields(1, "Ảnh quá lớn", order=1, image=oversized()))

    response = change(admin_client, draft, data)

    assert response.status_code == 200
    assert escape(vi(ASK_AGAIN)) not in response.content.decode()
