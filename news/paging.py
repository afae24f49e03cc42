"""Page links for category lists that never count the archive and cost the same on any page.

A link to page N carries, besides `page=N`, a cursor `sau` ("after"): the publication time and
id of the last article of page N-1, so page N is read with one index scan from there
(news/listing.py), however deep it is. Each page reads two pages further on and two back, which
gives the links to its neighbours their own cursors and tells whether more pages follow, so no
page ever counts all the articles. A typed address with only `page=N` (an old link, a
bookmark) first finds its cursor with one offset lookup, then goes on the same way.

Pages follow the articles, not fixed slots: when an article is published while a reader pages
back and forth, the pages around the cursor shift by it, as in any keyset pagination.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from . import listing
from .page_cache import cached

PER_PAGE = 20
NEIGHBOURS = 2  # pages linked on each side of the current one
CURSOR = re.compile(r"(\d{1,17})_(\d{1,18})")
MAX_PAGE = 10**6


class NoSuchPage(Exception):
    """A page number or cursor that is malformed, or past the last article."""


@dataclass(frozen=True)
class Link:
    number: int | None  # None: a gap ("…")
    query: str = ""  # the query string of the page's address ("" for page 1)
    current: bool = False


@dataclass(frozen=True)
class Page:
    number: int
    items: list  # the rows (category lists) or ids (search) of the page
    links: list[Link]
    previous: Link | None
    next: Link | None


def cursor_text(key):
    published_at, article_id = key
    micros = round(published_at.timestamp() * 1_000_000)
    return f"{micros}_{article_id}"


def parse_cursor(text):
    match = CURSOR.fullmatch(text or "")
    if not match:
        raise NoSuchPage
    micros, article_id = map(int, match.groups())
    try:
        published_at = datetime.fromtimestamp(micros / 1_000_000, tz=UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise NoSuchPage from error
    return published_at, article_id


def parse_number(text):
    if text is None:
        return 1
    # isdecimal() also admits other scripts' digits, and int() refuses 4,300 digits or more.
    if not (text.isascii() and text.isdigit() and len(text) <= 9) or not 1 <= int(text) <= MAX_PAGE:
        raise NoSuchPage
    return int(text)


def page_of(category_ids, params, now=None):
    """The page asked for by the query parameters `params` (`page`, `sau`) of the list of
    `category_ids`. Raises NoSuchPage for a bad or empty page (but page 1 may be empty)."""
    number = parse_number(params.get("page"))
    cursor = params.get("sau")
    if cursor is not None and number > 1:
        key = parse_cursor(cursor)
    elif cursor is not None or number == 1:
        return _page_from(category_ids, 1, None, now)
    else:
        key = _typed_page_key(category_ids, number, now)
        if key is None:
            raise NoSuchPage
    return _page_from(category_ids, number, key, now)


def _typed_page_key(category_ids, number, now):
    """The key of the last article before page `number` (None past the end): one offset
    lookup, which reads every entry before the page (10,000 for page 500), kept until the
    content changes. Pages with a cursor need none."""

    def lookup():
        before = listing.newest(category_ids, 1, offset=(number - 1) * PER_PAGE - 1, now=now)
        return before[0].key if before else ()  # () is kept too: past the end

    if now is not None:  # a given time (tests, previews) is not the public's
        return lookup() or None
    digest = hashlib.blake2b(repr(sorted(category_ids)).encode(), digest_size=12).hexdigest()
    return cached(f"page-key:{digest}:{number}", lookup) or None


def _link(number, key):
    query = "" if key is None else f"page={number}&sau={cursor_text(key)}"
    return Link(number, query)


def _page_from(category_ids, number, key, now):
    ahead = listing.newest(category_ids, PER_PAGE * (NEIGHBOURS + 1) + 1, older_than=key, now=now)
    current = ahead[:PER_PAGE]
    if not current and number > 1:
        raise NoSuchPage
    following = []
    for step in range(1, NEIGHBOURS + 1):
        if len(ahead) > step * PER_PAGE:
            following.append(_link(number + step, ahead[step * PER_PAGE - 1].key))
    more_after = len(ahead) > (NEIGHBOURS + 1) * PER_PAGE

    preceding = []  # nearest first
    more_before = False
    if number > 1:
        back = listing.oldest_newer_than(
            category_ids, PER_PAGE * NEIGHBOURS + 1, current[0].key, now=now
        )
        # back[0] is the last article of the previous page; the previous page begins after
        # back[PER_PAGE], unless there are no more, and then it is the first page.
        if not back:
            raise NoSuchPage  # nothing before it: not a page our links lead to
        # Near the top the number is known for sure (a stale link may say otherwise).
        if len(back) > PER_PAGE * NEIGHBOURS:
            number = max(number, NEIGHBOURS + 2)
        else:
            number = (len(back) - 1) // PER_PAGE + 2
        for step in range(1, NEIGHBOURS + 1):
            if number - step == 1:
                preceding.append(_link(1, None))
                break
            preceding.append(_link(number - step, back[step * PER_PAGE].key))
        more_before = number - NEIGHBOURS > 1

    links = []
    if more_before:
        links += [_link(1, None)]
        if number - NEIGHBOURS > 2:
            links.append(Link(None))
    links += reversed(preceding)
    links.append(Link(number, current=True))
    links += following
    if more_after:
        links.append(Link(None))
    return Page(
        number=number,
        items=current,
        links=links if len(links) > 1 else [],
        previous=preceding[0] if preceding else None,
        next=following[0] if following else None,
    )


def page_of_list(ids, number_text, query_string="", per_page=PER_PAGE):
    """A page of a short list held in memory (search results), with numbered links: the first
    and last pages, NEIGHBOURS on each side of the current one, "…" between."""
    number = parse_number(number_text)
    pages = max(1, -(-len(ids) // per_page))
    if number > pages:
        raise NoSuchPage

    def link(n):
        return Link(
            n, "&".join(part for part in (query_string, f"page={n}" if n > 1 else "") if part)
        )

    shown = {1, pages, *range(number - NEIGHBOURS, number + NEIGHBOURS + 1)}
    links, previous = [], 0
    for n in sorted(n for n in shown if 1 <= n <= pages):
        if n - previous > 1:
            links.append(Link(None))
        links.append(Link(n, current=True) if n == number else link(n))
        previous = n
    return Page(
        number=number,
        items=ids[(number - 1) * per_page : number * per_page],
        links=links if len(links) > 1 else [],
        previous=link(number - 1) if number > 1 else None,
        next=link(number + 1) if number < pages else None,
    )
