"""The hostile-string corpus (tests/hostile_corpus.py) through the text fields, without a browser:
what a form stores is what was typed, every page writes it back escaped, a body is stored
clean, what a form refuses comes back as text. Part of `make test`; the whole corpus through
every field and page in Chromium is `make hostile-test` (tests/test_hostile_browser.py)."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.forms import CharField
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape

from demo.audio import jingle_mp3
from news.models import Article, Category, MenuLink, Page, Photo, SiteSettings, Transition
from news.sanitize import clean_html
from radio.models import Broadcast, Programme
from tests.factories import CategoryFactory, image_upload
from tests.hostile_corpus import CORPUS, SAMPLES
from tests.hostile_support import (
    CHECKED_FIELDS,
    NOT_TYPED,
    REFUSED_EVERYWHERE,
    STORED_FIELDS,
    TYPABLE,
    add_url,
    article_data,
    change_url,
    form_of,
    pack,
    quoted_address,
    raw_markup_in,
    stored_as_typed,
)
from tests.test_sanitize import dangers

pytestmark = pytest.mark.django_db

# A few strings of the corpus: a vertical tab (a line break pasted from Word, which XML cannot
# hold: in every field), break-outs of every place a text lands in (an attribute, a <title>, a
# <script>, a comment, XML), an entity, a bare javascript: address and template syntax.
FAST = [
    SAMPLES[id].text
    for id in [
        "vertical-tab",
        "script-short",
        "attribute-svg-breakout",
        "attribute-event-double",
        "attribute-event-single",
        "title-breakout",
        "json-breakout",
        "cdata-breakout",
        "comment-breakout",
        "entities-named",
        "text-javascript",
        "django-variable",
    ]
]

# Text fields of the admin's forms that are not the model's own: what they are stored as.
FORM_ONLY = {
    ("news.Article", "workflow_comment"): ("news.Transition", "comment"),
    ("news.Page", "workflow_comment"): ("news.PageTransition", "comment"),
    ("radio.Broadcast", "workflow_comment"): ("radio.BroadcastTransition", "comment"),
}
TEXT_TYPES = {"CharField", "TextField", "SlugField", "EmailField"}


def typed_text_fields(superuser):
    """(model, field) of every text field in every form of the admin, inlines included."""
    request = RequestFactory().get("/")
    request.user = superuser
    found = set()
    for model, model_admin in admin.site._registry.items():
        # The change form (a user's differs from the one that creates an account).
        obj = model.objects.first() if model is get_user_model() else None
        forms = [(model, model_admin.get_form(request, obj))]
        forms += [
            (inline.model, inline.get_formset(request, obj).form)
            for inline in model_admin.get_inline_instances(request, obj)
        ]
        for form_model, form in forms:
            label = form_model._meta.label
            for name, form_field in form.base_fields.items():
                try:
                    field = form_model._meta.get_field(name)
                except FieldDoesNotExist:  # a field of the form only
                    if isinstance(form_field, CharField) and not form_field.widget.is_hidden:
                        found.add(FORM_ONLY.get((label, name), (label, name)))
                    continue
                if isinstance(field, models.Field) and field.get_internal_type() in TEXT_TYPES:
                    found.add((label, name))
    return found


def test_every_text_field_of_the_admin_is_in_the_sweep(superuser):
    listed = {
        (label, name)
        for fields in (STORED_FIELDS, CHECKED_FIELDS)
        for label, names in fields.items()
        for name in names
    }
    assert typed_text_fields(superuser) == listed | NOT_TYPED


def value_for(limit):
    """As many of the FAST strings as a field of `limit` characters holds, the first first."""
    value = ""
    for string in FAST:
        joined = f"{value} {string}" if value else string
        if len(joined) <= limit:
            value = joined
    return value


def limit(model, name):
    return model._meta.get_field(name).max_length


@pytest.fixture
def typed(admin_client, superuser):
    """The FAST strings typed into every text field through the admin: a published article with
    a photo and a comment, edited once (two revisions), its category, the site settings, the
    writer's names, a group."""
    values = {
        "title": value_for(limit(Article, "title")),
        "lead": " ".join(FAST),
        "source": value_for(limit(Article, "source")),
        "caption": value_for(limit(Photo, "caption")),
        "alt_text": value_for(limit(Photo, "alt_text")),
        "credit": value_for(limit(Photo, "credit")),
        "comment": " ".join(FAST),
        "category": value_for(limit(Category, "name")),
        "description": " ".join(FAST),
        "first_name": value_for(150),
        "last_name": pack(FAST[::-1], 150)[0],
        "group": value_for(150),
    }
    site = {
        name: value_for(limit(SiteSettings, name)) for name in STORED_FIELDS["news.SiteSettings"]
    }
    site["email"] = quoted_address(FAST)[0][0]
    values["site"] = site
    values["link"] = value_for(limit(MenuLink, "label"))
    # A footer link: its label as typed, its address one of those a link may have.
    link = {"links-0-place": "footer", "links-0-url": "/tim-kiem/", "links-0-label": values["link"]}

    url = add_url("news.Category")
    data = {"name": values["category"], "slug": "tin", "order": "0", "is_active": "on"}
    assert admin_client.post(url, {**data, "description": values["description"]}).status_code == 302
    category = Category.objects.get()
    url = add_url("news.Article")
    photo = {
        "image": image_upload(),
        "caption": values["caption"],
        "alt_text": values["alt_text"],
        "credit": values["credit"],
        "order": "0",
    }
    texts = {"title": values["title"], "lead": values["lead"], "source": values["source"]}
    data = article_data(category, texts, photos=[photo], move="publish", comment=values["comment"])
    assert admin_client.post(url, data).status_code == 302
    article = Article.objects.get()
    stored_photo = article.photos.get()
    photo = {key: value for key, value in photo.items() if key != "image"}
    photo.update(id=str(stored_photo.pk), article=str(article.pk))
    data = article_data(
        category, {**texts, "is_featured": "on"}, photos=[photo], version=article.version,
        comment=values["comment"],  # a leader's correction of a public article says why
    )  # fmt: skip
    assert admin_client.post(change_url(article), data).status_code == 302

    url = change_url(SiteSettings.load())
    assert admin_client.post(url, form_of(admin_client, url, **site, **link)).status_code == 302
    url = change_url(superuser)
    names = {"first_name": values["first_name"], "last_name": values["last_name"]}
    assert admin_client.post(url, form_of(admin_client, url, **names)).status_code == 302
    assert admin_client.post(add_url("auth.Group"), {"name": values["group"]}).status_code == 302
    values["page_title"] = value_for(limit(Page, "title"))
    page = {
        "title": values["page_title"],
        "slug": "gioi-thieu",
        "lead": values["lead"],
        "body": "\n".join(FAST),
        "order": "0",
        "language": "vi",
        "_move": "publish",
        "workflow_comment": values["comment"],
    }
    assert admin_client.post(add_url("news.Page"), page).status_code == 302
    values["programme"] = value_for(limit(Programme, "name"))
    programme = {"name": values["programme"], "slug": "ban-tin", "description": values["lead"]}
    assert (
        admin_client.post(add_url("radio.Programme"), {**programme, "order": "0"}).status_code
        == 302
    )
    broadcast = {
        "programme": str(Programme.objects.get().pk),
        "number": "1",
        "aired_at_0": "29/11/2026",
        "aired_at_1": "17:00",
        "audio": SimpleUploadedFile("a.mp3", jingle_mp3(2), "audio/mpeg"),
        "summary": values["lead"],
        "transcript": values["lead"],
        "_move": "publish",
        "workflow_comment": values["comment"],
    }
    assert admin_client.post(add_url("radio.Broadcast"), broadcast).status_code == 302
    article.refresh_from_db()
    return values, article


