"""The article body is cleaned on every save: hostile markup goes, the editor's markup stays.

The checks below do not trust substring searches: the cleaned HTML is parsed with html.parser,
as a browser would tokenise it, and every tag, attribute and URL scheme is held against what the
CKEditor 5 toolbar (settings.CKEDITOR_5_CONFIGS["article"]) can produce. That expectation is
written out here, independently of news/sanitize.py, so a widened allowlist fails these tests.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from news.models import Article, Status
from news.sanitize import clean_html
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, require_chromium
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.hostile_corpus import CORPUS, MARKUP, SCRIPT, STRINGS, TEXT, of_group

# What the toolbar produces: headings h2-h4, bold/italic, links, lists, block quotes, tables
# with captions and images with captions. `rel` is added by the cleaner to every link.
EDITOR_ATTRIBUTES = {
    "p": set(),
    "br": set(),
    "h2": set(),
    "h3": set(),
    "h4": set(),
    "strong": set(),
    "b": set(),
    "em": set(),
    "i": set(),
    "a": {"href", "title", "rel"},
    "ul": set(),
    "ol": {"start", "reversed"},
    "li": set(),
    "blockquote": set(),
    "figure": {"class"},
    "figcaption": set(),
    "img": {"src", "alt", "width", "height"},
    "table": set(),
    "thead": set(),
    "tbody": set(),
    "tfoot": set(),
    "tr": set(),
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
FIGURE_CLASSES = {"image", "table"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src"}


class Markup(HTMLParser):
    """Everything a browser would see as markup in a fragment: elements, comments, declarations."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.comments = []
        self.declarations = []
        self.text = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_decl(self, decl):
        self.declarations.append(decl)

    def unknown_decl(self, data):
        self.declarations.append(data)

    def handle_pi(self, data):
        self.declarations.append(data)

    def handle_data(self, data):
        self.text.append(data)


def url_scheme(url):
    """The scheme a browser would use for `url` (WHATWG URL parsing), or None if relative.

    Entities are already decoded by the parser; the URL parser then ignores leading and trailing
    spaces and control characters and removes tabs and newlines anywhere ("jav\\tascript:").
    """
    url = url.strip("".join(chr(code) for code in range(0x21)))
    url = re.sub(r"[\t\n\r]", "", url)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return match.group(1).lower() if match else None


def dangers(html):
    """Everything in `html` that the editor cannot produce; empty when the markup is safe."""
    markup = Markup(html)
    found = [f"comment {c!r}" for c in markup.comments]
    found += [f"declaration {d!r}" for d in markup.declarations]
    for tag, attrs in markup.elements:
        if tag not in EDITOR_ATTRIBUTES:
            found.append(f"<{tag}>")
            continue
        for name, value in attrs:
            value = value or ""
            if name not in EDITOR_ATTRIBUTES[tag]:
                found.append(f"<{tag} {name}>")
            elif name in URL_ATTRIBUTES and url_scheme(value) not in {None, *SAFE_SCHEMES}:
                found.append(f"<{tag} {name}={value!r}>")
            elif name == "class" and not set(value.split()) <= FIGURE_CLASSES:
                found.append(f"<{tag} class={value!r}>")
        if tag == "a" and "noopener" not in (dict(attrs).get("rel") or "").split():
            found.append("<a> without rel=noopener")
    return found


def text_of(html):
    return "".join(Markup(html).text)


# The hostile-string corpus (tests/hostile_corpus.py), the one list of them. `markup` samples
# carry something the editor cannot produce (test_each_hostile_sample_is_caught proves the
# checker sees it before cleaning), so each must come out clean; the others too.
HOSTILE = [pytest.param(s.text, id=s.id) for s in CORPUS if s.kind == MARKUP]
PLAIN = [pytest.param(s.text, id=s.id) for s in CORPUS if s.kind == TEXT]

# Not markup a browser would run, but must come through as plain, unchanged text.
TEMPLATING = [pytest.param(s.text, id=s.id) for s in of_group("templating")]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_each_hostile_sample_is_caught_before_cleaning(hostile):
    assert dangers(hostile), "the checker would not notice this sample"


