"""The Content Security Policy in a real browser (Debian's chromium): the admin's CKEditor 5
works under it, an article page shows under it, and nothing is refused on either; while a
script injected into the page is refused, which shows the policy is in force and watched.
"""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser_support import (
    DESKTOP,
    image_loaded,
    record_errors,
)
from tests.factories import ArticleFactory, PhotoFactory, UserFactory, image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-bien-tap-2020"

# Every refusal by the policy, as the page itself sees it (console messages can be rate-limited).
WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", **DESKTOP)
    context.set_default_timeout(5_000)
    context.add_init_script(WATCH_VIOLATIONS)
    yield context.new_page()
    context.close()


def violations(page):
    return page.evaluate("window.cspViolations")


def policy_of(response):
    header = response.headers["content-security-policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_the_editor_works_under_the_policy_and_nothing_is_refused(page):
    editor = UserFactory(username="bientap", password=PASSWORD, is_staff=True, is_superuser=True)
    errors = record_errors(page, ignore_urls=["/favicon.ico"])

    page.goto(f"/{settings.ADMIN_URL}")
    page.locator("#id_username").fill(editor.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    response = page.goto(reverse("admin:news_article_add"))
    assert policy_of(response)["script-src"] == ["'self'"]

    body = page.locator(".ck-editor__editable")
    body.click()
    page.keyboard.type("Hội nghị tổng kết công tác năm ")
    page.keyboard.press("Control+b")
    page.keyboard.type("2020")
    expect(body.locator("strong")).to_contain_text("2020")
    # An image into the body: the editor previews the chosen file, then shows the uploaded one.
    with page.expect_response(lambda r: r.url.endswith(reverse("news:editor_upload"))) as upload:
        page.locator(".ck-file-dialog-button input[type=file]").set_input_files(
            {
                "name": "hoi-nghi.png",
                "mimeType": "image/png",
                "buffer": image_bytes(800, 450, fmt="PNG"),
            }
        )
    assert upload.value.status == 200
    uploaded = upload.value.json()["url"]
    image = body.locator(f'img[src="{uploaded}"]')
    expect(image).to_be_visible()
    assert image_loaded(image)
    # The category autocomplete (select2) and the photo inline's widgets run too.
    page.locator(".field-category").get_by_role("combobox").click()
    expect(page.locator(".select2-search__field")).to_be_visible()

    assert violations(page) == []
    assert errors == []

    # The control: a script written into the page is refused, and the refusal is seen.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.head.appendChild(s); }"
    )
    assert page.evaluate("window.injected") is None
    assert [v for v in violations(page) if v.startswith("script-src")] == ["script-src-elem inline"]


def test_an_article_with_photos_shows_under_the_public_policy(page):
    article = ArticleFactory(title="Huyện ra quân huấn luyện dân quân tự vệ")
    PhotoFactory(article=article, caption="Lễ ra quân", order=0)
    errors = record_errors(page, ignore_urls=["/favicon.ico"])

    response = page.goto(article.get_absolute_url())

    csp = policy_of(response)
    assert "'unsafe-inline'" not in csp["style-src"] + csp["script-src"]
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    assert image_loaded(page.locator("figure img").first)
    assert violations(page) == []
    assert errors == []
