"""The hostile-string corpus (tests/hostile_corpus.py) through every text field a person can type
into, then every page that shows them opened in Chromium: nothing runs, nothing is fetched from
another site, nothing the corpus wrote is markup (`make hostile-test`; not part of `make test`).

Saved as a person would save it: through the admin's forms, posted as a browser posts them, by
leaders whose own names are hostile. Each string goes into every field whose length admits it
(tests/hostile_support.py packs as many as a value holds). Slugs and user names refuse it (the
form comes back with the text); e-mail addresses take it in a quoted local part; a NUL byte is
refused by every field. Articles are published, then edited, so the revision comparison shows
a hostile older and newer version; the site settings change before every public page load, so
each one carries its own set in the header and footer. Failed logins leave the corpus in
django-axes' records, which the admin shows.

Pages open with the Content-Security-Policy bypassed: the policy would block inline script
anyway, and what is checked here is that escaping and cleaning alone leave nothing to run.
Watched on every page, in every frame: alert, confirm, prompt and print replaced by recorders,
dialogs, requests to any other host (refused before they leave), navigations away; then the
DOM itself: no event handler attribute, no javascript:/vbscript:/data: address, no frame,
object, embed, base, refresh or foreign style, no script but the site's own files and JSON data;
the page source holds no markup string of the corpus as written; and the texts shown (titles,
leads, captions, the footer, the form fields) read exactly as typed. Feeds are read as a feed
reader reads them: each title, description, category and author taken as HTML.
"""

import re
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import zip_longest
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from playwright.sync_api import Error as PlaywrightError

from news import roles
from news.models import Article, Category, Photo, SiteSettings, Transition
from news.sanitize import clean_html
from news.search import MAX_QUERY_LENGTH
from tests.browser_support import DESKTOP, artifact_path
from tests.factories import UserFactory, image_upload
from tests.hostile_corpus import CORPUS
from tests.hostile_support import (
    REFUSED_EVERYWHERE,
    STORED_FIELDS,
    TYPABLE,
    FormFields,
    add_url,
    article_data,
    change_url,
    cycle,
    form_of,
    pack,
    quoted_address,
    raw_markup_in,
    split,
    stored_as_typed,
)
from tests.test_sanitize import dangers

