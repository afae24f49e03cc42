"""The newsroom's admin: writing and editing articles with photos through real form POSTs."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from news import roles
from news.models import Article, Photo, SiteSettings, Status
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory, UserFactory, image_upload

pytestmark = pytest.mark.django_db

ADD_URL = "admin:news_article_add"


def inline_management(prefix="photos", total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form(category, **overrides):
    data = {
        "title": "Khai giảng năm học mới tại các trường",
        "slug": "",
        "lead": "Sáng 5/9, các trường học trong huyện đồng loạt khai giảng.",
        "body": "<h2>Không khí ngày hội</h2><p>Học sinh <strong>náo nức</strong> đến trường.</p>",
        "category": str(category.pk),
        "source": "Đài Kim Bảng",
        "author": "",
    }
    data.update(inline_management())
    data.update(overrides)
    return data


def photo_fields(index, caption, alt_text="Ảnh chụp sân trường", order=0, **extra):
    fields = {
        f"photos-{index}-caption": caption,
        f"photos-{index}-alt_text": alt_text,
        f"photos-{index}-credit": "Ảnh: Đài Kim Bảng",
        f"photos-{index}-order": str(order),
    }
    fields.update({f"photos-{index}-{key}": value for key, value in extra.items()})
    return fields


def test_add_form_offers_the_ckeditor_5_editor_in_vietnamese(admin_client):
    SiteSettings.objects.create(station_name="Đài Truyền thanh Kim Bảng")
    response = admin_client.get(reverse(ADD_URL))
    assert response.status_code == 200
    html = response.content.decode()
    assert "django_ckeditor_5" in html and "django_ckeditor_5/dist/bundle.js" in html
    assert reverse("news:editor_upload") in html  # the editor uploads body images to our view
    assert '<html lang="vi"' in html
    assert 'value="Đài Truyền thanh Kim Bảng"' in html  # source line pre-filled from the settings
    assert "URLify" in html or "prepopulate" in html  # slug prepopulated from the title


def test_create_article_with_ordered_captioned_photos(admin_client, superuser):
    category = CategoryFactory(name="Giáo dục")
    data = article_form(
        category,
        _move="publish",
        workflow_comment="Tin của lãnh đạo, đăng ngay",  # publishing one's own work
        publish_at_0="13/10/2020",
        publish_at_1="08:30",
        **inline_management(total=2),
    )
    data.update(photo_fields(0, "Học sinh chào cờ", order=2, image=image_upload("chao co.jpg")))
    data.update(
        photo_fields(
            1, "Thầy hiệu trưởng đánh trống", order=1, image=image_upload("trong.png", fmt="PNG")
        )
    )
    response = admin_client.post(reverse(ADD_URL), data)
    assert response.status_code == 302, (
        response.context["adminform"].errors if response.context else ""
    )

    article = Article.objects.get()
    assert article.slug == "khai-giang-nam-hoc-moi-tai-cac-truong"
    assert article.author == superuser
    assert article.status == Status.PUBLISHED
    local = article.published_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert (local.day, local.month, local.year, local.hour, local.minute) == (13, 10, 2020, 8, 30)
    assert "<strong>náo nức</strong>" in article.body
    assert [p.caption for p in article.photos.all()] == [
        "Thầy hiệu trưởng đánh trống",
        "Học sinh chào cờ",
    ]
    assert all(
        p.image.name.startswith("photos/") and p.image.name.isascii() for p in Photo.objects.all()
    )

    public = admin_client.get(article.get_absolute_url()).content.decode()
    assert "Thầy hiệu trưởng đánh trống" in public and "Học sinh chào cờ" in public


def test_edit_article_reorders_edits_and_removes_photos(admin_client):
    article = ArticleFactory(title="Tin cũ")
    first = PhotoFactory(article=article, caption="Ảnh một", order=1)
    second = PhotoFactory(article=article, caption="Ảnh hai", order=2)
    data = article_form(article.category, title="Tin đã sửa", slug=article.slug)
    data["workflow_comment"] = "Sửa tiêu đề và ảnh."  # it is public: a leader says why
    data.update(inline_management(total=2, initial=2))
    data.update(
        photo_fields(
            0, "Ảnh một (sửa chú thích)", order=3, id=str(first.pk), article=str(article.pk)
        )
    )
    data.update(
        photo_fields(1, "Ảnh hai", order=2, id=str(second.pk), article=str(article.pk), DELETE="on")
    )
    response = admin_client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tin đã sửa"
    assert [(p.caption, p.order) for p in article.photos.all()] == [("Ảnh một (sửa chú thích)", 3)]


def test_invalid_post_keeps_everything_typed_and_saves_nothing(admin_client):
    category = CategoryFactory()
    data = article_form(category, lead="", **inline_management(total=1))
    data.update(photo_fields(0, "", alt_text="", image=image_upload()))  # no caption, no alt text
    response = admin_client.post(reverse(ADD_URL), data)
    assert response.status_code == 200
    assert Article.objects.count() == 0 and Photo.objects.count() == 0
    html = response.content.decode()
    assert "Khai giảng năm học mới tại các trường" in html  # the title typed is still there
    assert "Không khí ngày hội" in html  # and the body
    assert "errornote" in html
    photo_form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert "caption" in photo_form.errors and "alt_text" in photo_form.errors


def test_decorative_photo_needs_no_alt_text(admin_client):
    category = CategoryFactory()
    data = article_form(category, **inline_management(total=1))
    data.update(
        photo_fields(0, "Hoa văn trang trí", alt_text="", is_decorative="on", image=image_upload())
    )
    assert admin_client.post(reverse(ADD_URL), data).status_code == 302
    assert Photo.objects.get().is_decorative


def test_changelist_has_thumbnails_filters_and_search(admin_client):
    with_photo = ArticleFactory(title="Mùa gặt trên cánh đồng")
    PhotoFactory(article=with_photo)
    ArticleFactory(title="Bản nháp chưa đăng", status=Status.DRAFT, published_at=None)
    url = reverse("admin:news_article_changelist")
    html = admin_client.get(url).content.decode()
    assert 'class="news-thumb"' in html and "/media/photos/" in html
    drafts = admin_client.get(url, {"status__exact": Status.DRAFT})
    assert [a.title for a in drafts.context["cl"].result_list] == ["Bản nháp chưa đăng"]
    found = admin_client.get(url, {"q": "gặt"})
    assert [a.title for a in found.context["cl"].result_list] == ["Mùa gặt trên cánh đồng"]


def test_changelist_queries_do_not_grow_with_articles(admin_client, django_assert_max_num_queries):
    url = reverse("admin:news_article_changelist")
    for article in ArticleFactory.create_batch(3):
        PhotoFactory(article=article)
    admin_client.get(url)
    with django_assert_max_num_queries(12) as few:
        admin_client.get(url)
    for article in ArticleFactory.create_batch(30):
        PhotoFactory(article=article)
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(url)


def test_category_changelist_reads_as_a_tree(admin_client):
    news = CategoryFactory(name="Tin tức - Sự kiện", order=1)
    CategoryFactory(name="Kinh tế", order=2)
    CategoryFactory(name="An ninh - Quốc phòng", parent=news)
    response = admin_client.get(reverse("admin:news_category_changelist"))
    names = [c.name for c in response.context["cl"].result_list]
    assert names == ["Tin tức - Sự kiện", "An ninh - Quốc phòng", "Kinh tế"]


def test_a_reporter_can_write_an_article(client):
    reporter = UserFactory(username="phongvien", is_staff=True)
    reporter.groups.add(Group.objects.get(name=roles.REPORTER))
    client.force_login(reporter)
    category = CategoryFactory()
    response = client.post(reverse(ADD_URL), article_form(category, _move="submit"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.author == reporter
    assert article.status == Status.SUBMITTED


def test_site_settings_edited_in_admin_show_on_the_site(admin_client):
    site = SiteSettings.load()
    response = admin_client.post(
        reverse("admin:news_sitesettings_change", args=[site.pk]),
        {
            "portal_name": "Cổng thông tin xã Thử Nghiệm",
            "station_name": "Đài xã",
            "tagline": "",
            "responsible_body": "UBND xã",
            "responsible_person": "Trần Văn Bình, Trưởng Đài",
            "permit": "Giấy phép số 01/GP-TTĐT ngày 02/03/2026",
            "address": "Thôn Đông",
            "phone": "0123",
            "email": "xa@example.vn",
            "licence": "",
            "links-TOTAL_FORMS": "0",  # the menu and footer links: none
            "links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    html = admin_client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    assert "Cổng thông tin xã Thử Nghiệm" in html and "Thôn Đông" in footer
    assert "Người chịu trách nhiệm:</span> Trần Văn Bình, Trưởng Đài" in footer
    assert "Giấy phép số 01/GP-TTĐT ngày 02/03/2026" in footer


def test_only_those_allowed_create_the_site_settings(client, people):
    SiteSettings.objects.all().delete()
    client.force_login(people["reporter"])
    assert client.get(reverse("admin:news_sitesettings_add")).status_code == 403


def test_the_category_picker_finds_a_category_typed_without_accents(admin_client):
    news = CategoryFactory(name="Tin tức - Sự kiện")
    defence = CategoryFactory(name="An ninh - Quốc phòng", parent=news)
    CategoryFactory(name="Kinh tế")
    url = reverse("admin:autocomplete")
    params = {"app_label": "news", "model_name": "article", "field_name": "category"}
    for term in ("quoc phong", "Quốc phòng", "QUOC"):
        found = admin_client.get(url, {**params, "term": term}).json()["results"]
        assert [result["id"] for result in found] == [str(defence.pk)], term
    listed = admin_client.get(reverse("admin:news_category_changelist"), {"q": "kinh te"})
    assert "Kinh tế" in listed.content.decode() and "An ninh" not in listed.content.decode()


def test_the_category_picker_shows_the_tree_with_each_path(admin_client):
    news = CategoryFactory(name="Tin tức - Sự kiện", order=1)
    CategoryFactory(name="An ninh - Quốc phòng", parent=news, order=2)
    CategoryFactory(name="Chính trị", parent=news, order=1)
    economy = CategoryFactory(name="Kinh tế", order=2)
    CategoryFactory(name="Nông nghiệp", parent=economy)
    url = reverse("admin:autocomplete")
    params = {"app_label": "news", "model_name": "article", "field_name": "category"}
    found = admin_client.get(url, {**params, "term": ""}).json()["results"]
    assert [result["text"] for result in found] == [
        "Tin tức - Sự kiện",
        "\u2003Tin tức - Sự kiện › Chính trị",
        "\u2003Tin tức - Sự kiện › An ninh - Quốc phòng",
        "Kinh tế",
        "\u2003Kinh tế › Nông nghiệp",
    ]
