"""Image uploads: the body editor's upload endpoint and the article photos in the admin.

Both refuse anything but a whole JPEG/PNG/WebP/GIF within the byte and pixel limits, with a
message the reporter can act on, and never answer with a server error.
"""

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import gettext
from PIL import Image

from news import roles
from news.models import Article, Photo, Status
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory, UserFactory, image_bytes

pytestmark = pytest.mark.django_db

UPLOAD_URL = "news:editor_upload"

NOT_AN_IMAGE = "This file is not an image. Upload a JPEG, PNG, WebP or GIF photo."
DAMAGED = "This image is damaged or incomplete. Save it again in a photo program and upload it."
TOO_LARGE = "The file is too large (%(size)s). The limit is %(limit)s."
TOO_MANY_PIXELS = (
    "The image is too large (%(width)s×%(height)s pixels). The limit is %(limit)s megapixels."
)
BOMB = "The image has too many pixels. The limit is %(limit)s megapixels."


def in_site_language(build):
    """What the reader sees: `build()` evaluated in the site's language, as the views answer."""
    with translation.override(settings.LANGUAGE_CODE):
        return build()


def message(text, **values):
    return in_site_language(lambda: gettext(text) % values if values else gettext(text))


# --- files -------------------------------------------------------------------------------


def noisy_image(width=400, height=300, fmt="JPEG", **options):
    """A photo-like image: noise does not compress, so the file has real data to cut off."""
    buffer = io.BytesIO()
    Image.effect_noise((width, height), 60).convert("RGB").save(buffer, fmt, **options)
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width, height):
    """A tiny PNG that claims to be `width`×`height`: decoding it would need gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IEND", b"")


def with_corrupted_png_data(png):
    """Flip a byte inside the IDAT chunk: the chunk's checksum no longer matches."""
    start = png.index(b"IDAT") + 4 + 10
    return png[:start] + bytes([png[start] ^ 0xFF]) + png[start + 1 :]


def mpo_photo():
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (64, 48), "navy"), Image.new("RGB", (64, 48), "gray")
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    return buffer.getvalue()


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)
PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"


def upload(content, name="anh.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files():
    media = Path(settings.MEDIA_ROOT)
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


# --- users -------------------------------------------------------------------------------


def reporter():
    user = UserFactory(username="phongvien", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.REPORTER))
    return user


