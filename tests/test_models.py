import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.utils import timezone
from PIL import Image

from news.models import Article, Category, SiteSettings, Status, vietnamese_slug
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory, image_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đài Kim Bảng", "dai-kim-bang"),
        ("Tin tức - Sự kiện", "tin-tuc-su-kien"),
        ("An ninh - Quốc phòng", "an-ninh-quoc-phong"),
        ("Thưởng Quỹ khuyến học", "thuong-quy-khuyen-hoc"),
        ("ĐẠI HỘI Đảng bộ", "dai-hoi-dang-bo"),
        ("Thu ngân sách đạt 3,2 tỷ đồng", "thu-ngan-sach-dat-3-2-ty-dong"),
        ("3.000 người dự lễ", "3000-nguoi-du-le"),
    ],
)
def test_slugs_transliterate_vietnamese(text, slug):
    assert vietnamese_slug(text) == slug


def test_article_slug_made_from_title_on_save():
    article = ArticleFactory(title="Đài Kim Bảng đưa tin")
    assert article.slug == "dai-kim-bang-dua-tin"
    assert article.get_absolute_url() == f"/tin-tuc/dai-kim-bang-dua-tin-{article.pk}/"


def test_category_path_follows_the_tree_at_any_depth():
    news = CategoryFactory(name="Tin tức - Sự kiện")
    defence = CategoryFactory(name="An ninh - Quốc phòng", parent=news)
    militia = CategoryFactory(name="Dân quân tự vệ", parent=defence)
    assert militia.path == "tin-tuc-su-kien/an-ninh-quoc-phong/dan-quan-tu-ve"
    assert (
        militia.get_absolute_url()
        == "/chuyen-muc/tin-tuc-su-kien/an-ninh-quoc-phong/dan-quan-tu-ve/"
    )


def test_renaming_a_category_moves_its_descendants_urls():
    news = CategoryFactory(name="Tin tức")
    defence = CategoryFactory(name="Quốc phòng", parent=news)
    militia = CategoryFactory(name="Dân quân", parent=defence)
    news.slug = "thoi-su"
    news.save()
    defence.refresh_from_db()
    militia.refresh_from_db()
    assert defence.path == "thoi-su/quoc-phong"
    assert militia.path == "thoi-su/quoc-phong/dan-quan"


def test_trail_and_subtree_take_one_query_each(django_assert_num_queries):
    root = CategoryFactory(name="A")
    level = root
    for depth in range(6):
        level = CategoryFactory(name=f"Cấp {depth}", parent=level)
    CategoryFactory(name="Khác")
    with django_assert_num_queries(1):
        trail = list(level.trail())
    assert [c.name for c in trail] == ["A"] + [f"Cấp {d}" for d in range(6)]
    with django_assert_num_queries(1):
        assert len(list(root.subtree())) == 7


def test_published_is_the_only_public_definition():
    now = timezone.now()
    visible = ArticleFactory(published_at=now - timezone.timedelta(minutes=1))
    ArticleFactory(status=Status.DRAFT)
    ArticleFactory(published_at=now + timezone.timedelta(hours=2))  # scheduled
    assert list(Article.objects.published(now=now)) == [visible]
    later = now + timezone.timedelta(hours=3)
    assert Article.objects.published(now=later).count() == 2


def test_publishing_without_a_time_sets_now():
    article = ArticleFactory(status=Status.PUBLISHED, published_at=None)
    assert article.published_at is not None
    assert article.is_published()


def test_body_is_cleaned_on_save():
    article = ArticleFactory(body='<p onclick="x()">Chào <script>alert(1)</script></p>')
    article.refresh_from_db()
    assert article.body == "<p>Chào </p>"


def test_photo_stored_under_generated_ascii_name():
    photo = PhotoFactory(image__name="Các đại biểu dự hội nghị.JPG")
    today = timezone.localdate()
    assert photo.image.name.startswith(f"photos/{today:%Y/%m}/")
    assert photo.image.name.endswith(".jpg")
    assert photo.image.name.isascii()
    assert "dai" not in photo.image.name
    assert (photo.width, photo.height) == (64, 48)


def test_photo_needs_alt_text_unless_decorative():
    article = ArticleFactory()
    decorative = PhotoFactory(article=article, alt_text="", is_decorative=True)
    assert decorative.pk
    with pytest.raises(IntegrityError):
        PhotoFactory(article=article, alt_text="")


def test_site_settings_is_a_single_row():
    first = SiteSettings.load()
    first.portal_name = "Cổng thông tin huyện"
    first.save()
    SiteSettings(portal_name="Khác").save()
    assert SiteSettings.objects.count() == 1


def test_photo_saved_through_the_field_api_gets_a_generated_name():
    photo = PhotoFactory.build(article=ArticleFactory(), image=None)
    photo.image.save("Ảnh gốc.png", ContentFile(image_bytes(fmt="PNG")), save=True)
    assert photo.image.name.startswith("photos/") and photo.image.name.endswith(".png")
    assert photo.image.name.isascii()


def test_category_slug_rss_is_reserved_for_feeds():
    category = Category(name="RSS")
    with pytest.raises(ValidationError) as error:
        category.full_clean()
    assert "slug" in error.value.message_dict


def test_site_logo_gets_a_small_copy_that_pages_use(client):
    site = SiteSettings.load()
    site.logo.save("logo.png", ContentFile(image_bytes(600, 600, fmt="PNG")), save=True)
    assert site.logo_small.name == site.logo.name.rsplit(".", 1)[0] + "-128.png"
    with site.logo_small.open() as small:
        assert Image.open(small).size == (128, 128)
    html = client.get("/").content.decode()
    assert f'class="site-brand__logo" src="{site.logo_small.url}"' in html
    assert f'rel="icon" href="{site.logo_small.url}"' in html
    site.save()  # unchanged logo: the same copy
    assert site.logo_small.name.endswith("-128.png")
    site.logo = ""
    site.save()
    assert not site.logo_small