@pytest.mark.parametrize("plain", PLAIN)
def test_each_plain_sample_is_plain(plain):
    assert dangers(plain) == [], "a `text` sample of the corpus holds markup: label it `markup`"


@pytest.mark.parametrize("hostile", HOSTILE + PLAIN)
def test_hostile_markup_is_removed(hostile):
    cleaned = clean_html(hostile)
    assert dangers(cleaned) == []


@pytest.mark.parametrize("hostile", HOSTILE + PLAIN)
def test_cleaning_is_idempotent(hostile):
    cleaned = clean_html(hostile)
    assert clean_html(cleaned) == cleaned


def test_corpus_is_large_and_distinct():
    assert len(set(STRINGS)) == len(STRINGS) >= 150
    assert len({s.id for s in CORPUS}) == len(CORPUS)
    assert len(HOSTILE) >= 100


@pytest.mark.parametrize(
    ("hostile", "cleaned"),
    [
        # the text the reader should see stays; what carried the attack goes
        pytest.param(f'<p onclick="{SCRIPT}">Tin nóng</p>', "<p>Tin nóng</p>", id="handler"),
        pytest.param(
            f'<a href="jav&#x09;ascript:{SCRIPT}">Xem</a>',
            '<a rel="noopener noreferrer">Xem</a>',
            id="obfuscated-link",
        ),
        pytest.param(f"<p>Tin<script>{SCRIPT}</script></p>", "<p>Tin</p>", id="script-content"),
        pytest.param("<style>p{color:red}</style><p>Tin</p>", "<p>Tin</p>", id="style-content"),
        # raw text inside these would otherwise be shown to readers as "<script>…"
        pytest.param(f"<iframe><script>{SCRIPT}</script></iframe>Tin", "Tin", id="iframe-content"),
        pytest.param(f"<textarea><script>{SCRIPT}</script></textarea>Tin", "Tin", id="textarea"),
        pytest.param(
            '<figure class="image image_resized evil" style="width:50%"><img src="/a.jpg"></figure>',
            '<figure class="image"><img src="/a.jpg"></figure>',
            id="figure-classes",
        ),
        pytest.param("<p>Chưa đóng <b>chữ đậm", "<p>Chưa đóng <b>chữ đậm</b></p>", id="unclosed"),
        pytest.param(
            '<a href="https://example.org" target="_blank" rel="opener">Xem</a>',
            '<a href="https://example.org" rel="noopener noreferrer">Xem</a>',
            id="tabnabbing",
        ),
    ],
)
def test_cleaning_keeps_the_readers_text(hostile, cleaned):
    assert clean_html(hostile) == cleaned


@pytest.mark.parametrize("sample", TEMPLATING)
def test_template_syntax_stays_plain_text(sample):
    assert clean_html(sample) == sample
    assert text_of(clean_html(sample)) == text_of(sample)


