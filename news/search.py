"""Full-text search of published articles that ignores Vietnamese accents.

PostgreSQL does the work: a text search configuration "vietnamese" (simple + unaccent, made by
migration 0007) folds "Quốc phòng" and "quoc phong" to the same lexemes; each article keeps a
weighted vector (title A, lead B, body C) refreshed on save, with a GIN index. When nothing
matches, trigram word similarity on accent-folded titles (indexed) finds near misses
("quoc phog"). Every step reads a bounded number of rows, whatever the archive's size.
Snippets are cut and highlighted in Python, from the lead and the start of the body.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import OperationalError, connection, transaction
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Left
from django.utils.safestring import mark_safe

CONFIG = "vietnamese"
MAX_QUERY_LENGTH = 200
LIMIT = 200  # matches ranked and shown, newest first
RECENT = 2000  # the newest articles where a common word's matches are looked for first
# Near misses are suggestions, each compared word by word with a title (about 15 µs each).
# Beyond the newest articles, the trigram index may offer thousands of titles to compare for
# a query made of common syllables: after this long (ms) the newest articles' suggestions do.
NEAR_MISS_LIMIT = 40
NEAR_MISS_MAX_MS = 150
QUERY_CANCELED = "57014"
SNIPPET_BODY = 600  # characters of the body where a snippet looks for the words
SNIPPET_WORDS = 35


def body_text(field="body"):
    """The body without its HTML tags (SQL), so tag names are never searched or shown."""
    return Func(
        F(field),
        Value("<[^>]*>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def document():
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("lead", weight="B", config=CONFIG)
        + SearchVector(body_text(), weight="C", config=CONFIG)
    )


def reindex(queryset):
    """Refresh the stored search vectors of `queryset` in one UPDATE."""
    return queryset.update(search_vector=document())


def clean_query(text):
    """What is safe and useful to send: no control characters (a NUL breaks PostgreSQL),
    single spaces, at most MAX_QUERY_LENGTH characters."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass
class Found:
    """The result of a search: article ids best first, at most LIMIT of them."""

    query: str = ""
    ids: list = field(default_factory=list)
    capped: bool = False  # more than LIMIT articles matched: only the newest LIMIT are ranked
    fuzzy: bool = False  # nothing matched exactly: titles with similar words


def find(articles, text, scope=""):
    """Search `articles` for `text`: exact matches, or else near misses (misspellings).

    A common word matches most of the archive; ranking all of them would read every match.
    The candidates are the newest LIMIT matches instead, ranked among themselves. `scope`
    names the filters that made `articles` from the published articles (one key per set of
    filters for the cached boundary of the newest ones)."""
    from .page_cache import cached  # it imports news.models, which imports this module

    if not text:
        return Found()
    # The same for every search in the scope until something is published: kept (in a tuple,
    # since an archive smaller than RECENT has no boundary).
    (boundary,) = cached(f"search-boundary:{scope}", lambda: (_recent_boundary(articles, RECENT),))
    found = Found(text, *_ranked(matching(articles, text), "rank", LIMIT, boundary))
    if not found.ids:
        near = _ranked(
            near_misses(articles, text),
            "similarity",
            NEAR_MISS_LIMIT,
            boundary,
            give_up_after=NEAR_MISS_MAX_MS,
        )
        found = Found(text, *near, fuzzy=True)
    return found


def _recent_boundary(articles, count):
    """The publication time of the `count`-th newest of `articles` (None if there are fewer)."""
    newest = articles.order_by("-published_at", "-pk").values_list("published_at", flat=True)
    return next(iter(newest[count - 1 : count]), None)


def _newest(candidates, score, limit, boundary, give_up_after=None):
    """(id, `score`, publication time) of the newest `limit` + 1 candidates, in two steps that
    each read a bounded number of rows, whatever PostgreSQL estimates of the matches."""
    newest = candidates.order_by("-published_at", "-pk")
    # A common word has enough matches among the RECENT newest articles (all of them, in an
    # archive that has fewer: the same two steps, whatever the archive's size). Read in index
    # order, so the score is computed for the rows returned only.
    within = newest if boundary is None else newest.filter(published_at__gte=boundary)
    recent = list(within.values_list("pk", score, "published_at")[: limit + 1])
    if len(recent) > limit:
        return recent
    # A rarer word: all its matches, from the GIN index. PostgreSQL may think a phrase common
    # and walk the whole archive newest first to find it (0.6 s at 100,000 articles for a
    # phrase in five of them): ordered index scans are off for this one query. It sorts what
    # it finds: the scores are computed afterwards, for the newest only.
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_indexscan = off")
            if give_up_after:
                cursor.execute("SET LOCAL statement_timeout = %s", [give_up_after])
            ids = list(newest.values_list("pk", flat=True)[: limit + 1])
            # Back to the defaults at once: an enclosing transaction (a test's) goes on.
            cursor.execute("SET LOCAL enable_indexscan TO DEFAULT")
            cursor.execute("SET LOCAL statement_timeout TO DEFAULT")
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) != QUERY_CANCELED:
            raise
        return recent  # what the recent articles gave: suggestions, not the whole archive's
    return list(
        candidates.model.objects.filter(pk__in=ids)
        .annotate(**{score: candidates.query.annotations[score]})
        .values_list("pk", score, "published_at")
    )