def test_what_was_typed_is_what_is_stored(typed, superuser):
    values, article = typed
    for name in ("title", "lead", "source"):
        assert getattr(article, name) == stored_as_typed(values[name])
    photo = article.photos.get()
    for name in ("caption", "alt_text", "credit"):
        assert getattr(photo, name) == stored_as_typed(values[name])
    # The publication's reason, then the correction's.
    assert [step.comment for step in Transition.objects.all()] == [
        stored_as_typed(values["comment"])
    ] * 2
    category = Category.objects.get()
    assert category.name == stored_as_typed(values["category"])
    assert category.description == stored_as_typed(values["description"])
    site = SiteSettings.objects.get()
    for name, value in values["site"].items():
        assert getattr(site, name) == stored_as_typed(value), name
    assert MenuLink.objects.get().label == stored_as_typed(values["link"])
    superuser.refresh_from_db()
    assert superuser.first_name == stored_as_typed(values["first_name"])
    assert superuser.last_name == stored_as_typed(values["last_name"])
    assert Group.objects.filter(name=stored_as_typed(values["group"])).exists()
    assert article.history.count() == 2
    page = Page.objects.get()
    assert (page.title, page.lead) == (
        stored_as_typed(values["page_title"]),
        values["lead"].strip(),
    )
    assert page.transitions.get().comment == stored_as_typed(values["comment"])
    programme = Programme.objects.get()
    assert programme.name == stored_as_typed(values["programme"])
    assert programme.description == values["lead"].strip()
    broadcast = Broadcast.objects.get()
    assert broadcast.summary == broadcast.transcript == values["lead"].strip()
    assert broadcast.transitions.get().comment == stored_as_typed(values["comment"])