# Real CKEditor 5 output in the form nh3 emits (links get rel="noopener noreferrer").
BENIGN = [
    pytest.param(
        "<p>Sáng 13/10, <strong>UBND huyện Kim Bảng</strong> tổ chức <i>hội nghị tổng kết</i> "
        "công tác phòng, chống thiên tai năm 2020.</p>",
        id="paragraph-bold-italic",
    ),
    pytest.param(
        "<h2>Những kết quả nổi bật</h2><p>Năm qua, huyện đã hoàn thành 18/18 chỉ tiêu.</p>"
        "<h3>Về kinh tế</h3><p>Tốc độ tăng trưởng đạt 8,5%.</p>"
        "<h4>Nông nghiệp</h4><p>Năng suất lúa bình quân 62 tạ/ha.</p>",
        id="headings",
    ),
    pytest.param(
        "<p>Các xã tham gia:</p><ul><li>Thanh Sơn</li><li>Thi Sơn</li><li>Khả Phong</li></ul>",
        id="bulleted-list",
    ),
    pytest.param(
        "<ol><li>Khai mạc hội nghị;</li><li>Báo cáo kết quả;</li><li>Thảo luận, bế mạc.</li></ol>",
        id="numbered-list",
    ),
    pytest.param(
        "<ul><li><p>Đợt 1: tháng 3</p><p>Tiêm chủng cho trẻ dưới 5 tuổi.</p>"
        "<ul><li>Xã Tượng Lĩnh</li><li>Xã Nhật Tân</li></ul></li></ul>",
        id="nested-list",
    ),
    pytest.param(
        "<blockquote><p>“Mỗi người dân là một chiến sĩ phòng, chống dịch.”</p></blockquote>"
        "<p>Đồng chí Chủ tịch UBND huyện nhấn mạnh.</p>",
        id="blockquote",
    ),
    pytest.param(
        '<figure class="table"><table><thead><tr><th>STT</th><th>Đơn vị</th><th>Số hộ</th>'
        "</tr></thead><tbody><tr><td>1</td><td>Thị trấn Quế</td><td>1.234</td></tr>"
        "<tr><td>2</td><td>Xã Đồng Hóa</td><td>987</td></tr></tbody></table>"
        "<figcaption>Bảng 1: Số hộ được hỗ trợ sau bão số 7</figcaption></figure>",
        id="table-thead-caption",
    ),
    pytest.param(
        '<figure class="table"><table><tbody><tr><th rowspan="2">Xã</th>'
        '<td colspan="2">Diện tích (ha)</td></tr><tr><td>Lúa</td><td>Màu</td></tr>'
        "</tbody></table></figure>",
        id="table-merged-cells",
    ),
    pytest.param(
        '<figure class="image"><img src="/media/uploads/2020/10/4f2c9a1b.jpg" '
        'alt="Đại biểu biểu quyết tại hội nghị" width="1200" height="800">'
        "<figcaption>Các đại biểu biểu quyết thông qua nghị quyết. Ảnh: Đài Kim Bảng"
        "</figcaption></figure>",
        id="image-with-caption",
    ),
    pytest.param(
        '<figure class="image"><img src="/media/uploads/2020/10/9ab3.png" alt="" '
        'width="640" height="480"></figure>',
        id="decorative-image",
    ),
    pytest.param(
        '<p>Ảnh minh họa <img src="/media/uploads/2020/10/c1.webp" alt="Biểu đồ" '
        'width="320" height="200"> trong đoạn văn.</p>',
        id="inline-image",
    ),
    pytest.param(
        '<p>Xem chi tiết tại <a href="https://kimbang.hanam.gov.vn/van-ban?so=12&amp;nam=2020" '
        'rel="noopener noreferrer">Cổng thông tin huyện</a>, gửi thư tới '
        '<a href="mailto:daikimbang@example.vn" rel="noopener noreferrer">'
        "daikimbang@example.vn</a> hoặc gọi "
        '<a href="tel:+842263820000" rel="noopener noreferrer">0226 3820 000</a>.</p>',
        id="links",
    ),
    pytest.param(
        '<p>Đọc thêm: <a href="/tin-tuc/khai-giang-nam-hoc-moi-12/" rel="noopener noreferrer">'
        "<strong>Khai giảng năm học mới</strong></a></p>",
        id="internal-link",
    ),
    pytest.param(
        "<p>Nhiệt độ &lt; 10°C &amp; gió mạnh; “cảnh báo” 'rét đậm'.</p>"
        "<p>&nbsp;</p><p>Dòng một<br>Dòng hai</p>",
        id="special-characters",
    ),
    pytest.param(
        '<figure class="table"><table><tbody><tr><th>Sáng</th><td>6:00 – Bản tin thời sự</td>'
        "</tr><tr><th>Chiều</th><td>17:00 – Chuyên mục nông nghiệp</td></tr></tbody></table>"
        "<figcaption>Lịch phát sóng hằng ngày</figcaption></figure>",
        id="table-heading-column",
    ),
]


@pytest.mark.parametrize("sample", BENIGN)
def test_editor_output_survives_unchanged(sample):
    assert clean_html(sample) == sample
    assert dangers(sample) == []


