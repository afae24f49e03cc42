"""Search at /tim-kiem/: accents ignored both ways, ranked, highlighted, filtered, never a 500."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import SiteSettings, Status
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db
URL = reverse("news:search")


def results(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [a.title for a in response.context["articles"]], response


@pytest.fixture
def corpus():
    defence = CategoryFactory(name="An ninh - Quốc phòng")
    economy = CategoryFactory(name="Kinh tế")
    now = timezone.now()
    return {
        "defence": ArticleFactory(
            title="Hội nghị tổng kết công tác quốc phòng",
            lead="Huyện tổng kết các đề án giai đoạn 2015-2020.",
            body="<p>Đài Kim Bảng đưa tin về <strong>diễn tập</strong> khu vực phòng thủ.</p>",
            category=defence,
            published_at=now - timezone.timedelta(days=40),
        ),
        "harvest": ArticleFactory(
            title="Nông dân thu hoạch lúa mùa",
            lead="Năng suất lúa đạt khá, giá ổn định.",
            body="<p>Vụ mùa năm nay thắng lợi.</p>",
            category=economy,
            published_at=now - timezone.timedelta(days=2),
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("quoc phong", "Hội nghị tổng kết công tác quốc phòng"),
        ("quốc phòng", "Hội nghị tổng kết công tác quốc phòng"),
        ("dai kim bang", "Hội nghị tổng kết công tác quốc phòng"),
        ("ĐÀI KIM BẢNG", "Hội nghị tổng kết công tác quốc phòng"),
        ("lua mua", "Nông dân thu hoạch lúa mùa"),
        ('"thu hoach lua"', "Nông dân thu hoạch lúa mùa"),
    ],
)
def test_accents_are_ignored_both_ways(client, corpus, query, expected):
    titles, _ = results(client, q=query)
    assert titles == [expected]


def test_ranking_puts_title_above_lead_above_body(client):
    category = CategoryFactory()
    in_body = ArticleFactory(
        title="Tin một", lead="Sapo.", body="<p>Nói về đê điều.</p>", category=category
    )
    in_lead = ArticleFactory(
        title="Tin hai", lead="Kiểm tra đê điều.", body="<p>Khác.</p>", category=category
    )
    in_title = ArticleFactory(
        title="Đê điều an toàn", lead="Sapo.", body="<p>Khác.</p>", category=category
    )
    titles, _ = results(client, q="de dieu")
    assert titles == [in_title.title, in_lead.title, in_body.title]


def test_matched_words_are_highlighted_in_a_snippet(client, corpus):
    _, response = results(client, q="dien tap")
    html = response.content.decode()
    assert "<mark>diễn tập</mark>" in html
    assert "<strong>" not in html.split('class="search-result__snippet"')[1].split("</p>")[0]


def test_filters_by_category_and_date(client, corpus):
    both = "nghi lua"  # no article has both words
    assert results(client, q="hoi nghi")[0] == ["Hội nghị tổng kết công tác quốc phòng"]
    in_economy, _ = results(client, q="lua", category="kinh-te")
    assert in_economy == ["Nông dân thu hoạch lúa mùa"]
    assert results(client, q="hoi nghi", category="kinh-te")[0] == []
    recent = (timezone.localdate() - timezone.timedelta(days=7)).strftime("%d/%m/%Y")
    assert results(client, q="quoc phong", date_from=recent)[0] == []
    assert results(client, q="lua", date_from=recent)[0] == ["Nông dân thu hoạch lúa mùa"]
    _, response = results(client, q=both)
    assert response.context["found"].fuzzy  # no exact match: only near misses are offered


def category_options(client, **params):
    """(value, " selected" or "", label) of each option of the search page's category list."""
    html = client.get(URL, {"q": "lua", **params}).content.decode()
    start = html.index('<select name="category"')
    return re.findall(
        r'<option value="([^"]*)"( selected)?>([^<]*)</option>',
        html[start : html.index("</select>", start)],
    )