def shown_escaped(html, *texts):
    """Every text is written escaped; no corpus markup stands in the page as written."""
    assert raw_markup_in(html) == []
    missing = [text for text in texts if escape(stored_as_typed(text)) not in html]
    assert missing == []


def test_pages_write_every_text_back_escaped(typed, client, admin_client):
    values, article = typed
    # All but the tagline, which only the page head's description carries (cut to 160).
    site = [value for name, value in values["site"].items() if name != "tagline"]
    site.append(values["link"])  # the footer's link, on every page
    photo = [values[name] for name in ("caption", "alt_text", "credit")]
    page = client.get(article.get_absolute_url()).content.decode()
    shown_escaped(page, values["title"], values["lead"], values["source"], *photo, *site)
    page = client.get(article.category.get_absolute_url()).content.decode()
    shown_escaped(page, values["category"], values["description"], values["title"], *site)
    page = client.get(reverse("news:home")).content.decode()
    shown_escaped(page, values["title"], values["category"], *site)
    page = admin_client.get(change_url(article)).content.decode()
    shown_escaped(
        page, values["title"], values["lead"], values["source"], *photo, values["comment"]
    )
    page = client.get("/gioi-thieu/").content.decode()
    shown_escaped(page, values["page_title"], values["lead"], *site)
    page = admin_client.get(change_url(Page.objects.get())).content.decode()
    shown_escaped(page, values["page_title"], values["lead"], values["comment"])
    broadcast = Broadcast.objects.get()
    page = client.get(broadcast.programme.get_absolute_url()).content.decode()
    shown_escaped(page, values["programme"], values["lead"], *site)
    # The summary's items one per line, the transcript's paragraphs: each line escaped.
    page = client.get(broadcast.get_absolute_url()).content.decode()
    shown_escaped(page, values["programme"], *broadcast.items(), *site)
    page = admin_client.get(change_url(broadcast)).content.decode()
    shown_escaped(page, values["lead"], values["comment"])
    compared = admin_client.get(reverse("admin:news_article_compare", args=[article.pk]))
    shown_escaped(compared.content.decode())
    for url in [
        reverse("admin:news_article_changelist"),
        reverse("admin:news_category_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_group_changelist"),
        reverse("admin:news_article_history", args=[article.pk]),
        reverse("admin:news_page_changelist"),
        reverse("admin:radio_broadcast_changelist"),
        reverse("admin:radio_programme_changelist"),
    ]:
        shown_escaped(admin_client.get(url).content.decode())


