"""Changes to a published article are approved before readers see them (news/proposals.py):
an editor's change waits over the live article, goes through review, and goes live when a
leader publishes it; a leader's direct correction needs a reason the timeline shows."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from news import proposals, workflow
from news.models import Article, ChangeStatus, Photo, ProposedChange, Status, Transition
from tests.factories import ArticleFactory, PhotoFactory, change_url, edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(people):
    return ArticleFactory(
        status=Status.PUBLISHED,
        published_at=timezone.now() - timezone.timedelta(hours=2),
        author=people["reporter"],
        title="Đê sông Đáy được gia cố trước mùa lũ",
        lead="Sapo đã được lãnh đạo duyệt.",
    )


def photo_rows(*photos, **changes):
    """The photo list's rows as the change form posts them, with `changes` (field: value) to
    the first row."""
    data = {"photos-TOTAL_FORMS": str(len(photos)), "photos-INITIAL_FORMS": str(len(photos))}
    for index, photo in enumerate(photos):
        row = {
            "id": str(photo.pk),
            "article": str(photo.article_id),
            "caption": photo.caption,
            "alt_text": photo.alt_text,
            "credit": photo.credit,
            "order": str(photo.order),
            **(changes if index == 0 else {}),
        }
        data.update({f"photos-{index}-{name}": value for name, value in row.items()})
    return data


def public_html(client, article):
    client.logout()
    return client.get(article.get_absolute_url()).content.decode()


def test_an_editors_change_waits_and_readers_keep_the_approved_text(client, people, live):
    client.force_login(people["editor"])
    response = client.post(
        change_url(live), edit_data(live, title="Đê sông Đáy gia cố xong", lead="Sapo mới.")
    )
    assert response.status_code == 302

    live.refresh_from_db()
    assert (live.title, live.lead) == (
        "Đê sông Đáy được gia cố trước mùa lũ",
        "Sapo đã được lãnh đạo duyệt.",
    )
    change = ProposedChange.objects.get(article=live)
    assert (change.title, change.lead, change.author, change.status) == (
        "Đê sông Đáy gia cố xong",
        "Sapo mới.",
        people["editor"],
        ChangeStatus.DRAFT,
    )
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Bạn đọc vẫn thấy" in m for m in messages), messages
    assert not any("thành công" in m for m in messages), messages

    # The editor comes back to the change, not to the published text.
    html = client.get(change_url(live)).content.decode()
    assert 'value="Đê sông Đáy gia cố xong"' in html
    assert "bản sửa" in html.lower()

    page = public_html(client, live)
    assert "Đê sông Đáy được gia cố trước mùa lũ" in page
    assert "gia cố xong" not in page and "Sapo mới." not in page


def test_a_change_is_sent_compared_and_published_by_a_leader(
    client, people, live, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(people["editor"])
    data = edit_data(live, title="Đê sông Đáy gia cố xong", _move="forward_change")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(live), data).status_code == 302
    assert ProposedChange.objects.get(article=live).status == ChangeStatus.PENDING_APPROVAL
    (mail,) = mailoutbox
    assert mail.to == [people["publisher"].email]
    assert "chờ bạn duyệt" in mail.subject.lower() and "Đê sông Đáy" in mail.subject

    client.force_login(people["publisher"])
    desk = client.get(reverse("admin:index")).content.decode()
    assert 'id="desk-changes"' in desk and "Đê sông Đáy" in desk
    listed = client.get(reverse("admin:news_article_changelist") + "?queue=changes")
    assert "Đã xuất bản, bản sửa chờ duyệt" in listed.content.decode()
    html = client.get(change_url(live)).content.decode()
    offered = re.findall(r'name="_move" value="([a-z_]+)"', html)
    assert offered == ["unpublish", "return_change", "publish_change", "discard_change"]
    diff = client.get(reverse("admin:news_article_change_diff", args=[live.pk]))
    text = unescape(diff.content.decode()).replace("\xa0", " ")  # the tables' &nbsp;
    assert "được gia cố trước mùa lũ" in text and "gia cố xong" in text

    data = edit_data(live, title="Đê sông Đáy gia cố xong", _move="publish_change")
    data["change_version"] = str(ProposedChange.objects.get(article=live).version)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(live), data).status_code == 302

    live.refresh_from_db()
    assert live.title == "Đê sông Đáy gia cố xong" and live.status == Status.PUBLISHED
    assert not ProposedChange.objects.filter(article=live).exists()
    steps = list(Transition.objects.filter(article=live).values_list("name", "actor"))
    assert steps == [
        ("forward_change", people["editor"].pk),
        ("publish_change", people["publisher"].pk),
    ]
    assert "Đê sông Đáy gia cố xong" in public_html(client, live)
    told = mailoutbox[-1]
    assert told.to == [people["editor"].email] and "đã được đăng" in told.subject


def test_a_returned_change_comes_back_with_the_comment(client, people, live):
    ProposedChange.objects.create(
        article=live, title="Tiêu đề đề xuất", lead=live.lead, body=live.body,
        category=live.category, source=live.source, author=people["editor"],
        status=ChangeStatus.PENDING_APPROVAL,
    )  # fmt: skip
    client.force_login(people["publisher"])
    data = edit_data(live, title="Tiêu đề đề xuất", _move="return_change", change_version="1")
    refused = client.post(change_url(live), data)
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["workflow_comment"]
    assert ProposedChange.objects.get(article=live).status == ChangeStatus.PENDING_APPROVAL

    data["workflow_comment"] = "Chưa rõ nguồn số liệu."
    assert client.post(change_url(live), data).status_code == 302
    assert ProposedChange.objects.get(article=live).status == ChangeStatus.RETURNED

    client.force_login(people["editor"])
    desk = client.get(reverse("admin:index")).content.decode()
    section = desk.split('id="desk-own_changes"')[1].split("</section>")[0]
    assert live.title in section  # listed by its published title, one click from the change
    html = client.get(change_url(live)).content.decode()
    assert "Chưa rõ nguồn số liệu." in html.split('id="workflow"')[0]  # above the form
    assert "Chỉ thêm ảnh sau khi bản sửa đã được đăng hoặc bỏ" in html
    offered = re.findall(r'name="_move" value="([a-z_]+)"', html)
    assert offered == ["forward_change", "discard_change"]


def test_a_leaders_direct_correction_needs_a_reason_shown_on_the_timeline(client, people, live):
    client.force_login(people["publisher"])
    data = edit_data(live, title="Đê sông Đáy được gia cố trước mùa mưa lũ")
    refused = client.post(change_url(live), data)
    assert refused.status_code == 200
    assert "viết lý do" in str(refused.context["adminform"].form.errors["workflow_comment"])
    assert "trước mùa mưa lũ" in refused.content.decode()  # the typed text is kept
    live.refresh_from_db()
    assert live.title == "Đê sông Đáy được gia cố trước mùa lũ"

    data["workflow_comment"] = "Sửa lỗi chính tả ở tiêu đề."
    assert client.post(change_url(live), data).status_code == 302
    live.refresh_from_db()
    assert live.title == "Đê sông Đáy được gia cố trước mùa mưa lũ"  # live at once
    assert not ProposedChange.objects.exists()
    step = Transition.objects.get(article=live)
    assert (step.name, step.comment) == ("correct", "Sửa lỗi chính tả ở tiêu đề.")
    timeline = client.get(change_url(live)).content.decode().split("workflow-timeline")[1]
    assert "Sửa khi đang đăng" in timeline and "Sửa lỗi chính tả ở tiêu đề." in timeline

    # Saving without changing anything needs no reason and records nothing.
    assert client.post(change_url(live), edit_data(live)).status_code == 302
    assert Transition.objects.filter(article=live).count() == 1


def test_photo_texts_of_a_change_wait_for_approval(client, people, live):
    photo = PhotoFactory(article=live, caption="Chú thích đã duyệt", order=0)
    client.force_login(people["editor"])
    response = client.get(change_url(live))
    photo_list = response.context["inline_admin_formsets"][0]
    # Adding photos to a live article through the list is a leader's work, and the form says
    # so; deleting one waits for approval with the change.
    assert not photo_list.has_add_permission and photo_list.has_delete_permission
    assert "Ảnh của bài đang đăng do lãnh đạo thêm" in response.content.decode()
    data = {**edit_data(live), **photo_rows(photo, caption="Chú thích mới của biên tập")}
    assert client.post(change_url(live), data).status_code == 302

    photo.refresh_from_db()
    assert photo.caption == "Chú thích đã duyệt"
    assert "Chú thích mới" not in public_html(client, live)
    client.force_login(people["editor"])
    html = client.get(change_url(live)).content.decode()
    assert "Chú thích mới của biên tập" in html  # the change's caption in its form

    client.force_login(people["publisher"])
    data = {
        **edit_data(live, _move="publish_change", change_version="1"),
        **photo_rows(photo, caption="Chú thích mới của biên tập"),
    }
    assert client.post(change_url(live), data).status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Chú thích mới của biên tập"
    assert "Chú thích mới của biên tập" in public_html(client, live)


def test_a_photo_deleted_in_a_change_stays_public_until_the_change_is_published(
    client, people, live
):
    kept = PhotoFactory(article=live, caption="Ảnh giữ lại", order=0)
    removed = PhotoFactory(article=live, caption="Ảnh sẽ bị xoá", order=1)
    client.force_login(people["editor"])
    data = {**edit_data(live), **photo_rows(kept, removed), "photos-1-DELETE": "on"}
    assert client.post(change_url(live), data).status_code == 302

    assert Photo.objects.filter(pk=removed.pk).exists()
    assert "Ảnh sẽ bị xoá" in public_html(client, live)  # readers keep the approved photos
    client.force_login(people["editor"])
    form = client.get(change_url(live))
    assert [f.instance for f in form.context["inline_admin_formsets"][0].formset.forms][:1] == [
        kept
    ]  # the change's photo list no longer has it
    preview = client.get(reverse("news:preview", args=[live.pk])).content.decode()
    assert "Ảnh giữ lại" in preview and "Ảnh sẽ bị xoá" not in preview
    diff = client.get(reverse("admin:news_article_change_diff", args=[live.pk]))
    text = unescape(diff.content.decode()).replace("\xa0", " ")
    # The photo's line is taken out of the published side, and on the change's side no more.
    assert re.search(r'class="diff_sub">[^<]*Ảnh sẽ bị xoá', text)

    client.force_login(people["publisher"])
    data = {
        **edit_data(live, _move="publish_change", change_version="1"),
        **photo_rows(kept),
    }
    assert client.post(change_url(live), data).status_code == 302
    assert not Photo.objects.filter(pk=removed.pk).exists()
    assert list(live.photos.all()) == [kept]
    html = public_html(client, live)
    assert "Ảnh giữ lại" in html and "Ảnh sẽ bị xoá" not in html


def test_a_photo_deleted_in_a_discarded_change_is_kept(client, people, live):
    photo = PhotoFactory(article=live, caption="Ảnh của bài", order=0)
    client.force_login(people["editor"])
    data = {**edit_data(live), **photo_rows(photo), "photos-0-DELETE": "on"}
    assert client.post(change_url(live), data).status_code == 302
    change = ProposedChange.objects.get(article=live)
    assert change.removed_photos == [photo.pk]

    workflow.apply(live, "discard_change", people["publisher"], comment="Không cần xoá ảnh.")
    assert list(live.photos.all()) == [photo]
    assert "Ảnh của bài" in public_html(client, live)


def test_two_people_changing_one_published_article_never_overwrite_each_other(client, people, live):
    opened = edit_data(live, change_version="0")  # both open it before any change
    client.force_login(people["editor"])
    assert (
        client.post(change_url(live), {**opened, "lead": "Sapo của người thứ nhất"}).status_code
        == 302
    )

    client.force_login(people["publisher"])
    response = client.post(
        change_url(live), {**opened, "lead": "Sapo của người thứ hai", "workflow_comment": "x"}
    )
    assert response.status_code == 200
    assert "Sapo của người thứ hai" in response.content.decode()
    assert ProposedChange.objects.get(article=live).lead == "Sapo của người thứ nhất"
    live.refresh_from_db()
    assert live.lead == "Sapo đã được lãnh đạo duyệt."


def test_a_discarded_change_is_kept_in_its_history(client, people, live):
    client.force_login(people["editor"])
    client.post(change_url(live), edit_data(live, title="Bản sửa sẽ bỏ"))
    client.force_login(people["publisher"])
    data = edit_data(
        live, title="Bản sửa sẽ bỏ", _move="discard_change", change_version="1",
        workflow_comment="Không cần sửa.",
    )  # fmt: skip
    assert client.post(change_url(live), data).status_code == 302
    assert not ProposedChange.objects.filter(article=live).exists()
    live.refresh_from_db()
    assert live.title == "Đê sông Đáy được gia cố trước mùa lũ"
    assert ProposedChange.history.filter(title="Bản sửa sẽ bỏ").exists()
    assert Transition.objects.get(article=live).name == "discard_change"


def test_the_preview_shows_the_change_as_it_will_be_published(client, people, live):
    PhotoFactory(article=live, caption="Ảnh đê", order=0)
    client.force_login(people["editor"])
    client.post(change_url(live), edit_data(live, title="Tiêu đề sẽ đăng"))
    html = client.get(reverse("news:preview", args=[live.pk])).content.decode()
    assert "Tiêu đề sẽ đăng" in html and "Ảnh đê" in html
    assert Photo.objects.filter(article=live).count() == 1


def restore(client, user, live, revision):
    """`user` restores `revision` of `live` from its history page."""
    client.force_login(user)
    url = reverse("admin:news_article_simple_history", args=[live.pk, revision.history_id])
    # The form as the restore page fills it: the old text, the current version.
    data = edit_data(Article.objects.get(pk=live.pk), title=revision.title)
    assert client.post(url, data).status_code == 302


def test_an_editor_restoring_an_old_revision_of_a_live_article_proposes_it(client, people, live):
    photo = PhotoFactory(article=live, caption="Chú thích bản đầu", order=0)
    first = live.history.latest()
    live.title = "Tiêu đề sửa sau"
    live.save()
    photo.caption = "Chú thích sửa sau"
    photo.save()

    restore(client, people["editor"], live, first)

    live.refresh_from_db()
    photo.refresh_from_db()
    assert (live.title, photo.caption) == ("Tiêu đề sửa sau", "Chú thích sửa sau")  # still live
    change = ProposedChange.objects.get(article=live)
    assert change.title == "Đê sông Đáy được gia cố trước mùa lũ"
    assert change.photo_texts[str(photo.pk)]["caption"] == "Chú thích bản đầu"


def test_a_leader_restoring_a_revision_of_a_live_article_is_a_correction_on_the_timeline(
    client, people, live
):
    first = live.history.latest()
    live.title = "Tiêu đề sửa sau"
    live.save()
    restore(client, people["publisher"], live, first)
    live.refresh_from_db()
    assert live.title == first.title  # live at once
    step = Transition.objects.get(article=live)
    assert (step.name, step.comment) == ("correct", f"Đã khôi phục phiên bản #{first.history_id}.")


def test_unpublishing_with_a_change_open_saves_the_text_as_it_stands_off_the_site(
    client, people, live
):
    client.force_login(people["editor"])
    client.post(change_url(live), edit_data(live, title="Tiêu đề của bản sửa"))
    client.force_login(people["publisher"])
    data = edit_data(
        live, title="Tiêu đề của bản sửa", _move="unpublish", change_version="1",
        workflow_comment="Số liệu sai, gỡ để sửa.",
    )  # fmt: skip
    assert client.post(change_url(live), data).status_code == 302
    live.refresh_from_db()
    # Off the site, the text is saved as it stands, as for any unpublished article.
    assert (live.status, live.title) == (Status.UNPUBLISHED, "Tiêu đề của bản sửa")
    # Nothing stays pending: published again later, the article is edited as any other.
    assert not ProposedChange.objects.filter(article=live).exists()
    assert workflow.state_label(live) == Status.UNPUBLISHED.label
    client.logout()
    assert client.get(live.get_absolute_url()).status_code == 404


def test_unpublishing_outside_the_form_keeps_the_open_changes_text(people, live):
    photo = PhotoFactory(article=live, caption="Chú thích cũ")
    fields = {name: getattr(live, name) for name in proposals.FIELDS}
    proposals.save(live, people["editor"], {**fields, "title": "Tiêu đề của bản sửa"})
    proposals.save_photo_texts(live, {photo.pk: {"caption": "Chú thích của bản sửa"}})

    workflow.apply(live, "unpublish", people["publisher"], comment="Gỡ để kiểm tra lại.")

    live.refresh_from_db()
    photo.refresh_from_db()
    assert (live.status, live.title, photo.caption) == (
        Status.UNPUBLISHED, "Tiêu đề của bản sửa", "Chú thích của bản sửa",
    )  # fmt: skip
    assert not ProposedChange.objects.filter(article=live).exists()
