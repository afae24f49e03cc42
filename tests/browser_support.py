"""Helpers for the browser tests: Debian's chromium driven by Playwright.

No browser is ever downloaded (`playwright install` cannot reach its servers from here): the
tests use the chromium package from Debian, and are skipped where it is missing unless
REQUIRE_BROWSER=1 (set by CI), where its absence is a failure.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

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
    return page.evaluate(
        "() => document.documentElement.scrollWidth > window.innerWidth",
    )


def image_loaded(img_locator):
    """True once the <img> has been fetched and decoded (a broken image has naturalWidth 0)."""
    img_locator.scroll_into_view_if_needed()
    img_locator.evaluate(
        "img => img.complete ? null : new Promise(done => {"
        " img.addEventListener('load', done); img.addEventListener('error', done); })"
    )
    return img_locator.evaluate("img => img.complete && img.naturalWidth > 0")
