"""A generated archive of any size, for benchmarks and scale tests (`manage.py make_archive`).

What a district station accumulates over the years: a three-level tree of about 30 categories
(one of them hidden), articles of realistic length recombined from the demo articles' own
sentences (a title of 10-16 words, a lead of two sentences, a body of 5-8 paragraphs, about
3-5 KB), about two captioned photos each, view counts, a few featured, scheduled, draft and
unpublished articles. Search has something to find: each article carries one topic phrase
(a few are common, most rare) and the name of a commune, and RARE_COUNT articles one
of RARE_PHRASES.

Rows are bulk-inserted (no revisions, no per-row save): 100,000 articles take a few minutes,
most of it PostgreSQL building the search vectors. The photos share a small pool of real
pictures made by the upload pipeline (renditions included), so pages draw real images.
"""

import datetime
import random
import re
import zlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from news import content_version, search
from news.models import (
    Article,
    Category,
    Photo,
    SiteSettings,
    Status,
    ViewCount,
    vietnamese_slug,
)

from .articles import ARTICLES
from .scenes import SCENES, render

BATCH = 2000
PHOTO_POOL = 12
# So many articles carry one of the rare phrases, whatever the archive's size: a search for
# one finds a handful (five) in 1,000 articles as in 100,000.
RARE_COUNT = 20
RARE_PHRASES = (
    "cầu phao Quang Thừa",
    "giếng cổ làng Mã Não",
    "trống đồng Ngọc Lũ",
    "đền Lảnh Giang",
)
# Topic phrases with their weights: the first few are what a station writes about every week.
TOPICS = (
    ("quốc phòng toàn dân", 12),
    ("thu hoạch lúa", 10),
    ("nông thôn mới", 10),
    ("chuyển đổi số", 8),
    ("tiêm chủng", 6),
    ("an toàn giao thông", 6),
    ("phòng chống lụt bão", 5),
    ("khai giảng năm học", 4),
    ("bảo vệ môi trường", 4),
    ("dịch vụ công trực tuyến", 3),
    ("nước sạch nông thôn", 2),
    ("lễ hội truyền thống", 2),
    ("làng nghề", 2),
    ("khuyến học", 1),
    ("cải cách hành chính", 1),
)
COMMUNES = (
    "Thị trấn Quế",
    "Tượng Lĩnh",
    "Nhật Tân",
    "Đồng Hóa",
    "Thi Sơn",
    "Thanh Sơn",
    "Ba Sao",
    "Khả Phong",
    "Liên Sơn",
    "Ngọc Sơn",
)


@dataclass(frozen=True)
class Node:
    name: str
    children: tuple["Node", ...] = ()
    is_active: bool = True


def _leaves(*names):
    return tuple(Node(name) for name in names)


TREE = (
    Node(
        "Tin tức - Sự kiện",
        (
            Node("Chính trị"),
            Node("An ninh - Quốc phòng", _leaves("Quân sự địa phương", "Công an xã")),
            Node(
                "Tin cơ sở", _leaves("Thị trấn Quế", "Xã Tượng Lĩnh", "Xã Nhật Tân", "Xã Thi Sơn")
            ),
        ),
    ),
    Node(
        "Kinh tế",
        (
            Node("Nông nghiệp", _leaves("Trồng trọt", "Chăn nuôi")),
            Node("Công nghiệp - Dịch vụ"),
            Node("Nông thôn mới"),
        ),
    ),
    Node(
        "Văn hóa - Xã hội",
        (
            Node("Giáo dục"),
            Node("Y tế"),
            Node("Văn hóa - Thể thao", _leaves("Lễ hội", "Thể thao")),
        ),
    ),
    Node("Chuyển đổi số", _leaves("Chính quyền số", "Kỹ năng số")),
    Node("Pháp luật - Đời sống", _leaves("Phổ biến pháp luật", "Cải cách hành chính")),
    # Hidden with its subcategory: their articles must never reach the public.
    Node("Chuyên mục cũ", _leaves("Tin lưu"), is_active=False),
)


