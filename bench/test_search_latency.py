"""Search latency on 10,000 published articles: p50/p95 over 100 queries (`make bench`).

Measures the whole /tim-kiem/ request through Django's test client (query, count, page of 20
with highlighted snippets, template), on the database the suite runs on. Prints the figures;
asserts only that every query answered.
"""

import random
import statistics
import time

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from news import search
from news.models import Article, Category, Status

pytestmark = pytest.mark.django_db

# Filler text shares no word with the queries; each article is about one of the topics, so a
# query matches about a sixteenth of the articles (625), as a common topic would in a newsroom.
FILLER = str.split(
    "huyện xã thị trấn tổng kết nhân dân chính quyền đảng bộ ban ngành đoàn thể cán bộ kế hoạch "
    "triển khai thực hiện năm nay tháng kết quả đạt được tiếp tục nâng cao chất lượng hiệu quả "
    "công tác địa phương tỉnh hội đồng ủy ban các cơ quan đơn vị phối hợp chỉ đạo kiểm tra"
)
TOPICS = [
    "quốc phòng",
    "lúa mùa",
    "đê điều",
    "chuyển đổi số",
    "khai giảng",
    "tiêm chủng",
    "nông thôn mới",
    "lễ hội chùa",
    "khen thưởng",
    "giao thông",
    "dịch vụ công",
    "môi trường",
    "làng nghề du lịch",
    "ngân sách thuế",
    "nước sạch",
    "điện lực",
]
QUERIES = [
    "quoc phong", "quốc phòng", "lua mua", "đê điều", "chuyen doi so", "khai giang", "tiêm chủng",
    "nong thon moi", "le hoi chua", "khen thuong", "giao thong", "\"dich vu cong\"", "moi truong",
    "lang nghe du lich", "ngan sach thue", "quoc phog",
]  # fmt: skip


def sentence(rng, length, topic):
    words = [rng.choice(FILLER) for _ in range(length)]
    words.insert(rng.randrange(length), topic)
    return " ".join(words).capitalize()


def test_search_latency_on_10000_articles(client, capsys):
    rng = random.Random(2026)
    categories = [Category.objects.create(name=f"Chuyên mục {i}") for i in range(8)]
    now = timezone.now()
    topics = [rng.choice(TOPICS) for _ in range(10_000)]
    Article.objects.bulk_create(
        (
            Article(
                title=sentence(rng, 9, topic),
                slug=f"bai-{i}",
                lead=sentence(rng, 30, topic) + ".",
                body="".join(f"<p>{sentence(rng, 60, topic)}.</p>" for _ in range(6)),
                category=rng.choice(categories),
                status=Status.PUBLISHED,
                published_at=now - timezone.timedelta(minutes=i),
                source="Đài Kim Bảng",
            )
            for i, topic in enumerate(topics)
        ),
        batch_size=1000,
    )
    search.reindex(Article.objects.all())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")  # what autovacuum does after a bulk load
    url = reverse("news:search")
    client.get(url, {"q": "quoc phong"})  # warm up

    timings = []
    for i in range(100):
        query = QUERIES[i % len(QUERIES)]
        start = time.perf_counter()
        response = client.get(url, {"q": query})
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[94]
    with capsys.disabled():
        print(
            f"\nsearch over 10,000 articles, 100 queries: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
        )