def test_the_category_filter_lists_each_section_with_its_subcategories_under_it(client):
    """In menu order (the order field, then the name), a subcategory indented under its parent
    wherever the tree lists it, the one searched in selected."""
    news = CategoryFactory(name="Tin tức - Sự kiện", order=1)
    radio = CategoryFactory(name="Phát thanh", order=2)
    CategoryFactory(name="Quốc phòng", parent=news, order=2)
    security = CategoryFactory(name="An ninh", parent=news, order=1)
    CategoryFactory(name="Xã Thi Sơn", parent=security)
    CategoryFactory(name="Bản tin sáng", parent=radio)
    options = category_options(client, category=security.path)

    assert [label for _value, _selected, label in options] == [
        "Tất cả chuyên mục",
        "Tin tức - Sự kiện",
        "— An ninh",
        "— — Xã Thi Sơn",
        "— Quốc phòng",
        "Phát thanh",
        "— Bản tin sáng",
    ]
    assert [value for value, selected, _label in options if selected] == [security.path]

    # The options are rendered once per content version, for each category searched in.
    assert [
        value for value, selected, _ in category_options(client, category=news.path) if selected
    ] == [news.path]
    assert [
        value for value, selected, _ in category_options(client, category="khong-co") if selected
    ] == [""]  # no such category: all were searched
    security.name = "An ninh trật tự"
    security.save()
    assert "— An ninh trật tự" in [label for _, _, label in category_options(client)]


def test_misspelling_falls_back_to_similar_titles(client, corpus):
    titles, response = results(client, q="thu hoach lua muaa")
    assert titles == ["Nông dân thu hoạch lúa mùa"]
    assert response.context["found"].fuzzy is True


