"""Helpers for the browser tests: Debian's chromium driven by Playwright.

No browser is ever downloaded (`playwright install` cannot reach its servers from here): the
tests use the chromium package from Debian, and are skipped where it is missing unless
REQUIRE_BROWSER=1 (set by CI), where its absence is a failure.
"""

import json
import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")

# Headless, and quiet: no updater, sync or QUIC traffic leaves the machine during a test.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1366, "height": 768}}


# axe-core, vendored from its npm package (tests/vendor/README.md says which version and why).
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
# Impacts that fail a page; "minor" and "moderate" findings are printed for people to review.
BLOCKING_IMPACTS = {"serious", "critical"}


def require_chromium():
    """Skip the calling test when chromium is missing, or fail when the run requires it."""
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing: apt-get install chromium"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def artifact_path(name):
    """Where a screenshot goes: test-artifacts/ at the repository root (git-ignored)."""
    folder = Path(settings.BASE_DIR) / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder / name


def record_errors(page, ignore_urls=()):
    """Collect the page's console errors and uncaught exceptions into the returned list.

    `ignore_urls` lists URL endings whose failed loads are expected (e.g. "/favicon.ico").
    """
    errors = []

    def on_console(message):
        if message.type != "error":
            return
        source = message.location.get("url", "")
        if any(source.endswith(ending) for ending in ignore_urls):
            return
        errors.append(f"console: {message.text} ({source})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"exception: {error}"))
    return errors


def has_horizontal_overflow(page):
    """True when the page is wider than the layout viewport (the reader would scroll sideways).

    Compared with the root's clientWidth, not window.innerWidth: a mobile browser (and chromium
    emulating one) widens innerWidth to the overflowing content, which would hide the overflow.
    """
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth",
    )


def image_loaded(img_locator):
    """True once the <img> has been fetched and decoded (a broken image has naturalWidth 0)."""
    img_locator.scroll_into_view_if_needed()
    img_locator.evaluate(
        "img => img.complete ? null : new Promise(done => {"
        " img.addEventListener('load', done); img.addEventListener('error', done); })"
    )
    return img_locator.evaluate("img => img.complete && img.naturalWidth > 0")


@contextmanager
def running_chromium():
    """Debian's chromium, headless, for a module's tests (`with running_chromium() as browser`).

    Playwright's sync API keeps an event loop running in this thread; Django would then refuse
    the test's own (synchronous, correct) database queries as "async-unsafe", hence the
    variable, restored when the block ends.
    """
    require_chromium()
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def page_opener(browser, base_url):
    """`open_page(**context_options)` inside the block: a page in a fresh context (Vietnamese
    locale, 5 s timeouts); every context is closed when the block ends."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=base_url, locale="vi-VN", **options)
        context.set_default_timeout(5_000)
        contexts.append(context)
        return context.new_page()

    try:
        yield open_page
    finally:
        for context in contexts:
            context.close()


def axe_results(page):
    """Run axe-core on the page as it is now: its default rules (WCAG 2.0/2.1 A and AA and best
    practices). The page's context needs `bypass_csp=True`: the CSP admits no injected script."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")


def describe_violations(violations):
    """One readable line per rule and element: impact, rule, what to fix, where."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(json.dumps(part) for part in node["target"])
            lines.append(
                f"[{violation['impact']}] {violation['id']}: {violation['help']} -- {target}"
            )
    return lines


def split_by_impact(violations):
    """(blocking, others): serious or critical violations, and the rest."""
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    others = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
    return blocking, others


class TransferMeter:
    """Bytes the browser received over the network for a page, by resource type, from the
    DevTools protocol (`encodedDataLength`: compressed body and headers, as on mobile data)."""

    def __init__(self, page):
        self._types = {}
        self.by_type = {}
        self.session = page.context.new_cdp_session(page)
        self.session.on("Network.responseReceived", self._response)
        self.session.on("Network.loadingFinished", self._finished)
        self.session.send("Network.enable")
        # No browser cache between measurements: every byte is counted.
        self.session.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def _response(self, event):
        self._types[event["requestId"]] = event["type"]

    def _finished(self, event):
        kind = self._types.get(event["requestId"], "Other")
        self.by_type[kind] = self.by_type.get(kind, 0) + event["encodedDataLength"]

    @property
    def total(self):
        return sum(self.by_type.values())

    def reset(self):
        self.by_type = {}
