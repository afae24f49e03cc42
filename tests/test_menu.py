"""Every section and subcategory is reachable from the menu (templates/includes/header.html):
listed under its section on a phone, dropping down on hover or keyboard focus on a laptop."""

import pytest
from playwright.sync_api import expect

from tests.browser_support import DESKTOP, PHONE, record_errors
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections():
    news = CategoryFactory(name="Tin tức - Sự kiện", order=1)
    defence = CategoryFactory(name="An ninh - Quốc phòng", parent=news, order=1)
    CategoryFactory(name="Chính trị", parent=news, order=2)
    economy = CategoryFactory(name="Kinh tế", order=2)
    farming = CategoryFactory(name="Nông nghiệp", parent=economy)
    return {"news": news, "defence": defence, "economy": economy, "farming": farming}


def test_the_menu_lists_each_sections_subcategories(client, sections):
    html = client.get("/").content.decode()
    menu = html[
        html.index('<nav class="site-nav"') : html.index(
            "</nav>", html.index('<nav class="site-nav"')
        )
    ]
    for name in (
        "Tin tức - Sự kiện",
        "An ninh - Quốc phòng",
        "Chính trị",
        "Kinh tế",
        "Nông nghiệp",
    ):
        assert f">{name}</a>" in menu
    assert (
        menu.index("Tin tức - Sự kiện")
        < menu.index("An ninh - Quốc phòng")
        < menu.index("Chính trị")
    )
    assert menu.index("Chính trị") < menu.index(">Kinh tế<") < menu.index("Nông nghiệp")
    # The subcategory being read is marked in the menu.
    page = client.get(sections["defence"].get_absolute_url()).content.decode()
    assert f'href="{sections["defence"].get_absolute_url()}" aria-current="page"' in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_reaches_a_subcategory_from_the_menu_on_a_phone(open_page, sections):
    ArticleFactory(category=sections["farming"], title="Vụ đông năm nay")
    page = open_page(**PHONE)
    errors = record_errors(page)
    page.goto("/")
    nav = page.get_by_role("navigation", name="Chuyên mục")
    nav.locator("summary").click()
    nav.get_by_role("link", name="Nông nghiệp", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nông nghiệp")
    expect(page.get_by_role("link", name="Vụ đông năm nay")).to_be_visible()
    assert errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_laptop_subcategories_drop_down_for_the_mouse_and_the_keyboard(open_page, sections):
    page = open_page(**DESKTOP)
    page.goto("/")
    nav = page.get_by_role("navigation", name="Chuyên mục")
    child = nav.get_by_role("link", name="An ninh - Quốc phòng", exact=True)
    expect(child).to_be_hidden()  # a bar of sections, nothing dropped down
    nav.get_by_role("link", name="Tin tức - Sự kiện", exact=True).hover()
    expect(child).to_be_visible()
    page.mouse.move(0, 600)
    expect(child).to_be_hidden()
    nav.get_by_role("link", name="Tin tức - Sự kiện", exact=True).focus()
    expect(child).to_be_visible()
    page.keyboard.press("Tab")  # the next stop is the section's first subcategory
    expect(child).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("An ninh - Quốc phòng")
