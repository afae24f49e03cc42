"""Corrections of misspelt search words, from a lexicon of the published titles and leads.

The lexicon (SearchTerm) holds every word of a published article's title and lead, folded as
search folds them ("quoc phong"), and every pair of words side by side: Vietnamese words are
mostly two syllables, so a pair corrects a syllable by its neighbour ("khuyen hok" is "khuyen
hoc", not "khuyen ho"). Articles teach it when they are saved (news/search.py, reindex). A term
counts the saves that held it; terms are never removed, so a term no longer in any article only
offers a correction that finds nothing (the search then falls back to similar titles).
"""

import itertools
import re

from django.db import connection

# The words of titles and leads, folded as the "vietnamese" configuration folds them, and each
# pair of words side by side (within one field); numbers are not learnt. Inserted in the order
# of the terms, so that two saves at once lock the rows they share in the same order.
LEARN_TERMS = """
    WITH words AS (
        SELECT regexp_split_to_array(lower(news_unaccent(field.text)), '[^a-z0-9]+') AS w
        FROM news_article article
        CROSS JOIN LATERAL (VALUES (article.title), (article.lead)) AS field(text)
        WHERE article.status = 'published' AND article.id IN ({ids})
    ), terms AS (
        SELECT w[i] AS term FROM words, generate_subscripts(w, 1) AS i WHERE w[i] ~ '^[a-z]+$'
        UNION ALL
        SELECT w[i] || ' ' || w[i + 1] FROM words, generate_subscripts(w, 1) AS i
        WHERE i < array_length(w, 1) AND w[i] ~ '^[a-z]+$' AND w[i + 1] ~ '^[a-z]+$'
    )
    INSERT INTO news_searchterm (term, seen)
    SELECT left(term, 200), count(*) FROM terms GROUP BY 1 ORDER BY 1
    ON CONFLICT (term) DO UPDATE SET seen = news_searchterm.seen + EXCLUDED.seen
"""

CANDIDATES = 8  # the terms most alike (trigrams) each misspelt term is compared with
MAX_EDITS = 2  # letters added, dropped or changed in a term to correct it
MAX_WORDS = 8
# A term that exists is itself (the primary key); only the others are looked for among alike
# ones, whose trigrams are many for common syllables.
SIMILAR_TERMS = """
    SELECT looked_up.i, term.term, term.seen
    FROM unnest(%s::text[]) WITH ORDINALITY AS looked_up(term, i)
    CROSS JOIN LATERAL (
        SELECT term, seen FROM news_searchterm WHERE term = looked_up.term
        UNION ALL (
            SELECT term, seen FROM news_searchterm
            WHERE term %% looked_up.term
                AND NOT EXISTS (SELECT FROM news_searchterm WHERE term = looked_up.term)
            ORDER BY similarity(term, looked_up.term) DESC, seen DESC LIMIT %s
        )
    ) AS term
"""
# Words the lexicon can correct: letters only. Numbers ("số 3") and the OR of a query stay.
CORRECTABLE = re.compile(r"[a-z]+")


def learn_terms(queryset):
    """Add the terms of the published articles of `queryset` to the lexicon."""
    ids, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(LEARN_TERMS.format(ids=ids), params)


def corrected(words):
    """`words` (folded, as typed) with the misspelt ones replaced by the closest terms of the
    lexicon; None when there is nothing to correct.

    Each pair of correctable words side by side is looked up (a correctable word without a
    correctable neighbour, alone), among the terms whose trigrams are alike (the index); the
    fewest edits win, then the most common term. The best corrections are applied first, and
    one that disagrees with a word already settled is skipped."""
    if not words or len(words) > MAX_WORDS:
        return None
    fixed = {at for at, word in enumerate(words) if word == "or" or not CORRECTABLE.fullmatch(word)}
    looked_up = []  # (first position, term)
    for at, (word, following) in enumerate(itertools.pairwise(words)):
        if at not in fixed and at + 1 not in fixed:
            looked_up.append((at, f"{word} {following}"))
    paired = {at + offset for at, _term in looked_up for offset in (0, 1)}
    looked_up += [(at, w) for at, w in enumerate(words) if at not in fixed | paired]
    if not looked_up:
        return None
    with connection.cursor() as cursor:
        cursor.execute(SIMILAR_TERMS, [[term for _at, term in looked_up], CANDIDATES])
        similar = cursor.fetchall()
    choices = []
    for i, term, seen in similar:
        position, original = looked_up[i - 1]
        edits = edit_distance(original, term)
        if edits <= MAX_EDITS and term.count(" ") == original.count(" "):
            choices.append((edits, -seen, position, term))
    settled = {}
    for _edits, _seen, position, term in sorted(choices):
        replacement = dict(enumerate(term.split(), start=position))
        if all(settled.get(at, word) == word for at, word in replacement.items()):
            settled.update(replacement)
    result = [settled.get(at, word) for at, word in enumerate(words)]
    return result if result != words else None


def edit_distance(a, b):
    """Levenshtein distance: letters to add, drop or change to make `b` of `a`."""
    previous = list(range(len(b) + 1))
    for i, letter in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other))
            )
        previous = current
    return previous[-1]
