"""The editorial workflow in news/workflow.py: who may move an article where, and what is kept."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from news import roles, workflow
from news.models import Article, Status, Transition
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, member


@pytest.fixture
def draft(people):
    return ArticleFactory(status=Status.DRAFT, published_at=None, author=people["reporter"])


def move(article, name, user, **kwargs):
    return workflow.apply(article, name, user, **kwargs)


def test_the_full_chain_reporter_editor_leader(people, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        move(draft, "submit", people["reporter"])
        move(draft, "forward", people["editor"])
        published = move(draft, "publish", people["publisher"])
    assert published.status == Status.PUBLISHED
    assert Article.objects.published().filter(pk=draft.pk).exists()
    trail = [
        (t.name, t.from_status, t.to_status, t.actor.username) for t in draft.transitions.all()
    ]
    assert trail == [
        ("submit", Status.DRAFT, Status.SUBMITTED, "phongvien"),
        ("forward", Status.SUBMITTED, Status.PENDING_APPROVAL, "bientap"),
        ("publish", Status.PENDING_APPROVAL, Status.PUBLISHED, "lanhdao"),
    ]


MATRIX = [
    # (state, move, role, allowed)
    (Status.DRAFT, "submit", "reporter", True),
    (Status.DRAFT, "submit", "other_reporter", False),
    (Status.DRAFT, "submit", "editor", True),
    (Status.SUBMITTED, "forward", "reporter", False),
    (Status.SUBMITTED, "forward", "editor", True),
    (Status.SUBMITTED, "return", "reporter", False),
    (Status.SUBMITTED, "return", "editor", True),
    (Status.SUBMITTED, "publish", "reporter", False),
    (Status.SUBMITTED, "publish", "editor", False),
    (Status.SUBMITTED, "publish", "publisher", True),
    (Status.PENDING_APPROVAL, "publish", "publisher", True),
    (Status.PENDING_APPROVAL, "return", "publisher", True),
    (Status.PUBLISHED, "unpublish", "editor", False),
    (Status.PUBLISHED, "unpublish", "reporter", False),
    (Status.PUBLISHED, "unpublish", "publisher", True),
]


@pytest.mark.parametrize(("state", "name", "role", "allowed"), MATRIX)
def test_permission_matrix(people, state, name, role, allowed):
    article = ArticleFactory(status=state, author=people["reporter"])
    before = article.status
    if allowed:
        move(article, name, people[role], comment="Lý do")
        article.refresh_from_db()
        assert article.status == workflow.MOVES[name].target
        assert Transition.objects.filter(article=article, name=name).count() == 1
    else:
        with pytest.raises(PermissionDenied):
            move(article, name, people[role], comment="Lý do")
        article.refresh_from_db()
        assert article.status == before
        assert not Transition.objects.filter(article=article).exists()
    offered = [m.name for m in workflow.available_moves(ArticleFactory(status=state), people[role])]
    if not allowed:
        assert name not in offered


def test_moves_from_a_wrong_state_are_refused(people, draft):
    with pytest.raises(workflow.TransitionNotAllowed):
        move(draft, "forward", people["editor"])
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_return_and_unpublish_need_a_reason(people, draft):
    move(draft, "submit", people["reporter"])
    with pytest.raises(ValidationError):
        move(draft, "return", people["editor"], comment="  ")
    returned = move(draft, "return", people["editor"], comment="Thiếu ảnh hội nghị")
    assert returned.status == Status.RETURNED
    assert draft.transitions.last().comment == "Thiếu ảnh hội nghị"


def test_publishing_ones_own_article_needs_a_recorded_reason(people):
    own = ArticleFactory(status=Status.PENDING_APPROVAL, author=people["publisher"])
    with pytest.raises(ValidationError):
        move(own, "publish", people["publisher"])
    move(own, "publish", people["publisher"], comment="Tin khẩn, biên tập viên nghỉ phép")
    assert own.transitions.get().comment == "Tin khẩn, biên tập viên nghỉ phép"


def test_scheduled_article_appears_at_its_time_and_never_before(people):
    now = timezone.now()
    at = now + timezone.timedelta(hours=5)
    article = ArticleFactory(status=Status.PENDING_APPROVAL, author=people["reporter"])
    move(article, "publish", people["publisher"], publish_at=at, now=now)
    article.refresh_from_db()
    assert article.is_scheduled(now=now)
    assert not Article.objects.published(now=now).filter(pk=article.pk).exists()
    before = at - timezone.timedelta(seconds=1)
    assert not Article.objects.published(now=before).filter(pk=article.pk).exists()
    assert Article.objects.published(now=at).filter(pk=article.pk).exists()


def test_unpublished_article_leaves_the_public_site(client, people):
    article = ArticleFactory(status=Status.PUBLISHED, author=people["reporter"])
    assert client.get(article.get_absolute_url()).status_code == 200
    move(article, "unpublish", people["publisher"], comment="Sai số liệu")
    assert client.get(article.get_absolute_url()).status_code == 404


def test_emails_go_to_the_right_people(
    people, draft, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        move(draft, "submit", people["reporter"])
    assert [m.to for m in mailoutbox] == [["bientap@example.vn"]]
    assert draft.title in mailoutbox[0].subject
    assert f"http://127.0.0.1:8000/admin/news/article/{draft.pk}/change/" in mailoutbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        move(draft, "return", people["editor"], comment="Cần thêm nguồn")
    assert mailoutbox[-1].to == ["phongvien@example.vn"]
    assert "Cần thêm nguồn" in mailoutbox[-1].body

    with django_capture_on_commit_callbacks(execute=True):
        move(draft, "submit", people["reporter"])
        move(draft, "forward", people["editor"], comment="Tin tốt, đề nghị đăng")
    assert mailoutbox[-1].to == ["lanhdao@example.vn"]  # the leaders are told it waits
    assert draft.title in mailoutbox[-1].subject
    assert "Tin tốt, đề nghị đăng" in mailoutbox[-1].body
    assert f"/admin/news/article/{draft.pk}/change/" in mailoutbox[-1].body

    with django_capture_on_commit_callbacks(execute=True):
        move(draft, "publish", people["publisher"])
    assert mailoutbox[-1].to == ["phongvien@example.vn"]
    assert len(mailoutbox) == 5  # submit, return, submit again, forward, publish


def test_a_line_break_in_the_title_does_not_stop_the_mail(
    people, draft, mailoutbox, django_capture_on_commit_callbacks
):
    draft.title = "Huyện họp bàn\r\nphòng chống bão"
    draft.save()
    with django_capture_on_commit_callbacks(execute=True):
        move(draft, "submit", people["reporter"])
    (mail,) = mailoutbox
    assert mail.subject.endswith("Huyện họp bàn phòng chống bão")
    assert mail.to == ["bientap@example.vn"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_exactly_one_wins():
    roles.ensure_groups()  # transactional tests may run after a flush that emptied the groups
    publishers = [member(f"lanhdao{i}", roles.PUBLISHER) for i in range(2)]
    article = ArticleFactory(status=Status.PENDING_APPROVAL, author=UserFactory(username="pv"))
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(user):
        try:
            barrier.wait()
            workflow.apply(article, "publish", user)
            outcomes.append("won")
        except workflow.TransitionNotAllowed:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(user,)) for user in publishers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "won"]
    assert Transition.objects.filter(article=article, name="publish").count() == 1


def test_a_mail_failure_does_not_undo_or_break_a_move(
    people, monkeypatch, django_capture_on_commit_callbacks
):
    def mail_server_down(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("news.notifications.send_mass_mail", mail_server_down)
    article = ArticleFactory(status=Status.DRAFT, author=people["reporter"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(article, "submit", people["reporter"])
    assert Article.objects.get(pk=article.pk).status == Status.SUBMITTED


def scheduled_in_two_hours(people, capture_on_commit_callbacks):
    """A reporter's article a leader schedules two hours ahead (its e-mails sent); and the time."""
    article = ArticleFactory(status=Status.PENDING_APPROVAL, author=people["reporter"])
    at = timezone.now() + timezone.timedelta(hours=2)
    with capture_on_commit_callbacks(execute=True):
        move(article, "publish", people["publisher"], publish_at=at)
    return article, at