@pytest.mark.parametrize(
    "query",
    ['"', "'", "&|!:*()", "quoc & | ! phong", "<script>alert(1)</script>", "a" * 10_000,
     "%", "\\", "!!!", ":*", "()", "-", "or and not", "- - -", "OR", '"" OR ""'],
)  # fmt: skip
def test_any_query_string_returns_a_page(client, corpus, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_nul_byte_is_a_bad_request_not_an_error(client, corpus):
    # Refused for every address before any view (portal/malformed.py): no browser sends one.
    assert client.get(URL, {"q": "quốc\x00phòng"}).status_code == 400


def test_bad_filters_and_pages_never_500(client, corpus):
    assert client.get(URL, {"q": "lua", "date_from": "32/13/2020"}).status_code == 200
    assert client.get(URL, {"q": "lua", "category": "khong-co"}).status_code == 200
    assert client.get(URL, {"q": "lua", "page": "99"}).status_code == 404
    assert client.get(URL, {"q": "lua", "page": "x"}).status_code == 404


@pytest.mark.parametrize("state", [Status.DRAFT, Status.SUBMITTED, Status.UNPUBLISHED, "scheduled"])
def test_unpublished_articles_are_never_found(client, state):
    if state == "scheduled":
        ArticleFactory(
            title="Bài bí mật về đê", published_at=timezone.now() + timezone.timedelta(hours=1)
        )
    else:
        ArticleFactory(title="Bài bí mật về đê", status=state)
    assert results(client, q="bi mat")[0] == []
    assert results(client, q="bi mat de")[0] == []


def test_search_vector_follows_edits(client, corpus):
    article = corpus["harvest"]
    article.title = "Nông dân gieo mạ"
    article.save()
    assert results(client, q="gieo ma")[0] == ["Nông dân gieo mạ"]


@pytest.mark.parametrize("size", [5, 25])
def test_search_page_runs_a_constant_number_of_queries(
    client, django_assert_num_queries, settings, size
):
    settings.PAGE_CACHE_SECONDS = 0
    SiteSettings.load()
    category = CategoryFactory()
    ArticleFactory.create_batch(size, title="Tin đê điều", category=category)
    client.get(URL, {"q": "de dieu"})  # fills the shared caches: the lexicon's words too
    # The newest matches in order with their ranks (the time of the RECENT-th newest article,
    # that bounds them, was cached by the first search), then (fewer than LIMIT) all matches,
    # found before they are sorted (one statement); their ranks; the page's snippets; the
    # matching broadcasts.
    with django_assert_num_queries(5):
        client.get(URL, {"q": "de dieu"})
    # A word in no title or lead: all its matches, from the full-text index at once (none);
    # the words corrected from the lexicon (one query), then searched as above.
    with django_assert_num_queries(7):
        client.get(URL, {"q": "de dieuuu"})
    with django_assert_num_queries(7):
        client.get(URL, {"q": "de dieuu"})


def test_a_common_word_ranks_the_newest_matches_and_says_so(client, monkeypatch):
    from news import search

    monkeypatch.setattr(search, "LIMIT", 5)
    now = timezone.now()
    category = CategoryFactory()
    for hours in range(8):
        ArticleFactory(
            title=f"Tin lúa số {hours}",
            lead="Lúa mùa." if hours != 3 else "Lúa, lúa và lúa.",
            category=category,
            published_at=now - timezone.timedelta(hours=hours + 1),
        )
    titles, response = results(client, q="lua")
    # The 5 newest matches, the one that says "lúa" most first.
    assert titles[0] == "Tin lúa số 3"
    assert sorted(titles[1:]) == [f"Tin lúa số {n}" for n in (0, 1, 2, 4)]
    assert response.context["found"].capped
    summary = response.content.decode().split('class="search-summary"')[1].split("</p>")[0]
    assert "5" in summary


def test_page_links_keep_the_search_words_and_filters(client):
    category = CategoryFactory(name="Thời sự")
    ArticleFactory.create_batch(25, title="Tin đê điều", category=category)
    _, response = results(client, q="de dieu", category="thoi-su")
    html = response.content.decode()
    assert 'href="?q=de+dieu&amp;category=thoi-su&amp;page=2"' in html
    assert 'href="?q=de+dieu&amp;category=thoi-su&amp;page=3"' in html
    # Ten results a page: 10, 10 and 5.
    assert len(results(client, q="de dieu", category="thoi-su")[0]) == 10
    page_three, _ = results(client, q="de dieu", category="thoi-su", page=3)
    assert len(page_three) == 5


def test_header_has_a_search_box_on_every_page(client):
    html = client.get("/").content.decode()
    assert f'action="{URL}"' in html and 'name="q"' in html and 'role="search"' in html


def test_snippets_show_text_not_entities(client):
    ArticleFactory(title="Nông thôn mới", body="<p>Tom &amp; Jerry&nbsp;quyết tâm</p>")
    html = client.get(reverse("news:search"), {"q": "quyet tam"}).content.decode()
    snippet = html.split('class="search-result__snippet"')[1].split("</p>")[0]
    assert (
        "&amp;amp;" not in snippet and "&amp;nbsp;" not in snippet and "Tom &amp; Jerry" in snippet
    )


def test_a_rare_word_is_found_anywhere_in_the_archive(client, monkeypatch):
    from news import search

    monkeypatch.setattr(search, "RECENT", 3)  # "the newest articles": three here
    now = timezone.now()
    category = CategoryFactory()
    for hours in range(6):
        ArticleFactory(
            title=f"Tin thời sự {hours}",
            category=category,
            published_at=now - timezone.timedelta(hours=hours + 1),
        )
    old = ArticleFactory(
        title="Trống đồng Ngọc Lũ về bảo tàng",
        category=category,
        published_at=now - timezone.timedelta(days=900),
    )
    assert results(client, q="trong dong")[0] == [old.title]
    assert results(client, q='"trống đồng Ngọc Lũ"')[0] == [old.title]  # a phrase too
    assert len(results(client, q="tin thoi su")[0]) == 6


def test_near_misses_keep_the_newest_suggestions_when_the_archive_takes_too_long(db):
    from django.db import connection
    from django.db.models import BooleanField, Value
    from django.db.models.expressions import RawSQL

    from news import search
    from news.models import Article

    category = CategoryFactory()
    for hours in range(4):
        ArticleFactory(
            category=category, published_at=timezone.now() - timezone.timedelta(hours=hours + 1)
        )
    # Each article costs 50 ms to compare; the newest 2 are compared in order, the rest
    # would take 100 ms, and 20 ms are allowed.
    slow = (
        Article.objects.published()
        .filter(RawSQL("pg_sleep(0.05) IS NOT NULL", [], output_field=BooleanField()))
        .annotate(score=Value(1))
    )
    boundaries = (search._recent_boundary(slow, 2), None)
    found = search._newest(slow, ("pk", "score", "published_at"), 3, boundaries, give_up_after=20)
    newest = Article.objects.published().order_by("-published_at", "-pk")
    assert [pk for pk, _score, _published in found] == list(newest.values_list("pk", flat=True)[:2])
    with connection.cursor() as cursor:  # the connection is still usable
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_misspelt_words_of_a_lead_are_corrected_from_published_titles_and_leads(client):
    from news import corrections, search
    from news.models import SearchTerm

    category = CategoryFactory()
    recruits = ArticleFactory(
        title="Tiễn tân binh lên đường",
        lead="Thanh niên nhập ngũ đợt một, khuyến học được nhắc đến.",
        category=category,
    )
    ArticleFactory(title="Bí mật nhập kho", lead="Chưa công bố.", status=Status.DRAFT)
    terms = set(SearchTerm.objects.values_list("term", flat=True))
    assert {"nhap ngu", "nhap", "ngu", "khuyen hoc", "tan binh"} <= terms
    assert "nhap kho" not in terms  # a draft teaches nothing

    def corrected(text):
        words = corrections.corrected(search.WORD.findall(search.fold(text)))
        return words and " ".join(words)

    assert corrected("nhap nguu") == "nhap ngu"
    assert corrected("Khuyen hok") == "khuyen hoc"
    assert corrected("nhập ngũ") is None  # nothing to correct
    # Numbers and the OR of a query are never "corrected" into words.
    assert corrected("nhap nguu 3") == "nhap ngu 3"
    assert corrected("khuyen hok or nhap nguu") == "khuyen hoc or nhap ngu"
    titles, response = results(client, q="nhap nguu")
    assert titles == [recruits.title]
    assert response.context["found"].fuzzy
    assert results(client, q="nhap kho")[0] == []  # the draft is never suggested


def test_a_misspelling_is_corrected_however_many_terms_look_alike():
    """Candidates are the lexicon's words within a few edits, not the terms with the most
    trigrams in common: those were pairs of the same syllables in another order."""
    from news import corrections, search
    from news.models import SearchTerm

    # Each has more trigrams in common with "quoc phog" than "quoc phong" has.
    alike = [f"{word} quoc" for word in ("pho", "phoi", "phot", "phom", "phoc", "phon", "phoa")]
    alike += ["phoe quoc", "phob quoc"]
    words = {word for pair in alike for word in pair.split()} - {"phong"}
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term, seen=50) for term in [*alike, *words]]
        + [SearchTerm(term="quoc phong", seen=1), SearchTerm(term="phong", seen=51)]
    )

    def corrected(text):
        words = corrections.corrected(search.WORD.findall(search.fold(text)))
        return words and " ".join(words)

    assert corrected("quoc phog") == "quoc phong"
    assert corrected("qouc phong") == "quoc phong"  # two letters swapped: one edit
    assert corrected("phog") == "phong"  # of the words an edit away, the most common
    assert corrected("qouc phog") == "quoc phong"  # both words of a pair, an edit each
    # A letter alone is never changed into a word, nor a short word by two letters; beside a
    # word it pairs with, a word the lexicon lacks may be an edit further.
    assert corrected("q phong") is None
    assert corrected("phxx") is None
    assert corrected("phxg") is None
    assert corrected("quoc phxg") == "quoc phong"