@dataclass(frozen=True)
class Summary:
    articles: int
    published: int
    photos: int
    categories: int


def sentences():
    """Every sentence of the demo articles' leads and bodies (no HTML, no date placeholder)."""
    # Tags become spaces: the cells of a table must not run into one word.
    text = " ".join(
        search.TAG.sub(" ", a.lead.replace("{date}", "hôm nay") + " " + a.body) for a in ARTICLES
    )
    found = re.split(r"(?<=[.!?…])\s+", " ".join(text.split()))
    return [s for s in found if len(s.split()) >= 6]


def make_categories():
    """The category tree of TREE; returns the categories that receive articles."""
    made = []

    def walk(nodes, parent):
        for order, node in enumerate(nodes, start=1):
            category = Category(parent=parent, name=node.name, order=order)
            category.is_active = node.is_active
            category.save()
            made.append(category)
            walk(node.children, category)

    walk(TREE, None)
    return made


def photo_pool(article, size=PHOTO_POOL):
    """Real pictures through the upload pipeline (renditions made), attached to `article`."""
    pool = []
    for seed, scene in enumerate(list(SCENES)[:size]):
        photo = Photo(
            article=article,
            image=ContentFile(render(scene, seed), name="anh.jpg"),
            caption=f"Ảnh minh họa {seed + 1}",
            alt_text="Ảnh minh họa cho bài viết",
            credit="Đài Kim Bảng",
            order=1,
        )
        photo.save()
        pool.append(photo)
    return pool