def as_feed(text):
    """What a feed holds for a typed text: escaped once more, the vertical tab a space."""
    return escape(stored_as_typed(text).replace("\x0b", " "))


def test_feeds_take_every_text_as_text_once_more(typed, client):
    """Readers take feed texts as HTML: each is escaped once more, and what XML cannot hold (the
    vertical tab) is a space, so the feed is still a feed."""
    values, article = typed

    response = client.get(reverse("news:feed"))
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == as_feed(values["site"]["portal_name"])
    assert channel.findtext("description") == as_feed(values["site"]["tagline"])
    item = channel.find("item")
    assert item.findtext("title") == as_feed(values["title"])
    assert item.findtext("description") == as_feed(values["lead"])
    assert item.findtext("category") == as_feed(values["category"])
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == as_feed(values["source"])
    response = client.get(reverse("news:category_feed", args=[article.category.path]))
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("description") == as_feed(values["description"])
    programme = Programme.objects.get()
    response = client.get(reverse("radio:podcast", args=[programme.slug]))
    channel = ET.fromstring(response.content).find("channel")
    station = values["site"]["station_name"]
    assert channel.findtext("title") == as_feed(
        f"{stored_as_typed(values['programme'])} — {stored_as_typed(station)}"
    )
    assert channel.find("item").findtext("description") == as_feed(
        "\n".join(Broadcast.objects.get().items())
    )
    sitemap = ET.fromstring(client.get(reverse("news:sitemap_news")).content)
    titles = [e.text for e in sitemap.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")]
    assert titles == [stored_as_typed(values["title"]).replace("\x0b", " ")]


def test_a_writers_name_in_a_feed_is_text_too(typed, client, superuser):
    _values, article = typed
    article.source = ""  # the feed then names the writer
    article.save()
    superuser.refresh_from_db()
    item = ET.fromstring(client.get(reverse("news:feed")).content).find("channel/item")
    creator = item.findtext("{http://purl.org/dc/elements/1.1/}creator")
    assert creator == as_feed(superuser.get_full_name())


def test_a_body_of_the_whole_corpus_is_stored_clean(admin_client):
    category = CategoryFactory()
    body = "\n".join(sample.text for sample in TYPABLE)
    data = article_data(category, {"title": "Tin", "lead": "Tin", "body": body})
    assert admin_client.post(add_url("news.Article"), data).status_code == 302
    stored = Article.objects.get().body
    assert stored == clean_html(body.strip())
    assert dangers(stored) == []


@pytest.mark.parametrize("sample", FAST[:4])
def test_a_refused_slug_or_user_name_comes_back_as_text(admin_client, sample):
    category = CategoryFactory()
    responses = [
        admin_client.post(
            add_url("news.Article"), article_data(category, {"title": "Tin", "slug": sample})
        ),
        admin_client.post(add_url("news.Category"), {"name": "Tin", "slug": sample, "order": "0"}),
        admin_client.post(
            add_url("auth.User"),
            {"username": sample, "usable_password": "false"},
        ),
    ]
    for response in responses:
        assert response.status_code == 200
        form = response.context["adminform"].form
        assert {"slug", "username"} & set(form.errors)
        html = response.content.decode()
        assert escape(sample) in html and raw_markup_in(html) == []
    assert not Article.objects.exists()


def test_a_nul_byte_is_refused_by_every_text_field(admin_client):
    category = CategoryFactory()
    sample = REFUSED_EVERYWHERE[0].text
    texts = {"title": sample, "lead": sample, "source": sample, "body": sample}
    response = admin_client.post(add_url("news.Article"), article_data(category, texts))
    assert response.status_code == 200
    assert {"title", "lead", "source", "body"} <= set(response.context["adminform"].form.errors)
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "sample", [s for s in CORPUS if s.id in {"script-short", "json-breakout", "entities-named"}]
)
def test_the_search_box_writes_the_query_back_as_text(client, sample):
    response = client.get(reverse("news:search"), {"q": sample.text})
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(sample.text) in html and raw_markup_in(html) == []