def test_a_word_first_published_corrects_the_next_search_at_once(client):
    from news import corrections

    category = CategoryFactory()
    ArticleFactory(title="Lễ hội làng", lead="Dân làng dự lễ.", category=category)
    assert corrections.corrected(["truong", "hoc"]) is None  # read: the lexicon's words
    ArticleFactory(title="Trường học mới", lead="Khánh thành trường học.", category=category)
    assert corrections.corrected(["truong", "hok"]) == ["truong", "hoc"]
    assert results(client, q="truong hok")[0] == ["Trường học mới"]


def test_correcting_a_query_reads_the_lexicon_once_whatever_its_words(
    django_assert_num_queries,
):
    from news import corrections
    from news.models import SearchTerm

    SearchTerm.objects.bulk_create(
        SearchTerm(term=term, seen=1) for term in ("ho", "ba", "hoa", "bo", "hoi", "ho ba", "a")
    )
    corrections.corrected(["ha"])  # the lexicon's words, read once per content version
    with django_assert_num_queries(1):  # the pairs that may correct the query's pairs
        assert corrections.corrected(["hoo", "bb", "hoa", "ho"]) == ["ho", "ba", "hoa", "ho"]
    with django_assert_num_queries(0):  # lone words: from the words read
        assert corrections.corrected(["hoo"]) == ["ho"]


