"""Full-text search of published articles that ignores Vietnamese accents.

PostgreSQL does the work: a text search configuration "vietnamese" (simple + unaccent, made by
migration 0007) folds "Quốc phòng" and "quoc phong" to the same lexemes; each article keeps a
weighted vector (title A, lead B, body C) refreshed on save, with a GIN index. When nothing
matches, trigram word similarity on accent-folded titles (indexed) finds near misses
("quoc phog").
"""

import html
import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

CONFIG = "vietnamese"
MAX_QUERY_LENGTH = 200
# Markers PostgreSQL puts around matched words; replaced by <mark> after escaping the text.
START, STOP = "\x02", "\x03"


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


def matching(articles, text):
    """`articles` that match `text`, best first, each with a highlighted `snippet_raw`."""
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    return (
        articles.filter(search_vector=query)
        .annotate(
            rank=SearchRank(F("search_vector"), query),
            snippet_raw=SearchHeadline(
                Concat("lead", Value(" "), body_text(), output_field=TextField()),
                query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-published_at", "-pk")
    )


def folded(expression):
    """Accent-folded text, with the IMMUTABLE wrapper of migration 0009 so that
    the trigram index on titles applies."""
    return Func(expression, function="news_unaccent", output_field=TextField())


def near_misses(articles, text):
    """Fallback for misspellings: titles with words close to the query, accents ignored.

    `%>` (word similarity above pg_trgm's threshold, 0.6 by default) uses the trigram index.
    """
    query = folded(Value(text))
    return (
        articles.alias(folded_title=folded(F("title")))
        .filter(folded_title__trigram_word_similar=query)
        .annotate(similarity=TrigramWordSimilarity(query, folded(F("title"))))
        .order_by("-similarity", "-published_at")
    )


def snippet_html(raw):
    """Escape the headline text, then turn PostgreSQL's markers into <mark>."""
    # The body text still carries the HTML entities of the stored body (&amp;, &nbsp;).
    text = escape(html.unescape(raw or ""))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))
