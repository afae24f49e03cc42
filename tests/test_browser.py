"""A citizen on a phone and a reporter in the admin, in a real browser (Debian's chromium).

Media files reach the browser through the live server itself: Django's LiveServerThread wraps
the site in a handler that serves MEDIA_URL from settings.MEDIA_ROOT (read per request, so the
per-test temporary folder of tests/conftest.py is what is served). No DEBUG switch, no test-only
URL route. Static files come from the staticfiles finders in the same way.
"""

import json
import re
import time

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from news import roles
from news.models import Article, Photo, Status
from tests.browser_support import (
    DESKTOP,
    PHONE,
    artifact_path,
    has_horizontal_overflow,
    image_loaded,
    record_errors,
)
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    PhotoFactory,
    UserFactory,
    image_bytes,
    image_upload,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Without a <link rel="icon"> chromium probes /favicon.ico; that 404 is not the page's error.
IGNORED_URLS = ["/favicon.ico"]


def test_citizen_reads_an_article_on_a_phone(open_page, live_server):
    news = CategoryFactory(name="Tin tức - Sự kiện", order=1)
    defence = CategoryFactory(name="An ninh - Quốc phòng", parent=news)
    article = ArticleFactory(
        category=defence,
        title="Huyện tổng kết công tác quốc phòng địa phương năm 2020",
        lead="Ngày 13/10/2020, huyện tổng kết các đề án quốc phòng và an ninh.",
        body="<p>Hội nghị đánh giá kết quả diễn tập khu vực phòng thủ.</p>",
        source="Đài Kim Bảng",
        published_at=timezone.datetime(2020, 10, 13, 8, 30, tzinfo=timezone.get_current_timezone()),
    )
    photos = [
        PhotoFactory(
            article=article,
            image=image_upload(width=1200, height=800),
            caption="Đồng chí Bí thư Huyện ủy phát biểu tại hội nghị",
            alt_text="Người phát biểu đứng sau bục, phía sau là phông đỏ",
            order=0,
        ),
        PhotoFactory(
            article=article,
            image=image_upload(width=800, height=1200),
            caption="Trao khen thưởng cho các tập thể có thành tích xuất sắc",
            alt_text="Hàng người đứng trên sân khấu cầm giấy khen",
            order=1,
        ),
    ]

    page = open_page(**PHONE)
    errors = record_errors(page, ignore_urls=IGNORED_URLS)

    page.goto("/")
    site_menu = page.locator("header details").first
    top_category = site_menu.get_by_role("link", name="Tin tức - Sự kiện", exact=True)
    expect(top_category).to_be_hidden()  # the menu is folded away on a phone
    assert not has_horizontal_overflow(page), "home page scrolls sideways"
    page.screenshot(path=artifact_path("phone-home.png"), full_page=True)

    site_menu.locator("summary").tap()
    expect(top_category).to_be_visible()
    page.screenshot(path=artifact_path("phone-menu.png"), full_page=True)

    top_category.tap()
    expect(page).to_have_url(f"{live_server.url}{news.get_absolute_url()}")
    article_link = page.get_by_role("link", name=article.title, exact=True)
    expect(article_link).to_be_visible()
    assert not has_horizontal_overflow(page), "category page scrolls sideways"
    page.screenshot(path=artifact_path("phone-category.png"), full_page=True)

    article_link.tap()
    expect(page).to_have_url(f"{live_server.url}{article.get_absolute_url()}")
    # The trail is the navigation that links to the child category (the menu has only roots).
    trail = page.get_by_role("navigation").filter(
        has=page.get_by_role("link", name="An ninh - Quốc phòng", exact=True)
    )
    expect(trail).to_have_count(1)
    expect(trail.get_by_role("link")).to_contain_text(["Tin tức - Sự kiện", "An ninh - Quốc phòng"])
    body = page.locator("article").filter(has=page.get_by_role("heading", level=1))
    expect(body.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(body.locator("time").first).to_contain_text("13/10/2020 08:30")
    expect(body.get_by_text(article.lead, exact=True)).to_be_visible()
    for photo in photos:
        caption = page.locator("figcaption", has_text=photo.caption)
        expect(caption).to_be_visible()
        image = page.locator("figure", has=caption).locator("img")
        expect(image).to_have_attribute("alt", photo.alt_text)
        assert image_loaded(image), f"photo {photo.image.url} did not load"
    expect(body.get_by_text("Đài Kim Bảng", exact=True)).to_be_visible()
    assert not has_horizontal_overflow(page), "article page scrolls sideways"
    page.screenshot(path=artifact_path("phone-article.png"), full_page=True)

    assert errors == []


REPORTER_PASSWORD = "mat-khau-phong-vien-2020"
# CKEditor's own Vietnamese interface (settings.CKEDITOR_5_CONFIGS["article"]["language"]).
EDITOR_TOOLBAR = "Thanh công cụ biên tập"
IMAGE_TOOLBAR = "Thanh công cụ hình ảnh"


@pytest.fixture
def fast_passwords(settings):
    """A cheap hasher: the default one costs a second per test spent on hashing alone."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in_to_admin(page, user, password):
    page.goto(f"/{settings.ADMIN_URL}")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(password)
    page.locator("#id_password").press("Enter")
    expect(page.locator("#id_password")).to_have_count(0)


def test_reporter_writes_and_publishes_an_article_in_the_admin(
    open_page, live_server, fast_passwords
):
    roles.ensure_groups()  # the live server's database is flushed between tests
    reporter = UserFactory(username="phongvien", password=REPORTER_PASSWORD, is_staff=True)
    reporter.groups.add(Group.objects.get(name=roles.REPORTER))
    leader = UserFactory(username="lanhdao", password=REPORTER_PASSWORD, is_staff=True)
    leader.groups.add(Group.objects.get(name=roles.PUBLISHER))
    news = CategoryFactory(name="Tin tức - Sự kiện", order=1)
    CategoryFactory(name="An ninh - Quốc phòng", parent=news)
    CategoryFactory(name="Kinh tế", order=2)
    title = "Huyện ra quân huấn luyện dân quân tự vệ năm 2021"
    body_caption = "Lực lượng dân quân xếp hàng tại lễ ra quân"
    body_alt = "Hàng dân quân mặc quân phục đứng trên sân"
    photo_caption = "Lãnh đạo huyện kiểm tra công tác chuẩn bị"
    photo_alt = "Hai người đàn ông đứng cạnh bàn, xem tài liệu"

    page = open_page(**DESKTOP)
    errors = record_errors(page, ignore_urls=IGNORED_URLS)

    log_in_to_admin(page, reporter, REPORTER_PASSWORD)
    page.locator(f'a[href="{reverse("admin:news_article_add")}"]').first.click()

    page.locator("#id_title").fill(title)
    page.locator("#id_lead").fill("Sáng 05/01/2021, huyện tổ chức lễ ra quân huấn luyện.")

    # The body, typed as a reporter would: a paragraph with bold words, then a heading.
    editor = page.locator(".ck-editor__editable")
    toolbar = page.get_by_role("toolbar", name=EDITOR_TOOLBAR)
    editor.click()
    page.keyboard.type("Tham dự buổi lễ có ")
    page.keyboard.press("Control+b")
    page.keyboard.type("đồng chí Chủ tịch UBND huyện")
    page.keyboard.press("Control+b")
    page.keyboard.type(" cùng các ban ngành.")
    page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="Tiêu đề").click()
    toolbar.get_by_role("menuitemradio", name="Tiêu đề 2").click()
    page.keyboard.type("Nội dung huấn luyện")
    page.keyboard.press("Enter")

    # An image in the body, through the editor's own upload button (news:editor_upload).
    upload_url = reverse("news:editor_upload")
    with page.expect_response(lambda response: response.url.endswith(upload_url)) as upload:
        toolbar.locator("input[type=file]").set_input_files(
            {
                "name": "ra-quan.png",
                "mimeType": "image/png",
                "buffer": image_bytes(800, 450, fmt="PNG"),
            }
        )
    assert upload.value.status == 200, upload.value.text()
    uploaded_url = json.loads(upload.value.text())["url"]
    # A managed photo, kept in the body by its own address (news/body_photos.py).
    body_photo = Photo.objects.get(uploaded_by=reporter, article=None)
    assert uploaded_url == reverse("news:photo", args=[body_photo.pk])
    body_image = editor.locator(f'figure img[src="{uploaded_url}"]')
    expect(body_image).to_be_visible()
    image_toolbar = page.get_by_role("toolbar", name=IMAGE_TOOLBAR)
    image_toolbar.get_by_role("button", name="Hiện chú thích").click()
    page.keyboard.type(body_caption)  # the caption has the caret once it is shown
    body_image.click()
    image_toolbar.get_by_role("button", name="Đổi chữ alt của ảnh").click()
    page.get_by_label("Chữ alt").fill(body_alt)
    page.get_by_label("Chữ alt").press("Enter")
    expect(editor.locator("figure figcaption")).to_have_text(body_caption)

    # The category is an autocomplete (select2): type part of the name, pick the match.
    page.locator(".field-category").get_by_role("combobox").click()
    page.keyboard.type("An ninh")  # select2 focuses its search box when it opens
    page.get_by_role("option", name="An ninh - Quốc phòng").click()

    page.locator("#id_photos-0-image").set_input_files(
        {"name": "kiem-tra.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(1200, 800)}
    )
    page.locator("#id_photos-0-caption").fill(photo_caption)
    page.locator("#id_photos-0-alt_text").fill(photo_alt)
    page.screenshot(path=artifact_path("admin-editor.png"), full_page=True)

    # The reporter sends it for review; a leader of the station then publishes it.
    page.locator('button[name="_move"][value="submit"]').click()
    expect(page).to_have_url(f"{live_server.url}{reverse('admin:news_article_changelist')}")
    article = Article.objects.get(title=title)
    assert article.status == Status.SUBMITTED

    leader_page = open_page(**DESKTOP)
    leader_errors = record_errors(leader_page, ignore_urls=IGNORED_URLS)
    log_in_to_admin(leader_page, leader, REPORTER_PASSWORD)
    leader_page.goto(reverse("admin:news_article_change", args=[article.pk]))
    leader_page.locator('button[name="_move"][value="publish"]').click()
    expect(leader_page).to_have_url(f"{live_server.url}{reverse('admin:news_article_changelist')}")

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_published()
    assert article.category.name == "An ninh - Quốc phòng"
    assert article.author == reporter
    assert "<strong>đồng chí Chủ tịch UBND huyện</strong>" in article.body
    assert "<h2>Nội dung huấn luyện</h2>" in article.body
    figure = re.search(r'<figure class="image">(.*?)</figure>', article.body)
    assert figure, article.body
    assert f'src="{uploaded_url}"' in figure[1] and f'alt="{body_alt}"' in figure[1]
    assert f"<figcaption>{body_caption}</figcaption>" in figure[1]
    # Saved with the article, the body's photo is one of its photos, with the body's text.
    body_photo.refresh_from_db()
    assert body_photo.article == article and body_photo.renditions.get("webp")
    assert (body_photo.caption, body_photo.alt_text) == (body_caption, body_alt)
    photo = article.photos.exclude(pk=body_photo.pk).get()
    assert (photo.caption, photo.alt_text) == (photo_caption, photo_alt)
    assert (photo.width, photo.height) == (1200, 800)

    page.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    # In the body, where it was placed (after the heading typed before it), as
    # a captioned <picture> of its copies: never the original, never the /anh/ address.
    public_body_image = page.locator(".article__body figure.photo picture img")
    expect(public_body_image).to_have_attribute("alt", body_alt)
    assert image_loaded(public_body_image), "the photo placed in the body did not load"
    assert body_photo.image.url not in page.content() and uploaded_url not in page.content()
    expect(page.locator(".article__body figure.photo figcaption")).to_contain_text(body_caption)
    order = page.locator(".article__body > *").evaluate_all(
        "nodes => nodes.map(n => n.tagName + (n.textContent.includes('Nội dung huấn luyện')"
        " ? ':heading' : ''))"
    )
    assert order.index("H2:heading") < order.index("FIGURE"), order
    photo_figcaption = page.locator("figcaption", has_text=photo_caption)
    expect(photo_figcaption).to_be_visible()
    assert image_loaded(page.locator("figure", has=photo_figcaption).locator("img"))
    expect(page.locator("strong")).to_have_text("đồng chí Chủ tịch UBND huyện")
    page.screenshot(path=artifact_path("desktop-article.png"), full_page=True)

    assert errors == [] and leader_errors == []


def test_admin_slug_of_a_vietnamese_title_keeps_every_word(open_page, fast_passwords):
    editor = UserFactory(
        username="bientap", password=REPORTER_PASSWORD, is_staff=True, is_superuser=True
    )
    page = open_page(**DESKTOP)
    log_in_to_admin(page, editor, REPORTER_PASSWORD)
    page.goto(reverse("admin:news_article_add"))
    page.locator("#id_title").fill("Huyện ra quân huấn luyện dân quân tự vệ, chi 3,2 tỷ")
    page.locator("#id_title").press("Tab")
    slug = page.locator("#id_slug").input_value()
    # An empty slug is fine too: the model makes it from the title on save.
    assert slug in ("", "huyen-ra-quan-huan-luyen-dan-quan-tu-ve-chi-3-2-ty")


def test_the_article_list_reads_on_a_laptop(open_page, fast_passwords):
    editor = UserFactory(
        username="bientap", password=REPORTER_PASSWORD, is_staff=True, is_superuser=True
    )
    category = CategoryFactory(name="Công nghiệp - Tiểu thủ công nghiệp")
    for day in range(3):
        article = ArticleFactory(
            category=category,
            title=f"Huyện tổng kết công tác phòng chống thiên tai và tìm kiếm cứu nạn {day}",
        )
        PhotoFactory(article=article)
    page = open_page(viewport={"width": 1366, "height": 900})
    log_in_to_admin(page, editor, REPORTER_PASSWORD)
    page.goto(reverse("admin:news_article_changelist"))
    results = page.locator(".results")
    # Every column is on screen, none cut off at the right...
    assert results.evaluate("e => e.scrollWidth <= e.clientWidth")
    # ...and a title reads as a line or two, not a word a line.
    title = page.locator("#result_list td.field-title, #result_list th.field-title").first
    assert title.bounding_box()["width"] >= 200
    page.screenshot(path=artifact_path("admin-article-list-1366.png"))


def test_a_photo_of_the_photo_list_is_put_between_two_paragraphs_from_the_toolbar(
    open_page, fast_passwords
):
    editor_user = UserFactory(
        username="bientap", password=REPORTER_PASSWORD, is_staff=True, is_superuser=True
    )
    article = ArticleFactory(
        title="Đường giao thông nông thôn xã Thi Sơn",
        body="<p>Đoạn thứ nhất của bài.</p><p>Đoạn thứ hai của bài.</p>",
    )
    top = PhotoFactory(article=article, caption="Ảnh đầu bài", order=1)
    chosen = PhotoFactory(article=article, caption="Con đường mới đổ bê tông", order=2)
    page = open_page(**DESKTOP)
    errors = record_errors(page, ignore_urls=IGNORED_URLS)
    log_in_to_admin(page, editor_user, REPORTER_PASSWORD)
    page.goto(reverse("admin:news_article_change", args=[article.pk]))

    # The caret at the end of the first paragraph, then the toolbar's button for the
    # article's own photos: a dialog lists them; the second one is chosen.
    editor = page.locator(".ck-editor__editable")
    editor.locator("p", has_text="Đoạn thứ nhất").click()
    page.keyboard.press("End")
    page.wait_for_function(CARET_AT_THE_END_OF, arg="Đoạn thứ nhất của bài.")
    toolbar = page.get_by_role("toolbar", name=EDITOR_TOOLBAR)
    toolbar.get_by_role("button", name="Ảnh của bài").click()
    picker = page.get_by_role("dialog", name="Ảnh của bài này")
    expect(picker.get_by_role("button")).to_have_count(3)  # two photos, and "Hủy"
    picker.get_by_role("button", name="Con đường mới đổ bê tông").click()
    expect(picker).to_have_count(0)
    placed = editor.locator(f'figure img[src="/anh/{chosen.pk}/"]')
    expect(placed).to_be_visible()  # shown in the editor as on the page
    expect(editor.locator("figure figcaption")).to_have_text("Con đường mới đổ bê tông")
    page.screenshot(path=artifact_path("admin-photo-placed.png"), full_page=True)
    # The article is public: a leader's correction says why (news/proposals.py).
    page.locator("#id_workflow_comment").fill("Đặt ảnh con đường vào giữa bài.")
    page.locator('input[name="_continue"]').click()
    expect(page.locator(".messagelist .success")).to_have_count(1)

    article.refresh_from_db()
    assert f'src="/anh/{chosen.pk}/"' in article.body
    page.goto(article.get_absolute_url())
    body = page.locator(".article__body")
    expect(body.locator("figure.photo figcaption")).to_have_text("Con đường mới đổ bê tông")
    order = body.locator(":scope > *").evaluate_all("nodes => nodes.map(n => n.tagName)")
    assert order == ["P", "FIGURE", "P"], order
    # The other photo keeps its place above the body; the chosen one is not drawn twice.
    expect(page.get_by_text("Ảnh đầu bài")).to_have_count(1)
    expect(page.get_by_text("Con đường mới đổ bê tông")).to_have_count(1)
    assert top.caption in page.locator("article > figure").first.inner_text()
    assert errors == []


def test_an_editors_change_to_a_live_article_waits_for_a_leader_in_the_browser(
    open_page, live_server, fast_passwords
):
    """The editor changes a published title in the real form and sends it; readers keep the
    approved title; the leader reads the comparison and publishes it."""
    roles.ensure_groups()  # the live server's database is flushed between tests
    editor_user, leader = (
        UserFactory(username=name, password=REPORTER_PASSWORD, is_staff=True)
        for name in ("bientap", "lanhdao")
    )
    editor_user.groups.add(Group.objects.get(name=roles.EDITOR))
    leader.groups.add(Group.objects.get(name=roles.PUBLISHER))
    article = ArticleFactory(
        title="Xã Tượng Lĩnh ra quân làm thủy lợi",
        status=Status.PUBLISHED,
        published_at=timezone.now() - timezone.timedelta(hours=1),
    )
    page = open_page(**DESKTOP)
    errors = record_errors(page, ignore_urls=IGNORED_URLS)
    log_in_to_admin(page, editor_user, REPORTER_PASSWORD)
    page.goto(reverse("admin:news_article_change", args=[article.pk]))
    expect(page.locator(".change-note")).to_contain_text("bản sửa đề xuất")
    page.locator("#id_title").fill("Xã Tượng Lĩnh ra quân làm thủy lợi nội đồng")
    page.get_by_role("button", name="Lưu bản sửa và gửi lãnh đạo duyệt").click()
    expect(page.locator(".messagelist")).to_contain_text("bản sửa chờ duyệt")

    reader = open_page(**DESKTOP)
    reader.goto(article.get_absolute_url())
    expect(reader.locator("h1")).to_have_text("Xã Tượng Lĩnh ra quân làm thủy lợi")

    page.context.clear_cookies()  # the leader signs in on the same browser
    log_in_to_admin(page, leader, REPORTER_PASSWORD)
    expect(page.locator("#desk-changes")).to_contain_text("1")
    page.locator(".desk__section--changes a", has_text="Xã Tượng Lĩnh").first.click()
    page.get_by_role("link", name="So sánh với bản đang đăng").click()
    expect(page.locator(".revision-diff").first).to_contain_text("nội đồng")
    page.screenshot(path=artifact_path("admin-change-diff.png"), full_page=True)
    page.get_by_role("link", name="Mở bản sửa").click()
    page.get_by_role("button", name="Lưu và đăng bản sửa").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã xuất bản")

    reader.goto(article.get_absolute_url())
    expect(reader.locator("h1")).to_have_text("Xã Tượng Lĩnh ra quân làm thủy lợi nội đồng")
    assert errors == []


UPLOAD_PATH = "/bien-tap/tai-anh/"  # news:editor_upload


CARET_AT_THE_END_OF = """text => {
    const editor = document.querySelector(".ck-editor__editable").ckeditorInstance;
    const caret = editor.model.document.selection.getFirstPosition();
    const block = caret.parent;
    const blockText = Array.from(block.getChildren(), node => node.data || "").join("");
    return block.name === "paragraph" && caret.isAtEnd && blockText === text;
}"""


class Tally:
    """What a person does in the browser, counted: clicks (and keys that confirm, like Enter in
    a dialog), fields typed into, files chosen."""

    def __init__(self):
        self.clicks = self.fields = self.files = 0

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def fill(self, locator, text):
        self.fields += 1
        locator.fill(text)

    def choose_file(self, locator, file):
        self.files += 1
        locator.set_input_files(file)


def test_a_reporter_enters_a_two_photo_article_and_submits_it(
    open_page, live_server, fast_passwords
):
    """The old site's article as a reporter enters it: three paragraphs, a photo after the first
    and another after the second, each with its caption and alternative text, a category, then
    "submit". Counted and timed (test-artifacts/reporter-two-photo-article.json)."""
    roles.ensure_groups()  # the live server's database is flushed between tests
    reporter = UserFactory(username="phongvien", password=REPORTER_PASSWORD, is_staff=True)
    reporter.groups.add(Group.objects.get(name=roles.REPORTER))
    news = CategoryFactory(name="Tin tức - Sự kiện", order=1)
    CategoryFactory(name="An ninh - Quốc phòng", parent=news)
    paragraphs = [
        "Sáng nay, xã Tượng Lĩnh tổ chức lễ ra quân làm thủy lợi nội đồng.",
        "Hơn ba trăm đoàn viên, hội viên nạo vét kênh mương trước vụ xuân.",
        "Xã đặt mục tiêu hoàn thành trước ngày 20 tháng Chạp.",
    ]
    photos = [
        ("Đoàn viên nạo vét kênh tưới", "Thanh niên cầm cuốc xẻng đứng dưới lòng kênh"),
        ("Kênh mương sau khi nạo vét", "Con kênh thẳng, nước trong, hai bờ cỏ xanh"),
    ]
    page = open_page(**DESKTOP)
    errors = record_errors(page, ignore_urls=IGNORED_URLS)
    log_in_to_admin(page, reporter, REPORTER_PASSWORD)
    tally, started = Tally(), time.monotonic()

    tally.click(page.locator(f'a[href="{reverse("admin:news_article_add")}"]').first)
    tally.fill(page.locator("#id_title"), "Xã Tượng Lĩnh ra quân làm thủy lợi nội đồng")
    tally.fill(page.locator("#id_lead"), "Hơn ba trăm người tham gia nạo vét kênh mương.")
    editor = page.locator(".ck-editor__editable")
    toolbar = page.get_by_role("toolbar", name=EDITOR_TOOLBAR)
    image_toolbar = page.get_by_role("toolbar", name=IMAGE_TOOLBAR)
    tally.click(editor)
    tally.fields += 1  # the body, typed paragraph by paragraph
    page.keyboard.type("\n".join(paragraphs))
    for number, (caption, alt) in enumerate(photos):
        # The caret at the end of the paragraph the photo follows, then the upload button.
        tally.click(editor.locator("p", has_text=paragraphs[number]))
        page.keyboard.press("End")
        # The caret at the end of that paragraph, as the editor knows it, before the upload: the
        # editor places a photo before a paragraph whose caret is not at its end, and it learns
        # the browser's caret from an event that can still be on its way.
        page.wait_for_function(CARET_AT_THE_END_OF, arg=paragraphs[number])
        with page.expect_response(lambda response: response.url.endswith(UPLOAD_PATH)):
            tally.choose_file(
                toolbar.locator("input[type=file]"),
                {
                    "name": f"anh-{number + 1}.jpg",
                    "mimeType": "image/jpeg",
                    "buffer": image_bytes(1200, 750),
                },
            )
        # As a person would, the new photo is looked at: its toolbar stands above it.
        editor.locator("figure img").nth(number).scroll_into_view_if_needed()
        tally.click(image_toolbar.get_by_role("button", name="Hiện chú thích"))
        page.keyboard.type(caption)
        tally.fields += 1
        tally.click(editor.locator("figure img").nth(number))
        tally.click(image_toolbar.get_by_role("button", name="Đổi chữ alt của ảnh"))
        tally.fill(page.get_by_label("Chữ alt"), alt)
        page.get_by_label("Chữ alt").press("Enter")
        tally.clicks += 1  # Enter confirms the dialog
    page.screenshot(path=artifact_path("admin-two-photo-article.png"), full_page=True)
    tally.click(page.locator(".field-category").get_by_role("combobox"))
    page.keyboard.type("An ninh")
    tally.fields += 1
    tally.click(page.get_by_role("option", name="An ninh - Quốc phòng"))
    tally.click(page.locator('button[name="_move"][value="submit"]'))
    expect(page).to_have_url(f"{live_server.url}{reverse('admin:news_article_changelist')}")
    seconds = time.monotonic() - started

    article = Article.objects.get(title="Xã Tượng Lĩnh ra quân làm thủy lợi nội đồng")
    assert article.status == Status.SUBMITTED
    stored = list(article.photos.order_by("order"))
    assert [(p.caption, p.alt_text) for p in stored] == photos
    page.goto(reverse("news:preview", args=[article.pk]))
    order = page.locator(".article__body > *").evaluate_all(
        "nodes => nodes.map(n => n.tagName === 'FIGURE' ? n.querySelector('figcaption')"
        ".textContent.trim().split('\\n')[0] : n.textContent.trim())"
    )
    assert order == [paragraphs[0], photos[0][0], paragraphs[1], photos[1][0], paragraphs[2]], order
    report = {
        "clicks": tally.clicks, "fields_typed": tally.fields, "files_chosen": tally.files,
        "seconds_in_the_browser": round(seconds, 1),
    }  # fmt: skip
    artifact_path("reporter-two-photo-article.json").write_text(json.dumps(report))
    print("A reporter enters a two-photo article and submits it:", report)
    assert tally.clicks <= 20, report
    assert errors == []
