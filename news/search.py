"""Full-text search of published articles that ignores Vietnamese accents.

PostgreSQL does the work: a text search configuration "vietnamese" (simple + unaccent, made by
migration 0007) folds "Quốc phòng" and "quoc phong" to the same lexemes; each article keeps a
weighted vector (title A, lead B, body C) refreshed on save, with a GIN index. When nothing
matches, trigram similarity on titles finds near misses ("quoc phog").
"""

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
FUZZY_THRESHOLD = 0.4
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


def near_misses(articles, text):
    """Fallback for misspellings: titles whose words are close to the query, accents ignored."""
    folded = Func(Value(text), function="unaccent", output_field=TextField())
    return (
        articles.annotate(
            similarity=TrigramWordSimilarity(
                folded, Func(F("title"), function="unaccent", output_field=TextField())
            )
        )
        .filter(similarity__gte=FUZZY_THRESHOLD)
        .order_by("-similarity", "-published_at")
    )


def snippet_html(raw):
    """Escape the headline text, then turn PostgreSQL's markers into <mark>."""
    return mark_safe(escape(raw or "").replace(START, "<mark>").replace(STOP, "</mark>"))
