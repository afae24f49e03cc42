"""The hostile-string corpus (tests/hostile_corpus.py) spread over every text field a person can
type into: which fields those are, how many strings a value of each can hold, and the admin
forms that save them, as a browser would post them."""

import re
from html.parser import HTMLParser

from django.urls import reverse

from tests.hostile_corpus import CORPUS, MARKUP

# Every text field a person can type into, by model: what its form stores as typed (the form
# strips the ends). tests/test_hostile_fields.py checks this against the admin's forms, so a new
# text field joins the sweep or fails that test. The Transition's comment is the article form's
# "comment or reason for this step"; the body is cleaned on save (news/sanitize.py).
STORED_FIELDS = {
    "news.Article": ["title", "lead", "body", "source"],
    "news.Photo": ["caption", "alt_text", "credit"],
    "news.Transition": ["comment"],
    "news.Category": ["name", "description"],
    "news.SiteSettings": [
        "portal_name",
        "station_name",
        "tagline",
        "responsible_body",
        "responsible_person",
        "permit",
        "address",
        "phone",
        "licence",
    ],
    "news.MenuLink": ["label"],
    # Typed through the admin by tests/test_hostile_fields.py (not yet by the browser sweep).
    "news.Page": ["title", "lead", "body"],
    "news.PageTransition": ["comment"],
    "radio.Programme": ["name", "description"],
    "radio.Broadcast": ["summary", "transcript"],
    "radio.BroadcastTransition": ["comment"],
    "auth.User": ["first_name", "last_name"],
    "auth.Group": ["name"],
}
# Typed, but only a well-formed value is taken: a slug or user name with anything else in it is
# refused (the form comes back with the error and the text), an e-mail address takes the corpus
# in a quoted local part ("<svg onload=alert(1)>"@example.vn is an address).
CHECKED_FIELDS = {
    "news.Article": ["slug"],
    "news.Category": ["slug"],
    "news.SiteSettings": ["email"],
    "news.MenuLink": ["url"],  # an address that starts with "/" or "https://", no spaces
    "news.Page": ["slug"],
    "radio.Programme": ["slug"],
    "auth.User": ["username", "email"],
}
# Text fields of the admin's forms that nobody types as text: a password is typed in the
# password form and stored as a hash.
NOT_TYPED = {  # place, language: a list's choice
    ("auth.User", "password"),
    ("news.MenuLink", "place"),
    ("news.Page", "language"),
}

# Refused by every text field (Django's ProhibitNullCharactersValidator): tried once each.
REFUSED_EVERYWHERE = [sample for sample in CORPUS if "\x00" in sample.text]
TYPABLE = [sample for sample in CORPUS if "\x00" not in sample.text]
# Markup never appears as written in a page that escapes text and cleans bodies.
MARKUP_STRINGS = [sample.text for sample in CORPUS if sample.kind == MARKUP]


def pack(strings, limit=None, separator=" "):
    """The strings in as few values of at most `limit` characters as hold them all (first fit,
    longest first), each value the strings joined by `separator`; strings longer than `limit`
    are left out (the form would refuse them)."""
    if limit is None:
        return [separator.join(strings)] if strings else []
    values = []
    for string in sorted((s for s in strings if len(s.strip()) <= limit), key=len, reverse=True):
        for index, value in enumerate(values):
            if len(value) + len(separator) + len(string) <= limit:
                values[index] = value + separator + string
                break
        else:
            values.append(string)
    return values


def split(strings, parts, separator="\n"):
    """The strings in `parts` values of about the same length (for fields without a limit)."""
    values = [[] for _ in range(parts)]
    for index, string in enumerate(strings):
        values[index % parts].append(string)
    return [separator.join(value) for value in values if value]


def quoted_address(strings, limit=254, domain="example.vn"):
    """E-mail addresses whose quoted local part holds the strings (those that can be written
    there: ASCII without a line break), as few as fit in `limit` characters."""

    def quote(text):
        return "".join("\\" + c if c in ' "\\\t' else c for c in text)

    quotable = [s for s in strings if s.isascii() and not re.search(r"[\n\r]", s)]
    room = limit - len(f'""@{domain}')
    quoted = pack([quote(s) for s in quotable], room, "\\ ")
    return [f'"{value}"@{domain}' for value in quoted], len(quotable)


def stored_as_typed(value):
    """What a form stores for a typed value: Django's text fields strip the ends."""
    return value.strip()


def cycle(values, index):
    return values[index % len(values)]


class FormFields(HTMLParser):
    """What a browser would post for the first form of an admin page, as typed: inputs, checked
    boxes, selected options, text areas. `data` is ready for django.test.Client.post."""

    def __init__(self, html, form_id=None):
        super().__init__(convert_charrefs=True)
        self.data = {}
        self._in_form = False
        self._form_id = form_id
        self._textarea = None
        self._select = None
        self.feed(html)
        self.close()

    def _add(self, name, value):
        if name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (self._form_id is None or attrs.get("id") == self._form_id):
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(attrs.get("name"), attrs.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self._textarea = [attrs.get("name"), ""]
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            self._add(name, text.removeprefix("\n"))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def post_data(self, **overrides):
        data = {
            name: values if len(values) > 1 else values[0] for name, values in self.data.items()
        }
        data.update(overrides)
        return data


def form_of(client, url, **overrides):
    """The admin form at `url` as a browser would post it, with `overrides` typed in."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return FormFields(response.content.decode()).post_data(**overrides)


def article_data(category, texts, *, photos=(), move=None, comment="", version=None, author=None):
    """The article form: `texts` (title, slug, lead, body, source), each photo a dict of its
    fields (with "image" for a new one, "id" for a stored one), a workflow step."""
    data = {
        "title": "",
        "slug": "",
        "lead": "",
        "body": "",
        "source": "",
        **texts,
        "category": str(category.pk),
        "author": str(author.pk) if author else "",
        "edit_version": "" if version is None else str(version),
        "workflow_comment": comment,
        "publish_at_0": "",
        "publish_at_1": "",
        "photos-TOTAL_FORMS": str(len(photos)),
        "photos-INITIAL_FORMS": str(sum("id" in photo for photo in photos)),
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    for index, photo in enumerate(photos):
        for name, value in photo.items():
            data[f"photos-{index}-{name}"] = value
    if move:
        data["_move"] = move
    return data


def add_url(label):
    app, model = label.lower().split(".")
    return reverse(f"admin:{app}_{model}_add")


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def raw_markup_in(html):
    """The corpus's markup strings that stand in `html` as written (none where every text is
    escaped and every body cleaned)."""
    return [string for string in MARKUP_STRINGS if string in html]
