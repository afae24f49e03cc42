"""SQL queries of the editors' admin pages with 50 and with 5,000 articles (`make bench`).

Not part of the test suite: it creates thousands of rows. Prints the figures; fails if a
page's query count depends on the number of articles.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news import roles
from news.models import Article, Category, Photo, Status, Transition
from tests.factories import ArticleFactory, PhotoFactory, UserFactory

pytestmark = pytest.mark.django_db


def grow_to(total, category, author, editor):
    """Bulk-insert submitted articles, each with a photo and two workflow steps, up to `total`."""
    missing = total - Article.objects.count()
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            title=f"Bài số {i}",
            slug=f"bai-so-{i}",
            lead="Sapo.",
            body="<p>Thân bài.</p>",
            category=category,
            author=author,
            status=Status.SUBMITTED,
            source="Đài Kim Bảng",
        )
        for i in range(missing)
    )
    Photo.objects.bulk_create(
        Photo(article=a, image="photos/x.jpg", width=64, height=48, caption="Ảnh", alt_text="Ảnh")
        for a in articles
    )
    Transition.objects.bulk_create(
        Transition(article=a, name=name, from_status=Status.DRAFT, to_status=Status.SUBMITTED,
                   actor=editor, created_at=now)
        for a in articles
        for name in ("submit", "return")
    )  # fmt: skip


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_admin_query_counts_do_not_depend_on_the_number_of_articles(client, capsys):
    roles.ensure_groups()
    editor = UserFactory(username="bientap", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    reporter = UserFactory(username="phongvien", is_staff=True)
    category = Category.objects.create(name="Thời sự")
    watched = ArticleFactory(status=Status.SUBMITTED, category=category, author=reporter)
    PhotoFactory(article=watched)
    client.force_login(editor)
    pages = {
        "change page": reverse("admin:news_article_change", args=[watched.pk]),
        "editor's queue": reverse("admin:news_article_changelist") + "?queue=review",
    }
    results = {}
    for total in (50, 5000):
        grow_to(total, category, reporter, editor)
        count_queries(client, pages["change page"])  # warm caches (content types, sessions)
        results[total] = {name: count_queries(client, url) for name, url in pages.items()}
    with capsys.disabled():
        for total, counts in results.items():
            print(
                f"\n{total:>5} articles: "
                + ", ".join(f"{k} {v} queries" for k, v in counts.items())
            )
    assert results[50] == results[5000]