pytestmark = [pytest.mark.hostile, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Root categories, each with its own page (the other categories are their subcategories).
ROOTS = 8
# Values typed into a field that refuses the corpus (slugs, user names), the first objects'.
REFUSALS = 6
# Corpus strings searched for one at a time in Chromium (results with hostile snippets); the
# rest of the corpus goes through the search box in long queries.
SEARCHED_ALONE = ["script-short", "attribute-double-breakout", "title-breakout", "entities-named"]
SEARCH_QUERY_LENGTH = 1500

RECORDERS = """
(() => {
    const report = (what) => {
        try { window.__hostileRan(`${what} in ${location.href}`); } catch (error) {}
    };
    for (const name of ["alert", "confirm", "prompt", "print"]) {
        const recorder = function (...args) { report(`${name}(${args.map(String).join(", ")})`); };
        try {
            Object.defineProperty(window, name, { value: recorder, writable: true, configurable: true });
        } catch (error) {
            window[name] = recorder;
        }
    }
})();
"""

# What the corpus could have made of the page, as the browser built it (every frame).
AUDIT = r"""
() => {
    const found = [];
    const here = location.origin;
    const urlAttributes = ["href", "src", "action", "formaction", "data", "poster", "background",
        "lowsrc", "dynsrc", "xlink:href", "codebase", "cite", "ping", "manifest", "srcset"];
    const fetched = ["src", "data", "poster", "background", "lowsrc", "dynsrc", "srcset", "codebase"];
    const describe = (element) => element.outerHTML.slice(0, 160);
    const check = (doc) => {
        for (const element of doc.querySelectorAll("*")) {
            const tag = element.localName;
            for (const attribute of element.attributes) {
                const name = attribute.name.toLowerCase();
                if (name.startsWith("on")) found.push(`handler ${name}: ${describe(element)}`);
                if (name === "srcdoc") found.push(`srcdoc: ${describe(element)}`);
                if (name === "style" && /url\s*\(|expression|behavior|binding|javascript|@import/i.test(attribute.value)) {
                    found.push(`style: ${describe(element)}`);
                }
                if (!urlAttributes.includes(name)) continue;
                const addresses = name === "srcset" || name === "ping"
                    ? attribute.value.split(/[,\s]+/).filter((part) => part && !/^\d+[wx]$/.test(part))
                    : [attribute.value];
                for (const address of addresses) {
                    let url;
                    try { url = new URL(address, doc.baseURI); } catch (error) { continue; }
                    const image = url.protocol === "data:" && /^data:image\/(png|jpeg|gif|webp);/i.test(url.href)
                        && ["img", "source"].includes(tag);
                    if (["javascript:", "vbscript:"].includes(url.protocol) || (url.protocol === "data:" && !image)) {
                        found.push(`${url.protocol} address in ${name}: ${describe(element)}`);
                    } else if (fetched.includes(name) && /^https?:$/.test(url.protocol) && url.origin !== here) {
                        found.push(`off-site ${name}: ${describe(element)}`);
                    }
                }
            }
            if (["iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "isindex"].includes(tag)) {
                found.push(`<${tag}>: ${describe(element)}`);
            }
            if (tag === "meta" && element.httpEquiv) found.push(`meta http-equiv: ${describe(element)}`);
            if (tag === "link" && element.href && new URL(element.href).origin !== here) {
                found.push(`off-site link: ${describe(element)}`);
            }
            const viewer = element.id === "xml-viewer-style";  // Chromium's own, in an XML file
            if (tag === "style" && !viewer && (element.closest("body") || /url\s*\(|@import|expression/i.test(element.textContent))) {
                found.push(`style element: ${describe(element)}`);
            }
            if (tag === "script") {
                const data = /^application\/(ld\+)?json$/.test(element.type) && !element.src;
                const own = element.src && new URL(element.src).origin === here;
                if (!data && !own) found.push(`script: ${describe(element)}`);
            }
        }
    };
    check(document);
    return found;
}
"""

SETTLE = "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))"

# What the page shows at each [selector, how]: a field's value, an image's alt, a meta tag's
# content, or an element's text (textContent: as written, whatever the style sheet does).
READ = """
(wanted) => wanted.map(([selector, how]) => {
    const element = document.querySelector(selector);
    if (!element) return null;
    return how === "value" ? element.value : how === "alt" ? element.alt
        : how === "content" ? element.content : element.textContent;
})
"""

# After a page has loaded: a moment for what fires then, the audit, the texts shown.
CHECK = f"async (wanted) => {{ await ({SETTLE})(); return [({AUDIT})(), ({READ})(wanted)]; }}"

# A feed reader: every feed's texts taken as HTML, as many readers take them.
READ_FEEDS = """
async ([feeds, others]) => {
    const problems = [];
    const shown = document.createElement("div");
    document.body.append(shown);
    // Addresses made absolute first: what a feed holds must not change where the next one is.
    const absolute = (url) => new URL(url, location.href).href;
    for (const url of [...feeds.map(absolute), ...others.map(absolute)]) {
        let response;
        try {
            response = await fetch(url);
        } catch (error) {
            problems.push(`${url}: ${error}`);
            continue;
        }
        const xml = new DOMParser().parseFromString(await response.text(), "application/xml");
        if (response.status !== 200 || xml.querySelector("parsererror")) {
            problems.push(`${url}: ${response.status} ${xml.querySelector("parsererror")?.textContent}`);
            continue;
        }
        if (!feeds.map(absolute).includes(url)) continue;  // a sitemap: only well-formed
        for (const element of xml.querySelectorAll("title, description, category, creator, author")) {
            const item = document.createElement("div");
            item.innerHTML = element.textContent;
            shown.append(item);
        }
    }
    await new Promise((done) => setTimeout(done, 200));
    return problems;
}
"""


def squeeze(text):
    """Text without its white space: <br>, line breaks and spacing do not count."""
    return "".join((text or "").split())


class Watch:
    """Everything a page did that the corpus could have caused, per browser context."""

    def __init__(self, context, origin):
        self.origin = origin
        self.ran, self.off_site, self.dialogs, self.errors = [], [], [], []
        context.expose_binding("__hostileRan", lambda source, what: self.ran.append(what))
        context.add_init_script(RECORDERS)
        # Any address but the site's (a pattern the browser matches itself: the site's own
        # requests never wait on Python).
        context.route(re.compile(f"^(?!{re.escape(origin)}/)"), self._refuse)

    def _refuse(self, route):
        self.off_site.append(route.request.url)
        route.abort()

    def attach(self, page):
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        return page

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def mark(self):
        return len(self.ran), len(self.off_site), len(self.dialogs)

    def since(self, mark):
        ran, off_site, dialogs = mark
        return (
            [("ran", what) for what in self.ran[ran:]]
            + [("fetched", url) for url in self.off_site[off_site:]]
            + [("dialog", message) for message in self.dialogs[dialogs:]]
        )


class Tab:
    """A page in a browser context of its own (a reader's, or a signed-in admin's), watched."""

    def __init__(self, browser, origin, session=None):
        self.origin = origin
        self.context = browser.new_context(
            base_url=origin, locale="vi-VN", bypass_csp=True, **DESKTOP
        )
        self.context.set_default_timeout(30_000)
        if session:
            self.context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": origin}]
            )
        self.watch = Watch(self.context, origin)
        self.page = self.watch.attach(self.context.new_page())