def staff_with(*codenames):
    user = UserFactory(username="nhanvien", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def reporter_client(client):
    client.force_login(reporter())
    return client


# --- the editor's upload endpoint --------------------------------------------------------


def post_upload(client, file):
    return client.post(reverse(UPLOAD_URL), {"upload": file})


def uploaded_photo(response):
    """The photo an upload made, from the address the editor got (/anh/<id>/)."""
    url = response.json()["url"]
    match = re.fullmatch(r"/anh/([0-9]+)/", url)
    assert match, url
    return Photo.objects.get(pk=match[1])


def test_get_is_not_allowed(reporter_client):
    assert reporter_client.get(reverse(UPLOAD_URL)).status_code == 405


def test_anonymous_users_are_refused_in_json(client):
    response = post_upload(client, upload(image_bytes()))
    assert response.status_code == 403
    assert response.json() == {"error": {"message": message("Log in to upload images.")}}
    assert stored_files() == []


@pytest.mark.parametrize(
    "codenames",
    [
        pytest.param([], id="staff-only"),
        pytest.param(["view_article", "add_photo", "change_photo"], id="no-article-rights"),
    ],
)
def test_staff_without_the_right_to_write_articles_are_refused(client, codenames):
    client.force_login(staff_with(*codenames))
    response = post_upload(client, upload(image_bytes()))
    assert response.status_code == 403
    assert response.json() == {
        "error": {"message": message("You do not have permission to upload images.")}
    }
    assert stored_files() == []


def test_a_reporter_uploads_an_image_under_a_generated_name(reporter_client):
    content = image_bytes(120, 80)
    response = post_upload(reporter_client, upload(content, name="Ảnh hội nghị (1).JPG"))
    assert response.status_code == 200
    photo = uploaded_photo(response)
    # A managed photo, the uploader's until an article is saved with it (news/body_photos.py).
    assert photo.article is None and photo.uploaded_by.username == "phongvien"
    today = timezone.localdate()
    assert re.fullmatch(rf"photos/{today:%Y/%m}/[0-9a-f]{{32}}\.jpg", photo.image.name)
    assert Path(photo.image.path).read_bytes() == content
    assert photo.renditions["webp"] and photo.renditions["jpeg"]  # its copies, made now
    assert {p.relative_to(settings.MEDIA_ROOT).as_posix() for p in stored_files()} == {
        photo.image.name,
        *photo.rendition_names,
    }


@pytest.mark.parametrize(
    "codenames",
    [pytest.param(["add_article"], id="add"), pytest.param(["change_article"], id="change")],
)
def test_either_article_right_allows_uploading(client, codenames):
    client.force_login(staff_with(*codenames))
    assert post_upload(client, upload(image_bytes())).status_code == 200


def test_two_uploads_of_the_same_file_do_not_overwrite_each_other(reporter_client):
    first = uploaded_photo(post_upload(reporter_client, upload(image_bytes(), name="anh.jpg")))
    second = uploaded_photo(post_upload(reporter_client, upload(image_bytes(), name="anh.jpg")))
    assert first.image.name != second.image.name
    assert Path(first.image.path).exists() and Path(second.image.path).exists()


@pytest.mark.parametrize(
    ("content", "name", "extension"),
    [
        pytest.param(image_bytes(fmt="PNG"), "anh.jpg", ".png", id="png-named-jpg"),
        pytest.param(image_bytes(fmt="WEBP"), "anh.webp", ".webp", id="webp"),
        pytest.param(image_bytes(fmt="GIF"), "anh", ".gif", id="gif-without-extension"),
        pytest.param(noisy_image(progressive=True), "anh.jpeg", ".jpg", id="progressive-jpeg"),
        pytest.param(mpo_photo(), "DSCF0001.MPO", ".jpg", id="camera-mpo-is-a-jpeg"),
    ],
)
def test_the_stored_extension_follows_the_contents(reporter_client, content, name, extension):
    response = post_upload(reporter_client, upload(content, name=name))
    assert response.status_code == 200, response.content
    assert uploaded_photo(response).image.name.endswith(extension)


def test_an_upload_spooled_to_a_temporary_file_is_stored_whole(reporter_client, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # larger uploads go to a temporary file
    content = noisy_image(600, 400)
    response = post_upload(reporter_client, upload(content))
    assert response.status_code == 200
    assert Path(uploaded_photo(response).image.path).read_bytes() == content


@pytest.mark.parametrize(
    ("content", "name", "content_type", "expected"),
    [
        pytest.param(b"Bao cao tong ket", "bao-cao.jpg", "image/jpeg", NOT_AN_IMAGE, id="text"),
        pytest.param(b"", "rong.jpg", "image/jpeg", NOT_AN_IMAGE, id="empty"),
        pytest.param(SVG_WITH_SCRIPT, "logo.svg", "image/svg+xml", NOT_AN_IMAGE, id="svg"),
        pytest.param(SVG_WITH_SCRIPT, "logo.jpg", "image/jpeg", NOT_AN_IMAGE, id="svg-as-jpg"),
        pytest.param(PDF, "cong-van.pdf", "application/pdf", NOT_AN_IMAGE, id="pdf"),
        pytest.param(image_bytes(fmt="BMP"), "anh.bmp", "image/bmp", NOT_AN_IMAGE, id="bmp"),
        pytest.param(image_bytes(fmt="TIFF"), "anh.tif", "image/tiff", NOT_AN_IMAGE, id="tiff"),
        pytest.param(noisy_image()[:6000], "cut.jpg", "image/jpeg", DAMAGED, id="truncated-jpeg"),
        pytest.param(
            noisy_image(progressive=True)[:6000],
            "cut.jpg",
            "image/jpeg",
            DAMAGED,
            id="truncated-progressive-jpeg",
        ),
        pytest.param(
            noisy_image(fmt="PNG")[:6000], "cut.png", "image/png", DAMAGED, id="truncated-png"
        ),
        pytest.param(
            with_corrupted_png_data(noisy_image(fmt="PNG")),
            "hong.png",
            "image/png",
            DAMAGED,
            id="corrupted-png",
        ),
        pytest.param(
            noisy_image(fmt="GIF")[:6000], "cut.gif", "image/gif", DAMAGED, id="truncated-gif"
        ),
        pytest.param(
            noisy_image(fmt="WEBP")[:6000], "cut.webp", "image/webp", DAMAGED, id="truncated-webp"
        ),
    ],
)
def test_files_that_are_not_whole_images_are_refused(
    reporter_client, content, name, content_type, expected
):
    response = post_upload(reporter_client, upload(content, name, content_type))
    assert response.status_code == 400
    assert response.json() == {"error": {"message": message(expected)}}
    assert stored_files() == []


def test_a_post_without_a_file_is_refused(reporter_client):
    response = reporter_client.post(reverse(UPLOAD_URL), {})
    assert response.status_code == 400
    assert response.json() == {"error": {"message": message("No file was sent.")}}


def test_a_file_over_the_byte_limit_is_refused(reporter_client, settings):
    settings.IMAGE_MAX_BYTES = 2000
    content = noisy_image(100, 100)
    assert len(content) > 2000
    response = post_upload(reporter_client, upload(content))
    assert response.status_code == 400
    expected = in_site_language(
        lambda: (
            gettext(TOO_LARGE)
            % {"size": filesizeformat(len(content)), "limit": filesizeformat(2000)}
        )
    )
    assert response.json() == {"error": {"message": expected}}
    assert stored_files() == []


def test_an_image_over_the_pixel_limit_is_refused(reporter_client, settings):
    settings.IMAGE_MAX_PIXELS = 10_000
    response = post_upload(reporter_client, upload(image_bytes(200, 100)))
    assert response.status_code == 400
    expected = in_site_language(
        lambda: (
            gettext(TOO_MANY_PIXELS) % {"width": 200, "height": 100, "limit": number_format(0.01)}
        )
    )
    assert response.json() == {"error": {"message": expected}}
    assert stored_files() == []


def test_an_image_at_the_limits_is_accepted(reporter_client, settings):
    content = image_bytes(100, 100)
    settings.IMAGE_MAX_BYTES = len(content)
    settings.IMAGE_MAX_PIXELS = 100 * 100
    assert post_upload(reporter_client, upload(content)).status_code == 200


def test_a_decompression_bomb_is_refused_from_its_header(reporter_client):
    # 100,000 × 100,000 pixels: Pillow itself refuses it (DecompressionBombError) on opening.
    response = post_upload(reporter_client, upload(png_header_only(100_000, 100_000), "bom.png"))
    assert response.status_code == 400
    expected = message(BOMB, limit=in_site_language(lambda: number_format(40)))
    assert response.json() == {"error": {"message": expected}}
    assert stored_files() == []


def test_a_bomb_below_pillows_own_limit_is_refused_before_decoding(reporter_client):
    # 10,000 × 10,000: past Pillow's warning threshold, under its error threshold. Pillow warns
    # on opening; our pixel limit (40 megapixels) refuses it before anything is decoded.
    with pytest.warns(Image.DecompressionBombWarning):
        response = post_upload(reporter_client, upload(png_header_only(10_000, 10_000)))
    assert response.status_code == 400
    expected = in_site_language(
        lambda: (
            gettext(TOO_MANY_PIXELS)
            % {"width": 10_000, "height": 10_000, "limit": number_format(40)}
        )
    )
    assert response.json() == {"error": {"message": expected}}


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
def test_a_bomb_is_refused_even_when_warnings_are_errors(reporter_client):
    response = post_upload(reporter_client, upload(png_header_only(10_000, 10_000)))
    assert response.status_code == 400
    expected = message(BOMB, limit=in_site_language(lambda: number_format(40)))
    assert response.json() == {"error": {"message": expected}}


def test_the_upload_needs_the_csrf_token_the_editor_sends():
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter())
    assert post_upload(client, upload(image_bytes())).status_code == 403
    client.get(reverse("admin:news_article_add"))  # the editor's page sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        reverse(UPLOAD_URL), {"upload": upload(image_bytes())}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200


# --- article photos in the admin ---------------------------------------------------------


def article_form_with_photo(category, image):
    return {
        "title": "Khánh thành cầu Đọ Xá",
        "slug": "",
        "lead": "Sáng 2/9, huyện khánh thành cầu Đọ Xá nối hai bờ sông Đáy.",
        "body": "<p>Cầu dài 120 m.</p>",
        "category": str(category.pk),
        "source": "Đài Kim Bảng",
        "status": Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "author": "",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-image": image,
        "photos-0-caption": "Cầu Đọ Xá trong ngày khánh thành",
        "photos-0-alt_text": "Cây cầu bê tông bắc qua sông, hai bên cắm cờ",
        "photos-0-credit": "Ảnh: Đài Kim Bảng",
        "photos-0-order": "0",
    }


def post_photo(client, image):
    data = article_form_with_photo(CategoryFactory(), image)
    return client.post(reverse("admin:news_article_add"), data)


def assert_refused_with(response, expected):
    """The form comes back with the photo's error shown, what was typed kept, nothing saved."""
    assert response.status_code == 200
    photo_form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert photo_form.errors["image"] == [expected]
    html = response.content.decode()
    assert escape(expected) in html
    assert 'value="Khánh thành cầu Đọ Xá"' in html
    assert "Sáng 2/9, huyện khánh thành cầu Đọ Xá nối hai bờ sông Đáy." in html
    assert Article.objects.count() == 0 and Photo.objects.count() == 0
    assert stored_files() == []


def django_invalid_image():
    return in_site_language(lambda: str(forms.ImageField.default_error_messages["invalid_image"]))


@pytest.mark.parametrize(
    "image",
    [
        pytest.param(upload(b"Bao cao tong ket", "anh.jpg"), id="text"),
        pytest.param(upload(SVG_WITH_SCRIPT, "anh.svg", "image/svg+xml"), id="svg"),
        pytest.param(upload(PDF, "anh.pdf", "application/pdf"), id="pdf"),
        pytest.param(upload(png_header_only(100_000, 100_000), "bom.png"), id="bomb"),
    ],
)
def test_a_photo_that_is_no_image_is_refused_by_the_image_field(admin_client, image):
    # Django's ImageField opens and verifies the file first and gives its own message.
    assert_refused_with(post_photo(admin_client, image), django_invalid_image())


def test_a_truncated_photo_is_refused(admin_client):
    # Django's check (Image.verify) does not notice a cut-off JPEG; our validator decodes it.
    response = post_photo(admin_client, upload(noisy_image()[:6000]))
    assert_refused_with(response, message(DAMAGED))


def test_a_photo_over_the_byte_limit_is_refused(admin_client, settings):
    settings.IMAGE_MAX_BYTES = 2000
    content = noisy_image(100, 100)
    response = post_photo(admin_client, upload(content))
    expected = in_site_language(
        lambda: (
            gettext(TOO_LARGE)
            % {"size": filesizeformat(len(content)), "limit": filesizeformat(2000)}
        )
    )
    assert_refused_with(response, expected)


def test_a_photo_over_the_pixel_limit_is_refused(admin_client, settings):
    settings.IMAGE_MAX_PIXELS = 10_000
    response = post_photo(admin_client, upload(image_bytes(200, 100)))
    expected = in_site_language(
        lambda: (
            gettext(TOO_MANY_PIXELS) % {"width": 200, "height": 100, "limit": number_format(0.01)}
        )
    )
    assert_refused_with(response, expected)


def test_a_good_photo_is_saved_under_a_generated_name_with_its_real_extension(admin_client):
    response = post_photo(admin_client, upload(image_bytes(fmt="PNG"), "Ảnh cầu.jpg"))
    assert response.status_code == 302
    photo = Photo.objects.get()
    today = timezone.localdate()
    assert re.fullmatch(rf"photos/{today:%Y/%m}/[0-9a-f]{{32}}\.png", photo.image.name)
    assert (photo.width, photo.height) == (64, 48)


def test_stored_photos_are_not_checked_again_when_their_article_is_edited(admin_client, settings):
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    photo = PhotoFactory(article=article)
    settings.IMAGE_MAX_BYTES = 10  # the limits changed since the photo was uploaded
    data = article_form_with_photo(article.category, "")
    data.update(
        {
            "title": "Tin đã sửa",
            "photos-INITIAL_FORMS": "1",
            "photos-0-id": str(photo.pk),
            "photos-0-article": str(article.pk),
        }
    )
    del data["photos-0-image"]
    response = admin_client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tin đã sửa"
    assert article.photos.get().image.name == photo.image.name


def test_body_images_lose_their_location(client, people, settings):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (21.0, 30.0, 0.0), 3: "E", 4: (105.0, 55.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG", exif=exif)
    client.force_login(people["reporter"])
    upload = SimpleUploadedFile("gps.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = client.post(reverse("news:editor_upload"), {"upload": upload})
    assert response.status_code == 200
    with Image.open(uploaded_photo(response).image.path) as image:
        assert not image.getexif().get_ifd(0x8825)
