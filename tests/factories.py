"""Test data: one factory per model, with images generated in memory by Pillow."""

import io

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from news.models import Article, Category, Photo, Status


def image_bytes(width=64, height=48, color=(30, 90, 160), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, fmt)
    return buffer.getvalue()


def image_upload(name="anh.jpg", width=64, height=48, fmt="JPEG", content_type="image/jpeg"):
    return SimpleUploadedFile(name, image_bytes(width, height, fmt=fmt), content_type=content_type)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("mat-khau-thu-nghiem")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Huyện tổ chức hội nghị số {n}")
    lead = "Ngày 13/10/2020, huyện tổ chức hội nghị tổng kết công tác năm."
    body = "<p>Nội dung bài viết.</p>"
    category = factory.SubFactory(CategoryFactory)
    source = "Đài Kim Bảng"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    article = factory.SubFactory(ArticleFactory)
    image = factory.LazyFunction(image_upload)
    caption = factory.Sequence(lambda n: f"Các đại biểu dự hội nghị {n}")
    alt_text = "Hội trường đông người, đại biểu ngồi theo hàng"
    order = factory.Sequence(lambda n: n)


def member(username, group_name):
    """A staff user in one of the editorial groups (news.roles), with an e-mail address."""
    from django.contrib.auth.models import Group

    user = UserFactory(username=username, is_staff=True, email=f"{username}@example.vn")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def edit_data(article, **overrides):
    """What the change form posts for `article` unchanged."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "lead": article.lead,
        "body": article.body,
        "category": str(article.category_id),
        "source": article.source,
        "author": str(article.author_id or ""),
        "edit_version": str(article.version),
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data
