"""Cards of articles without a photo (templates/includes/article_card.html): a panel of the
photo's size with the section's name, so that a row of cards keeps its titles level."""

import re

import pytest
from django.utils import timezone

from tests.browser_support import DESKTOP, artifact_path, record_errors
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory

pytestmark = pytest.mark.django_db


NO_PHOTO = 12  # the ten newest go to the top and the latest list; 10-13 make the block


@pytest.fixture
def block():
    """A section whose home block shows a wide story, then three in a row, the middle one
    without a photo."""
    section = CategoryFactory(name="Kinh tế", order=1)
    now = timezone.now()
    for hours in range(20):
        article = ArticleFactory(
            category=section,
            title=f"Tin kinh tế số {hours}",
            published_at=now - timezone.timedelta(hours=hours + 1),
        )
        if hours != NO_PHOTO:
            PhotoFactory(article=article, order=0)


def block_titles(html):
    block = html.split('class="block__list"')[1].split("</section>")[0]
    return re.findall(r">(Tin kinh tế số \d+)</a>", block)


def test_a_card_without_a_photo_has_a_panel_with_its_section(client, block):
    html = client.get("/").content.decode()
    assert block_titles(html) == [f"Tin kinh tế số {n}" for n in (10, 11, 12, 13)]
    card = html.split(f"Tin kinh tế số {NO_PHOTO}</a>")[0].rsplit('<article class="card', 1)[1]
    assert 'class="card__image card__placeholder"' in card
    assert 'aria-hidden="true"' in card and 'tabindex="-1"' in card
    assert "<span>Kinh tế</span>" in card
    assert "<img" not in card


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_row_of_cards_keeps_its_titles_level_on_a_laptop(open_page, block):
    page = open_page(**DESKTOP)
    errors = record_errors(page, ignore_urls=["/favicon.ico"])
    page.goto("/")
    tops = [
        page.get_by_role("link", name=f"Tin kinh tế số {n}", exact=True).bounding_box()["y"]
        for n in (11, NO_PHOTO, 13)
    ]
    page.get_by_role(
        "link", name=f"Tin kinh tế số {NO_PHOTO}", exact=True
    ).scroll_into_view_if_needed()
    page.screenshot(path=artifact_path("home-card-without-photo.png"))
    assert max(tops) - min(tops) < 2, tops  # no hole where a photo would be
    assert errors == []