@dataclass
class Visit:
    url: str
    reads: list = field(default_factory=list)
    status: int = 200
    site_page: bool = False  # a public HTML page: the site settings change before it


class Sweep:
    """Pages opened in Chromium, and everything found wrong on them."""

    def __init__(self, browser, origin, admin_session):
        self.failures = []
        self.loads = 0
        self.addresses = set()
        self.public = Tab(browser, origin)
        self.admin = Tab(browser, origin, admin_session)
        self.history = Tab(browser, origin, admin_session)  # compare pages, history, previews

    def fail(self, where, what):
        self.failures.append(f"{where[:120]}: {what}")

    def visit(self, tab, visit):
        self.visit_together([(tab, visit)])

    def visit_together(self, visits):
        """Open each (tab, visit) at once, one page per tab (the browser and the live server
        load them side by side), then check each."""
        started = []
        try:
            with ExitStack() as waiting:
                for tab, visit in visits:
                    seen = tab.watch.mark()
                    navigation = waiting.enter_context(tab.page.expect_navigation())
                    tab.page.evaluate("url => { location.href = url; }", tab.origin + visit.url)
                    started.append((tab, visit, seen, navigation))
        except PlaywrightError as error:  # a page that went elsewhere on its own, while loading
            self.fail(visits[0][1].url, f"did not load: {error.message.splitlines()[0]}")
            return
        for tab, visit, seen, navigation in started:
            self.loads += 1
            self.addresses.add(visit.url)
            response = navigation.value
            try:
                source = response.text() if response else ""
            except PlaywrightError:
                source = ""
                self.fail(visit.url, f"went on to {tab.page.url} before it could be read")
            self.check(tab, visit, seen, response, source)

    def check(self, tab, visit, seen, response, source):
        url = visit.url
        wanted = [[selector, how] for selector, how, _, _ in visit.reads]
        try:
            findings, shown = tab.page.evaluate(CHECK, wanted)
        except PlaywrightError as error:  # the page went elsewhere on its own
            findings, shown = [f"{error.message.splitlines()[0]} ({tab.page.url})"], None
        for kind, found in tab.watch.since(seen):
            self.fail(url, f"{kind} {found}")
        for finding in findings:
            self.fail(url, finding)
        if response is None or response.status != visit.status:
            self.fail(url, f"answered {response and response.status}, not {visit.status}")
            return
        if tab.page.url != response.url:
            self.fail(url, f"went on to {tab.page.url}")
        raw = raw_markup_in(source)
        if raw:
            self.fail(url, f"corpus markup as written in the page: {raw[:3]}")
        for (selector, _how, typed, match), text in zip(visit.reads, shown or [], strict=False):
            if text is None:
                self.fail(url, f"nothing at {selector}")
                continue
            got, want = squeeze(text), squeeze(typed)
            if not {"is": got == want, "has": want in got, "starts": got.startswith(want)}[match]:
                self.fail(url, f"{selector} shows {text[:100]!r} for {typed[:100]!r}")

    def inspect(self, tab, url, seen):
        """What ran, was fetched off the site, or was asked in a dialog since `seen`, and what
        the DOM holds now (after something done on the page itself)."""
        try:
            findings = tab.page.evaluate(CHECK, [])[0]
        except PlaywrightError as error:  # the page went elsewhere on its own
            findings = [f"{error.message.splitlines()[0]} ({tab.page.url})"]
        for kind, found in tab.watch.since(seen):
            self.fail(url, f"{kind} {found}")
        for finding in findings:
            self.fail(url, finding)

    def close(self):
        for tab in (self.public, self.admin, self.history):
            tab.context.close()