def test_snippets_mark_the_words_side_by_side_not_lone_syllables(client):
    category = CategoryFactory()
    ArticleFactory(
        title="Lễ hội làng",
        lead="Lễ giao nhận quân xong, Hội đồng xã lo việc làng.",
        body="<p>Người dân về dự lễ hội truyền thống bên sông.</p>",
        category=category,
    )
    _, response = results(client, q="le hoi")
    snippet = response.content.decode().split('class="search-result__snippet"')[1]
    snippet = snippet.split("</p>")[0]
    assert "<mark>lễ hội</mark>" in snippet
    assert snippet.count("<mark>") == 1  # not the "Lễ" of "Lễ giao nhận", nor "Hội đồng"
    # Words that never stand together are each marked where they are.
    _, response = results(client, q="giao hoi")
    snippet = response.content.decode().split('class="search-result__snippet"')[1]
    snippet = snippet.split("</p>")[0]
    assert "<mark>giao</mark>" in snippet and "<mark>Hội</mark>" in snippet
    # Two of the words typed, side by side: that run is marked, not their lone copies.
    assert search_snippet("le hoi den", "Lễ giao nhận quân; dự lễ hội bên sông.") == (
        "Lễ giao nhận quân; dự <mark>lễ hội</mark> bên sông"
    )


def test_snippets_escape_the_text_around_their_marks():
    assert search_snippet("ban", 'Tom & <b>Jerry</b> ban "quà"') == (
        "Tom &amp; &lt;b&gt;Jerry&lt;/b&gt; <mark>ban</mark> &quot;quà"
    )
    # The characters that stand for the marks while the snippet is made are not text's own.
    assert search_snippet("ban", "a\ue000b ban\ue001") == "ab <mark>ban</mark>"


def search_snippet(query, text):
    from news import search

    return search.snippet(text, search.WORD.findall(search.fold(query)))


def test_a_query_typed_with_separate_accent_marks_finds_the_same(client, corpus):
    decomposed = "quo\u0302\u0301c pho\u0300ng"  # "quốc phòng", letters and marks apart
    assert results(client, q=decomposed)[0] == results(client, q="quốc phòng")[0] != []


def test_corrected_words_are_marked_in_snippets(client):
    ArticleFactory(
        title="Tiễn tân binh", lead="Thanh niên nhập ngũ đợt một.", category=CategoryFactory()
    )
    _, response = results(client, q="nhap nguu")
    assert "<mark>nhập ngũ</mark>" in response.content.decode()


