"""WCAG 2.1 AA on the public pages, checked by axe-core in Debian's chromium.

The home, category, article and search pages, filled with the demo content (`load_demo`, as
an editor's real articles would fill them), on a phone (390×844) and a laptop (1366×768). A
serious or critical violation fails the test; the minor and moderate ones are printed, and every
page's full axe report is written to test-artifacts/ for people to review.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from playwright.sync_api import expect

from news import roles
from news.models import Article, Category, ViewCount
from radio.models import Broadcast
from tests.browser_support import (
    AXE_SCRIPT,
    DESKTOP,
    PHONE,
    artifact_path,
    axe_results,
    describe_violations,
    split_by_impact,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_VERSION = "4.14.1"  # tests/vendor/README.md


@pytest.fixture
def demo_pages(demo_made_once):
    """The demo content, some of it read, and the kinds of public page to check."""
    roles.ensure_groups()  # the live server's database is flushed between tests
    call_command("load_demo", force=True, stdout=io.StringIO())
    published = Article.objects.published()
    for rank, article in enumerate(published[:6]):
        ViewCount.objects.create(article=article, count=1500 - rank * 200)
    # The article with the most photos, so that figures and captions are checked too.
    article = published.annotate(photo_count=Count("photos")).order_by("-photo_count").first()
    top_category = Category.objects.active().filter(parent=None).order_by("order").first()
    return {
        "home": "/",
        "category": top_category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": f"{reverse('news:search')}?q=quoc+phong",
        "page": "/gioi-thieu/",  # a page with its own pages listed under it
        "english page": "/gioi-thieu/introduction/",
        "radio": "/phat-thanh/",
        "broadcast": Broadcast.objects.published().first().get_absolute_url(),
    }


def test_vendored_axe_is_the_pinned_release():
    with AXE_SCRIPT.open() as script:
        assert script.readline().strip() == f"/*! axe v{AXE_VERSION}"


def test_axe_finds_what_it_should(open_page):
    """The harness can fail: a photo without alternative text is a critical violation."""
    page = open_page(**PHONE, bypass_csp=True)
    page.set_content('<html lang="vi"><title>Thử</title><main><img src="/anh.jpg"></main></html>')
    blocking, _others = split_by_impact(axe_results(page)["violations"])
    assert [v["id"] for v in blocking] == ["image-alt"]


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_public_pages_have_no_serious_accessibility_violations(open_page, demo_pages, device):
    width = device["viewport"]["width"]
    # The CSP admits only the site's own scripts: axe is let in for this test only.
    page = open_page(**device, bypass_csp=True)
    failures = []
    for name, url in demo_pages.items():
        page.goto(url)
        expect(page.locator("main h1").first).to_be_attached()
        results = axe_results(page)
        artifact_path(f"axe-{name}-{width}.json").write_text(
            json.dumps(results["violations"], ensure_ascii=False, indent=1)
        )
        blocking, others = split_by_impact(results["violations"])
        for line in describe_violations(others):
            print(f"{name} at {width}px: {line}")
        failures += [f"{name} at {width}px: {line}" for line in describe_violations(blocking)]
        assert results["testEngine"]["version"] == AXE_VERSION
    assert failures == [], "\n".join(failures)