def limit(model, name):
    return model._meta.get_field(name).max_length


def body_values(strings, parts):
    """The strings in `parts` bodies; one that takes what follows it into itself (an unclosed
    <script>, <textarea> or comment: the cleaner drops all of it) goes last in its body."""

    def swallows(string):
        return "ĐÁNH DẤU" not in clean_html(f"{string}\n<p>ĐÁNH DẤU</p>")

    ordered = [s for s in strings if not swallows(s)] + [s for s in strings if swallows(s)]
    values = [[] for _ in range(parts)]
    for index, string in enumerate(ordered):
        values[index % parts].append(string)
    return ["\n".join(value) for value in values if value]


class Plan:
    """The values typed into every field, object by object: `values[(model, field)]`, and how
    many corpus strings each field was tried with (`tried`)."""

    # Articles past those the longest field needs, with no source line: their writers' hostile
    # names are then what feeds and the schema.org data name as author.
    WRITER_ONLY = 3

    def __init__(self):
        strings = [sample.text for sample in TYPABLE]
        self.values, self.tried, self.refused = {}, {}, set()

        def packed(label, name, model):
            size = limit(model, name)
            self.values[label, name] = pack(strings, size)
            self.tried[label, name] = sum(len(s.strip()) <= size for s in strings)

        def refusing(label, name):
            # Refused whatever its length: a few long values carry the whole corpus.
            self.values[label, name] = split(strings, REFUSALS, " ")
            self.tried[label, name] = len(strings)
            self.refused.add((label, name))

        packed("news.Article", "title", Article)
        packed("news.Article", "source", Article)
        for name in ("caption", "alt_text", "credit"):
            packed("news.Photo", name, Photo)
        longest = max(len(self.values[key]) for key in self.values)
        refusing("news.Article", "slug")
        self.articles = longest + self.WRITER_ONLY
        for label, name, values in [
            ("news.Article", "lead", split(strings, longest)),
            ("news.Article", "body", body_values(strings, longest)),
            ("news.Transition", "comment", split(strings, longest)),
            ("news.Category", "description", split(strings, ROOTS)),
        ]:
            self.values[label, name] = values
            self.tried[label, name] = len(strings)
        packed("news.Category", "name", Category)
        refusing("news.Category", "slug")
        for name in STORED_FIELDS["news.SiteSettings"]:
            packed("news.SiteSettings", name, SiteSettings)
        User = get_user_model()
        for name in ("first_name", "last_name"):
            packed("auth.User", name, User)
        refusing("auth.User", "username")
        packed("auth.Group", "name", Group)
        for label, model in [("news.SiteSettings", SiteSettings), ("auth.User", User)]:
            addresses, quotable = quoted_address(strings, limit(model, "email"))
            self.values[label, "email"] = addresses
            self.tried[label, "email"] = quotable
        self.site_rounds = max(
            len(values)
            for (label, _), values in self.values.items()
            if label == "news.SiteSettings"
        )

    def count(self, label, *names):
        return max(len(self.values[label, name]) for name in names)

    def at(self, label, name, index):
        return cycle(self.values[label, name], index)


def posted(response, url, expected=302):
    assert response.status_code == expected, (url, response.status_code, form_errors(response))
    return response


def form_errors(response):
    context = response.context
    if not context or "adminform" not in context:
        return None
    form = context["adminform"].form
    inlines = [
        f.errors for inline in context.get("inline_admin_formsets", []) for f in inline.formset
    ]
    return form.errors, inlines