def _ranked(candidates, score, limit, boundary, give_up_after=None):
    """The ids of the newest `limit` candidates, best `score` first; and whether there were
    more."""
    rows = _newest(candidates, score, limit, boundary, give_up_after)
    rows.sort(key=lambda row: (row[1], row[2], row[0]), reverse=True)
    return [pk for pk, _score, _published_at in rows[:limit]], len(rows) > limit


def matching(articles, text):
    """`articles` that match `text`, with their `rank`."""
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    return articles.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))


def with_snippets(ids, found):
    """The articles `ids` (in that order) with their category and a highlighted `snippet`:
    the words found in the lead and the start of the body, or the lead for near misses."""
    from .models import Article  # news.models imports this module (reindex)

    articles = (
        Article.objects.filter(pk__in=ids)
        .select_related("category")
        .only("pk", "slug", "title", "lead", "published_at", "category")
        .annotate(body_start=Left("body", SNIPPET_BODY))
    )
    by_id = {a.pk: a for a in articles}
    ordered = [by_id[pk] for pk in ids if pk in by_id]
    words = set() if found.fuzzy else set(WORD.findall(fold(found.query)))
    for article in ordered:
        body = html.unescape(TAG.sub(" ", article.body_start))
        article.snippet = snippet(f"{article.lead} {body}" if words else article.lead, words)
    return ordered


# Words as PostgreSQL's parser sees them, and tags and accents as the "vietnamese" search
# configuration drops them: here in Python, which takes half the time ts_headline took for a
# page of results (3.8 ms against 7.3: its "vietnamese" dictionary looks up every word).
WORD = re.compile(r"\w+")
TAG = re.compile(r"<[^>]*>")
ACCENTS = re.compile("[\u0300-\u036f]")  # the combining marks NFD leaves after the letters


def fold(text):
    """Lower case without accents: "Quốc phòng" -> "quoc phong"."""
    return ACCENTS.sub("", unicodedata.normalize("NFD", text.lower().replace("đ", "d")))


def snippet(text, words, length=SNIPPET_WORDS):
    """HTML: the `length` words of `text` around most of `words` (folded), each marked."""
    spans = [match.span() for match in WORD.finditer(text)]
    hits = [word in words for word in WORD.findall(fold(text))]
    if len(hits) != len(spans):  # a letter that folding splits: show the text as it is
        hits = [False] * len(spans)
    start, count = 0, sum(hits[:length])
    best = count
    for first in range(1, len(hits) - length + 1):  # slide the window one word at a time
        count += hits[first + length - 1] - hits[first - 1]
        if count > best:
            start, best = first, count
    shown = range(start, min(start + length, len(spans)))
    if not shown:
        return mark_safe(html.escape(text))
    # html.escape, not django's escape(): a page has two thousand pieces to escape.
    pieces, position = [], spans[shown[0]][0]
    for index in shown:
        begin, end = spans[index]
        pieces.append(html.escape(text[position:begin]))
        word = html.escape(text[begin:end])
        pieces.append(f"<mark>{word}</mark>" if hits[index] else word)
        position = end
    before = "… " if shown[0] > 0 else ""
    after = " …" if shown[-1] < len(spans) - 1 else ""
    return mark_safe(before + "".join(pieces) + after)


def folded(expression):
    """Accent-folded text, with the IMMUTABLE wrapper of migration 0009 so that
    the trigram index on titles applies."""
    return Func(expression, function="news_unaccent", output_field=TextField())


def near_misses(articles, text):
    """Fallback for misspellings: titles with words close to the query, accents ignored, with
    their `similarity`.

    `%>` (word similarity above pg_trgm's threshold, 0.6 by default) uses the trigram index.
    """
    query = folded(Value(text))
    return (
        articles.alias(folded_title=folded(F("title")))
        .filter(folded_title__trigram_word_similar=query)
        .annotate(similarity=TrigramWordSimilarity(query, folded(F("title"))))
    )
