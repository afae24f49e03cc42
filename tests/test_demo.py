"""`manage.py load_demo`: the demo content, its photos, the accounts and the printed notice."""

import hashlib
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from PIL import Image

from demo import loader
from demo.articles import ARTICLES
from demo.content import ACCOUNTS, SITE
from news.models import Article, Category, Photo, SiteSettings, Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_made_once")]

GENERATED_PHOTO_NAME = re.compile(r"^photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg$")


@pytest.fixture
def development(settings):
    settings.DEBUG = True  # as `make run` runs it


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def stored_files(folder):
    """Names of the files under `folder` of the media storage (a temporary folder in tests)."""
    root = Path(default_storage.location)
    return sorted(str(p.relative_to(root)) for p in (root / folder).rglob("*") if p.is_file())


def logs_in(client, username, password):
    """Through the admin login form, as a person does (and as django-axes requires)."""
    client.logout()
    index = reverse("admin:index")
    response = client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": index}
    )
    return response.status_code == 302 and client.get(index).status_code == 200


def test_loads_a_dozen_published_articles_in_a_two_level_category_tree(development):
    load_demo()

    articles = list(Article.objects.published().select_related("category__parent", "author"))
    assert len(articles) == len(ARTICLES) >= 12
    assert Article.objects.exclude(status=Status.PUBLISHED).count() == 0
    assert 2 <= sum(a.is_featured for a in articles) <= 3
    assert {a.author.username for a in articles} == {"phongvien"}
    assert {a.source for a in articles} == {"Đài Kim Bảng"}
    days = {timezone.localdate(a.published_at) for a in articles}
    assert len(days) >= 10, "publication dates are spread over the last weeks"
    for article in articles:
        # The lead opens with the day of publication, as a newsroom writes it.
        assert article.lead.startswith(f"Ngày {timezone.localtime(article.published_at):%d/%m/%Y}")
        assert article.body.count("<p>") >= 3, article.title
    assert any("<table>" in a.body for a in articles)
    assert any('href="https://' in a.body for a in articles)

    children = Category.objects.exclude(parent=None)
    assert children.count() >= 6
    assert all(child.parent.parent_id is None for child in children)
    assert Category.objects.get(name="Nông nghiệp").path == "kinh-te/nong-nghiep"
    roots = list(Category.objects.filter(parent=None).order_by("order"))
    assert [r.name for r in roots][:2] == ["Tin tức - Sự kiện", "Kinh tế"]
    used = {a.category for a in articles}
    assert any(c.parent_id is None for c in used) and any(c.parent_id for c in used)


def test_every_article_has_one_to_four_described_photos_stored_as_generated_jpegs(development):
    load_demo()

    digests = set()
    for article in Article.objects.prefetch_related("photos"):
        photos = list(article.photos.all())
        assert 1 <= len(photos) <= 4, article.title
        assert [p.order for p in photos] == list(range(1, len(photos) + 1))
        for photo in photos:
            assert photo.caption.strip() and photo.alt_text.strip() and photo.credit
            assert photo.caption != photo.alt_text
            assert GENERATED_PHOTO_NAME.match(photo.image.name), photo.image.name
            assert (photo.width, photo.height) == (1200, 800)
            with default_storage.open(photo.image.name) as file:
                data = file.read()
            with Image.open(io.BytesIO(data)) as image:
                assert image.format == "JPEG"
                image.load()  # decodes the whole file
                # A picture, not a flat rectangle: hundreds of colours.
                assert image.getcolors(maxcolors=256) is None
            digests.add(hashlib.sha256(data).hexdigest())
    articles_photos = Photo.objects.exclude(article=None).count()
    assert len(digests) == articles_photos >= 12, "each photo is a different picture"


def test_site_settings_carry_the_station_identity_and_a_generated_logo(development, client):
    load_demo()
    # The footer links to other state portals, as a state portal's must.
    footer = client.get("/").content.decode().split('<footer class="site-footer"')[1]
    assert 'href="https://chinhphu.vn" rel="noopener"' in footer
    assert "Cổng thông tin điện tử tỉnh Hà Nam" in footer

    site = SiteSettings.load()
    assert site.portal_name == "Cổng thông tin điện tử huyện Kim Bảng"
    assert "Kim Bảng" in site.station_name and "Hà Nam" in site.address
    assert site.phone and site.email and site.responsible_body and site.licence
    with default_storage.open(site.logo.name) as file, Image.open(file) as logo:
        assert logo.format == "PNG"
        assert logo.width == logo.height >= 256


def test_each_editorial_role_has_an_account_that_logs_in(development, client):
    load_demo()

    for account in ACCOUNTS:
        user = get_user_model().objects.get(username=account.username)
        assert user.is_staff and user.is_active
        assert user.is_superuser == account.is_superuser
        assert set(user.groups.values_list("name", flat=True)) == (
            {account.group} if account.group else set()
        )
        validate_password(account.password, user)  # passes the site's own rules
        assert logs_in(client, account.username, account.password), account.username
    assert {a.group for a in ACCOUNTS if a.group} == {
        "Phóng viên",
        "Biên tập viên",
        "Lãnh đạo duyệt tin",
    }


