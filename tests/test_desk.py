"""Each person's desk on the admin home page (news/desk.py): their own work, by role, with
counts, each row one click from its article; a returned article's comment first."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Status, Transition
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def sections(html):
    """{section key: (heading text, [article titles])} in page order."""
    found = {}
    for key, inner in re.findall(
        r'<section class="module desk__section desk__section--(\w+)"[^>]*>(.*?)</section>',
        html,
        re.S,
    ):
        heading = re.sub(
            r"\s+", " ", re.sub(r"<[^>]+>", " ", re.search(r"<h3.*?</h3>", inner, re.S)[0])
        ).strip()
        titles = re.findall(r'<a href="/[^"]*/(?:news|radio)/\w+/\d+/change/">([^<]+)</a>', inner)
        found[key] = (heading, titles)
    return found


def returned(article, by, comment):
    article.status = Status.RETURNED
    article.save()
    Transition.objects.create(
        article=article, name="return", from_status=Status.SUBMITTED, to_status=Status.RETURNED,
        actor=by, comment=comment,
    )  # fmt: skip


def test_a_reporter_sees_returned_work_with_its_comment_first_then_drafts_and_sent(client, people):
    me, other = people["reporter"], people["other_reporter"]
    back = ArticleFactory(author=me, title="Tin bị trả lại", status=Status.DRAFT)
    returned(back, people["editor"], "Cần thêm ý kiến của người dân")
    ArticleFactory(author=me, title="Bản nháp của tôi", status=Status.DRAFT)
    ArticleFactory(author=me, title="Tin đang chờ", status=Status.SUBMITTED)
    ArticleFactory(author=other, title="Nháp của người khác", status=Status.DRAFT)
    ArticleFactory(author=me, title="Tin đã đăng")
    client.force_login(me)

    html = client.get(INDEX).content.decode()

    found = sections(html)
    assert list(found) == ["returned", "drafts", "sent"]  # no editor's or leader's lists
    assert found["returned"] == ("Bài bị trả lại cho bạn 1", ["Tin bị trả lại"])
    assert found["drafts"][1] == ["Bản nháp của tôi"]  # not another reporter's
    assert found["sent"][1] == ["Tin đang chờ"]
    # The comment is read before the title it is about.
    assert html.index("Cần thêm ý kiến của người dân") < html.index("Tin bị trả lại")
    assert f'href="{reverse("admin:news_article_change", args=[back.pk])}"' in html


def test_an_editor_sees_what_waits_for_review(client, people):
    waiting = ArticleFactory(
        author=people["reporter"], title="Chờ biên tập", status=Status.SUBMITTED
    )
    ArticleFactory(title="Chờ duyệt", status=Status.PENDING_APPROVAL)
    client.force_login(people["editor"])
    found = sections(client.get(INDEX).content.decode())
    assert found["review"] == ("Chờ biên tập 1", [waiting.title])
    assert "approval" not in found and "scheduled" not in found


def test_a_leader_sees_approvals_and_the_scheduled_times(client, people):
    ArticleFactory(title="Chờ lãnh đạo duyệt", status=Status.PENDING_APPROVAL)
    at = timezone.now() + timedelta(days=1)
    ArticleFactory(title="Hẹn giờ đăng", published_at=at)
    client.force_login(people["publisher"])
    html = client.get(INDEX).content.decode()
    found = sections(html)
    assert found["approval"][1] == ["Chờ lãnh đạo duyệt"]
    assert found["scheduled"][1] == ["Hẹn giờ đăng"]
    assert f"lúc {timezone.localtime(at):%d/%m/%Y %H:%M}" in html  # Vietnam time


def test_a_long_list_shows_its_count_and_a_link_to_all(client, people):
    for number in range(12):
        ArticleFactory(title=f"Tin chờ số {number}", status=Status.SUBMITTED)
    client.force_login(people["editor"])
    html = client.get(INDEX).content.decode()
    heading, titles = sections(html)["review"]
    assert heading.endswith(" 12") and len(titles) == 8
    assert f'href="{reverse("admin:news_article_changelist")}?queue=review"' in html
    assert "Xem cả 12" in html


def test_the_desk_costs_the_same_queries_for_three_or_thirty_articles(client, people):
    def queries():
        client.force_login(people["publisher"])
        client.get(INDEX)  # sessions and permissions loaded once
        with CaptureQueriesContext(connection) as captured:
            assert client.get(INDEX).status_code == 200
        return len(captured)

    for status in (Status.SUBMITTED, Status.PENDING_APPROVAL, Status.DRAFT):
        ArticleFactory(status=status)
    few = queries()
    for number in range(10):
        for status in (Status.SUBMITTED, Status.PENDING_APPROVAL, Status.DRAFT):
            ArticleFactory(status=status)
        ArticleFactory(published_at=timezone.now() + timedelta(hours=number + 1))
    assert queries() == few


def test_a_returned_article_shows_its_comment_at_the_top_of_its_form(client, people):
    article = ArticleFactory(author=people["reporter"], status=Status.DRAFT)
    returned(article, people["editor"], "Sửa lại số liệu ở đoạn hai")
    client.force_login(people["reporter"])
    html = client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    note = html.index('class="returned-note"')
    assert note < html.index('id="id_title"')
    assert "Sửa lại số liệu ở đoạn hai" in html[note : html.index('id="id_title"')]


def test_pages_and_broadcasts_wait_on_the_desk_of_whoever_moves_them_on(client, people):
    from django.core.files.base import ContentFile

    from demo.audio import jingle_mp3
    from news.models import Page
    from radio.models import Broadcast, Programme

    page = Page(title="Lịch tiếp công dân", status=Status.SUBMITTED, author=people["reporter"])
    page.save()
    programme = Programme.objects.create(name="Bản tin nông nghiệp")
    broadcast = Broadcast(
        programme=programme,
        number=3,
        aired_at=timezone.now(),
        summary="Lịch gieo cấy",
        status=Status.PENDING_APPROVAL,
        author=people["reporter"],
    )
    broadcast.take_audio(ContentFile(jingle_mp3(2), name="a.mp3"))
    broadcast.save()
    returned = Page(title="Liên hệ", status=Status.RETURNED, author=people["reporter"])
    returned.save()

    def desk(role):
        client.force_login(people[role])
        return sections(client.get(INDEX).content.decode())

    editor = desk("editor")
    assert editor["other_review"][1] == ["Lịch tiếp công dân"]
    assert "other_approval" not in editor
    leader = desk("publisher")
    assert leader["other_approval"][1] == [str(broadcast)]
    assert leader["other_approval"][0].startswith("Trang và chương trình phát thanh chờ bạn duyệt")
    assert desk("reporter")["other_returned"][1] == ["Liên hệ"]
    html = client.get(INDEX).content.decode()
    assert f'href="{reverse("admin:news_page_change", args=[returned.pk])}"' in html
