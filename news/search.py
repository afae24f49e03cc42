"""Full-text search of published articles that ignores Vietnamese accents.

PostgreSQL does the work: a text search configuration "vietnamese" (simple + unaccent, made by
migration 0007) folds "Quốc phòng" and "quoc phong" to the same lexemes; each article keeps a
weighted vector (title A, lead B, body C) refreshed on save, with a GIN index. What a reader
types is searched as text: a spaced dash is punctuation, never "without"; quoted phrases and OR
work as extras. The best first: the words side by side as typed, then the accents the reader
typed, then cover density (title, lead, body; words close together), then the newest.

When nothing matches, misspelt words are corrected from the words and word pairs of published
titles and leads (news/corrections.py); when that finds nothing either, trigram word
similarity on accent-folded titles (indexed) offers near misses. Every step reads a bounded
number of rows, whatever the archive's size. Snippets are cut and highlighted in Python, from
the lead and the start of the body.
"""

import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.exceptions import EmptyResultSet
from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Func, Q, TextField, Value
from django.db.models.functions import Left
from django.utils.safestring import mark_safe

from . import corrections

CONFIG = "vietnamese"
MAX_QUERY_LENGTH = 200
LIMIT = 200  # matches ranked and shown, newest first
# Results a page, best first, as most search engines show. Each costs its snippet and its
# lines of the page: at 20 a page a search took 12-14% longer (`make bench`'s searches in one
# process, 100,000 articles: 8.3 against 7.2 ms for a common word, 12.0 against 10.5 for a
# misspelling), and on a phone 20 snippets are a long way down to the page links.
RESULTS_PER_PAGE = 10
RECENT = 2000  # the newest articles where a common word's matches are looked for first
# Then, for a word that is neither common nor rare, the newest WIDE articles, from the
# full-text index and the index of publication times together (a bitmap of both), before the
# whole archive: "tiem chung", in 7,760 of 100,000 articles, read 1,587 rows instead of 7,760
# (5 ms instead of 13).
WIDE = 20_000
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
    """Refresh the stored search vectors of `queryset` in one UPDATE, and learn the terms of
    those that are published (or scheduled: terms only correct queries, never show)."""
    updated = queryset.update(search_vector=document())
    corrections.learn_terms(queryset)
    return updated


