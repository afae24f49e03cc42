"""The interface in Vietnamese: our catalogue, and the gaps it fills in Django's own vi catalogues.

Django's vi admin catalogue predates several admin strings (they show in English) and words a
few others misleadingly; locale/vi overrides them because LOCALE_PATHS take precedence.
"""

import datetime
import gettext
import html
import itertools
import json
import re
import zoneinfo
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from news.models import Article, SiteSettings
from tests.factories import ArticleFactory, CategoryFactory

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"

# (English that Django's vi catalogue leaves untranslated or words badly, our Vietnamese).
EVERY_ADMIN_PAGE = [
    ("Skip to main content", "Bỏ qua, đến nội dung chính"),
    ("Toggle theme (current theme: auto)", "Đổi giao diện (hiện tại: tự động)"),
    ("Toggle theme (current theme: light)", "Đổi giao diện (hiện tại: sáng)"),
    ("Toggle theme (current theme: dark)", "Đổi giao diện (hiện tại: tối)"),
    ("Model name", "Tên loại dữ liệu"),
    ("Add link", "Liên kết thêm mới"),
    ("Change or view list link", "Liên kết sửa hoặc xem danh sách"),
    ("Log out", "Đăng xuất"),
]
# Every page but the index has breadcrumbs and the navigation sidebar.
INNER_ADMIN_PAGE = [
    *EVERY_ADMIN_PAGE,
    ("Breadcrumbs", "Vị trí trang"),
    ("Toggle navigation", "Ẩn/hiện thanh điều hướng"),
    ("Sidebar", "Thanh bên"),
    ("Filter navigation items", "Lọc các mục điều hướng"),
]
CHANGELIST = [
    *INNER_ADMIN_PAGE,
    ("Select all objects on this page for an action", "Chọn tất cả đối tượng trên trang này"),
    ("Select this object for an action", "Chọn đối tượng này để thao tác"),
    ("Show counts", "Hiện số lượng"),
    ("Run the selected action", "Thực hiện thao tác đã chọn"),
    (">Go<", ">Thực hiện<"),
    (" By ", " Theo "),
]


def assert_vietnamese(response, *pair_lists):
    """Each English string is absent from the page and its Vietnamese present."""
    assert response.status_code == 200
    page = response.content.decode()
    for english, vietnamese in itertools.chain(*pair_lists):
        assert english not in page, f"{english!r} shows in English"
        assert vietnamese in page, f"{vietnamese!r} is missing"


@pytest.fixture
def article(db):
    return ArticleFactory(
        title="Hội nghị tổng kết năm",
        category=CategoryFactory(name="Thời sự"),
        published_at=datetime.datetime(2020, 10, 13, 8, 30, tzinfo=HANOI),
    )


@pytest.fixture
def logged_addition(article, superuser):
    """A history row for the article, as the admin writes when an editor adds it."""
    LogEntry.objects.log_actions(
        superuser.pk, [article], ADDITION, change_message=json.dumps([{"added": {}}])
    )
    return article


def test_admin_index(admin_client, logged_addition):
    response = admin_client.get(reverse("admin:index"))
    assert_vietnamese(
        response,
        EVERY_ADMIN_PAGE,
        [
            ("Site administration", "Quản trị hệ thống"),
            ("Added:", "Đã thêm:"),
            ("Models in the", "Các loại dữ liệu trong"),
        ],
    )


def test_article_changelist(admin_client, article):
    response = admin_client.get(reverse("admin:news_article_changelist"))
    assert_vietnamese(
        response,
        CHANGELIST,
        [("Past 7 days", "7 ngày qua"), ("Any date", "Mọi thời điểm")],
    )
    # The publication time in the site's own short format (the list has no room for the
    # weekday; the change form spells it out).
    page = response.content.decode()
    assert '<td class="field-published">13/10/2020 08:30</td>' in page
    assert "Thứ 3" not in page  # Django's vi weekday name


def test_article_add_form(admin_client, db):
    response = admin_client.get(reverse("admin:news_article_add"))
    assert_vietnamese(
        response,
        INNER_ADMIN_PAGE,
        [
            ("View selected", "Xem chuyên mục đã chọn"),
            ("Alternative text", "Mô tả ảnh (cho người khiếm thị)"),
            ("Caption:", "Chú thích ảnh:"),
            ("Lead:", "Sapo:"),
        ],
    )
    # The inline's "add another" link is drawn by JavaScript from this JSON.
    inline = re.search(r'data-inline-formset="([^"]*)"', response.content.decode()).group(1)
    assert json.loads(html.unescape(inline))["options"]["addText"] == "Thêm Ảnh khác"


def test_article_form_errors(admin_client, db):
    response = admin_client.post(
        reverse("admin:news_article_add"),
        {"title": "", "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"},
    )
    assert_vietnamese(
        response,
        [
            ("Please correct the error", "Vui lòng sửa lỗi bên dưới."),
            ("Error:", "Lỗi:"),
        ],
    )
    assert not Article.objects.exists()


def test_article_history(admin_client, logged_addition):
    response = admin_client.get(reverse("admin:news_article_history", args=[logged_addition.pk]))
    assert_vietnamese(
        response,
        INNER_ADMIN_PAGE,
        [
            ("Change history", "Lịch sử thay đổi: Hội nghị tổng kết năm"),
            ("History", "Lịch sử"),
            ("1 entry", "1 mục"),
        ],
    )
    assert "Bản ghi nhớ" not in response.content.decode()  # Django's vi "History": a memo


def test_article_change_form_history_button(admin_client, article):
    response = admin_client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert_vietnamese(response, INNER_ADMIN_PAGE, [(">History<", ">Lịch sử<")])
    assert "Bản ghi nhớ" not in response.content.decode()


