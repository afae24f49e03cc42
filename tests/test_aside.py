"""The second column of inner pages on laptops (news/views.py, aside_lists): the newest and the
most read articles, never one the page already shows; beside the page at 1366 px, not shown
on a phone."""

import re

import pytest
from django.utils import timezone

from news.models import ViewCount
from tests.browser_support import DESKTOP, PHONE, artifact_path
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_pages(settings):
    settings.PAGE_CACHE_SECONDS = 0


def aside_titles(html):
    """{"newest": [...], "most_read": [...]} as the second column lists them."""
    aside = re.search(r'<aside class="aside".*?</aside>', html, re.S)
    assert aside, "no second column"
    lists = {}
    for key in ("newest", "most-read"):
        section = re.search(
            rf'<section[^>]*aria-labelledby="aside-{key}".*?</section>', aside[0], re.S
        )
        lists[key] = (
            re.findall(r'class="related__link" href="[^"]+">([^<]+)</a>', section[0])
            if section
            else []
        )
    return lists


def main_part(html):
    return html.split('<main id="main"')[1].split("</main>")[0]


@pytest.fixture
def newsroom():
    news = CategoryFactory(name="Tin tức - Sự kiện")
    economy = CategoryFactory(name="Kinh tế")
    now = timezone.now()
    made = {}
    for number in range(12):
        category = news if number % 2 else economy
        made[number] = ArticleFactory(
            category=category,
            title=f"Bài số {number}",
            published_at=now - timezone.timedelta(hours=number + 1),
        )
        # The oldest are the most read: 11, 10, 9, 8, then 7, 6 …
        ViewCount.objects.create(article=made[number], count=(1000 if number > 7 else 100) + number)
    return {"news": news, "economy": economy, "articles": made}


def test_an_article_page_lists_no_article_twice(client, newsroom):
    article = newsroom["articles"][1]  # in "Tin tức", with 3 others there
    html = client.get(article.get_absolute_url()).content.decode()
    lists = aside_titles(html)
    shown = re.findall(r'class="related__link" href="[^"]+">([^<]+)</a>', html)
    assert len(shown) == len(set(shown))  # related, newest, most read: each article once
    assert article.title not in shown
    # The newest of the site, then the most read, minus the article, its related list (the
    # category's newest: 3, 5, 7, 9, 11) and each other.
    assert lists == {
        "newest": ["Bài số 0", "Bài số 2", "Bài số 4", "Bài số 6", "Bài số 8"],
        "most-read": ["Bài số 10"],
    }


def test_a_category_page_leaves_its_own_articles_out_of_the_second_column(client, newsroom):
    html = client.get(newsroom["news"].get_absolute_url()).content.decode()
    in_list = set(re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', main_part(html)))
    assert in_list == {f"Bài số {n}" for n in (1, 3, 5, 7, 9, 11)}
    assert aside_titles(html) == {
        "newest": ["Bài số 0", "Bài số 2", "Bài số 4", "Bài số 6", "Bài số 8"],
        "most-read": ["Bài số 10"],
    }


def test_search_results_have_the_second_column_too(client, newsroom):
    html = client.get("/tim-kiem/", {"q": "bài số"}).content.decode()
    assert aside_titles(html)  # nothing left out of it but the results shown


def test_home_has_no_second_column(client, newsroom):
    assert '<aside class="aside"' not in client.get("/").content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_second_column_stands_beside_the_page_on_a_laptop_only(open_page):
    news = CategoryFactory(name="Tin tức - Sự kiện")
    articles = [ArticleFactory(category=news, title=f"Bài viết thứ {n}") for n in range(8)]
    laptop = open_page(**DESKTOP)
    laptop.goto(articles[0].get_absolute_url())
    main, aside = (
        laptop.locator("main").bounding_box(),
        laptop.locator("aside.aside").bounding_box(),
    )
    assert aside and aside["x"] >= main["x"] + main["width"]  # to the right of the page
    assert aside["y"] < main["y"] + 200  # at the top, not below it
    laptop.screenshot(path=artifact_path("article-with-second-column-1366.png"), full_page=True)
    phone = open_page(**PHONE)
    phone.goto(articles[0].get_absolute_url())
    assert not phone.locator("aside.aside").is_visible()
