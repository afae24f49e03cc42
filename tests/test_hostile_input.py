"""Hostile and careless input from staff and readers: a clear refusal, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from news.models import Status
from tests.factories import ArticleFactory, change_url, edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(people):
    client = Client(raise_request_exception=False)
    client.force_login(people["publisher"])
    return client


def test_history_of_a_malformed_revision_id_is_404(leader):
    article = ArticleFactory()
    url = reverse("admin:news_article_history", args=[article.pk]) + "abc/"
    assert leader.get(url).status_code == 404
    assert leader.post(url, edit_data(article)).status_code == 404


def test_a_nul_byte_in_an_address_is_a_bad_request(leader):
    url = reverse("admin:autocomplete")
    params = {"app_label": "news", "model_name": "article", "field_name": "category"}
    assert leader.get(url, {**params, "term": "th\x00oi"}).status_code == 400
    assert leader.get(url, {**params, "term": "thoi"}).status_code == 200
    assert Client().get(reverse("news:search"), {"q": "\x00"}).status_code == 400


@pytest.mark.parametrize(
    "fields", [{"action": "create", "hours": "9" * 5000}, {"action": "revoke", "link": "7" * 5000}]
)
def test_preview_links_with_huge_numbers(leader, fields):
    article = ArticleFactory(status=Status.PENDING_APPROVAL)
    url = reverse("admin:news_article_preview_links", args=[article.pk])
    response = leader.post(url, fields, follow=True)
    assert response.status_code == 200
    assert "Chưa có gì thay đổi" in response.content.decode()
    assert not article.preview_links.exists()


def test_publishing_at_the_year_one_is_a_form_error(leader, people):
    article = ArticleFactory(status=Status.PENDING_APPROVAL, author=people["reporter"])
    data = edit_data(article, _move="publish", publish_at_0="01/01/0001", publish_at_1="00:00:00")
    response = leader.post(change_url(article), data)
    assert response.status_code == 200
    assert "Hãy chọn một ngày trong khoảng từ năm 1900" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.PENDING_APPROVAL


def test_a_category_that_is_not_a_number_is_a_form_error(leader, people):
    article = ArticleFactory(status=Status.PENDING_APPROVAL, author=people["reporter"])
    response = leader.post(
        change_url(article), edit_data(article, category="abc", title="Tiêu đề mới gõ")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in html or "Chọn một lựa chọn hợp lệ" in html, html
    assert "Tiêu đề mới gõ" in html