def test_invalid_filters_are_explained_and_left_out_and_the_words_kept(client):
    parent = CategoryFactory(name="Tin tức - Sự kiện")
    CategoryFactory(name="An ninh - Quốc phòng", parent=parent)
    drill = ArticleFactory(title="Diễn tập quốc phòng", category=parent)
    titles, response = results(
        client, q="quoc phong", category="khong-co", date_from="31/02/2026", date_to="hôm qua"
    )
    assert titles == [drill.title]  # searched without the bad filters
    html = response.content.decode()
    assert 'value="quoc phong"' in html
    assert "Không có chuyên mục này: đã tìm trong mọi chuyên mục." in html
    assert html.count("Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/11/2026.") == 2
    for field in ("category", "date_from", "date_to"):  # each error is tied to its field
        assert f'aria-describedby="id_{field}_error"' in html
        assert f'id="id_{field}_error"' in html
    assert "Từ ngày (ngày/tháng/năm)" in html and "Đến ngày (ngày/tháng/năm)" in html
    assert "dd/mm/yyyy" not in html
    # The tree: a subcategory is indented under its parent.
    assert ">— An ninh - Quốc phòng</option>" in html


def test_a_phrase_beats_its_words_in_another_order_which_beat_scattered_words(client):
    category = CategoryFactory()
    now = timezone.now()

    def article(body, hours):
        return ArticleFactory(
            title="Tin văn hóa",
            lead="Tin của các xã.",
            body=f"<p>{body}</p>",
            category=category,
            published_at=now - timezone.timedelta(hours=hours),
        )

    # The newest first when all else is equal: so each must win on its own merit.
    scattered = article("Lễ ra quân xong thì các xã vào vụ mới, hội viên đi làm.", 1)
    reversed_order = article("Hội lễ làng năm nay đông vui.", 2)
    phrase = article("Năm nay lễ hội làng đông vui.", 3)
    _, response = results(client, q="lễ hội")
    assert [a.pk for a in response.context["articles"]] == [
        phrase.pk,
        reversed_order.pk,
        scattered.pk,
    ]


def test_the_accents_typed_rank_first_and_unaccented_queries_find_all(client):
    category = CategoryFactory()
    now = timezone.now()
    fire, silk, rice = (
        ArticleFactory(
            title=title, category=category, published_at=now - timezone.timedelta(hours=hours)
        )
        for title, hours in [("Cẩn thận lửa rừng", 3), ("Nghề dệt lụa", 2), ("Giá lúa tăng", 1)]
    )
    for query, first in [("lửa", fire), ("lụa", silk), ("lúa", rice)]:
        _, response = results(client, q=query)
        assert response.context["articles"][0].pk == first.pk, query
    _, response = results(client, q="lua")
    assert [a.pk for a in response.context["articles"]] == [rice.pk, silk.pk, fire.pk]


def test_a_quoted_phrase_finds_exactly_the_articles_holding_it_side_by_side(client):
    holds = ArticleFactory(
        title="Trưng bày cổ vật của huyện",
        lead="Bảo tàng giới thiệu hiện vật quý.",
        body="<p>Chiếc <b>trống đồng</b> Ngọc Lũ được đặt ở gian giữa.</p>",
    )
    across = ArticleFactory(title="Chuyện trống đồng", lead="Ngọc Lũ trong sử sách.")
    scattered = ArticleFactory(
        title="Ngọc Lũ đón đoàn khách", lead="Đội trống của xã biểu diễn trên sân đồng."
    )

    for query in ['"trống đồng Ngọc Lũ"', '"trong dong ngoc lu"']:
        found, _ = results(client, q=query)
        assert holds.title in found and across.title in found, query  # the lead follows the title
        assert scattered.title not in found, query
    assert results(client, q='cổ vật "Trống đồng ngọc lũ"')[0] == [holds.title]

    holds.body = "<p>Chiếc trống được đặt ở gian giữa, cạnh bia đá Ngọc Lũ.</p>"
    holds.save()
    assert holds.title not in results(client, q='"trống đồng Ngọc Lũ"')[0]


