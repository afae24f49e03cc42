"""Photos placed in an article's body (news/body_photos.py): uploaded from the body editor as
managed photos, kept in the body by their own address (/anh/<id>/), drawn on public pages as
captioned <picture>s of their copies where the reporter put them.

The body editor itself (CKEditor 5 in Chromium) is driven in tests/test_browser.py; here the
form is posted as the editor sends it.
"""

import re
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from news import body_photos
from news.models import Article, Photo, Status
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory, image_bytes
from tests.test_admin import article_form, inline_management, photo_fields
from tests.test_uploads import upload, uploaded_photo

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:news_article_add")


@pytest.fixture(autouse=True)
def fresh_pages(settings):
    settings.PAGE_CACHE_SECONDS = 0  # each page rendered from what the database holds now


def vi(text):
    with translation.override("vi"):
        return gettext(text)


def upload_into_body(client):
    """What the editor's image button does: the upload, then the address the body keeps."""
    response = client.post(reverse("news:editor_upload"), {"upload": upload(image_bytes(900, 600))})
    assert response.status_code == 200, response.content
    return uploaded_photo(response), response.json()["url"]


def figure(url, alt="Dân quân xếp hàng trên sân", caption="Lễ ra quân sáng 5/1"):
    """A captioned image as CKEditor 5 writes it."""
    return (
        f'<figure class="image"><img src="{url}" alt="{alt}"><figcaption>{caption}</figcaption>'
        "</figure>"
    )


def body_with(*figures):
    first, *rest = figures
    return (
        "<p>Đoạn mở đầu của bài.</p>"
        + first
        + "<p>Đoạn giữa, sau ảnh thứ nhất.</p>"
        + "".join(rest)
        + "<p>Đoạn cuối.</p>"
    )


def publish_form(category, body, **extra):
    return article_form(
        category,
        body=body,
        _move="publish",
        workflow_comment="Đăng ngay",
        publish_at_0="",
        publish_at_1="",
        **extra,
    )


def one_photo_edit(article, body, photo, caption, alt_text):
    """The change form of `article` as the admin posts it: `body`, and its one photo's row."""
    data = article_form(
        article.category, body=body, slug=article.slug, edit_version=article.version
    )
    data.update(inline_management(total=1, initial=1))
    data.update(
        photo_fields(0, caption, alt_text=alt_text, id=str(photo.pk), article=str(article.pk))
    )
    return data


def test_an_editor_upload_is_a_managed_photo_placed_where_the_reporter_put_it(admin_client):
    category = CategoryFactory()
    photo, url = upload_into_body(admin_client)
    second, second_url = upload_into_body(admin_client)
    body = body_with(
        figure(url),
        figure(second_url, alt="Chỉ huy trưởng phát biểu", caption="Phát biểu giao nhiệm vụ"),
    )
    response = admin_client.post(ADD_URL, publish_form(category, body))
    assert response.status_code == 302, response.context["adminform"].errors

    article = Article.objects.get()
    assert article.status == Status.PUBLISHED
    # Each one of the article's photos, once, with the body's caption and alternative text.
    photo.refresh_from_db()
    assert (photo.article, photo.caption, photo.alt_text) == (
        article,
        "Lễ ra quân sáng 5/1",
        "Dân quân xếp hàng trên sân",
    )
    assert list(article.photos.all()) == [photo, second]
    # The body keeps the photos' addresses, not their files.
    assert f'src="{url}"' in article.body and photo.image.name not in article.body

    html = admin_client.get(article.get_absolute_url()).content.decode()
    content = html[html.index('<div class="article__body">') : html.index("</article>")]
    # Where they were put, as captioned pictures of their copies, and nowhere else.
    assert content.index("Đoạn mở đầu") < content.index("Lễ ra quân sáng 5/1")
    assert content.index("Lễ ra quân sáng 5/1") < content.index("Đoạn giữa")
    assert content.index("Đoạn giữa") < content.index("Phát biểu giao nhiệm vụ")
    assert content.index("Phát biểu giao nhiệm vụ") < content.index("Đoạn cuối")
    assert html.count("Lễ ra quân sáng 5/1") == 1 and html.count("Phát biểu giao nhiệm vụ") == 1
    assert content.count('<figure class="photo">') == 2 and content.count("<picture>") == 2
    assert "/anh/" not in html and photo.image.url not in html  # never the original
    assert photo.srcset_webp.split(",")[0].split()[0] in content