def test_prints_the_addresses_and_the_accounts(development, settings):
    settings.ADMIN_URL = "quan-tri/"

    output = load_demo()

    assert f"{len(ARTICLES)} bài viết" in output
    assert "http://127.0.0.1:8000/\n" in output
    assert "http://127.0.0.1:8000/quan-tri/" in output
    for account in ACCOUNTS:
        row = next(line for line in output.splitlines() if f" {account.username} " in line)
        assert account.role in row and account.password in row


def test_a_second_run_adds_nothing_but_restores_the_demo_passwords(development, client):
    load_demo()
    counts = (Article.objects.count(), Photo.objects.count(), Category.objects.count())
    files = stored_files("photos")
    reporter = get_user_model().objects.get(username="phongvien")
    reporter.set_password("mat-khau-rieng-cua-toi")
    reporter.save()

    output = load_demo()

    assert "không nạp thêm" in output and "phongvien" in output
    assert (Article.objects.count(), Photo.objects.count(), Category.objects.count()) == counts
    assert stored_files("photos") == files
    assert get_user_model().objects.filter(username="phongvien").count() == 1
    assert logs_in(client, "phongvien", "KimBang@2026-pv")
    assert not logs_in(client, "phongvien", "mat-khau-rieng-cua-toi")


def test_reset_reloads_the_demo_and_keeps_an_editors_own_article(
    development, django_capture_on_commit_callbacks
):
    load_demo()
    old_files = set(stored_files("photos"))
    own = Article.objects.create(
        title="Bài của biên tập viên",
        lead="Ngày 01/01/2026, một tin riêng.",
        body="<p>Nội dung.</p>",
        category=Category.objects.get(name="Y tế"),
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )

    with django_capture_on_commit_callbacks(execute=True):
        output = load_demo("--reset")

    assert "Đã nạp dữ liệu mẫu" in output
    titles = list(Article.objects.exclude(pk=own.pk).values_list("title", flat=True))
    assert sorted(titles) == sorted(a.title for a in ARTICLES)
    assert Article.objects.filter(pk=own.pk, category__name="Y tế").exists()
    assert Category.objects.filter(name="Y tế").count() == 1
    new_files = set(stored_files("photos"))
    assert not old_files & new_files, "the old photo files are deleted"
    # Each photo's original and its renditions (news/renditions.py), nothing left over.
    photos = Photo.objects.all()
    assert new_files == {name for p in photos for name in [p.image.name, *p.rendition_names]}
    site = SiteSettings.load()  # the logo and its small copy, the old ones deleted
    assert sorted(stored_files("site")) == sorted([site.logo.name, site.logo_small.name])


def test_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        load_demo()

    assert not get_user_model().objects.exists()
    assert not Article.objects.exists()


def test_force_loads_without_debug(settings):
    settings.DEBUG = False

    load_demo("--force")

    assert Article.objects.published().count() == len(ARTICLES)


def test_a_failed_load_leaves_no_rows_and_no_files(development, monkeypatch):
    drawn = []
    render = loader.render

    def render_then_fail(scene, seed):
        if len(drawn) == 5:
            raise RuntimeError("disk full")
        drawn.append(scene)
        return render(scene, seed)

    monkeypatch.setattr(loader, "render", render_then_fail)

    with pytest.raises(RuntimeError):
        load_demo()

    assert not Article.objects.exists() and not Photo.objects.exists()
    assert not get_user_model().objects.exists()
    assert stored_files("photos") == [] and stored_files("site") == []


def test_the_public_pages_show_the_demo_articles_and_captions(development, client):
    load_demo()
    site = SiteSettings.load()
    top_story = Article.objects.filter(is_featured=True).order_by("-published_at").first()

    home = client.get("/")

    assert home.status_code == 200
    page = home.content.decode()
    assert escape(site.portal_name) in page
    assert escape(top_story.title) in page
    assert site.logo.url in page
    assert top_story.photos.first().fallback_url in page  # a rendition, never the original
    assert escape(SITE["address"]) in page

    article = Article.objects.get(title=ARTICLES[0].title)
    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert escape(article.lead) in page
    for photo in article.photos.all():
        assert escape(photo.caption) in page
        assert f'alt="{escape(photo.alt_text)}"' in page
        assert photo.fallback_url in page
    assert "Đài Kim Bảng" in page
    # Its second photo stands in the body, after the second paragraph, as an editor puts it.
    start = page.index('<div class="article__body">')
    body = page[start : page.index("</div>", start)]  # a body holds no <div>
    placed = escape(article.photos.all()[1].caption)
    second_paragraph = body.index("</p>", body.index("</p>") + 1)
    assert second_paragraph < body.index(placed) < body.index("<p>", second_paragraph)
