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


def menu_of(html):
    start = html.index('<nav class="site-nav"')
    return html[start : html.index("</nav>", start)]


def test_editors_arrange_the_menu_and_the_footer_links_in_the_site_settings(
    admin_client, client, sections
):
    """Through the admin: the menu becomes the links given, in their order (a category brings
    its subcategories, an address its label), the footer lists other portals, and both show
    at the very next request (the page cache is never stale)."""
    from django.urls import reverse

    from news.models import MenuLink, SiteSettings

    assert ">Kinh tế</a>" in menu_of(client.get("/").content.decode())  # the default menu
    site = SiteSettings.load()
    url = reverse("admin:news_sitesettings_change", args=[site.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    rows = [
        ("menu", "1", str(sections["economy"].pk), "", "Kinh tế - Nông nghiệp"),
        ("menu", "2", "", "/gioi-thieu/", "Giới thiệu"),
        ("menu", "0", str(sections["news"].pk), "", ""),
        ("footer", "1", "", "https://hanam.gov.vn", "Cổng thông tin tỉnh Hà Nam"),
        ("footer", "2", "", "https://chinhphu.vn", "Cổng thông tin Chính phủ"),
    ]
    data.update({"links-TOTAL_FORMS": str(len(rows)), "links-INITIAL_FORMS": "0"})
    for index, (place, order, category, address, label) in enumerate(rows):
        data.update(
            {
                f"links-{index}-place": place,
                f"links-{index}-order": order,
                f"links-{index}-category": category,
                f"links-{index}-url": address,
                f"links-{index}-label": label,
            }
        )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert MenuLink.objects.count() == 5

    html = client.get("/").content.decode()
    menu = menu_of(html)
    assert (
        menu.index(">Tin tức - Sự kiện</a>")
        < menu.index(">An ninh - Quốc phòng</a>")
        < menu.index(">Kinh tế - Nông nghiệp</a>")
        < menu.index(">Nông nghiệp</a>")
        < menu.index('href="/gioi-thieu/"')
    )
    footer = html[html.index('<footer class="site-footer"') :]
    assert footer.index(">Cổng thông tin tỉnh Hà Nam</a>") < footer.index(
        ">Cổng thông tin Chính phủ</a>"
    )
    assert 'href="https://hanam.gov.vn" rel="noopener"' in footer


def test_a_link_is_a_category_or_an_address_said_in_vietnamese(admin_client, sections):
    from django.urls import reverse

    from news.models import SiteSettings

    site = SiteSettings.load()
    url = reverse("admin:news_sitesettings_change", args=[site.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(
        {
            "links-TOTAL_FORMS": "3", "links-INITIAL_FORMS": "0",
            "links-0-place": "menu", "links-0-order": "1", "links-0-category": "",
            "links-0-url": "", "links-0-label": "Trống",
            "links-1-place": "menu", "links-1-order": "2", "links-1-url": "gioi-thieu",
            "links-1-label": "Giới thiệu", "links-1-category": "",
            "links-2-place": "footer", "links-2-order": "3", "links-2-url": "https://chinhphu.vn",
            "links-2-label": "", "links-2-category": "",
        }
    )  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = str(response.context["inline_admin_formsets"][0].formset.errors)
    assert "Hãy chọn một chuyên mục hoặc gõ một địa chỉ" in errors
    assert "Địa chỉ bắt đầu bằng" in errors
    assert "cần có nhãn" in errors