def test_the_photos_not_placed_keep_their_places_around_the_body(admin_client):
    category = CategoryFactory()
    article = ArticleFactory(category=category, body="")
    PhotoFactory(article=article, caption="Ảnh đầu bài", order=1)
    placed = PhotoFactory(article=article, caption="Ảnh giữa bài", order=2)
    PhotoFactory(article=article, caption="Ảnh cuối bài", order=3)
    Article.objects.filter(pk=article.pk).update(
        body=body_with(figure(body_photos.photo_path(placed.pk), caption="Ảnh giữa bài"))
    )
    html = admin_client.get(article.get_absolute_url()).content.decode()
    html = html[html.index("<article") : html.index("</article>")]
    texts = ("Ảnh đầu bài", "Đoạn mở đầu", "Ảnh giữa bài", "Đoạn cuối", "Ảnh cuối bài")
    order = [html.index(text) for text in texts]
    assert order == sorted(order)
    assert html.count("Ảnh giữa bài") == 1
    # The first photo, above the body, is loaded at once; the others when scrolled to.
    first, *others = re.findall(r"<img[^>]*>", html)
    assert "loading" not in first and all('loading="lazy"' in img for img in others)


def test_a_photo_without_caption_or_alternative_text_is_asked_for_and_nothing_is_lost(
    admin_client,
):
    category = CategoryFactory()
    photo, url = upload_into_body(admin_client)
    body = body_with(figure(url, alt="", caption=""))
    response = admin_client.post(ADD_URL, publish_form(category, body))
    assert response.status_code == 200
    assert Article.objects.count() == 0
    errors = response.context["adminform"].form.errors["body"]
    assert errors == [
        vi("Photo %(number)d of the body needs %(missing)s.")
        % {
            "number": 1,
            "missing": vi(
                "an alternative text (click the photo, then “Change image text alternative”)"
            )
            + vi(" and ")
            + vi("a caption (click the photo, then “Toggle caption on”)"),
        }
    ]
    assert errors[0].startswith("Ảnh số 1 ")  # in Vietnamese
    # The body comes back as it was typed, the photo still waiting for its article.
    assert response.context["adminform"].form["body"].value() == body
    photo.refresh_from_db()
    assert photo.article is None and Photo.objects.count() == 1


def test_a_photo_of_someone_else_cannot_be_put_in_a_body(client, people):
    category = CategoryFactory()
    client.force_login(people["other_reporter"])
    theirs, their_url = upload_into_body(client)
    other_article = ArticleFactory()
    published_photo = PhotoFactory(article=other_article)
    client.force_login(people["reporter"])
    for url in (their_url, body_photos.photo_path(published_photo.pk), "/anh/999999/"):
        data = article_form(category, body=body_with(figure(url)))
        response = client.post(ADD_URL, data)
        assert response.status_code == 200, url
        [error] = response.context["adminform"].form.errors["body"]
        assert error == (
            "Ảnh số 1 trong nội dung không phải ảnh của bài này: hãy xóa ảnh đó rồi chèn lại từ "
            "máy của bạn."
        )
    theirs.refresh_from_db()
    published_photo.refresh_from_db()
    assert theirs.article is None and published_photo.article == other_article


def test_a_caption_changed_in_the_photo_list_shows_in_the_body_editor_and_on_the_page(
    admin_client,
):
    category = CategoryFactory()
    photo, url = upload_into_body(admin_client)
    body = body_with(figure(url))
    assert admin_client.post(ADD_URL, publish_form(category, body)).status_code == 302
    article = Article.objects.get()
    # Later, the caption is corrected in the photo list; the body is sent as the editor shows it.
    change = reverse("admin:news_article_change", args=[article.pk])
    shown = admin_client.get(change).context["adminform"].form["body"].value()
    assert shown == body  # nothing changed yet: the editor shows what was saved
    data = one_photo_edit(
        article, shown, photo, "Lễ ra quân năm 2021", "Dân quân xếp hàng trên sân"
    )
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].errors
    photo.refresh_from_db()
    assert photo.caption == "Lễ ra quân năm 2021"  # the photo list's change is kept
    shown = admin_client.get(change).context["adminform"].form["body"].value()
    assert "<figcaption>Lễ ra quân năm 2021</figcaption>" in shown
    assert "Lễ ra quân năm 2021" in admin_client.get(article.get_absolute_url()).content.decode()


