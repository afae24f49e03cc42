"""The workflow through the admin, as the newsroom uses it: buttons, refusals, conflicts,
timeline, revisions, previews."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from news import workflow
from news.models import Article, PreviewLink, Status, Transition
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory, change_url, edit_data

pytestmark = pytest.mark.django_db


MATRIX = [
    (Status.DRAFT, "submit", "reporter", True),
    (Status.DRAFT, "submit", "other_reporter", False),
    (Status.DRAFT, "publish", "reporter", False),
    (Status.RETURNED, "submit", "reporter", True),
    (Status.UNPUBLISHED, "submit", "reporter", True),
    (Status.UNPUBLISHED, "submit", "other_reporter", False),
    (Status.SUBMITTED, "forward", "reporter", False),
    (Status.SUBMITTED, "forward", "editor", True),
    (Status.SUBMITTED, "return", "editor", True),
    (Status.SUBMITTED, "publish", "editor", False),
    (Status.SUBMITTED, "publish", "publisher", True),
    (Status.PENDING_APPROVAL, "publish", "editor", False),
    (Status.PENDING_APPROVAL, "publish", "publisher", True),
    (Status.PENDING_APPROVAL, "return", "publisher", True),
    (Status.PUBLISHED, "unpublish", "reporter", False),
    (Status.PUBLISHED, "unpublish", "editor", False),
    (Status.PUBLISHED, "unpublish", "publisher", True),
    (Status.UNPUBLISHED, "publish", "publisher", True),
]


@pytest.mark.parametrize(("state", "name", "role", "allowed"), MATRIX)
def test_permission_matrix_through_admin_requests(client, people, state, name, role, allowed):
    article = ArticleFactory(status=state, author=people["reporter"], title="Tiêu đề gốc")
    client.force_login(people[role])
    data = edit_data(article, _move=name, workflow_comment="Lý do", title="Tiêu đề đã sửa")
    response = client.post(change_url(article), data)
    article.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert article.status == workflow.MOVES[name].target
        assert article.title == "Tiêu đề đã sửa"
        step = Transition.objects.get(article=article)
        assert (step.name, step.actor, step.comment) == (name, people[role], "Lý do")
    else:
        # The form again, with the text typed and why it was refused; nothing changes.
        assert response.status_code == 200
        assert "Tiêu đề đã sửa" in response.content.decode()
        assert response.context["adminform"].form.non_field_errors()
        assert article.status == state
        assert article.title == "Tiêu đề gốc"
        assert not Transition.objects.exists()


@pytest.mark.parametrize(
    ("state", "role", "buttons"),
    [
        (Status.DRAFT, "reporter", ["submit"]),
        (Status.SUBMITTED, "editor", ["return", "forward"]),
        (Status.PENDING_APPROVAL, "publisher", ["return", "publish"]),
        (Status.PUBLISHED, "publisher", ["unpublish"]),
        (Status.PUBLISHED, "editor", ["forward_change"]),
    ],
)
def test_only_the_steps_the_user_may_take_are_offered(client, people, state, role, buttons):
    article = ArticleFactory(status=state, author=people["reporter"])
    client.force_login(people[role])
    html = client.get(change_url(article)).content.decode()
    offered = [name for name in workflow.MOVES if f'name="_move" value="{name}"' in html]
    assert offered == buttons


def test_reporter_cannot_edit_others_or_submitted_work(client, people):
    client.force_login(people["reporter"])
    others = ArticleFactory(
        status=Status.DRAFT, author=people["other_reporter"], title="Của người khác"
    )
    own_submitted = ArticleFactory(
        status=Status.SUBMITTED, author=people["reporter"], title="Đã gửi"
    )
    for article in (others, own_submitted):
        response = client.post(change_url(article), edit_data(article, title="Sửa trộm"))
        assert response.status_code == 200
        assert "Bạn không thể sửa bài này nữa" in response.content.decode()
        article.refresh_from_db()
        assert article.title != "Sửa trộm"


def test_form_posts_cannot_change_the_state(admin_client):
    article = ArticleFactory(status=Status.DRAFT)
    data = edit_data(article, status=Status.PUBLISHED, published_at_0="01/01/2020")
    assert admin_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_second_save_over_a_newer_version_is_refused_and_keeps_the_typed_text(client, people):
    article = ArticleFactory(status=Status.SUBMITTED, author=people["reporter"], lead="Sapo gốc")
    opened_at = edit_data(article)  # both open the form at the same version
    editor, publisher = people["editor"], people["publisher"]
    publisher.first_name, publisher.last_name = "Văn", "Lãnh Đạo"
    publisher.save()

    client.force_login(publisher)
    assert (
        client.post(change_url(article), {**opened_at, "lead": "Sapo của lãnh đạo"}).status_code
        == 302
    )

    client.force_login(editor)
    response = client.post(change_url(article), {**opened_at, "lead": "Sapo của biên tập viên"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lãnh Đạo" in html  # names who saved in between
    assert "Sapo của biên tập viên" in html  # the second person's text is still in the form
    article.refresh_from_db()
    assert article.lead == "Sapo của lãnh đạo"  # and nothing was overwritten

    # Having seen the conflict and merged, saving again goes through.
    merged = {**opened_at, "lead": "Sapo đã hợp nhất"}
    merged["edit_version"] = response.context["adminform"].form.data["edit_version"]
    assert client.post(change_url(article), merged).status_code == 302
    article.refresh_from_db()
    assert article.lead == "Sapo đã hợp nhất"


def test_save_after_a_leader_published_comes_back_with_the_text_and_why(client, people):
    article = ArticleFactory(status=Status.DRAFT, author=people["reporter"], lead="Sapo gốc")
    opened_at = edit_data(article)
    workflow.apply(article, "publish", people["publisher"], comment="Tin gấp")

    client.force_login(people["reporter"])
    typed = {**opened_at, "lead": "Sapo phóng viên vừa gõ"}
    for data in (typed, {**typed, "_move": "submit"}):
        response = client.post(change_url(article), data)

        assert response.status_code == 200
        html = response.content.decode()
        assert "Bạn không thể sửa bài này nữa: bài đang ở trạng thái “Đã xuất bản”" in html
        assert "Sapo phóng viên vừa gõ" in html
        article.refresh_from_db()
        assert (article.lead, article.status) == ("Sapo gốc", Status.PUBLISHED)


def test_save_of_a_deleted_article_comes_back_with_the_text_and_saves_as_new(client, people):
    article = ArticleFactory(status=Status.DRAFT, author=people["reporter"])
    typed = edit_data(article, title="Bài đang viết dở", lead="Sapo chưa kịp lưu")
    article.delete()

    client.force_login(people["reporter"])
    response = client.post(change_url(article), typed)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Trong lúc bạn đang sửa, bài này đã bị xóa" in html
    assert "Sapo chưa kịp lưu" in html and "Bài đang viết dở" in html
    assert f'action="{reverse("admin:news_article_add")}"' in html
    assert not Article.objects.exists()
    # Saving again from that form makes it a new article, by the reporter.
    again = response.context["adminform"].form.data.copy()
    assert client.post(reverse("admin:news_article_add"), again).status_code == 302
    (new,) = Article.objects.all()
    assert (new.title, new.lead, new.author) == (
        "Bài đang viết dở",
        "Sapo chưa kịp lưu",
        people["reporter"],
    )


def test_publishing_own_article_from_admin_needs_a_reason(client, people):
    own = ArticleFactory(status=Status.PENDING_APPROVAL, author=people["publisher"])
    client.force_login(people["publisher"])
    response = client.post(change_url(own), edit_data(own, _move="publish"))
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.status == Status.PENDING_APPROVAL
    data = edit_data(own, _move="publish", workflow_comment="Tin khẩn cấp")
    assert client.post(change_url(own), data).status_code == 302
    assert Transition.objects.get(article=own).comment == "Tin khẩn cấp"


def test_scheduling_from_the_admin_in_vietnam_time(client, people):
    article = ArticleFactory(status=Status.PENDING_APPROVAL, author=people["reporter"])
    client.force_login(people["publisher"])
    later = timezone.localtime() + timezone.timedelta(days=2)
    data = edit_data(
        article, _move="publish", publish_at_0=later.strftime("%d/%m/%Y"), publish_at_1="07:00"
    )
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    local = timezone.localtime(article.published_at)
    assert (local.day, local.month, local.hour, local.minute) == (later.day, later.month, 7, 0)
    assert article.is_scheduled()
    assert client.get(article.get_absolute_url()).status_code == 404
    scheduled = client.get(reverse("admin:news_article_changelist"), {"queue": "scheduled"})
    assert list(scheduled.context["cl"].result_list) == [article]
    assert "07:00" in scheduled.content.decode()


def test_timeline_shows_who_moved_it_when_and_why(client, people):
    article = ArticleFactory(status=Status.DRAFT, author=people["reporter"])
    workflow.apply(article, "submit", people["reporter"])
    workflow.apply(article, "return", people["editor"], comment="Thiếu nguồn tin")
    client.force_login(people["reporter"])
    html = client.get(change_url(article)).content.decode()
    timeline = html[html.index('class="workflow-timeline"') :]
    assert "bientap" in timeline and "Thiếu nguồn tin" in timeline
    assert timeline.index("phongvien") < timeline.index("bientap")


def test_editor_queue_lists_submitted_articles(client, people):
    waiting = ArticleFactory(status=Status.SUBMITTED, title="Chờ biên tập")
    ArticleFactory(status=Status.DRAFT, title="Nháp")
    client.force_login(people["editor"])
    response = client.get(reverse("admin:news_article_changelist"), {"queue": "review"})
    assert list(response.context["cl"].result_list) == [waiting]


def _queries(client, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(100) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_admin_pages_query_counts_do_not_grow(client, people, django_assert_max_num_queries):
    category = CategoryFactory()
    article = ArticleFactory(status=Status.SUBMITTED, category=category)
    PhotoFactory(article=article)
    client.force_login(people["editor"])
    queue = reverse("admin:news_article_changelist") + "?queue=review"
    counts = []
    for batch in (5, 40):
        for extra in ArticleFactory.create_batch(batch, status=Status.SUBMITTED, category=category):
            PhotoFactory(article=extra)
            workflow.apply(extra, "forward", people["editor"])
            workflow.apply(extra, "return", people["editor"], comment="Sửa lại")
        counts.append(
            (
                _queries(client, django_assert_max_num_queries, change_url(article)),
                _queries(client, django_assert_max_num_queries, queue),
            )
        )
    assert counts[0] == counts[1]


def test_compare_two_revisions_and_restore_an_old_one(admin_client):
    article = ArticleFactory(title="Tiêu đề bản một", body="<p>Đoạn một.</p>")
    photo = PhotoFactory(article=article, caption="Chú thích cũ")
    first_revision = article.history.first()
    article.title = "Tiêu đề bản hai"
    article.body = "<p>Đoạn một.</p><p>Đoạn thêm mới.</p>"
    article.save()
    photo.caption = "Chú thích mới"
    photo.save()
    second_revision = article.history.first()

    url = reverse("admin:news_article_compare", args=[article.pk])
    revisions = {"from": first_revision.history_id, "to": second_revision.history_id}
    html = admin_client.get(url, revisions).content.decode()
    text = strip_tags(html).replace("&nbsp;", " ")  # HtmlDiff keeps spaces as &nbsp;
    for phrase in (
        "Tiêu đề bản một",
        "Tiêu đề bản hai",
        "Đoạn thêm mới.",
        "Chú thích cũ",
        "Chú thích mới",
    ):
        assert phrase in text
    assert 'class="diff_add"' in html or 'class="diff_chg"' in html

    revisions_before = article.history.count()
    revert_url = reverse(
        "admin:news_article_simple_history", args=[article.pk, first_revision.history_id]
    )
    data = edit_data(Article.objects.get(pk=article.pk), title="Tiêu đề bản một")
    data.pop("edit_version")
    data["body"] = "<p>Đoạn một.</p>"
    assert admin_client.post(revert_url, data).status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề bản một"
    assert article.status == Status.PUBLISHED  # restoring never changes the state
    assert article.history.count() == revisions_before + 1  # a new revision, nothing overwritten
    photo.refresh_from_db()
    assert photo.caption == "Chú thích cũ"  # the photos' texts come back too
    assert photo.history.count() == 3  # created, edited, restored


def test_staff_preview_of_a_draft(client, people):
    draft = ArticleFactory(
        status=Status.DRAFT, title="Bài nháp xem trước", author=people["reporter"]
    )
    PhotoFactory(article=draft, caption="Ảnh nháp")
    url = reverse("news:preview", args=[draft.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(people["reporter"])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bài nháp xem trước" in html and "Ảnh nháp" in html
    assert 'class="preview-banner"' in html
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex' in html


def test_shareable_preview_link_valid_expired_revoked(client, people):
    draft = ArticleFactory(status=Status.PENDING_APPROVAL, title="Bài sắp đăng")
    links_url = reverse("admin:news_article_preview_links", args=[draft.pk])
    client.force_login(people["editor"])
    assert client.post(links_url, {"action": "create"}).status_code == 403
    client.force_login(people["publisher"])
    assert client.post(links_url, {"action": "create"}).status_code == 302
    link = PreviewLink.objects.get()
    hours = (link.expires_at - timezone.now()).total_seconds() / 3600
    assert 47.9 < hours <= 48
    client.logout()

    response = client.get(link.get_absolute_url())
    assert response.status_code == 200 and "Bài sắp đăng" in response.content.decode()
    assert "noindex" in response["X-Robots-Tag"]

    link.expires_at = timezone.now() - timezone.timedelta(seconds=1)
    link.save()
    assert client.get(link.get_absolute_url()).status_code == 404

    link.expires_at = timezone.now() + timezone.timedelta(hours=1)
    link.save()
    client.force_login(people["publisher"])
    client.post(links_url, {"action": "revoke", "link": link.pk})
    client.logout()
    assert client.get(link.get_absolute_url()).status_code == 404


NOT_PUBLIC = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.RETURNED,
    Status.PENDING_APPROVAL,
    Status.UNPUBLISHED,
    "scheduled",
]


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_every_non_published_state_is_404_on_every_public_url(client, state):
    category = CategoryFactory(name="Thời sự")
    if state == "scheduled":
        hidden = ArticleFactory(
            category=category,
            status=Status.PUBLISHED,
            published_at=timezone.now() + timezone.timedelta(minutes=5),
            title="Bài ẩn",
        )
    else:
        hidden = ArticleFactory(category=category, status=state, title="Bài ẩn")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in ("/", category.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert "Bài ẩn" not in response.content.decode()


def test_a_reporter_cannot_credit_someone_else(client, people):
    category = CategoryFactory()
    client.force_login(people["reporter"])
    form = client.get(reverse("admin:news_article_add")).content.decode()
    assert 'name="author"' not in form
    data = edit_data(ArticleFactory.build(category=category, author=people["editor"]))
    data.pop("edit_version")
    assert client.post(reverse("admin:news_article_add"), data).status_code == 302
    assert Article.objects.get().author == people["reporter"]


def test_restoring_a_revision_needs_the_right_to_edit(client, people):
    article = ArticleFactory(title="Bản đầu", status=Status.SUBMITTED, author=people["reporter"])
    first = article.history.first()
    article.title = "Bản sau"
    article.save()
    client.force_login(people["reporter"])  # the author, but the article is with the editor now
    url = reverse("admin:news_article_simple_history", args=[article.pk, first.history_id])
    data = edit_data(article, title="Bản đầu")
    assert client.post(url, data).status_code == 403
    article.refresh_from_db()
    assert article.title == "Bản sau"


def test_save_and_step_leaves_one_revision(client, people):
    article = ArticleFactory(status=Status.DRAFT, author=people["reporter"], title="Bản nháp")
    before = article.history.count()
    client.force_login(people["reporter"])
    data = edit_data(article, _move="submit", title="Bản đã sửa")
    assert client.post(change_url(article), data).status_code == 302
    assert article.history.count() == before + 1
    assert article.history.first().title == "Bản đã sửa"
    assert article.history.first().status == Status.SUBMITTED


def test_malformed_admin_input_is_never_a_500(client, people):
    article = ArticleFactory(status=Status.PENDING_APPROVAL)
    client.force_login(people["publisher"])
    links = reverse("admin:news_article_preview_links", args=[article.pk])
    assert client.post(links, {"action": "create", "hours": "abc"}).status_code == 302
    assert client.post(links, {"action": "revoke", "link": "x"}).status_code == 302
    for view in ("compare", "preview_links"):
        url = reverse(f"admin:news_article_{view}", args=["abc"])
        assert client.get(url).status_code == 404


def test_only_leaders_choose_featured_stories(client, people):
    client.force_login(people["editor"])
    assert (
        'name="is_featured"' not in client.get(reverse("admin:news_article_add")).content.decode()
    )
    client.force_login(people["publisher"])
    assert 'name="is_featured"' in client.get(reverse("admin:news_article_add")).content.decode()


def test_a_reporters_submitted_article_reads_as_text_not_html(client, people):
    client.force_login(people["reporter"])
    article = ArticleFactory(
        status=Status.SUBMITTED,
        author=people["reporter"],
        body="<p>Đê&nbsp;điều <strong>an toàn</strong>.</p>",
    )
    html = client.get(change_url(article)).content.decode()
    assert "<strong>an toàn</strong>" in html
    assert "&lt;p&gt;" not in html and "&amp;nbsp;" not in html
    assert 'name="body"' not in html  # read only: nothing to edit


def test_the_history_page_lists_changes_in_words_a_newsroom_reads(client, people):
    article = ArticleFactory(
        status=Status.DRAFT,
        author=people["reporter"],
        published_at=None,
        body="<p>" + "Đê điều được gia cố. " * 100 + "</p>",
    )
    workflow.apply(article, "submit", people["reporter"])
    workflow.apply(article, "forward", people["editor"])
    workflow.apply(article, "publish", people["publisher"])
    article.refresh_from_db()
    article.body = "<p>Bản mới, ngắn&nbsp;gọn.</p>"
    article.save()
    client.force_login(people["editor"])
    html = client.get(reverse("admin:news_article_history", args=[article.pk])).content.decode()
    changes = strip_tags(html.split('id="change-history"')[1])
    with translation.override("vi"):
        for state in (Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED):
            assert str(state.label) in changes
    published = timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M")
    assert published in changes  # in Vietnam's time
    assert "Không có" in changes  # no publication time before
    assert "Bản mới, ngắn gọn." in changes and "Đê điều được gia cố." in changes
    for technical in ("None", "chars]", "draft", "submitted", "+00:00"):
        assert technical not in changes, technical