def test_scheduling_tells_the_author_scheduled_and_published_only_once_it_is_public(
    client, people, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    from news import content_version

    article, at = scheduled_in_two_hours(people, django_capture_on_commit_callbacks)
    (scheduled,) = mailoutbox
    assert scheduled.to == ["phongvien@example.vn"]
    assert scheduled.subject.startswith("Bài viết của bạn đã được lên lịch xuất bản:")
    assert "đã được xuất bản" not in scheduled.subject + scheduled.body
    assert timezone.localtime(at).strftime("%H:%M") in scheduled.body
    content_version.read()  # readers before the time: nothing more
    client.get("/")
    assert len(mailoutbox) == 1

    later = at + timezone.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    client.get("/")  # the first request after the time
    client.get("/")
    assert len(mailoutbox) == 2
    published = mailoutbox[1]
    assert published.to == ["phongvien@example.vn"]
    assert published.subject.startswith("Bài viết của bạn đã được xuất bản")
    assert article.title in published.body


def test_publishing_now_says_published_at_once(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    article = ArticleFactory(status=Status.PENDING_APPROVAL, author=people["reporter"])
    with django_capture_on_commit_callbacks(execute=True):
        move(article, "publish", people["publisher"])
    (mail,) = mailoutbox
    assert mail.subject.startswith("Bài viết của bạn đã được xuất bản")
    article.refresh_from_db()
    assert article.announced


def test_a_public_change_between_the_time_and_the_next_request_still_tells_the_author(
    client, people, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    from news import content_version

    _article, at = scheduled_in_two_hours(people, django_capture_on_commit_callbacks)
    monkeypatch.setattr(timezone, "now", lambda: at + timezone.timedelta(minutes=1))
    CategoryFactory(name="Mục mới")  # renews the version after the time, before any reader
    content_version.read()
    client.get("/")
    assert [m.subject.startswith("Bài viết của bạn đã được xuất bản") for m in mailoutbox] == [
        False,
        True,
    ]