def test_a_caption_changed_differently_in_the_body_and_the_photo_list_is_asked_for_again(
    admin_client,
):
    photo = PhotoFactory(caption="Lễ ra quân", alt_text="Dân quân trên sân")
    article = photo.article
    placed = figure(body_photos.photo_path(photo.pk), alt="Dân quân trên sân", caption="Lễ ra quân")
    Article.objects.filter(pk=article.pk).update(body=body_with(placed))
    article.refresh_from_db()
    changed_in_body = figure(
        body_photos.photo_path(photo.pk), alt="Dân quân trên sân", caption="Lễ ra quân 2026"
    )
    data = one_photo_edit(
        article, body_with(changed_in_body), photo, "Lễ ra quân huyện Kim Bảng", "Dân quân trên sân"
    )
    response = admin_client.post(reverse("admin:news_article_change", args=[article.pk]), data)

    assert response.status_code == 200  # the form comes back, with both texts as typed
    page = response.content.decode()
    assert "cũng đã được sửa dưới ảnh trong nội dung" in unescape(page)
    assert "Lễ ra quân huyện Kim Bảng" in page and "Lễ ra quân 2026" in page
    photo.refresh_from_db()
    assert photo.caption == "Lễ ra quân"
    # The same text in both places goes through (the article is public: with a reason).
    data.update({"photos-0-caption": "Lễ ra quân 2026", "workflow_comment": "Sửa chú thích"})
    response = admin_client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Lễ ra quân 2026"


def test_a_linked_photo_keeps_its_link_in_the_editor_and_on_the_page(admin_client):
    category = CategoryFactory()
    _photo, url = upload_into_body(admin_client)
    # CKEditor 5 links an image inside its figure.
    linked = (
        figure(url)
        .replace(
            f'<img src="{url}"', f'<a href="https://hanam.gov.vn/?a=1&amp;b=2"><img src="{url}"'
        )
        .replace("<figcaption>", "</a><figcaption>")
    )
    response = admin_client.post(ADD_URL, publish_form(category, body_with(linked)))
    assert response.status_code == 302
    article = Article.objects.get()

    page = admin_client.get(article.get_absolute_url()).content.decode()
    figure_html = page.split('<figure class="photo">')[1].split("</figure>")[0]
    assert '<a href="https://hanam.gov.vn/?a=1&amp;b=2" rel="noopener noreferrer"><picture>' in (
        figure_html
    )
    assert "</picture></a>" in figure_html
    change = reverse("admin:news_article_change", args=[article.pk])
    shown = admin_client.get(change).context["adminform"].form["body"].value()
    assert f'<a href="https://hanam.gov.vn/?a=1&amp;b=2"><img src="{url}"' in shown


def test_a_new_file_for_a_placed_photo_shows_without_touching_the_body(admin_client):
    category = CategoryFactory()
    photo, url = upload_into_body(admin_client)
    assert (
        admin_client.post(ADD_URL, publish_form(category, body_with(figure(url)))).status_code
        == 302
    )
    article = Article.objects.get()
    body = article.body
    old_copies = photo.srcset_webp
    photo.refresh_from_db()
    photo.image = upload(image_bytes(1200, 800), name="moi.jpg")
    photo.save()
    article.refresh_from_db()
    assert article.body == body  # the reference did not change ...
    html = admin_client.get(article.get_absolute_url()).content.decode()
    assert photo.srcset_webp.split()[0] in html  # ... and the page draws the new copies
    assert old_copies.split()[0] not in html


def test_the_photo_address_sends_staff_on_and_hides_unpublished_photos(admin_client):
    photo, url = upload_into_body(admin_client)
    client = Client()  # a reader
    response = admin_client.get(url)
    assert response.status_code == 302 and response["Location"] == photo.fallback_url
    assert client.get(url).status_code == 404  # not yet in any article
    draft = ArticleFactory(status=Status.DRAFT)
    Photo.objects.filter(pk=photo.pk).update(article=draft, caption="Ảnh", alt_text="Ảnh")
    assert client.get(url).status_code == 404
    Article.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    public = client.get(url)
    assert public.status_code == 302 and public["Location"] == photo.fallback_url
    assert client.get("/anh/999999/").status_code == 404


def test_placed_photos_cost_the_article_page_no_query(client):
    article = ArticleFactory(body="<p>Không ảnh.</p>")
    PhotoFactory(article=article)
    client.get(article.get_absolute_url())  # the layout's fragments cached, as on a live site
    with CaptureQueriesContext(connection) as plain:
        assert client.get(article.get_absolute_url()).status_code == 200
    placed = [PhotoFactory(article=article, order=n) for n in range(2, 6)]
    Article.objects.filter(pk=article.pk).update(
        body=body_with(*(figure(body_photos.photo_path(p.pk)) for p in placed))
    )
    client.get(article.get_absolute_url())  # new photos, a new content version: cached again
    with CaptureQueriesContext(connection) as with_photos:
        html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('<figure class="photo">') == 5
    assert len(with_photos) == len(plain)


def test_a_restored_revision_brings_each_photo_back_to_its_place():
    first = PhotoFactory(caption="Ảnh A")
    article = first.article
    second = PhotoFactory(article=article, caption="Ảnh B")
    a, b = (figure(body_photos.photo_path(p.pk), caption=p.caption) for p in (first, second))
    article.body = body_with(a, b)
    article.save()
    article.body = body_with(b, a)
    article.save()
    older = article.history.order_by("history_date")[1]
    layout = body_photos.layout(older.body, [first, second])
    assert layout.body.index("Ảnh A") < layout.body.index("Ảnh B")
    assert layout.top is None and layout.after == []