def refused(client, url, data, field):
    """The form comes back with `field` refused, the text kept, and no corpus markup as written."""
    response = client.post(url, data)
    assert response.status_code == 200, (url, response.status_code)
    assert field in response.context["adminform"].form.errors, form_errors(response)
    html = response.content.decode()
    assert escape(data[field]) in html and raw_markup_in(html) == [], url


def seed_groups(staff, plan):
    url = add_url("auth.Group")
    for name in plan.values["auth.Group", "name"]:
        posted(staff.post(url, {"name": name}), url)
    stored = set(Group.objects.values_list("name", flat=True))
    assert {stored_as_typed(n) for n in plan.values["auth.Group", "name"]} <= stored


def seed_users(staff, plan):
    """Leaders (they publish the articles), each with hostile names and a hostile address; a
    hostile user name is refused first."""
    publisher = Group.objects.get(name=roles.PUBLISHER)
    users = []
    for index in range(plan.count("auth.User", "first_name", "last_name", "email")):
        user = UserFactory(username=f"lanhdao{index}", is_staff=True)
        user.groups.add(publisher)
        users.append(user)
    form = form_of(staff, change_url(users[0]))
    password = "Mat-khau-moi-2026"
    for index, user in enumerate(users):
        url = change_url(user)
        if index < len(plan.values["auth.User", "username"]):
            username = plan.values["auth.User", "username"][index]
            data = {"username": username, "password1": password, "password2": password}
            refused(staff, add_url("auth.User"), {**data, "usable_password": "true"}, "username")
        typed = {
            name: plan.at("auth.User", name, index) for name in ("first_name", "last_name", "email")
        }
        posted(staff.post(url, {**form, "username": user.username, **typed}), url)
        user.refresh_from_db()
        for name, value in typed.items():
            assert getattr(user, name) == stored_as_typed(value), (name, value)
    return users


def seed_categories(staff, plan):
    """ROOTS categories with pages of their own, the others spread under them; a hostile slug is
    refused first, then a plain one is typed."""
    url = add_url("news.Category")
    categories = []
    for index in range(plan.count("news.Category", "name")):
        parent = categories[index % ROOTS] if index >= ROOTS else None
        data = {
            "name": plan.at("news.Category", "name", index),
            "parent": str(parent.pk) if parent else "",
            "order": str(index),
            "description": plan.at("news.Category", "description", index),
            "is_active": "on",
        }
        if index < REFUSALS:
            slug = plan.values["news.Category", "slug"][index]
            refused(staff, url, {**data, "slug": slug}, "slug")
        posted(staff.post(url, {**data, "slug": f"muc-{index}"}), url)
        category = Category.objects.get(slug=f"muc-{index}")
        assert category.name == stored_as_typed(data["name"])
        assert category.description == stored_as_typed(data["description"])
        categories.append(category)
    return categories


def article_texts(plan, index, *, source=True):
    texts = {name: plan.at("news.Article", name, index) for name in ("title", "lead", "body")}
    texts["source"] = plan.at("news.Article", "source", index) if source else ""
    return texts


def photo_texts(plan, index):
    return {name: plan.at("news.Photo", name, index) for name in ("caption", "alt_text", "credit")}