def test_category_changelist(admin_client, article):
    response = admin_client.get(reverse("admin:news_category_changelist"))
    assert_vietnamese(
        response,
        CHANGELIST,
        [
            ("Select category to change", "Chọn chuyên mục để thay đổi"),
            (">Active<", "Đang hoạt động"),
        ],
    )


def test_site_settings_change_page(admin_client, db):
    settings_row = SiteSettings.load()
    response = admin_client.get(reverse("admin:news_sitesettings_change", args=[settings_row.pk]))
    assert_vietnamese(
        response,
        INNER_ADMIN_PAGE,
        [
            ("Portal name", "Tên cổng thông tin"),
            ("Responsible body", "Cơ quan chủ quản"),
            (">Contact<", ">Liên hệ<"),
        ],
    )


def test_admin_javascript_catalogue_has_calendar_words(admin_client):
    """The date picker's words come from djangojs, which Django's vi catalogue leaves gaps in."""
    response = admin_client.get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    body = response.content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\n  \});", body, re.S).group(1))
    assert catalog["Monday"] == "Thứ Hai"
    assert catalog["Sunday"] == "Chủ Nhật"
    assert catalog["abbrev. day Monday\x04Mon"] == "T2"
    assert catalog["one letter Monday\x04M"] == "T2"  # the calendar's column head; Django: "2"
    assert catalog["Choose all %s"] == "Chọn tất cả %s"
    # Already in Django's catalogue, and still served alongside ours.
    assert catalog["Today"] == "Hôm nay"
    assert catalog["Now"] == "Bây giờ"


def test_every_word_of_our_admin_script_is_in_the_javascript_catalogue(admin_client):
    """djangojs.po is kept by hand (makemessages would drop the admin's words): each gettext()
    of our scripts must have its Vietnamese there."""
    body = admin_client.get(reverse("admin:jsi18n")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\n  \});", body, re.S).group(1))
    scripts = Path(settings.BASE_DIR, "news", "static").rglob("*.js")
    words = {
        word
        for script in scripts
        for word in re.findall(r'\bgettext\("((?:[^"\\]|\\.)*)"\)', script.read_text())
    }
    assert "Photo of this article" in words  # the pattern finds them
    assert {word: catalog.get(word) for word in words if not catalog.get(word)} == {}
    assert catalog["Choose a time"] == "Chọn giờ"


def render_datetime(value):
    with translation.override("vi"):
        return Template("{% load news_tags %}{{ d|vn_datetime }}").render(Context({"d": value}))


def test_article_date_line_names_the_weekday_capitalised():
    assert render_datetime(datetime.datetime(2020, 10, 13, 8, 30, tzinfo=HANOI)) == (
        "Thứ Ba, 13/10/2020 08:30"
    )
    assert render_datetime(datetime.datetime(2020, 10, 18, 19, 5, tzinfo=HANOI)) == (
        "Chủ Nhật, 18/10/2020 19:05"
    )


def test_every_weekday_is_capitalised():
    monday = datetime.datetime(2020, 10, 12, 1, 0, tzinfo=datetime.UTC)  # 08:00 in Hà Nội
    names = [render_datetime(monday + datetime.timedelta(days=i)).split(",")[0] for i in range(7)]
    assert names == ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def test_dates_typed_day_first_are_read_day_first():
    with translation.override("vi"):
        assert forms.DateField().clean("03/10/2020") == datetime.date(2020, 10, 3)
        typed = forms.SplitDateTimeField().clean(["03/10/2020", "08:30"])
    assert typed.astimezone(HANOI) == datetime.datetime(2020, 10, 3, 8, 30, tzinfo=HANOI)


def test_public_pages_speak_vietnamese(client, article):
    ArticleFactory.create_batch(2, category=article.category)  # the lead story and a list
    response = client.get(reverse("news:home"))
    assert_vietnamese(
        response,
        [("Skip to main content", "Bỏ qua, đến nội dung chính"), ("Latest news", "Tin mới")],
    )


# The catalogues themselves ------------------------------------------------------------------


def read_po(path):
    """({key: msgstr}, flag lines) of a .po file, keyed as GNUTranslations keys its catalogue.

    Obsolete entries ("#~") are skipped: msgfmt does not compile them either.
    """
    entries, flags, field = [], [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#~"):
            field = None
        elif line.startswith("#,"):
            flags.append(line)
        elif line.strip() and not line.startswith("#"):
            keyword = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line)
            if keyword:
                name = keyword.group(1)
                starts_entry = name == "msgctxt" or (
                    name == "msgid" and (field is None or field.startswith("msgstr"))
                )
                if starts_entry:
                    entries.append({})
                field = name
                entries[-1][field] = json.loads(keyword.group(2))
            else:  # continuation of a string split over lines
                entries[-1][field] += json.loads(line)
    catalogue = {}
    for entry in entries:
        msgid = entry["msgid"]
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            for name, text in entry.items():
                if name.startswith("msgstr["):
                    catalogue[(msgid, int(name[7:-1]))] = text
        else:
            catalogue[msgid] = entry["msgstr"]
    return catalogue, flags


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogue_matches_its_source(domain):
    po, flags = read_po(LOCALE_DIR / f"{domain}.po")
    with open(LOCALE_DIR / f"{domain}.mo", "rb") as mo_file:
        mo = gettext.GNUTranslations(mo_file)
    assert po.pop("").startswith("Project-Id-Version")
    assert not [f for f in flags if "fuzzy" in f]
    assert not [key for key, value in po.items() if not value], "untranslated entries"
    compiled = {key: value for key, value in mo._catalog.items() if key != ""}
    assert compiled == po, "the .mo is stale: run compilemessages"
    assert mo.plural(5) == 0  # Vietnamese has one form; without the header, ngettext breaks