def test_a_middling_word_is_looked_for_in_the_newest_wide_window_first(client, monkeypatch):
    """Neither common nor rare: too few matches among the RECENT newest articles, enough among
    the WIDE newest. Those are the newest matches of the whole archive, found without reading
    the older ones; a word too rare for the window is still found anywhere."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from news import search

    monkeypatch.setattr(search, "LIMIT", 2)
    monkeypatch.setattr(search, "RECENT", 4)
    monkeypatch.setattr(search, "WIDE", 12)
    now = timezone.now()
    category = CategoryFactory()
    with_word = {1, 5, 7, 9, 15}
    for position in range(20):
        ArticleFactory(
            title=f"Tiêm chủng mở rộng đợt {position}"
            if position in with_word
            else f"Tin {position}",
            category=category,
            published_at=now - timezone.timedelta(hours=position + 1),
        )
    with CaptureQueriesContext(connection) as queries:
        titles, response = results(client, q="tiem chung")
    assert sorted(titles) == ["Tiêm chủng mở rộng đợt 1", "Tiêm chủng mở rộng đợt 5"]
    assert response.context["found"].capped
    # The match at position 15, older than the window, was never read: no query of the
    # archive's matches without the window's bound.
    whole_archive = [
        q["sql"] for q in queries if "@@" in q["sql"] and '"published_at" >=' not in q["sql"]
    ]
    assert not [sql for sql in whole_archive if "LIMIT 3" in sql], whole_archive
    assert results(client, q="tin 17")[0][0] == "Tin 17"  # rare: still found anywhere


def test_a_word_only_bodies_hold_is_found_from_the_index_at_once(client, monkeypatch):
    """A word in no published title or lead (a misspelling, mostly) has few matches if any:
    they are looked up in the full-text index of the whole archive, without first reading the
    newest articles, RECENT at most; a word with more is looked for as any other. What is
    found, and in which order, is what any other word gets."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from news import search

    monkeypatch.setattr(search, "LIMIT", 2)
    monkeypatch.setattr(search, "RECENT", 4)
    now = timezone.now()
    category = CategoryFactory()
    for position in range(12):
        body = "<p>Tin.</p>"
        if position in {2, 5, 6}:
            body = "<p>Thay xy lanh máy bơm trạm Tân Sơn.</p>"
        elif position > 6:  # in more than RECENT bodies, in no title nor lead
            body = "<p>Nước sông Đáy lên cao.</p>"
        ArticleFactory(
            title=f"Tin trạm bơm {position}",
            lead="Trạm bơm.",
            body=body,
            category=category,
            published_at=now - timezone.timedelta(hours=position + 1),
        )

    def searched(query):
        with CaptureQueriesContext(connection) as queries:
            titles, response = results(client, q=query)
        newest_first = [q for q in queries if "@@" in q["sql"] and '"published_at" >=' in q["sql"]]
        return titles, response.context["found"], bool(newest_first)

    titles, found, newest_first = searched("xy lanh")
    assert titles == ["Tin trạm bơm 2", "Tin trạm bơm 5"]  # the newest two of three, in order
    assert found.capped and not found.fuzzy
    assert not newest_first
    # Five matches, more than RECENT: the newest articles are read as for any word.
    titles, found, newest_first = searched("song day")
    assert titles == ["Tin trạm bơm 7", "Tin trạm bơm 8"] and found.capped
    assert newest_first
    # A word of a title, and OR (its other side may be common): the newest articles first.
    assert searched("tram bom")[2] and searched("lanh or tram")[2]


@pytest.mark.parametrize("query", ['"tram bom"-xy', "tram bom (-xy", "tram bom -xy", "-xy"])
def test_a_dash_never_excludes_a_word_wherever_it_stands(client, query):
    """A dash is punctuation ("An ninh - Quốc phòng"): after a quote or a bracket too, where
    websearch_to_tsquery would read it as "without"."""
    category = CategoryFactory()
    ArticleFactory(title="Trạm bơm Tân Sơn", body="<p>Thay xy lanh.</p>", category=category)
    titles, response = results(client, q=query)
    assert titles == ["Trạm bơm Tân Sơn"] and not response.context["found"].fuzzy
