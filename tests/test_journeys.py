"""A citizen's journeys through the public site in Debian's chromium, on a phone (390×844) and
a laptop (1366×768): home → category → its second page → an article, then a search typed
without accents; the keyboard alone; text at 200%. Screenshots of every page go to
test-artifacts/ for people to look at.

Also measured here: the bytes a phone downloads for the home page of the demo site.
"""

import gzip
import io
import json
import re
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from news import roles, view_counts
from news.models import Article, SiteSettings, ViewCount
from tests.browser_support import (
    DESKTOP,
    PHONE,
    TransferMeter,
    artifact_path,
    has_horizontal_overflow,
    image_loaded,
    record_errors,
)
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory, image_upload
from tests.stack_support import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
HANOI = timezone.get_fixed_timezone(7 * 60)
# The largest home page a phone may download on first view (HTML, CSS, fonts, images in view).
HOME_BUDGET_BYTES = 600_000


def label(english):
    """What the page says for an interface string (the Vietnamese catalogue's wording)."""
    with translation.override("vi"):
        return gettext(english)


@pytest.fixture
def newsroom():
    """A site with a category of 25 articles (two pages); the oldest is the one to find."""
    site = SiteSettings.load()
    site.portal_name = "Cổng thông tin điện tử huyện Kim Bảng"
    site.station_name = "Đài Truyền thanh huyện Kim Bảng"
    site.save()
    news = CategoryFactory(name="Tin tức - Sự kiện", order=1)
    defence = CategoryFactory(name="An ninh - Quốc phòng", parent=news)
    CategoryFactory(name="Kinh tế", order=2)
    target = ArticleFactory(
        category=defence,
        title="Huyện tổng kết công tác quốc phòng địa phương năm 2020",
        lead="Ngày 13/10/2020, huyện tổng kết các đề án quốc phòng và an ninh.",
        body=(
            "<p>Hội nghị đánh giá kết quả diễn tập khu vực phòng thủ và công tác quốc phòng "
            "địa phương.</p><h2>Kết quả nổi bật</h2><ul><li>Hoàn thành diễn tập</li>"
            "<li>Tuyển quân đạt chỉ tiêu</li></ul>"
        ),
        source="Đài Kim Bảng",
        published_at=timezone.datetime(2020, 10, 13, 8, 30, tzinfo=HANOI),
    )
    photos = [
        PhotoFactory(
            article=target,
            image=image_upload(width=1200, height=800),
            caption="Đồng chí Bí thư Huyện ủy phát biểu tại hội nghị",
            alt_text="Người phát biểu đứng sau bục, phía sau là phông đỏ",
            credit="Minh Đức",
            order=0,
        ),
        PhotoFactory(
            article=target,
            image=image_upload(width=800, height=1200),
            caption="Trao khen thưởng cho các tập thể có thành tích xuất sắc",
            alt_text="Hàng người đứng trên sân khấu cầm giấy khen",
            credit="Thu Hà",
            order=1,
        ),
    ]
    ViewCount.objects.create(article=target, count=1233)
    newer = []
    for day in range(24):
        article = ArticleFactory(
            category=defence,
            title=f"Dân quân xã số {day} ra quân huấn luyện đầu năm",
            published_at=timezone.now() - timezone.timedelta(days=day, hours=1),
        )
        if day < 6:
            PhotoFactory(article=article, image=image_upload(width=900, height=600))
            ViewCount.objects.create(article=article, count=100 - day)
        newer.append(article)
    return {"target": target, "photos": photos, "news": news, "newer": newer}


def assert_fits(page, where):
    if page.viewport_size["width"] <= PHONE["viewport"]["width"]:
        assert not has_horizontal_overflow(page), f"{where} scrolls sideways on the phone"


def shoot(page, name):
    page.screenshot(path=artifact_path(f"{page.viewport_size['width']}-{name}.png"), full_page=True)


def open_menu_if_folded(page):
    menu = page.locator("header details").first
    summary = menu.locator("summary")
    if summary.is_visible():
        summary.click()
    expect(menu.locator(".site-nav__list")).to_be_visible()
    return menu


