"""Pages of the portal (Giới thiệu › Lịch sử, Liên hệ, the English introduction): written and
published through the articles' workflow, at the address of their slugs, in the menu, the
sitemap and the page cache."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import MenuLink, Page, PageTransition, SiteSettings, Status

pytestmark = pytest.mark.django_db


def make_page(title, slug, parent=None, status=Status.PUBLISHED, **fields):
    published_at = timezone.now() - timedelta(hours=1) if status == Status.PUBLISHED else None
    page = Page(title=title, slug=slug, parent=parent, status=status, published_at=published_at)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save()
    return page


def add_url():
    return reverse("admin:news_page_add")


def change_url(page):
    return reverse("admin:news_page_change", args=[page.pk])


def page_data(page=None, **overrides):
    data = {
        "title": page.title if page else "Giới thiệu",
        "slug": page.slug if page else "",
        "lead": page.lead if page else "Thông tin chung về huyện.",
        "body": page.body if page else "<p>Huyện nằm ở phía tây bắc tỉnh.</p>",
        "parent": str(page.parent_id or "") if page else "",
        "order": str(page.order) if page else "0",
        "language": page.language if page else "vi",
        "author": str(page.author_id or "") if page else "",
        "edit_version": str(page.version) if page else "",
    }
    data.update(overrides)
    return data


def test_a_page_is_written_reviewed_and_published_by_the_articles_rules(client, people):
    client.force_login(people["reporter"])
    response = client.post(add_url(), page_data(_move="submit"))
    assert response.status_code == 302
    page = Page.objects.get()
    assert (page.status, page.path, page.author) == (
        Status.SUBMITTED,
        "gioi-thieu",
        people["reporter"],
    )
    assert Client().get("/gioi-thieu/").status_code == 404  # not public yet

    # The reporter may not publish, nor edit what they sent.
    response = client.post(change_url(page), page_data(page, _move="publish", title="Sửa"))
    assert response.status_code == 200
    page.refresh_from_db()
    assert (page.status, page.title) == (Status.SUBMITTED, "Giới thiệu")

    client.force_login(people["editor"])
    assert client.post(change_url(page), page_data(page, _move="forward")).status_code == 302
    client.force_login(people["publisher"])
    page.refresh_from_db()
    html = client.get(change_url(page)).content.decode()
    assert 'name="_move" value="publish"' in html and 'name="_move" value="return"' in html
    assert client.post(change_url(page), page_data(page, _move="publish")).status_code == 302

    page.refresh_from_db()
    assert page.status == Status.PUBLISHED
    steps = list(PageTransition.objects.filter(page=page).values_list("name", "actor__username"))
    assert steps == [("submit", "phongvien"), ("forward", "bientap"), ("publish", "lanhdao")]
    response = Client().get("/gioi-thieu/")
    assert response.status_code == 200
    assert "Huyện nằm ở phía tây bắc tỉnh." in response.content.decode()
    # The revisions are kept, as for articles: the submitted text and the published one.
    assert page.history.count() == 3


def test_a_published_page_is_changed_only_by_a_leader_with_a_reason(client, people):
    page = make_page("Liên hệ", "lien-he", author=people["reporter"], lead="Địa chỉ của Đài.")

    # An editor (who has no proposed changes for pages) cannot change the public text.
    client.force_login(people["editor"])
    response = client.post(change_url(page), page_data(page, lead="Địa chỉ mới."))
    assert response.status_code == 200
    assert "Địa chỉ mới." in response.content.decode()  # the typed text comes back
    page.refresh_from_db()
    assert page.lead == "Địa chỉ của Đài."

    client.force_login(people["publisher"])
    response = client.post(change_url(page), page_data(page, lead="Địa chỉ mới."))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["workflow_comment"]
    response = client.post(
        change_url(page), page_data(page, lead="Địa chỉ mới.", workflow_comment="Đổi địa chỉ.")
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.lead, page.status) == ("Địa chỉ mới.", Status.PUBLISHED)
    assert page.transitions.get().name == "correct"
    assert "Địa chỉ mới." in Client().get("/lien-he/").content.decode()


def test_unpublishing_a_page_needs_a_reason_and_takes_it_off(client, people):
    page = make_page("Liên hệ", "lien-he")
    with pytest.raises(ValidationError) as refused:
        workflow.apply(page, "unpublish", people["publisher"])
    assert refused.value.code == "comment_required"
    workflow.apply(page, "unpublish", people["publisher"], comment="Thông tin cũ.")
    assert Client().get("/lien-he/").status_code == 404


def test_pages_live_at_the_address_of_their_slugs_under_public_parents(people):
    about = make_page("Giới thiệu", "gioi-thieu")
    history = make_page("Lịch sử", "lich-su", parent=about)
    draft = make_page("Cơ cấu tổ chức", "co-cau-to-chuc", parent=about, status=Status.DRAFT)
    reader = Client()
    assert reader.get("/gioi-thieu/lich-su/").status_code == 200
    assert reader.get("/gioi-thieu/co-cau-to-chuc/").status_code == 404
    assert reader.get("/lich-su/").status_code == 404

    html = reader.get("/gioi-thieu/").content.decode()
    assert 'href="/gioi-thieu/lich-su/"' in html
    assert draft.get_absolute_url() not in html

    # Hiding the parent hides the pages under it.
    workflow.apply(about, "unpublish", people["publisher"], comment="Đang viết lại.")
    assert reader.get("/gioi-thieu/lich-su/").status_code == 404

    # A new slug for the parent moves its pages with it.
    about.refresh_from_db()
    about.slug = "ve-huyen"
    about.save()
    history.refresh_from_db()
    assert history.path == "ve-huyen/lich-su"


def test_the_trail_leads_home_through_the_parent_pages():
    about = make_page("Giới thiệu", "gioi-thieu")
    make_page("Lịch sử", "lich-su", parent=about)
    html = Client().get("/gioi-thieu/lich-su/").content.decode()
    trail = html[
        html.index('class="breadcrumb"') : html.index("</nav>", html.index('class="breadcrumb"'))
    ]
    assert 'href="/"' in trail and 'href="/gioi-thieu/"' in trail
    assert '<span aria-current="page">Lịch sử</span>' in trail


def test_an_english_page_says_its_language(people):
    about = make_page("Giới thiệu", "gioi-thieu")
    make_page("Introduction", "introduction", parent=about, language="en", lead="In English.")
    site = SiteSettings.load()
    MenuLink.objects.create(site=site, url="/gioi-thieu/", label="Giới thiệu")

    html = Client().get("/gioi-thieu/introduction/").content.decode()
    assert '<article class="article" lang="en">' in html
    assert '<html lang="vi">' in html  # the portal around it stays Vietnamese
    # The menu lists the introduction's own pages, the English one marked as English.
    assert (
        '<a href="/gioi-thieu/introduction/" aria-current="page" lang="en">Introduction</a>' in html
    )


def test_a_slug_the_portal_uses_or_a_sibling_has_is_refused_in_vietnamese(client, people):
    client.force_login(people["publisher"])
    for slug in ("tin-tuc", "chuyen-muc", "tim-kiem", "admin", "rss"):
        response = client.post(add_url(), page_data(slug=slug))
        assert response.status_code == 200, slug
        assert "là một địa chỉ của cổng" in str(response.context["adminform"].form.errors["slug"])
    make_page("Giới thiệu", "gioi-thieu")
    response = client.post(add_url(), page_data(title="Giới thiệu khác", slug="gioi-thieu"))
    assert "Một trang khác cùng cấp đã dùng" in str(
        response.context["adminform"].form.errors["slug"]
    )
    assert Page.objects.count() == 1


def test_a_page_holds_photos_uploaded_into_its_body_as_articles_do(client, people):
    from tests.factories import image_upload

    client.force_login(people["publisher"])
    response = client.post(reverse("news:editor_upload"), {"upload": image_upload()})
    assert response.status_code == 200, response.content
    address = response.json()["url"]
    figure = (
        f'<figure class="image"><img src="{address}" alt="Tòa nhà hai tầng sơn vàng">'
        "<figcaption>Trụ sở Đài Truyền thanh huyện</figcaption></figure>"
    )
    # Without its alternative text, the page is not saved; the text comes back.
    bare = figure.replace(' alt="Tòa nhà hai tầng sơn vàng"', "")
    response = client.post(add_url(), page_data(body=f"<p>Trụ sở Đài.</p>{bare}"))
    assert response.status_code == 200
    assert "Ảnh số 1 trong nội dung còn thiếu" in str(response.context["adminform"].form.errors)
    assert "Trụ sở Đài." in response.content.decode() and not Page.objects.exists()

    data = page_data(
        body=f"<p>Trụ sở Đài.</p>{figure}", _move="publish", workflow_comment="Trang mới."
    )
    assert client.post(add_url(), data).status_code == 302
    page = Page.objects.get()
    photo = page.photos.get()
    assert (photo.caption, photo.alt_text, photo.article) == (
        "Trụ sở Đài Truyền thanh huyện",
        "Tòa nhà hai tầng sơn vàng",
        None,
    )
    reader = Client()
    html = reader.get(page.get_absolute_url()).content.decode()
    assert "<picture>" in html and "<figcaption" in html
    assert "Trụ sở Đài Truyền thanh huyện" in html and address not in html  # drawn, not linked
    assert reader.get(address).status_code == 302  # its own address, public with the page

    # Taken out of the body, the photo is deleted: a page has no photo list to keep it in.
    page.refresh_from_db()
    data = page_data(page, body="<p>Trụ sở Đài.</p>", workflow_comment="Bỏ ảnh.")
    assert client.post(change_url(page), data).status_code == 302
    assert not page.photos.exists() and reader.get(address).status_code == 404


def test_a_photo_of_a_page_is_public_only_while_the_page_and_those_above_are(people):
    from tests.factories import PhotoFactory

    about = make_page("Giới thiệu", "gioi-thieu")
    history = make_page("Lịch sử", "lich-su", parent=about)
    photo = PhotoFactory(article=None, page=history)
    address = reverse("news:photo", args=[photo.pk])
    reader = Client()
    assert reader.get(address).status_code == 302
    workflow.apply(about, "unpublish", people["publisher"], comment="Viết lại.")
    assert reader.get(address).status_code == 404


def test_a_page_answers_in_the_same_number_of_queries_whatever_the_tree(settings):
    settings.PAGE_CACHE_SECONDS = 0  # whole pages rendered each time; fragments cached
    SiteSettings.load()  # made by the first request otherwise, which renews every fragment

    def queries(path):
        Client().get(path)  # fills the shared fragments
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(path).status_code == 200
        return len(captured)

    about = make_page("Giới thiệu", "gioi-thieu")
    make_page("Lịch sử", "lich-su", parent=about)
    few = queries("/gioi-thieu/")
    for number in range(10):
        make_page(f"Trang {number}", f"trang-{number}", parent=about)
    assert queries("/gioi-thieu/") == few == 2  # the page and its photos; its tree is cached


def test_a_page_shows_at_the_next_request_and_a_scheduled_one_when_its_time_comes(
    people, monkeypatch
):
    reader = Client()
    page = make_page("Liên hệ", "lien-he", status=Status.PENDING_APPROVAL)
    assert reader.get("/lien-he/").status_code == 404
    workflow.apply(page, "publish", people["publisher"])
    assert reader.get("/lien-he/").status_code == 200

    now = timezone.now()
    later = make_page("Lịch tiếp dân", "lich-tiep-dan", status=Status.PENDING_APPROVAL)
    workflow.apply(later, "publish", people["publisher"], publish_at=now + timedelta(hours=1))
    assert reader.get("/lich-tiep-dan/").status_code == 404  # cached without it
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=1, seconds=1))
    assert reader.get("/lich-tiep-dan/").status_code == 200


def test_the_sitemap_lists_the_public_pages_only():
    about = make_page("Giới thiệu", "gioi-thieu")
    make_page("Bản nháp", "ban-nhap", parent=about, status=Status.DRAFT)
    xml = Client().get("/sitemap-categories.xml").content.decode()
    assert "http://testserver/gioi-thieu/</loc>" in xml
    assert "ban-nhap" not in xml


def test_restoring_a_revision_of_a_public_page_is_a_correction(client, people):
    page = make_page("Liên hệ", "lien-he", lead="Bản đầu.")
    first = page.history.earliest()
    page.lead = "Bản sau."
    page.save()
    client.force_login(people["publisher"])
    url = reverse("admin:news_page_simple_history", args=[page.pk, first.history_id])
    assert client.post(url, page_data(page, lead="Bản đầu.")).status_code == 302
    page.refresh_from_db()
    assert (page.lead, page.status) == ("Bản đầu.", Status.PUBLISHED)
    assert page.transitions.get().name == "correct"


def test_search_finds_pages_without_accents_and_filters_by_type():
    from tests.factories import ArticleFactory

    about = make_page("Giới thiệu", "gioi-thieu", lead="Huyện và Đài Truyền thanh.")
    make_page("Lịch sử", "lich-su", parent=about, body="<p>Vùng đất có nhiều di tích.</p>")
    make_page("Bản nháp lịch sử", "ban-nhap", status=Status.DRAFT)
    ArticleFactory(title="Lịch sử ngôi đình làng")
    reader = Client()

    def found(**params):
        html = reader.get(reverse("news:search"), params).content.decode()
        pages = (
            html.split('id="search-pages-heading"')[1].split("</section>")[0]
            if 'id="search-pages-heading"' in html
            else ""
        )
        return (
            [url for url in ("/gioi-thieu/", "/gioi-thieu/lich-su/") if f'href="{url}"' in pages],
            "Lịch sử ngôi đình làng" in html.split('class="search-results"')[1].split("</ol>")[0],
        )

    assert found(q="lich su") == (["/gioi-thieu/lich-su/"], True)
    assert found(q="di tich")[0] == ["/gioi-thieu/lich-su/"]  # words of its body
    assert found(q="truyen thanh")[0] == ["/gioi-thieu/"]
    assert found(q="lich su", kind="page") == (["/gioi-thieu/lich-su/"], False)
    assert found(q="lich su", kind="article") == ([], True)
    assert found(q="lich su", date_from="01/01/2020") == ([], True)  # pages have no date
    response = reader.get(reverse("news:search"), {"q": "lich su", "kind": "video"})
    assert "Không có loại này: đã tìm trong tất cả." in response.content.decode()
    assert found(q="lich su", kind="radio-x") == (["/gioi-thieu/lich-su/"], True)
    assert (
        "1 trang"
        in reader.get(reverse("news:search"), {"q": "di tich", "kind": "page"}).content.decode()
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_on_a_phone_opens_the_english_page_from_the_menu(open_page):
    from playwright.sync_api import expect

    from tests.browser_support import PHONE, artifact_path, record_errors

    about = make_page("Giới thiệu", "gioi-thieu")
    make_page("Introduction", "introduction", parent=about, language="en", lead="In English.")
    MenuLink.objects.create(site=SiteSettings.load(), url="/gioi-thieu/", label="Giới thiệu")
    page = open_page(**PHONE)
    errors = record_errors(page)
    page.goto("/")
    nav = page.get_by_role("navigation", name="Chuyên mục")
    nav.locator("summary").click()
    nav.get_by_role("link", name="Introduction", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Introduction")
    expect(page.locator("article.article")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation", name="Vị trí trang")).to_contain_text("Giới thiệu")
    page.screenshot(path=artifact_path("english-page-390.png"), full_page=True)
    assert errors == []
