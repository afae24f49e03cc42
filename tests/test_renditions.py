"""Photo renditions: made once at upload, upright, without metadata, and what pages send."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image, ImageCms
from PIL.ExifTags import GPS, IFD, Base

from news import renditions
from news.models import Photo
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory, image_upload
from tests.test_admin import article_form, inline_management, photo_fields

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 20, 20), (20, 20, 220)
# What a phone writes into a photo besides the picture; none of it may reach a public file.
CAMERA = b"PhoneMaker"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="20,33.5N"/>'
COMMENT = b"Ghi chu cua may anh"
SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def phone_photo(width=1400, height=700, fmt="JPEG"):
    """A photo as a phone stores it: sideways pixels (left half red, right half blue) with
    EXIF orientation 6 ("turn 90° clockwise to show"), a GPS position, camera, XMP and colour
    profile data."""
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[Base.Orientation] = 6
    exif[Base.Make] = CAMERA.decode()
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[GPS.GPSLatitudeRef], gps[GPS.GPSLatitude] = "N", (20.0, 33.0, 30.5)
    gps[GPS.GPSLongitudeRef], gps[GPS.GPSLongitude] = "E", (105.0, 55.0, 12.25)
    buffer = io.BytesIO()
    extra = {"comment": COMMENT} if fmt == "JPEG" else {}
    image.save(buffer, fmt, exif=exif, xmp=XMP, icc_profile=SRGB_PROFILE, **extra)
    return buffer.getvalue()


def upload_phone_photo(**kwargs):
    upload = SimpleUploadedFile("IMG_20201013.JPG", phone_photo(), content_type="image/jpeg")
    return PhotoFactory(image=upload, **kwargs)


def stored(name):
    with default_storage.open(name) as file:
        return file.read()


def opened(name):
    image = Image.open(io.BytesIO(stored(name)))
    image.load()
    return image


def stored_files():
    root = Path(default_storage.location)
    return sorted(str(p.relative_to(root)) for p in (root / "photos").rglob("*") if p.is_file())


def assert_no_metadata(name):
    data = stored(name)
    for secret in (b"Exif\x00\x00", b"xmpmeta", CAMERA, COMMENT):
        assert secret not in data, (name, secret)
    image = opened(name)
    assert not image.getexif(), name
    assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info), name


def assert_upright(image):
    """Red on top, blue below: the sideways phone photo turned as its EXIF tag said."""
    width, height = image.size
    rgb = image.convert("RGB")
    top = rgb.getpixel((width // 2, height // 5))
    bottom = rgb.getpixel((width // 2, height * 4 // 5))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0], (top, bottom)


def test_an_upload_gets_webp_and_jpeg_copies_at_each_width_up_to_the_original():
    photo = Photo.objects.get(pk=upload_phone_photo().pk)

    # Upright the original is 700 wide: the widths below it, and its own, never wider.
    expected = ["320", "480", "700"]
    assert sorted(photo.renditions["webp"], key=int) == expected
    assert sorted(photo.renditions["jpeg"], key=int) == expected
    for image_format, by_width in (
        ("WEBP", photo.renditions["webp"]),
        ("JPEG", photo.renditions["jpeg"]),
    ):
        for width, name in by_width.items():
            assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}-\d+\.(webp|jpg)", name), name
            assert name.startswith(photo.image.name.removesuffix(".jpg") + f"-{width}.")
            image = opened(name)
            assert image.format == image_format
            assert image.size == (int(width), int(width) * 2)  # the upright proportions
            assert_upright(image)


def test_the_open_graph_copy_is_a_1200_by_630_jpeg():
    photo = upload_phone_photo()

    og = opened(photo.renditions["og"])

    assert (og.format, og.size) == ("JPEG", (1200, 630))
    assert photo.og_image_url == default_storage.url(photo.renditions["og"])


def test_copies_and_the_stored_original_are_upright_and_carry_no_location_or_camera_data():
    photo = Photo.objects.get(pk=upload_phone_photo().pk)

    original = opened(photo.image.name)
    assert original.format == "JPEG"
    assert original.size == (photo.width, photo.height) == (700, 1400)
    assert_upright(original)
    for name in [photo.image.name, *photo.rendition_names]:
        assert_no_metadata(name)
    assert len(photo.rendition_names) == 7  # 3 WebP, 3 JPEG, 1 Open Graph


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_originals_lose_their_metadata_and_keep_their_format(fmt):
    upload = SimpleUploadedFile(f"anh.{fmt.lower()}", phone_photo(fmt=fmt))

    photo = PhotoFactory(image=upload)

    assert photo.image.name.endswith(f".{fmt.lower()}")
    original = opened(photo.image.name)
    assert original.format == fmt and original.size == (700, 1400)
    assert_upright(original)
    for name in [photo.image.name, *photo.rendition_names]:
        assert_no_metadata(name)


def test_an_original_without_metadata_is_stored_byte_for_byte():
    upload = image_upload(width=800, height=600)
    sent = upload.read()

    photo = PhotoFactory(image=upload)

    assert stored(photo.image.name) == sent
    assert sorted(photo.renditions["jpeg"], key=int) == ["320", "480", "720", "800"]


PAYLOAD = b"<html><script>alert(document.domain)</script></html>"


def test_a_jpeg_with_something_appended_is_stored_without_it():
    sent = image_upload(width=800, height=600).read()

    photo = PhotoFactory(image=SimpleUploadedFile("anh.jpg", sent + PAYLOAD))

    assert stored(photo.image.name) == sent  # the picture's own bytes, to its last one


@pytest.mark.parametrize(
    "options",
    [{}, {"progressive": True}, {"restart_marker_rows": 1}, {"progressive": True, "quality": 30}],
    ids=["baseline", "progressive", "restart-markers", "progressive-low-quality"],
)
def test_the_end_of_a_jpeg_is_found_by_walking_it(options):
    noise = Image.effect_noise((320, 240), 90).convert("RGB")  # 0xFF bytes in the scans
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", **options)
    data = buffer.getvalue()

    assert renditions._jpeg_end(data) == len(data)
    assert renditions._jpeg_end(data + PAYLOAD + b"\xff\xd9") == len(data)
    assert renditions._jpeg_end(data[: len(data) // 2]) is None


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_originals_are_always_written_by_the_portal(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), RED).save(buffer, fmt)
    sent = buffer.getvalue() + PAYLOAD

    photo = PhotoFactory(image=SimpleUploadedFile(f"anh.{fmt.lower()}", sent))

    kept = stored(photo.image.name)
    assert PAYLOAD not in kept and kept != sent
    assert opened(photo.image.name).format == fmt
    pixel = opened(photo.image.name).getpixel((10, 10))[:3]
    assert all(abs(got - wanted) <= 3 for got, wanted in zip(pixel, RED, strict=True))  # lossy WebP


def test_an_animated_gif_keeps_its_frames_and_timing_and_loses_what_it_carried():
    frames = [Image.new("RGB", (120, 80), color) for color in (RED, BLUE, RED)]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0,
        comment=PAYLOAD,
    )  # fmt: skip
    sent = buffer.getvalue() + PAYLOAD

    photo = PhotoFactory(image=SimpleUploadedFile("anh.gif", sent))

    kept = stored(photo.image.name)
    assert b"script" not in kept
    with Image.open(io.BytesIO(kept)) as gif:
        assert (gif.format, gif.n_frames, gif.info["duration"], gif.info["loop"]) == (
            "GIF",
            3,
            200,
            0,
        )
        assert "comment" not in gif.info


def test_a_small_original_gets_one_copy_of_its_own_width():
    photo = PhotoFactory(image=image_upload(width=64, height=48))

    assert list(photo.renditions["webp"]) == list(photo.renditions["jpeg"]) == ["64"]
    assert opened(photo.renditions["webp"]["64"]).size == (64, 48)
    assert opened(photo.renditions["og"]).size == (1200, 630)


def test_a_transparent_png_gets_a_white_background_in_jpeg_and_keeps_it_in_webp():
    buffer = io.BytesIO()
    Image.new("RGBA", (400, 300), (0, 0, 0, 0)).save(buffer, "PNG")

    photo = PhotoFactory(image=SimpleUploadedFile("logo.png", buffer.getvalue()))

    assert opened(photo.renditions["jpeg"]["320"]).getpixel((10, 10)) == (255, 255, 255)
    assert opened(photo.renditions["webp"]["320"]).getpixel((10, 10))[3] == 0


def test_saving_a_photo_again_without_a_new_image_makes_nothing(monkeypatch):
    photo = upload_phone_photo()
    names, files = dict(photo.renditions), stored_files()
    calls = []
    monkeypatch.setattr(renditions, "make", lambda *args: calls.append(args))

    photo.caption = "Chú thích đã sửa"
    photo.save()
    reloaded = Photo.objects.get(pk=photo.pk)
    reloaded.alt_text = "Mô tả đã sửa"
    reloaded.save()

    assert calls == []
    assert Photo.objects.get(pk=photo.pk).renditions == names
    assert stored_files() == files


def test_a_replaced_image_gets_new_copies_and_the_old_ones_are_deleted(
    django_capture_on_commit_callbacks,
):
    photo = upload_phone_photo()
    old = set(photo.rendition_names)

    with django_capture_on_commit_callbacks(execute=True):
        photo = Photo.objects.get(pk=photo.pk)
        photo.image = image_upload(width=500, height=400)
        photo.save()

    new = set(Photo.objects.get(pk=photo.pk).rendition_names)
    assert new and not new & old
    assert all(default_storage.exists(name) for name in new)
    assert not any(default_storage.exists(name) for name in old)


def test_deleting_a_photo_or_its_article_deletes_its_copies(django_capture_on_commit_callbacks):
    photo, other = upload_phone_photo(), PhotoFactory()
    names, other_names = photo.rendition_names, other.rendition_names

    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
        other.article.delete()

    assert not any(default_storage.exists(name) for name in names + other_names)


def test_an_image_stored_through_the_field_api_is_cleaned_and_gets_copies():
    photo = PhotoFactory.build(article=ArticleFactory(), image=None)

    photo.image.save("IMG_0002.JPG", ContentFile(phone_photo()), save=True)

    photo = Photo.objects.get(pk=photo.pk)
    assert (photo.width, photo.height) == (700, 1400)
    assert_upright(opened(photo.image.name))
    for name in [photo.image.name, *photo.rendition_names]:
        assert_no_metadata(name)


def test_make_renditions_fills_in_old_photos_and_cleans_their_originals():
    """A photo stored before renditions existed: the phone's file as sent, no copies."""
    photo = PhotoFactory()
    raw_name = default_storage.save("photos/2020/10/anh-cu.jpg", ContentFile(phone_photo()))
    Photo.objects.filter(pk=photo.pk).update(image=raw_name, width=1400, height=700, renditions={})
    done = PhotoFactory()
    done_names = dict(done.renditions)
    errors = io.StringIO()

    call_command("make_renditions", stdout=io.StringIO(), stderr=errors)

    photo.refresh_from_db()
    assert errors.getvalue() == ""
    assert photo.image.name == raw_name and (photo.width, photo.height) == (700, 1400)
    assert sorted(photo.renditions["webp"], key=int) == ["320", "480", "700"]
    for name in [raw_name, *photo.rendition_names]:
        assert_no_metadata(name)
    assert_upright(opened(raw_name))
    done.refresh_from_db()
    assert done.renditions == done_names  # had its copies: untouched

    files = stored_files()
    call_command("make_renditions", stdout=io.StringIO())
    assert stored_files() == files  # a second run has nothing to do