def clean_query(text):
    """What is safe and useful to send: no control characters (a NUL breaks PostgreSQL), letters
    composed with their marks, single spaces, at most MAX_QUERY_LENGTH characters."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text or "")
    # Composed: some keyboards type a letter and its marks apart ("o" + "̂" + "́").
    return " ".join(unicodedata.normalize("NFC", text).split())[:MAX_QUERY_LENGTH]


@dataclass
class Found:
    """The result of a search: article ids best first, at most LIMIT of them."""

    query: str = ""
    ids: list = field(default_factory=list)
    capped: bool = False  # more than LIMIT articles matched: only the newest LIMIT are ranked
    fuzzy: bool = False  # nothing matched exactly: corrected words, or titles with similar words
    matched: str = ""  # the words the articles hold: the query's, or their correction's


def find(articles, text, scope=None):
    """Search `articles` for `text`: exact matches, or else near misses (misspellings).

    A common word matches most of the archive; ranking all of them would read every match.
    The candidates are the newest LIMIT matches instead, ranked among themselves. `scope`
    names the filters that made `articles` from the published articles, for the cached
    boundary of the newest ones (None: not cached)."""
    from .page_cache import cached  # it imports news.models, which imports this module

    if not text:
        return Found()
    # The same for every search in the scope until something is published: kept (in a tuple,
    # since an archive smaller than RECENT has no boundary). Not for date filters: endless pairs.
    if scope is None:
        boundaries = _boundaries(articles)
    else:
        boundaries = cached(f"search-boundaries:{scope}", lambda: _boundaries(articles))
    found = Found(text, *_best_matches(articles, text, boundaries), matched=text)
    if not found.ids and (words := corrections.corrected(WORD.findall(fold(text)))):
        correction = " ".join(words)
        found = Found(
            text, *_best_matches(articles, correction, boundaries), fuzzy=True, matched=correction
        )
    if not found.ids:
        near = _ranked(
            near_misses(articles, text),
            ("pk", "similarity"),
            lambda rows: [row[1] for row in rows],
            NEAR_MISS_LIMIT,
            boundaries,
            give_up_after=NEAR_MISS_MAX_MS,
        )
        found = Found(text, *near, fuzzy=True)
    return found


def _best_matches(articles, text, boundaries):
    """The ids of the newest LIMIT matches of `text`, best first, and whether there were more.

    Best: the words side by side as typed (a phrase), then the words typed with accents found
    with those accents in the title or lead ("lửa" before "lúa"), then PostgreSQL's cover
    density rank (title above lead above body, words close together above words far apart),
    then the newest."""
    # One pattern a word, searched in C over all the titles and leads at once: a Python loop
    # over the words of 200 titles and leads took 4 ms, a search a row 1 ms. The word comes
    # first, so the search skips from one occurrence to the next; what stands before it is
    # looked behind afterwards (a pattern that starts by looking behind took 1.2 ms).
    accented = [
        re.compile(rf"{word}(?<!\w{word})(?!\w)") for word in map(re.escape, accented_words(text))
    ]
    fields = ("pk", "phrase", "rank") + (("title", "lead") if accented else ())

    def relevance(rows):
        accents = [0] * len(rows)
        if accented:
            # Rows apart by a character no text holds (PostgreSQL stores no NUL), not a word's.
            joined = "\0".join(f"{row[3]} {row[4]}" for row in rows).lower()
            if not unicodedata.is_normalized("NFC", joined):
                joined = unicodedata.normalize("NFC", joined)
            # Where each row starts, once lower case and composition have changed lengths.
            starts = list(accumulate((len(part) + 1 for part in joined.split("\0")), initial=0))
            for word in accented:
                for at in {
                    bisect_right(starts, match.start()) - 1 for match in word.finditer(joined)
                }:
                    accents[at] += 1
        return [(row[1], accents[at], row[2]) for at, row in enumerate(rows)]

    # A word in no published title or lead (a misspelling, mostly, or a body's rare word) has
    # few matches if any: they are looked up in the full-text index at once, not first among
    # the newest articles (a misspelling's empty search took two statements). Not with OR,
    # whose other words may be common.
    rare = not OR_WORD.search(text) and corrections.unknown(WORD.findall(fold(text)))
    return _ranked(matching(articles, text), fields, relevance, LIMIT, boundaries, rare=rare)


def accented_words(text):
    """The words of `text` the reader typed with accents, lower case."""
    words = WORD.findall(unicodedata.normalize("NFC", text.lower()))
    return {word for word in words if fold(word) != word}


def _recent_boundary(articles, count):
    """The publication time of the `count`-th newest of `articles` (None if there are fewer)."""
    newest = articles.order_by("-published_at", "-pk").values_list("published_at", flat=True)
    return next(iter(newest[count - 1 : count]), None)


def _boundaries(articles):
    """(RECENT-th, WIDE-th) newest publication times of `articles`, each None if there are
    fewer, in one query."""
    newest = articles.order_by("-published_at", "-pk").values_list("published_at", flat=True)
    try:
        parts = [newest[count - 1 : count].query.sql_with_params() for count in (RECENT, WIDE)]
    except EmptyResultSet:  # no category to search in (a filter left none): no article
        return None, None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ({}), ({})".format(*(sql for sql, _params in parts)),
            [param for _sql, params in parts for param in params],
        )
        return tuple(cursor.fetchone())


def _newest(candidates, fields, limit, boundaries, give_up_after=None, rare=False):
    """`fields` of the newest `limit` + 1 candidates, in steps that each read a bounded
    number of rows, whatever PostgreSQL estimates of the matches. `boundaries`: the times of
    the RECENT-th and the WIDE-th newest articles (_boundaries). `rare`: the candidates are
    expected to be few."""
    recent_boundary, wide_boundary = boundaries
    newest = candidates.order_by("-published_at", "-pk")
    if rare:
        # All the matches from the full-text index at once, RECENT at most: a word with more
        # is common in bodies after all, and looked for as any other word.
        ids = _matches_by_index(newest, limit, at_most=RECENT)
        if ids is not None:
            return _scored(candidates, fields, ids)
    # A common word has enough matches among the RECENT newest articles (all of them, in an
    # archive that has fewer: the same steps, whatever the archive's size). Read in index
    # order, so the scores are computed for the rows returned only.
    within = newest if recent_boundary is None else newest.filter(published_at__gte=recent_boundary)
    recent = list(within.values_list(*fields)[: limit + 1])
    if len(recent) > limit:
        return recent
    # A word about as frequent in the newest WIDE articles is looked for there, when the
    # recent ones promise enough; a rarer word in the whole archive, from the full-text index.
    ids = None
    if wide_boundary is not None and len(recent) * (WIDE // RECENT) > limit:
        wide = newest.filter(published_at__gte=wide_boundary)
        ids = _matches_by_index(wide, limit, give_up_after)
        if ids is None:
            return recent  # what the recent articles gave: suggestions, not the archive's
        if len(ids) <= limit:
            ids = None
    if ids is None:
        ids = _matches_by_index(newest, limit, give_up_after)
        if ids is None:
            return recent
    return _scored(candidates, fields, ids)


def _scored(candidates, fields, ids):
    """`fields` of the candidates `ids`, newest first."""
    if not ids:
        return []  # a misspelling, mostly: no query to build for the scores of nothing
    annotations = candidates.query.annotations
    return list(
        candidates.model.objects.filter(pk__in=ids)
        .annotate(**{name: annotations[name] for name in fields if name in annotations})
        .order_by("-published_at", "-pk")
        .values_list(*fields)
    )


def _matches_by_index(newest, limit, give_up_after=None, at_most=None):
    """The ids of the newest `limit` + 1 of `newest` (candidates in order); None if it took
    longer than `give_up_after` ms, or if more than `at_most` match (no more are read).

    PostgreSQL may think a phrase common and walk the whole archive newest first to find it
    (0.6 s at 100,000 articles for a phrase in five of them): the matches are found whole
    first (from the full-text index), in a materialized CTE that the LIMIT cannot reach, then
    sorted. The scores are computed afterwards, for the newest only."""
    try:
        found, params = newest.order_by().values_list("pk", "published_at").query.sql_with_params()
    except EmptyResultSet:  # no category to search in: no article
        return []
    counted = ""
    if at_most is not None:
        found, params, counted = f"{found} LIMIT %s", (*params, at_most + 1), ", count(*) OVER ()"
    newest_first = (
        f"WITH found (pk, published_at) AS MATERIALIZED ({found}) "
        f"SELECT pk{counted} FROM found ORDER BY published_at DESC, pk DESC LIMIT %s"
    )
    params = (*params, limit + 1)
    if not give_up_after:
        # One statement: no transaction, no setting (a rare word's search had four more).
        with connection.cursor() as cursor:
            cursor.execute(newest_first, params)
            rows = cursor.fetchall()
    else:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {int(give_up_after)}")
                cursor.execute(newest_first, params)
                rows = cursor.fetchall()
                # Back to the default at once: an enclosing transaction (a test's) goes on.
                cursor.execute("SET LOCAL statement_timeout TO DEFAULT")
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) != QUERY_CANCELED:
                raise
            return None
    if at_most is not None and rows and rows[0][1] > at_most:
        return None
    return [row[0] for row in rows]


def _ranked(candidates, fields, relevance, limit, boundaries, give_up_after=None, rare=False):
    """The ids of the newest `limit` candidates, the most relevant first, the newest first
    among equals, and whether there were more. `relevance(rows)`: the rows' sort keys (higher
    first); a row holds `fields`, the id first."""
    rows = _newest(candidates, fields, limit, boundaries, give_up_after, rare)
    keys = relevance(rows)
    # Rows come newest first, and a sort keeps the order of equals, reversed or not.
    order = sorted(range(len(rows)), key=keys.__getitem__, reverse=True)
    return [rows[at][0] for at in order[:limit]], len(rows) > limit


# A dash that does not follow a letter or digit is punctuation in Vietnamese ("An ninh - Quốc
# phòng"), never the "without this word" of a web search engine, which websearch_to_tsquery
# also reads after a bracket or a quote; inside a word ("QĐ-UBND") it stays.
EXCLUDING_DASH = re.compile(r"(?<!\w)-+")
# websearch_to_tsquery's own syntax, in any case: not words of the text.
OR_WORD = re.compile(r"\b[oO][rR]\b")
QUOTE_OR_OR = re.compile(rf'"|{OR_WORD.pattern}')


def as_text(text):
    """`text` for websearch_to_tsquery as words to find: its quoted phrases and OR are kept (the
    documented extras), nothing excludes a word."""
    return EXCLUDING_DASH.sub(" ", text)


class PhrasePairs(SearchQuery):
    """The pairs of neighbouring words that every article holding `phrase` has (migration
    0015's news_phrase_pairs), to look up in Article.search_pairs."""

    def __init__(self, phrase):
        super().__init__(phrase)
        self.function = "news_phrase_pairs"


# A quoted phrase of two words or more, each only letters or digits: its words are the vector's
# lexemes as they stand, so its pairs are exactly those of the articles that hold it.
PLAIN_PHRASE = re.compile(r'"(\s*\w+(?:\s+\w+)+\s*)"')
# Letters and digits only: one word to PostgreSQL's parser too (which splits at "_").
ONE_WORD = re.compile(r"\s*[^\W_]+\s*")


def matching(articles, text):
    """`articles` that match `text`, with their `rank` (cover density: words close together
    count more) and whether they hold its words side by side as typed (`phrase`)."""
    text = as_text(text)
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    # Quotes and OR are the query's own: a phrase of its words as they come, without them.
    phrase = SearchQuery(QUOTE_OR_OR.sub(" ", text), search_type="phrase", config=CONFIG)
    articles = articles.filter(search_vector=query)
    # A quoted phrase of common syllables ("trống đồng Ngọc Lũ"): thousands of articles hold
    # its words, a handful side by side. Their pairs' index finds the handful (82 ms -> 0.1 ms
    # at 100,000 articles); the phrase is then checked in those alone.
    # Not with OR: then an article may hold one phrase and not the other.
    for quoted in [] if OR_WORD.search(text) else PLAIN_PHRASE.findall(text):
        articles = articles.filter(search_pairs=PhrasePairs(quoted))
    if ONE_WORD.fullmatch(text) and not OR_WORD.fullmatch(text):
        # A word is a phrase of itself: every match holds it. Not asked of PostgreSQL, which
        # would read each match's vector once more (a millisecond for 200 matches).
        side_by_side = Value(True, output_field=BooleanField())
    else:
        side_by_side = ExpressionWrapper(Q(search_vector=phrase), output_field=BooleanField())
    return articles.annotate(
        rank=SearchRank(F("search_vector"), query, cover_density=True), phrase=side_by_side
    )


@dataclass
class Result:
    """An article in a list of results: what the list shows of it."""

    pk: int
    slug: str
    title: str
    published_at: object
    category: object
    snippet: str

    def get_absolute_url(self):
        from .models import Article

        return Article.get_absolute_url(self)  # the article's address, from its pk and slug


def with_snippets(ids, found, categories):
    """The articles `ids` (in that order) as Results, with their category (from `categories`,
    by id: the category tree) and a highlighted `snippet`: the words found in the lead and the
    start of the body, or the lead for near misses. Rows, not model instances: a results page
    took a millisecond more to make those."""
    from .models import Article  # news.models imports this module (reindex)

    columns = ("pk", "slug", "title", "lead", "published_at", "category_id")
    rows = (
        Article.objects.filter(pk__in=ids)
        .order_by()
        .values_list(*columns, Left("body", SNIPPET_BODY))
    )
    by_id = {row[0]: row for row in rows}
    words = WORD.findall(fold(QUOTE_OR_OR.sub(" ", found.matched)))
    results = []
    for pk in ids:
        if pk not in by_id or by_id[pk][5] not in categories:
            continue  # unpublished or hidden since the search
        pk, slug, title, lead, published_at, category_id, body_start = by_id[pk]
        text = f"{lead} {html.unescape(TAG.sub(' ', body_start))}" if words else lead
        results.append(
            Result(pk, slug, title, published_at, categories[category_id], snippet(text, words))
        )
    return results


# Words as PostgreSQL's parser sees them, and tags and accents as the "vietnamese" search
# configuration drops them: here in Python, which takes half the time ts_headline took for a
# page of results (3.8 ms against 7.3: its "vietnamese" dictionary looks up every word).
WORD = re.compile(r"\w+")
SPLIT_WORDS = re.compile(r"(\w+)")
TAG = re.compile(r"<[^>]*>")
ACCENTS = re.compile("[\u0300-\u036f]")  # the combining marks NFD leaves after the letters


def fold(text):
    """Lower case without accents: "Quốc phòng" -> "quoc phong"."""
    return ACCENTS.sub("", unicodedata.normalize("NFD", text.lower().replace("đ", "d")))


MARK_START, MARK_END = "\ue000", "\ue001"  # never in a snippet's text: taken out first


def snippet(text, words, length=SNIPPET_WORDS):
    """HTML: the `length` words of `text` around most of the query's `words` (folded, in the
    order typed), marked. Where the words stand side by side as typed, only those runs are
    marked, each as one: "lễ hội", not the "Lễ" of "Lễ giao nhận" and a "Hội" elsewhere."""
    text = text.replace(MARK_START, "").replace(MARK_END, "")
    # Words and what stands between them, split in C: [between, word, between, …, between].
    # A match object a word cost a results page a millisecond.
    parts = SPLIT_WORDS.split(text)
    count = len(parts) // 2
    found = _folded_words(parts[1::2])
    if found is None:  # a letter that folding splits or drops: show the text as it is
        found = [""] * count
    typed = set(words)
    hits = _phrase_hits(found, words) or [word in typed for word in found]
    if not count:
        return mark_safe(html.escape(text))
    # The first window of `length` words holding the most hits.
    totals = list(accumulate(hits, initial=0))
    windows = [totals[first + length] - totals[first] for first in range(count - length + 1)]
    start = windows.index(max(windows)) if windows else 0
    stop = min(start + length, count)
    # Marks go in as two private-use characters, and the text is escaped once at the end:
    # escaping each word on its own took a third of a results page's time.
    pieces, marking = [], False
    for index in range(start, stop):
        word = parts[2 * index + 1]
        if index > start:
            between = parts[2 * index]
            # A run of marked words goes on across spaces only.
            if marking and (not hits[index] or between.strip()):
                pieces.append(MARK_END)
                marking = False
            pieces.append(between)
        if hits[index] and not marking:
            pieces.append(MARK_START)
            marking = True
        pieces.append(word)
    if marking:
        pieces.append(MARK_END)
    marked = html.escape("".join(pieces)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    before = "… " if start > 0 else ""
    after = " …" if stop < count else ""
    return mark_safe(before + marked + after)


# Each word as fold() makes it, or None if that is not one word: a district's texts use a few
# thousand syllables, and folding each again took a third of a snippet's time.
_FOLDED = {}
FOLDED_WORDS = 50_000


def _folded_words(words):
    """fold() of each of `words`, or None if one of them is not a single word once folded."""
    folded = []
    for word in words:
        found = _FOLDED.get(word)
        if found is None:
            found = fold(word)
            if not WORD.fullmatch(found):
                return None
            if len(_FOLDED) < FOLDED_WORDS:
                _FOLDED[word] = found
        folded.append(found)
    return folded


def _phrase_hits(found, words):
    """Which of the `found` words belong to a run of two or more of the query's `words` in the
    order typed ("lễ hội" of "lễ hội đền"); None when there is no such run."""
    if len(words) < 2:
        return None
    places = {}
    for at, word in enumerate(words):
        places.setdefault(word, []).append(at)
    hits = [False] * len(found)
    for start, word in enumerate(found):
        for first in places.get(word, ()):
            length = 1
            while (
                start + length < len(found)
                and first + length < len(words)
                and found[start + length] == words[first + length]
            ):
                length += 1
            if length >= 2:
                hits[start : start + length] = [True] * length
    return hits if any(hits) else None


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
