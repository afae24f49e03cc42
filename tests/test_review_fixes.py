"""Defects found in review: each test failed before its fix."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news import workflow
from news.models import Article, SiteSettings, Status
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_a_typed_slug_is_normalised_and_pages_keep_working(client):
    article = ArticleFactory(slug="Tin_Moi Đây")
    assert article.slug == "tin-moi-day"
    category = CategoryFactory(name="Xã hội", slug="Xa_Hoi")
    assert category.path == "xa-hoi"
    assert client.get("/").status_code == 200
    assert client.get("/rss/").status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/chuyen-muc/%00/", "/chuyen-muc/%00/rss/", "/xem-truoc/chia-se/%00/", "/chuyen-muc/A_B/"],
)
def test_hostile_paths_are_404(client, url):
    assert client.get(url).status_code == 404


def test_body_images_lose_their_location(client, people, settings):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (21.0, 30.0, 0.0), 3: "E", 4: (105.0, 55.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG", exif=exif)
    client.force_login(people["reporter"])
    upload = SimpleUploadedFile("gps.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = client.post(reverse("news:editor_upload"), {"upload": upload})
    assert response.status_code == 200
    stored = settings.MEDIA_ROOT / response.json()["url"].removeprefix(settings.MEDIA_URL)
    with Image.open(stored) as image:
        assert not image.getexif().get_ifd(0x8825)


def test_a_mail_failure_does_not_undo_or_break_a_move(
    people, monkeypatch, django_capture_on_commit_callbacks
):
    def mail_server_down(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("news.notifications.send_mass_mail", mail_server_down)
    article = ArticleFactory(status=Status.DRAFT, author=people["reporter"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(article, "submit", people["reporter"])
    assert Article.objects.get(pk=article.pk).status == Status.SUBMITTED


def test_only_those_allowed_create_the_site_settings(client, people):
    SiteSettings.objects.all().delete()
    client.force_login(people["reporter"])
    assert client.get(reverse("admin:news_sitesettings_add")).status_code == 403


def test_malformed_admin_input_is_never_a_500(client, people):
    article = ArticleFactory(status=Status.PENDING_APPROVAL)
    client.force_login(people["publisher"])
    links = reverse("admin:news_article_preview_links", args=[article.pk])
    assert client.post(links, {"action": "create", "hours": "abc"}).status_code == 302
    assert client.post(links, {"action": "revoke", "link": "x"}).status_code == 302
    for view in ("compare", "preview_links"):
        url = reverse(f"admin:news_article_{view}", args=["abc"])
        assert client.get(url).status_code == 404


def test_snippets_show_text_not_entities(client):
    ArticleFactory(title="Nông thôn mới", body="<p>Tom &amp; Jerry&nbsp;quyết tâm</p>")
    html = client.get(reverse("news:search"), {"q": "quyet tam"}).content.decode()
    snippet = html.split('class="search-result__snippet"')[1].split("</p>")[0]
    assert (
        "&amp;amp;" not in snippet and "&amp;nbsp;" not in snippet and "Tom &amp; Jerry" in snippet
    )


def test_feed_titles_are_text(client):
    ArticleFactory(title="Giá <b>lúa</b> tăng")
    xml = client.get("/rss/").content.decode()
    assert "<title>Giá &amp;lt;b&amp;gt;lúa" in xml


def test_only_leaders_choose_featured_stories(client, people):
    client.force_login(people["editor"])
    assert (
        'name="is_featured"' not in client.get(reverse("admin:news_article_add")).content.decode()
    )
    client.force_login(people["publisher"])
    assert 'name="is_featured"' in client.get(reverse("admin:news_article_add")).content.decode()