def test_benign_corpus_is_large_enough():
    assert len(BENIGN) >= 10


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_benign_corpus_is_what_ckeditor_5_itself_writes(live_server, monkeypatch):
    """Each sample, loaded into the real editor and read back, is saved as the sample again.

    So the samples are true CKEditor 5 output (no feature missing from the editor build or
    the toolbar), and the cleaner loses nothing the editor writes for them.
    """
    require_chromium()
    from playwright.sync_api import sync_playwright

    editor = UserFactory(username="bientap", is_staff=True, is_superuser=True)
    samples = [param.values[0] for param in BENIGN]
    # Playwright's sync API runs an event loop in this thread; the live server's and this
    # test's database queries are synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(base_url=live_server.url)
            page.set_default_timeout(10_000)
            page.goto(reverse("admin:login"))
            page.locator("#id_username").fill(editor.username)
            page.locator("#id_password").fill("mat-khau-thu-nghiem")
            page.locator("#id_password").press("Enter")
            page.wait_for_url(f"{live_server.url}/**")
            page.goto(reverse("admin:news_article_add"))
            page.wait_for_function("() => window.editors && window.editors.id_body")
            written = page.evaluate(
                """samples => samples.map(sample => {
                    const editor = window.editors.id_body;
                    editor.setData(sample);
                    return editor.getData();
                })""",
                samples,
            )
        finally:
            browser.close()
    changed = [
        (sample, output, clean_html(output))
        for sample, output in zip(samples, written, strict=True)
        if clean_html(output) != sample
    ]
    assert changed == []


def test_ckeditor_image_sizing_style_goes_but_its_size_stays():
    # CKEditor 5 writes aspect-ratio on uploaded images; width and height give the same ratio.
    from_editor = (
        '<figure class="image"><img style="aspect-ratio:1200/800;" src="/media/uploads/a.jpg" '
        'alt="Hội trường" width="1200" height="800"><figcaption>Hội trường</figcaption></figure>'
    )
    assert clean_html(from_editor) == from_editor.replace(' style="aspect-ratio:1200/800;"', "")


def test_empty_body_stays_empty():
    assert clean_html("") == ""
    assert clean_html("<script>alert(1)</script>") == ""


HOSTILE_BODY = (
    f'<p onclick="{SCRIPT}">Tin nóng</p><script>{SCRIPT}</script>'
    f'<a href="jav&#x09;ascript:{SCRIPT}">Xem</a><iframe src="https://evil.example/"></iframe>'
    f'<p style="color:red">Đỏ</p><img src="/media/a.jpg" alt="Ảnh" onerror="{SCRIPT}">'
)


@pytest.mark.django_db
def test_saving_an_article_cleans_its_body():
    article = ArticleFactory(body=HOSTILE_BODY)
    stored = Article.objects.get(pk=article.pk).body
    assert dangers(stored) == []
    assert "Tin nóng" in text_of(stored) and "Đỏ" in text_of(stored)


@pytest.mark.django_db
def test_editing_an_article_cleans_its_body_again():
    article = ArticleFactory(body="<p>Tin</p>")
    article.body = HOSTILE_BODY
    article.save()
    assert dangers(Article.objects.get(pk=article.pk).body) == []


@pytest.mark.django_db
def test_a_published_body_is_shown_as_text_never_run_as_a_template(client):
    article = ArticleFactory(body="<p>{% now 'Y' %} {{ article.pk }}</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<p>{% now 'Y' %} {{ article.pk }}</p>" in html


def admin_article_form(category, body):
    return {
        "title": "Hội nghị tổng kết công tác năm",
        "slug": "",
        "lead": "Sáng 13/10, huyện tổ chức hội nghị tổng kết.",
        "body": body,
        "category": str(category.pk),
        "source": "Đài Kim Bảng",
        "status": Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "author": "",
        # the photo inline's management form, with no photo
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.django_db
def test_a_hostile_body_posted_in_the_admin_is_stored_clean(admin_client):
    category = CategoryFactory()
    response = admin_client.post(
        reverse("admin:news_article_add"), admin_article_form(category, HOSTILE_BODY)
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    stored = Article.objects.get().body
    assert dangers(stored) == []
    assert "Tin nóng" in text_of(stored)
    assert stored == clean_html(stored)