def test_make_renditions_all_remakes_every_photo(django_capture_on_commit_callbacks):
    photo = PhotoFactory(image=image_upload(width=500, height=400))
    old = set(photo.rendition_names)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("make_renditions", "--all", stdout=io.StringIO())

    photo.refresh_from_db()
    new = set(photo.rendition_names)
    assert len(new) == len(old) == 7
    assert all(default_storage.exists(name) for name in new)
    assert not any(default_storage.exists(name) for name in old - new)


# --- What the pages send -------------------------------------------------------------------


def img_tags(html):
    return re.findall(r"<img [^>]*>", html)


def attribute(tag, name):
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return match.group(1) if match else None


@pytest.fixture
def category_with_articles():
    category = CategoryFactory(name="Kinh tế")
    articles = [ArticleFactory(category=category, is_featured=index == 0) for index in range(4)]
    photos = [
        PhotoFactory(article=article, image=image_upload(width=1600, height=1200))
        for article in articles
    ]
    return category, photos


@pytest.mark.parametrize("page", ["home", "category"])
def test_list_pages_send_copies_never_the_original(client, category_with_articles, page):
    category, photos = category_with_articles

    html = client.get("/" if page == "home" else category.get_absolute_url()).content.decode()

    for photo in photos:
        assert photo.image.url not in html
        assert photo.renditions["webp"]["480"] in html
    tags = img_tags(html)
    assert tags and html.count("<picture>") == len(tags)
    assert html.count('<source type="image/webp" srcset="') == len(tags)
    for tag in tags:
        assert attribute(tag, "src").endswith("-720.jpg")
        assert attribute(tag, "srcset").count("w, ") == 4  # 320, 480, 720, 960 and 1280 wide
        assert attribute(tag, "sizes")
        assert (attribute(tag, "width"), attribute(tag, "height")) == ("720", "540")
        assert attribute(tag, "decoding") == "async"
        assert attribute(tag, "alt") == ""
    # The first photo on the screen comes at once; the others when the reader scrolls to them.
    assert attribute(tags[0], "fetchpriority") == "high" and not attribute(tags[0], "loading")
    assert all(attribute(tag, "loading") == "lazy" for tag in tags[1:])