@DEVICES
def test_reader_goes_from_home_to_an_article_on_a_categorys_second_page(
    open_page, live_server, newsroom, device, settings
):
    settings.VIEW_COUNT_EXACT_UP_TO = 10_000  # this reading is reported, not sampled
    target, news = newsroom["target"], newsroom["news"]
    page = open_page(**device)
    page.add_init_script("window.printed = 0; window.print = () => { window.printed += 1; };")
    errors = record_errors(page)

    page.goto("/")
    expect(page.get_by_role("heading", name=label("Latest news"))).to_be_visible()
    most_read = page.locator("section.most-read")
    expect(most_read.get_by_role("heading", name=label("Most read"))).to_be_visible()
    expect(most_read.get_by_role("listitem")).to_have_count(5)
    expect(most_read.get_by_role("link").first).to_have_text(target.title)  # 1,233 views
    assert_fits(page, "home page")
    shoot(page, "home")

    open_menu_if_folded(page).get_by_role("link", name=news.name, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{news.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(news.name)
    expect(page.locator("main").get_by_role("link", name=target.title, exact=True)).to_have_count(0)
    assert_fits(page, "category page")
    shoot(page, "category")

    pages = page.get_by_role("navigation", name=label("Pages"), exact=True)
    pages.get_by_role("link", name="2", exact=True).click()
    # Page 2 starts after the last article of page 1 (news/paging.py).
    expect(page).to_have_url(
        re.compile(
            re.escape(f"{live_server.url}{news.get_absolute_url()}?page=2&sau=") + r"\d+_\d+$"
        )
    )
    expect(pages.locator("[aria-current=page]")).to_have_text("2")
    assert_fits(page, "category page 2")
    shoot(page, "category-page-2")

    page.get_by_role("link", name=target.title, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{target.get_absolute_url()}")
    trail = page.get_by_role("navigation", name=label("Breadcrumb"), exact=True)
    expect(trail.get_by_role("link")).to_have_text(
        [label("Home"), "Tin tức - Sự kiện", "An ninh - Quốc phòng"]
    )
    article = page.locator("article").filter(has=page.get_by_role("heading", level=1))
    expect(article.get_by_role("heading", level=1)).to_have_text(target.title)
    # The page shows the readings counted before it; its script then counts this one.
    expect(article.locator(".article__meta")).to_have_text(
        f"Thứ Ba, 13/10/2020 08:30 · {label('Views')}: 1.233"
    )
    wait_until(lambda: view_counts.pending_views(target.pk) == 1, "the reading's count", timeout=5)
    lead = article.get_by_text(target.lead, exact=True)
    expect(lead).to_be_visible()
    assert int(lead.evaluate("p => getComputedStyle(p).fontWeight")) >= 700
    expect(article.get_by_role("heading", name="Kết quả nổi bật")).to_be_visible()
    for photo in newsroom["photos"]:
        caption = page.locator("figcaption", has_text=photo.caption)
        expect(caption).to_contain_text(photo.credit)
        image = article.locator("figure", has=caption).locator("img")
        expect(image).to_have_attribute("alt", photo.alt_text)
        assert image_loaded(image), f"photo {photo.image.url} did not load"
    expect(article.get_by_text("Đài Kim Bảng", exact=True)).to_be_visible()

    related = page.locator("main section.related")
    expect(related.get_by_role("heading", name=label("More in this category"))).to_be_visible()
    expect(related.get_by_role("link")).to_have_text([a.title for a in newsroom["newer"][:5]])

    address = quote(f"{live_server.url}{target.get_absolute_url()}", safe="")
    share = page.locator("section.article-tools")
    expect(share.get_by_role("link", name="Facebook")).to_have_attribute(
        "href", f"https://www.facebook.com/sharer/sharer.php?u={address}"
    )
    expect(share.get_by_role("link", name="Zalo")).to_have_attribute(
        "href", re.compile(re.escape(address))
    )
    print_button = share.get_by_role("button", name=label("Print this article"))
    expect(print_button).to_be_visible()
    print_button.click()
    assert page.evaluate("window.printed") == 1
    assert_fits(page, "article page")
    shoot(page, "article")

    assert errors == []


@DEVICES
def test_search_without_accents_finds_and_highlights_accented_words(
    open_page, live_server, newsroom, device
):
    target = newsroom["target"]
    page = open_page(**device)
    errors = record_errors(page)
    page.goto("/")
    box = page.get_by_role("searchbox", name=label("Search the news"))
    box.fill("quoc phong dia phuong")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=quoc\+phong\+dia\+phuong"))
    results = page.locator(".search-result")
    expect(results).to_have_count(1)
    expect(results.get_by_role("link", name=target.title, exact=True)).to_be_visible()
    marks = results.locator("mark")
    expect(marks.first).to_be_visible()
    # The words stand together in the text: one mark for the phrase, accents as written; where
    # only some of them do ("quốc phòng"), that run.
    typed = "quốc phòng địa phương"
    marked = {m.lower() for m in marks.all_inner_texts()}
    assert typed in marked
    assert all(len(m.split()) >= 2 and m in typed for m in marked)
    assert_fits(page, "search page")
    shoot(page, "search")
    assert errors == []


@DEVICES
def test_keyboard_reaches_the_skip_link_first_and_opens_the_menu(open_page, newsroom, device):
    page = open_page(**device)
    errors = record_errors(page)
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text(label("Skip to main content"))
    expect(skip).to_be_visible()  # it appears when focused
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    menu = page.locator("header details").first
    summary = menu.locator("summary")
    if summary.is_visible():  # folded on the phone (and where the browser cannot unfold it)
        summary.focus()
        expect(menu).not_to_have_attribute("open", "")
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("open", "")
    expect(menu.get_by_role("link", name=newsroom["news"].name, exact=True)).to_be_visible()
    assert errors == []


def test_text_at_200_percent_still_fits_a_phone(open_page, live_server, newsroom):
    target = newsroom["target"]
    page = open_page(**PHONE)
    errors = record_errors(page)
    for name, url in [
        ("home", "/"),
        ("category", newsroom["news"].get_absolute_url()),
        ("article", target.get_absolute_url()),
        ("search", "/tim-kiem/?q=quoc+phong"),
    ]:
        page.goto(url)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        open_menu_if_folded(page)
        assert not has_horizontal_overflow(page), f"{name} scrolls sideways with text at 200%"
        page.screenshot(path=artifact_path(f"390-text-200-{name}.png"), full_page=True)
    assert errors == []


def test_home_page_weight_on_a_phone(open_page, live_server, demo_made_once):
    """What a phone downloads for the demo site's home page, first view and scrolled to the end.

    Written to test-artifacts/home-weight-phone.json; the first view must stay in budget.
    """
    roles.ensure_groups()
    call_command("load_demo", force=True, stdout=io.StringIO())
    for rank, article in enumerate(Article.objects.published()[:5]):
        ViewCount.objects.create(article=article, count=1000 - rank)
    page = open_page(**PHONE)
    meter = TransferMeter(page)
    text_responses = []  # HTML and CSS: the test server sends them uncompressed, nginx gzips
    page.on(
        "response",
        lambda r: (
            r.request.resource_type in ("document", "stylesheet") and text_responses.append(r)
        ),
    )
    page.goto("/", wait_until="networkidle")
    first_view = dict(meter.by_type, total=meter.total)
    # nginx's default gzip level (1), for what a phone receives in production.
    gzipped_text = sum(len(gzip.compress(r.body(), compresslevel=1)) for r in text_responses)
    first_view["html_and_css_gzipped"] = gzipped_text
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    for image in page.locator("img").all():  # lazy images load as they come into view
        image_loaded(image)
    page.wait_for_load_state("networkidle")
    scrolled = dict(meter.by_type, total=meter.total)
    report = {"first_view": first_view, "scrolled_to_end": scrolled}
    artifact_path("home-weight-phone.json").write_text(json.dumps(report, indent=1))
    print("Home page on a phone, bytes:", json.dumps(report))
    assert first_view["Document"] > 0 and first_view["Stylesheet"] > 0
    assert first_view["total"] <= HOME_BUDGET_BYTES, report


ARTICLE_BUDGET_BYTES = 400_000  # the first view of an article page with four photos in its body


def test_an_article_with_four_photos_in_its_body_weighs_little_on_a_phone(open_page, live_server):
    """What a phone downloads for an article whose body holds four photos (generated scenes,
    3000 px wide as cameras give them): the first view, then scrolled to the end. Written to
    test-artifacts/article-four-photos-phone.json. No original is ever downloaded: each photo
    comes as the copy its width needs, and those below the first screen only when reached."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from demo.scenes import render
    from news import body_photos

    scenes = ["river", "paddy", "road_works", "village"]
    originals = []
    for number, scene in enumerate(scenes):
        picture = Image.open(io.BytesIO(render(scene, number)))
        big = io.BytesIO()
        picture.resize((3000, 3000 * picture.height // picture.width)).save(big, "JPEG", quality=90)
        originals.append(SimpleUploadedFile(f"{scene}.jpg", big.getvalue(), "image/jpeg"))
    article = ArticleFactory(title="Mùa nước trên sông Đáy", body="")
    photos = [
        PhotoFactory(article=article, image=original, caption=f"Ảnh {n + 1} của bài", order=n)
        for n, original in enumerate(originals)
    ]
    paragraph = "<p>" + "Người dân ven sông chuẩn bị cho mùa nước lên. " * 12 + "</p>"
    article.body = paragraph + "".join(
        body_photos.editor_figure(photo) + paragraph for photo in photos
    )
    article.save()

    page = open_page(**PHONE)
    meter = TransferMeter(page)
    image_urls = []
    page.on("request", lambda r: r.resource_type == "image" and image_urls.append(r.url))
    page.goto(article.get_absolute_url(), wait_until="networkidle")
    first_view = dict(meter.by_type, total=meter.total)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    for image in page.locator(".article__body img").all():
        image.scroll_into_view_if_needed()
        assert image_loaded(image)
    page.wait_for_load_state("networkidle")
    scrolled = dict(meter.by_type, total=meter.total)
    report = {"first_view": first_view, "scrolled_to_end": scrolled, "images": image_urls}
    artifact_path("article-four-photos-phone.json").write_text(json.dumps(report, indent=1))
    print("Article with four body photos on a phone, bytes:", json.dumps(report))
    originals_sent = [p.image.url for p in photos if p.image.url in image_urls]
    assert originals_sent == [], originals_sent
    assert len([u for u in image_urls if "/media/" in u]) >= 4  # every photo, once reached
    assert first_view["total"] <= ARTICLE_BUDGET_BYTES, report