def seed_articles(plan, users, categories):
    """Each article: a hostile slug refused, then written and published by a leader with a
    hostile comment (one version of the texts), then edited to another (a second revision)."""
    url = add_url("news.Article")
    articles = []
    for index in range(plan.articles):
        writer = users[index % len(users)]
        client = Client()
        client.force_login(writer)
        category = categories[index % len(categories)]
        with_source = index < plan.articles - Plan.WRITER_ONLY
        first = article_texts(plan, index + 1, source=with_source)
        if index < len(plan.values["news.Article", "slug"]):
            slug = plan.values["news.Article", "slug"][index]
            refused(client, url, article_data(category, {**first, "slug": slug}), "slug")
        photo = {**photo_texts(plan, index + 1), "order": "0", "image": image_upload()}
        comment = plan.at("news.Transition", "comment", index)
        data = article_data(
            category, first, photos=[photo], move="publish", comment=comment, author=writer
        )
        posted(client.post(url, data), url)
        article = Article.objects.order_by("-pk").first()
        stored_photo = article.photos.get()
        second = article_texts(plan, index, source=with_source)
        if index < 4:
            second["is_featured"] = "on"
        photo = {**photo_texts(plan, index), "order": "0"}
        photo.update(id=str(stored_photo.pk), article=str(article.pk))
        # The article is public: the leader's correction gives a reason (the same comment).
        data = article_data(
            category, second, photos=[photo], version=article.version, author=writer,
            comment=comment,
        )  # fmt: skip
        posted(client.post(change_url(article), data), change_url(article))
        article.refresh_from_db()
        assert article.status == "published" and article.history.count() == 2
        for name in ("title", "lead", "source"):
            assert getattr(article, name) == stored_as_typed(second[name]), name
        assert article.body == clean_html(stored_as_typed(second["body"]))
        assert dangers(article.body) == [], dangers(article.body)[:5]
        stored_photo.refresh_from_db()
        for name in ("caption", "alt_text", "credit"):
            assert getattr(stored_photo, name) == stored_as_typed(photo[name]), name
        steps = list(Transition.objects.filter(article=article))
        assert [step.name for step in steps] == ["publish", "correct"]
        assert all(s.comment == stored_as_typed(comment) and s.actor == writer for s in steps)
        articles.append(article)
    return articles


def seed_failed_logins(plan):
    """Failed logins with hostile user names and browsers: django-axes records both."""
    url = reverse("admin:login")
    names = pack([s.text for s in TYPABLE], 150)
    agents = pack([s.text for s in TYPABLE], 255)
    reader = Client()
    for index in range(max(len(names), len(agents))):
        # As a WSGI server passes a header: its bytes read as Latin-1.
        agent = cycle(agents, index).encode().decode("latin-1")
        response = reader.post(
            url,
            {"username": cycle(names, index), "password": "mat-khau-sai"},
            HTTP_USER_AGENT=agent,
        )
        assert response.status_code == 200, response.status_code
    return max(len(names), len(agents))


class SiteRounds:
    """The site settings change before each public page: every round types the next values of
    each field (through the admin form), so that page's header and footer carry them."""

    def __init__(self, staff, plan):
        self.staff, self.plan, self.round, self.values = staff, plan, 0, None
        self.url = change_url(SiteSettings.load())
        self.form = form_of(staff, self.url)

    @property
    def left(self):
        return self.round < self.plan.site_rounds

    def next(self):
        if not self.left and self.values is not None:
            return self.values
        names = [*STORED_FIELDS["news.SiteSettings"], "email"]
        self.values = {name: self.plan.at("news.SiteSettings", name, self.round) for name in names}
        posted(self.staff.post(self.url, {**self.form, **self.values}), self.url)
        site = SiteSettings.objects.get()
        for name, value in self.values.items():
            assert getattr(site, name) == stored_as_typed(value), (name, value)
        self.round += 1
        return self.values

    def reads(self):
        values = self.values
        footer = ["responsible_body", "responsible_person", "permit", "address", "phone"]
        return [
            (".site-brand__name", "text", values["portal_name"], "is"),
            (".site-brand__station", "text", values["station_name"], "is"),
            ('meta[property="og:site_name"]', "content", values["portal_name"], "is"),
            *((".site-footer", "text", values[name], "has") for name in footer),
            (".site-footer", "text", values["email"], "has"),
            (".site-footer", "text", values["licence"], "has"),
        ]


def full_name(user):
    return f"{user.first_name} {user.last_name}"


def article_reads(article):
    photo = article.photos.get()
    return [
        ("h1.article__title", "text", article.title, "is"),
        (".article__lead", "text", article.lead, "is"),
        *([(".article__source", "text", article.source, "is")] if article.source else []),
        ("figure.photo figcaption", "text", photo.caption, "starts"),
        ("figure.photo figcaption", "text", photo.credit, "has"),
        ("figure.photo img", "alt", photo.alt_text, "is"),
        (".breadcrumb", "text", article.category.name, "has"),
    ]


def admin_reads(article):
    photo = article.photos.get()
    return [
        ("#id_title", "value", article.title, "is"),
        ("#id_lead", "value", article.lead, "is"),
        ("#id_source", "value", article.source, "is"),
        ("#id_body", "value", article.body, "is"),
        ("#id_photos-0-caption", "value", photo.caption, "is"),
        ("#id_photos-0-alt_text", "value", photo.alt_text, "is"),
        ("#id_photos-0-credit", "value", photo.credit, "is"),
        (".workflow-timeline", "text", article.transitions.first().comment, "has"),
        (".workflow-timeline", "text", full_name(article.author), "has"),
    ]