def test_uploads_no_article_was_saved_with_are_deleted_after_a_week(
    admin_client, django_capture_on_commit_callbacks
):
    stale, _ = upload_into_body(admin_client)
    recent, _ = upload_into_body(admin_client)
    kept = PhotoFactory()  # an article's photo, however old
    Photo.objects.filter(pk__in=[stale.pk, kept.pk]).update(
        uploaded_at=timezone.now() - timedelta(days=8)
    )
    Photo.objects.filter(pk=recent.pk).update(uploaded_at=timezone.now() - timedelta(days=6))
    files = [stale.image.path, *(stale.image.storage.path(n) for n in stale.rendition_names)]
    assert all(Path(name).exists() for name in files)

    with django_capture_on_commit_callbacks(execute=True):
        newest, _ = upload_into_body(admin_client)  # each upload tidies up

    assert set(Photo.objects.values_list("pk", flat=True)) == {recent.pk, kept.pk, newest.pk}
    assert not any(Path(name).exists() for name in files)
    assert Path(recent.image.path).exists() and Path(kept.image.path).exists()


def test_what_the_editor_may_also_write_is_checked_as_it_will_be_stored(admin_client):
    """A resized photo (classes and a style the cleaning takes off), a photo in a line of text
    (no room for a caption) and a decorative photo (no alternative text) are saved; a hand-made
    <IMG SRC> of another article's photo is refused like any other."""
    category = CategoryFactory()
    resized, resized_url = upload_into_body(admin_client)
    in_line, in_line_url = upload_into_body(admin_client)
    decorative = PhotoFactory(is_decorative=True, alt_text="", caption="Hoa văn trang trí")
    article = decorative.article
    body = (
        f'<figure class="image image_resized" style="width:50%;"><img src="{resized_url}" '
        'alt="Cầu mới bắc qua sông"><figcaption>Cầu mới</figcaption></figure>'
        f'<p>Biểu đồ <img src="{in_line_url}" alt="Biểu đồ sản lượng"> theo tháng.</p>'
        + figure(body_photos.photo_path(decorative.pk), alt="", caption="Hoa văn trang trí")
    )
    data = article_form(category, body=body, slug=article.slug, edit_version=article.version)
    data["workflow_comment"] = "Thêm ảnh vào bài."  # it is public: a leader says why
    data.update(inline_management(total=1, initial=1))
    data.update(
        photo_fields(
            0, "Hoa văn trang trí", alt_text="", id=str(decorative.pk), article=str(article.pk),
            is_decorative="on",
        )
    )  # fmt: skip
    change = reverse("admin:news_article_change", args=[article.pk])
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(article.photos.values_list("pk", flat=True)) == {
        resized.pk,
        in_line.pk,
        decorative.pk,
    }
    resized.refresh_from_db()
    assert resized.caption == "Cầu mới"

    other = PhotoFactory()
    forged = f'<p><IMG SRC="{body_photos.photo_path(other.pk)}" ALT="x"></p>'
    data["body"] = body + forged
    data["edit_version"] = Article.objects.get(pk=article.pk).version
    response = admin_client.post(change, data)
    assert response.status_code == 200
    assert "không phải ảnh của bài này" in response.context["adminform"].form.errors["body"][0]


def test_a_photo_placed_in_the_body_is_not_deleted_from_the_photo_list(admin_client):
    photo = PhotoFactory(caption="Ảnh giữa bài")
    article = photo.article
    body = body_with(figure(body_photos.photo_path(photo.pk), caption="Ảnh giữa bài"))
    Article.objects.filter(pk=article.pk).update(body=body)
    article.refresh_from_db()
    data = article_form(
        article.category, body=body, slug=article.slug, edit_version=article.version
    )
    data.update(inline_management(total=1, initial=1))
    data.update(
        photo_fields(0, "Ảnh giữa bài", id=str(photo.pk), article=str(article.pk), DELETE="on")
    )
    response = admin_client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert Photo.objects.filter(pk=photo.pk).exists()
    assert "Ảnh này đang nằm trong nội dung" in response.content.decode()


def test_a_reference_to_a_photo_deleted_since_leaves_no_broken_image(client):
    photo = PhotoFactory()
    article = photo.article
    Article.objects.filter(pk=article.pk).update(
        body=body_with(figure(body_photos.photo_path(photo.pk)))
    )
    photo.delete()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "/anh/" not in html and "Đoạn giữa" in html