def test_article_page_figures_are_pictures_the_lower_ones_lazy(client):
    article = ArticleFactory()
    first = PhotoFactory(article=article, order=1, image=image_upload(width=1600, height=1200))
    PhotoFactory(article=article, order=2, image=image_upload(width=1600, height=1200))

    html = client.get(article.get_absolute_url()).content.decode()

    tags = img_tags(html.split('<figure class="photo">', 1)[1])
    assert html.count("<picture>") == 2 and len(tags) == 2
    assert first.renditions["webp"]["960"] + " 960w" in html
    for tag in tags:
        assert "1280w" in attribute(tag, "srcset") and attribute(tag, "sizes")
        assert (attribute(tag, "width"), attribute(tag, "height")) == ("720", "540")
        assert attribute(tag, "alt") == first.alt_text
    assert not attribute(tags[0], "loading") and attribute(tags[1], "loading") == "lazy"


def test_a_photo_without_copies_falls_back_to_its_original(client):
    photo = PhotoFactory(image=image_upload(width=800, height=600))
    Photo.objects.filter(pk=photo.pk).update(renditions={})

    html = client.get(photo.article.get_absolute_url()).content.decode()

    tag = img_tags(html.split('<figure class="photo">', 1)[1])[0]
    assert attribute(tag, "src") == photo.image.url
    assert (attribute(tag, "width"), attribute(tag, "height")) == ("800", "600")
    assert not attribute(tag, "srcset") and "image/webp" not in html
    assert Photo.objects.get(pk=photo.pk).og_image_url == ""


def test_a_photo_uploaded_in_the_admin_is_cleaned_and_gets_copies(admin_client, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # a large upload: a temporary file on disk
    data = article_form(CategoryFactory(), **inline_management(total=1))
    upload = SimpleUploadedFile("IMG_0003.JPG", phone_photo(), content_type="image/jpeg")
    data.update(photo_fields(0, "Nông dân gặt lúa", image=upload))

    response = admin_client.post(reverse("admin:news_article_add"), data)

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (700, 1400)
    assert_upright(opened(photo.image.name))
    assert sorted(photo.renditions["webp"], key=int) == ["320", "480", "700"]
    for name in [photo.image.name, *photo.rendition_names]:
        assert_no_metadata(name)