def category_reads(root, categories):
    return [
        ("h1.page-title", "text", root.name, "is"),
        (".page-intro", "text", root.description, "is"),
        *((".subcategories", "text", c.name, "has") for c in categories if c.parent_id == root.pk),
    ]


def search_url(query):
    return f"{reverse('news:search')}?{urlencode({'q': query})}"


def test_no_corpus_string_runs_anywhere(browser, live_server, capsys):
    started = time.monotonic()
    roles.ensure_groups()  # the live server's database is flushed between tests
    superuser = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    staff = Client()
    staff.force_login(superuser)
    plan = Plan()

    seed_groups(staff, plan)
    users = seed_users(staff, plan)
    categories = seed_categories(staff, plan)
    articles = seed_articles(plan, users, categories)
    logins = seed_failed_logins(plan)
    from axes.models import AccessAttempt

    # One record per user name and browser (the login form folds look-alikes together, NFKC).
    assert AccessAttempt.objects.count() > logins * 0.9, (AccessAttempt.objects.count(), logins)
    # A NUL byte is refused by every text field: the form says so and keeps the rest.
    for sample in REFUSED_EVERYWHERE:
        url = change_url(articles[0])
        data = FormFields(staff.get(url).content.decode()).post_data(title=sample.text)
        refused(staff, url, data, "title")
    seeded = time.monotonic()

    # What each tab opens, in order. Public pages: every article, the root categories, the
    # home page, searches (a few strings alone, whose results show hostile snippets; then the
    # whole corpus in long queries: the box echoes what was typed), a path that leads nowhere
    # (404), the feeds as files; then more searches while site settings are left to show.
    for article in articles:
        article.refresh_from_db()
    alone = [next(s.text for s in CORPUS if s.id == id) for id in SEARCHED_ALONE]
    searches = alone + pack([s.text for s in TYPABLE], SEARCH_QUERY_LENGTH)
    feeds = [
        reverse("news:feed"),
        *(reverse("news:category_feed", args=[root.path]) for root in categories[:ROOTS]),
    ]
    sitemap = reverse("news:sitemap_news")
    public = [
        *(Visit(a.get_absolute_url(), article_reads(a), site_page=True) for a in articles),
        *(
            Visit(root.get_absolute_url(), category_reads(root, categories), site_page=True)
            for root in categories[:ROOTS]
        ),
        Visit(reverse("news:home"), site_page=True),
        *(Visit(search_url(q), [("#id_q", "value", q, "is")], site_page=True) for q in searches),
        Visit("/tin-tuc/%3Cscript%3Ealert(1)%3C%2Fscript%3E/", status=404, site_page=True),
        Visit(feeds[0]),
        Visit(feeds[1]),
        Visit(sitemap),
    ]
    site = SiteRounds(staff, plan)
    extra = plan.site_rounds - sum(visit.site_page for visit in public)
    public += [Visit(reverse("news:search"), site_page=True) for _ in range(max(extra, 0))]
    # Signed in: each article's change form, then the admin's lists and forms, the site
    # settings, users, groups, and django-axes' records of the failed logins.
    admin = [
        *(Visit(change_url(a), admin_reads(a)) for a in articles),
        Visit(reverse("admin:index")),
        Visit(reverse("admin:news_article_changelist")),
        Visit(f"{reverse('admin:news_article_changelist')}?{urlencode({'q': alone[1]})}"),
        Visit(reverse("admin:news_category_changelist")),
        Visit(change_url(categories[0])),
        Visit(reverse("admin:auth_user_changelist")),
        Visit(change_url(users[0])),
        Visit(reverse("admin:auth_group_changelist")),
        Visit(change_url(Group.objects.order_by("-pk").first())),
        Visit(change_url(SiteSettings.load())),
        Visit(reverse("admin:axes_accessattempt_changelist")),
        Visit(change_url(AccessAttempt.objects.first())),
    ]
    # Each article's revisions compared (a hostile older and newer version), a few histories
    # and staff previews.
    history = [
        *(Visit(reverse("admin:news_article_compare", args=[a.pk])) for a in articles),
        *(Visit(reverse("admin:news_article_history", args=[a.pk])) for a in articles[:3]),
        *(Visit(reverse("news:preview", args=[a.pk])) for a in articles[:3]),
    ]

    sweep = Sweep(browser, live_server.url, staff.cookies[settings.SESSION_COOKIE_NAME].value)
    try:
        for step, visits in enumerate(zip_longest(public, admin, history)):
            together = []
            for tab, visit in zip((sweep.public, sweep.admin, sweep.history), visits, strict=True):
                if visit is None:
                    continue
                if visit.site_page:
                    site.next()
                    visit.reads = [*visit.reads, *site.reads()]
                together.append((tab, visit))
            sweep.visit_together(together)
            if step == 0:
                # The category picker (select2) lists hostile names as the editor types.
                page, seen = sweep.admin.page, sweep.admin.watch.mark()
                page.locator(".field-category .select2-selection").click()
                page.locator(".select2-search__field").fill("script")
                page.locator(".select2-results__option").first.wait_for()
                page.evaluate(SETTLE)
                sweep.inspect(sweep.admin, "category picker", seen)
        assert not site.left
        # The feeds, read as a feed reader reads them: every title, description, category and
        # author taken as HTML; the news sitemap parsed.
        seen = sweep.public.watch.mark()
        try:
            for problem in sweep.public.page.evaluate(READ_FEEDS, [feeds, [sitemap]]):
                sweep.fail("feeds", problem)
        except PlaywrightError as error:  # the page went elsewhere while reading them
            sweep.fail("feeds read as HTML", error.message.splitlines()[0])
        sweep.inspect(sweep.public, "feeds read as HTML", seen)
        browsed = time.monotonic()

        # Every corpus string through the search (no browser), as many in a query as it takes:
        # never an error, the query never written back as markup.
        reader = Client()
        queries = pack([s.text for s in TYPABLE], MAX_QUERY_LENGTH)
        for query in queries:
            response = reader.get(reverse("news:search"), {"q": query})
            if response.status_code != 200 or raw_markup_in(response.content.decode()):
                sweep.fail(f"search for {query[:60]!r}", f"{response.status_code}")
        searched = time.monotonic()
    finally:
        errors = [*sweep.public.watch.errors, *sweep.admin.watch.errors]
        sweep.close()

    kinds = [failure.split(": ", 2)[1].split(" ")[0] for failure in sweep.failures]
    ran = sum(kind in {"ran", "dialog"} for kind in kinds)
    fetched = kinds.count("fetched")
    refused_values = sum(len(plan.values[key]) for key in plan.refused)
    stored = sum(len(v) for v in plan.values.values()) - refused_values
    report = artifact_path("hostile-sweep.txt")
    report.write_text("".join(f"{failure}\n" for failure in sweep.failures))
    with capsys.disabled():
        print(
            f"\nhostile sweep: {len(CORPUS)} strings through {len(plan.tried)} fields, failed "
            f"logins and the search: {stored} values saved (as typed; bodies cleaned), "
            f"{refused_values} refused "
            f"with the text kept (slugs, user names), {len(REFUSED_EVERYWHERE)} strings with a "
            f"NUL byte refused by every field; {logins} failed logins, "
            f"{len(searches) + len(queries)} searches, {len(articles)} photos; {sweep.loads} page "
            f"loads ({len(sweep.addresses)} addresses) in Chromium; executions: {ran}, off-site "
            f"requests: {fetched}, other findings: {len(sweep.failures) - ran - fetched}; "
            f"{seeded - started:.0f} s saving, {browsed - seeded:.0f} s in Chromium, "
            f"{searched - browsed:.0f} s searching"
        )
        for (label, name), tried in sorted(plan.tried.items()):
            print(f"  {label}.{name}: {tried} strings in {len(plan.values[label, name])} values")
        if errors:
            print(f"  script errors on the pages (not failures): {errors[:5]}")
    assert sweep.failures == [], f"{len(sweep.failures)} findings, all in {report}:\n" + "\n".join(
        sweep.failures[:30]
    )