class Writer:
    """Draws the text of one article at a time from the demo sentences."""

    def __init__(self, rng):
        self.rng = rng
        self.sentences = sentences()
        self.topics = [t for t, _ in TOPICS]
        self.weights = [w for _, w in TOPICS]

    def title(self, topic, commune):
        words = self.rng.choice(self.sentences).rstrip(".!?…").split()
        words = words[: self.rng.randint(7, 12)]
        position = self.rng.randrange(len(words) + 1)
        words[position:position] = [topic]
        title = " ".join(words) + f" ở {commune}"
        return title[0].upper() + title[1:]

    def paragraph(self, count):
        return " ".join(self.rng.choice(self.sentences) for _ in range(count))

    def article(self, index, rare_every):
        topic = self.rng.choices(self.topics, self.weights)[0]
        commune = self.rng.choice(COMMUNES)
        lead = self.paragraph(2)
        paragraphs = [self.paragraph(self.rng.randint(3, 5)) for _ in range(self.rng.randint(5, 8))]
        paragraphs[0] = f"Tại {commune}, công tác {topic} được triển khai. " + paragraphs[0]
        if index % rare_every == rare_every // 2:
            rare = RARE_PHRASES[(index // rare_every) % len(RARE_PHRASES)]
            paragraphs[-1] += f" Nhân dịp này, bà con đến thăm {rare}."
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        return self.title(topic, commune), lead, body


def status_for(rng, index, total):
    """Mostly published; a few drafts, submissions, unpublished and scheduled ones."""
    if index < total // 2000 + 1:
        return Status.PUBLISHED, True  # scheduled: published in the future
    roll = rng.random()
    if roll < 0.01:
        return Status.DRAFT, False
    if roll < 0.02:
        return Status.SUBMITTED, False
    if roll < 0.025:
        return Status.UNPUBLISHED, False
    return Status.PUBLISHED, False


def generate(total, *, seed=2026, now=None, years=10, pool_size=PHOTO_POOL, progress=None):
    """Fill an empty archive: the site settings, the category tree, then `total` articles
    (add_articles)."""
    with transaction.atomic():
        SiteSettings.load()  # made now, not by the first page read (a public change)
        categories = make_categories()
    summary = add_articles(
        total, seed=seed, now=now, years=years, pool_size=pool_size, progress=progress
    )
    return Summary(summary.articles, summary.published, summary.photos, len(categories))


def add_articles(total, *, seed=2026, now=None, years=10, pool_size=PHOTO_POOL, progress=None):
    """Add `total` articles to the existing categories, spread over the `years` before `now`,
    newest first, with photos and view counts; in batches, so memory stays flat."""
    now = now or timezone.now()
    rng = random.Random(seed)
    writer = Writer(rng)
    step = datetime.timedelta(days=365 * years) / max(total, 1)
    shown = set(Category.objects.active().values_list("pk", flat=True))
    categories = list(Category.objects.order_by("pk"))
    visible = [c for c in categories if c.pk in shown]
    hidden = [c for c in categories if c.pk not in shown]
    pool, photo_count = [], 0
    with transaction.atomic():
        for start in range(0, total, BATCH):
            articles = []
            for index in range(start, min(start + BATCH, total)):
                status, scheduled = status_for(rng, index, total)
                title, lead, body = writer.article(index, max(1, total // RARE_COUNT))
                if scheduled:
                    published_at = now + datetime.timedelta(hours=index + 1)
                else:
                    published_at = (
                        now - step * index - datetime.timedelta(minutes=rng.randint(1, 9))
                    )
                in_hidden = hidden and rng.random() < 0.01
                articles.append(
                    Article(
                        title=title,
                        slug=vietnamese_slug(title, 120),
                        lead=lead,
                        body=body,
                        category=rng.choice(hidden if in_hidden else visible),
                        source="Đài Kim Bảng",
                        status=status,
                        published_at=published_at if status != Status.DRAFT else None,
                        is_featured=status == Status.PUBLISHED and rng.random() < 0.005,
                    )
                )
            Article.objects.bulk_create(articles)
            if not pool:
                pool = photo_pool(articles[0], pool_size)
                articles = articles[1:]
            photos = _photos(rng, articles, pool)
            Photo.objects.bulk_create(photos)
            photo_count += len(photos)
            ViewCount.objects.bulk_create(
                ViewCount(article=a, count=int(rng.paretovariate(1.2) * 10))
                for a in articles
                if a.status == Status.PUBLISHED and rng.random() < 0.3
            )
            if progress:
                progress(f"articles {min(start + BATCH, total)}/{total}")
    reindex_all(progress)
    # Bulk inserts send no signals: the public content changed, all at once (its search terms
    # too, learnt by the reindex: corrections read them per content version).
    content_version.bump()
    with connection.cursor() as cursor:
        # As autovacuum would after a bulk load: planner statistics, and the visibility map
        # that index-only scans need (VACUUM cannot run inside a test's transaction).
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    published = Article.objects.published(now=now).count()
    return Summary(total, published, photo_count + len(pool), len(categories))


def reindex_all(progress=None, batch=10_000):
    """Search vectors for every article, in batches by id (each batch its own transaction)."""
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[::batch])
    for number, first in enumerate(ids, start=1):
        following = ids[number] if number < len(ids) else None
        rows = Article.objects.filter(pk__gte=first)
        if following is not None:
            rows = rows.filter(pk__lt=following)
        search.reindex(rows)
        if progress:
            progress(f"search vectors {min(number * batch, len(ids) * batch)}")


def _photos(rng, articles, pool):
    photos = []
    for article in articles:
        count = rng.choices((0, 1, 2, 3, 4), (10, 25, 35, 20, 10))[0]
        for order in range(1, count + 1):
            model = pool[zlib.crc32(f"{article.title}{order}".encode()) % len(pool)]
            photos.append(
                Photo(
                    article=article,
                    image=model.image.name,
                    width=model.width,
                    height=model.height,
                    renditions=model.renditions,
                    caption=f"Quang cảnh {article.title[:80].lower()} (ảnh {order})",
                    alt_text="Ảnh minh họa cho bài viết",
                    credit="Đài Kim Bảng",
                    order=order,
                )
            )
    return photos
