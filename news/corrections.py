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
from rapidfuzz import process
from rapidfuzz.distance import OSA

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

MAX_EDITS = 2  # letters added, dropped, changed or swapped with a neighbour in a term
MAX_WORDS = 8
# Pairs to look up are made of the most common words among the many that are an edit further
# than a word may go alone, or an edit away from both words of a pair changed together: a
# query of short words would otherwise make thousands.
FURTHER = 50
BOTH_CHANGED = 10
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
    correctable neighbour, alone), as typed and corrected: a lone word by the lexicon's words
    a few edits away (allowed_edits), a pair by the lexicon's pairs made of such words
    (_pair_candidates), looked up by key. The fewest edits win, then the most common term.
    The best corrections are applied first, and one that disagrees with a word already settled
    is skipped."""
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
    vocabulary = _vocabulary()
    # Each word compared with the lexicon's once, at the farthest a pair may take it, however
    # many pairs it belongs to.
    looked_up_words = {word for _at, term in looked_up for word in term.split()}
    near = {word: _near(word, _reach(word, vocabulary), vocabulary) for word in looked_up_words}
    choices = []  # (edits, -seen, position, term)
    pairs = {}  # a pair the lexicon may hold: [(edits, position)]
    for position, term in looked_up:
        if " " in term:
            for one, other, edits in _pair_candidates(*term.split(), near, vocabulary):
                pairs.setdefault(f"{one} {other}", []).append((edits, position))
        else:
            alone = [(term, 0), *((w, e) for w, e in near[term] if e <= allowed_edits(term))]
            choices += [
                (edits, -vocabulary[w], position, w) for w, edits in alone if w in vocabulary
            ]
    if pairs:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term, seen FROM news_searchterm WHERE term = ANY(%s)", [[*pairs]]
            )
            for term, seen in cursor.fetchall():
                choices += [(edits, -seen, position, term) for edits, position in pairs[term]]
    settled = {}
    for _edits, _seen, position, term in sorted(choices):
        replacement = dict(enumerate(term.split(), start=position))
        if all(settled.get(at, word) == word for at, word in replacement.items()):
            settled.update(replacement)
    result = [settled.get(at, word) for at, word in enumerate(words)]
    return result if result != words else None


def unknown(words):
    """Whether a word of `words` (folded) that the lexicon may hold is in no title or lead it
    learnt: a misspelling, or a word that only bodies hold."""
    words = [word for word in words if CORRECTABLE.fullmatch(word)]
    if not words:
        return False  # numbers: nothing to read the lexicon for
    vocabulary = _vocabulary()
    return any(word not in vocabulary for word in words)


def allowed_edits(word):
    """Edits a lone word may need: none for a letter, one up to four letters, else MAX_EDITS."""
    return 0 if len(word) < 2 else 1 if len(word) < 5 else MAX_EDITS


def _reach(word, vocabulary):
    """Edits a word may need beside another: one more than alone for a word the lexicon lacks,
    its neighbour vouching for it ("tre m" is "tre em", "khuyen hk" is "khuyen hoc")."""
    alone = allowed_edits(word)
    return alone + 1 if word not in vocabulary and alone < MAX_EDITS else alone


def _pair_candidates(first, second, near, vocabulary):
    """(word, word, edits) that may be the pair `first second`: as typed; one word changed, by
    _reach() at most (beyond what it may alone, only its FURTHER most common changes); or both
    changed, by an edit each. `near`: each word's [(word of `vocabulary`, edits)] (_near)."""
    yield first, second, 0
    kept = {}
    for word in (first, second):
        alone = allowed_edits(word)
        further = sorted(
            (item for item in near[word] if item[1] > alone),
            key=lambda item: vocabulary[item[0]],
            reverse=True,
        )
        kept[word] = [item for item in near[word] if item[1] <= alone] + further[:FURTHER]
    yield from ((word, second, edits) for word, edits in kept[first])
    yield from ((first, word, edits) for word, edits in kept[second])
    if allowed_edits(first) and allowed_edits(second):
        ones = [
            sorted((w for w, edits in kept[word] if edits == 1), key=vocabulary.get, reverse=True)
            for word in (first, second)
        ]
        for one in ones[0][:BOTH_CHANGED]:
            for other in ones[1][:BOTH_CHANGED]:
                yield one, other, 2


def _near(word, edits, vocabulary):
    """[(word of `vocabulary`, edits)] other than `word`, `edits` away at most. Two letters
    swapped count as one edit ("qouc" is "quoc")."""
    alike = process.extract(
        word, vocabulary.keys(), scorer=OSA.distance, score_cutoff=edits, limit=None
    )
    return [(other, distance) for other, distance, _at in alike if other != word]


def _vocabulary():
    """{word: saves that held it} of the lexicon, kept per content version. It grows slowly:
    the words of titles and leads are a language's syllables, names and abbreviations (and
    the odd typo of an article), whatever the number of articles."""
    from .models import SearchTerm  # news.models imports news.search, which imports this
    from .page_cache import cached

    return cached(
        "search-words", lambda: dict(SearchTerm.objects.words().values_list("term", "seen"))
    )
