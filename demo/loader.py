"""The database side of `manage.py load_demo`: accounts, site settings, categories, articles."""

import datetime
import zlib
from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone

from news import body_photos
from news.models import (
    Article,
    Category,
    MenuLink,
    Page,
    Photo,
    SiteSettings,
    Status,
    vietnamese_slug,
)
from radio.models import Broadcast, Programme

from .articles import ARTICLES
from .audio import jingle_mp3
from .content import ACCOUNTS, AUTHOR, CATEGORIES, FOOTER_LINKS, LOGO_INITIALS, SITE, SOURCE
from .pages import MENU_PAGES, PAGES
from .pictures import logo_png
from .radio import BROADCASTS, PROGRAMMES
from .scenes import render


@dataclass(frozen=True)
class Outcome:
    loaded: bool
    articles: int = 0
    photos: int = 0
    categories: int = 0
    pages: int = 0
    broadcasts: int = 0


def load_demo(reset=False, now=None):
    """Set up the demo accounts, then load the content unless some article already exists.

    With `reset`, the demo's own articles and categories are removed and loaded again;
    articles that editors wrote themselves are kept. All in one transaction.
    """
    written = []  # files stored so far: a rollback leaves no row pointing at them
    try:
        with transaction.atomic():
            users = ensure_accounts()
            if reset:
                remove_demo_content()
            elif Article.objects.exists():
                return Outcome(loaded=False)
            load_site_settings(written)
            categories = load_categories()
            now = now or timezone.now()
            articles, photos = load_articles(categories, users[AUTHOR], now, written)
            pages = load_pages(users[AUTHOR], now, written)
            broadcasts = load_radio(users[AUTHOR], now, written)
            load_menu(categories)
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return Outcome(True, articles, photos, len(categories), pages, broadcasts)


def ensure_accounts():
    """One user per editorial role plus a superuser, with the published demo passwords."""
    users = {}
    for account in ACCOUNTS:
        user, _created = get_user_model().objects.get_or_create(username=account.username)
        user.first_name, user.last_name = account.first_name, account.last_name
        user.email = f"{account.username}@kimbang.example"
        user.is_active = user.is_staff = True
        user.is_superuser = account.is_superuser
        user.set_password(account.password)
        user.save()
        user.groups.set([Group.objects.get(name=account.group)] if account.group else [])
        users[account.username] = user
    return users


def _delete_file_after_commit(name):
    # A rollback keeps the rows that point at the file, so the file must outlive it.
    if name:
        transaction.on_commit(partial(default_storage.delete, name))


def remove_demo_content():
    broadcasts = Broadcast.objects.filter(programme__slug__in=[p.slug for p in PROGRAMMES])
    for name in broadcasts.values_list("audio", flat=True):
        _delete_file_after_commit(name)
    broadcasts.delete()
    Programme.objects.filter(slug__in=[p.slug for p in PROGRAMMES], broadcasts=None).delete()
    pages = Page.objects.filter(path__in=demo_page_paths())
    for name in Photo.objects.filter(page__in=pages).values_list("image", flat=True):
        _delete_file_after_commit(name)
    Page.objects.filter(path__in=demo_page_paths()).order_by(Length("path").desc()).delete()
    articles = Article.objects.filter(title__in=[a.title for a in ARTICLES])
    for name in Photo.objects.filter(article__in=articles).values_list("image", flat=True):
        _delete_file_after_commit(name)
    articles.delete()
    # Deepest first; a category that still holds an editor's article stays.
    demo = Category.objects.filter(path__in=demo_category_paths(), articles=None)
    for category in demo.order_by(Length("path").desc()):
        if not category.children.exists():
            category.delete()


def demo_category_paths():
    paths = []

    def walk(nodes, prefix):
        for node in nodes:
            path = prefix + vietnamese_slug(node.name, 120)
            paths.append(path)
            walk(node.children, f"{path}/")

    walk(CATEGORIES, "")
    return paths


def demo_page_paths():
    paths = []

    def walk(pages, prefix):
        for page in pages:
            paths.append(prefix + page.slug)
            walk(page.children, f"{prefix}{page.slug}/")

    walk(PAGES, "")
    return paths


def load_pages(author, now, written):
    """The demo's pages, published, with their photos in their bodies; existing pages at the
    same address are updated."""
    count = 0

    def walk(pages, parent):
        nonlocal count
        for order, demo in enumerate(pages, start=1):
            path = (f"{parent.path}/" if parent else "") + demo.slug
            page = Page.objects.filter(path=path).first() or Page(parent=parent)
            page.title, page.slug, page.lead = demo.title, demo.slug, demo.lead
            page.body, page.language, page.order = demo.body.strip(), demo.language, order
            page.author, page.status, page.published_at = author, Status.PUBLISHED, now
            page.save()
            if demo.photo:
                place_page_photo(page, demo.photo, written)
            count += 1
            walk(demo.children, page)

    walk(PAGES, None)
    return count


def load_radio(author, now, written):
    """The demo's programmes and their broadcasts, published, each with a synthesised jingle."""
    programmes = {}
    for order, demo in enumerate(PROGRAMMES, start=1):
        programme = Programme.objects.filter(slug=demo.slug).first() or Programme(slug=demo.slug)
        programme.name, programme.description, programme.order = demo.name, demo.description, order
        programme.save()
        programmes[demo.slug] = programme
    for number, demo in enumerate(BROADCASTS):
        aired_at = min(publication_time(demo.days_ago, demo.time, now), now)
        broadcast = Broadcast(
            programme=programmes[demo.programme],
            number=demo.number,
            aired_at=aired_at,
            summary=demo.summary.strip(),
            transcript=demo.transcript.strip(),
            author=author,
            status=Status.PUBLISHED,
            published_at=aired_at,
        )
        # Each its own tune (transposed), so that the files differ.
        mp3 = jingle_mp3(demo.seconds, transpose=1 + number / 8)
        broadcast.take_audio(ContentFile(mp3, name="jingle.mp3"))
        broadcast.save()
        written.append(broadcast.audio.name)
    return len(BROADCASTS)


def save_photo(picture, written, **owner_and_order):
    """`picture` rendered and saved as a Photo of its owner (article= or page=, with order=);
    its files are added to `written`."""
    # Seeded by the caption: the same picture on every load, a different one per photo.
    image = render(picture.scene, zlib.crc32(picture.caption.encode()))
    # Assigned, then saved with the row, as an admin upload is: the field's upload_to names
    # the file (photos/YYYY/MM/<hex>.jpg) from its contents.
    photo = Photo(
        image=ContentFile(image, name="anh.jpg"),
        caption=picture.caption,
        alt_text=picture.alt_text,
        credit=picture.credit,
        **owner_and_order,
    )
    photo.save()
    written += [photo.image.name, *photo.rendition_names]
    return photo


def place_page_photo(page, picture, written):
    """`picture` rendered, as the page's photo after its first paragraph (replacing any)."""
    for name in page.photos.values_list("image", flat=True):
        _delete_file_after_commit(name)
    page.photos.all().delete()
    photo = save_photo(picture, written, page=page, order=1)
    page.body = place_after_paragraph(page.body, 1, body_photos.editor_figure(photo))
    page.save()


def load_menu(categories):
    """The main menu: the top-level categories, then the introduction and contact pages."""
    site = SiteSettings.load()
    site.links.filter(place=MenuLink.Place.MENU).delete()
    roots = sorted(
        (category for category in categories.values() if category.parent_id is None),
        key=lambda category: category.order,
    )
    links = [MenuLink(category=category) for category in roots]
    titles = {page.slug: page.title for page in PAGES}
    links += [MenuLink(url=f"/{slug}/", label=titles[slug]) for slug in MENU_PAGES[:1]]
    links.append(MenuLink(url=reverse("radio:broadcasts"), label="Phát thanh"))
    links += [MenuLink(url=f"/{slug}/", label=titles[slug]) for slug in MENU_PAGES[1:]]
    for order, link in enumerate(links, start=1):
        link.site, link.place, link.order = site, MenuLink.Place.MENU, order
        link.save()


def load_site_settings(written):
    site = SiteSettings.load()
    for field, value in SITE.items():
        setattr(site, field, value)
    _delete_file_after_commit(site.logo.name)
    site.logo.save("logo.png", ContentFile(logo_png(LOGO_INITIALS)), save=False)
    written.append(site.logo.name)
    site.save()
    written.append(site.logo_small.name)
    site.links.filter(place=MenuLink.Place.FOOTER).delete()
    for order, (label, url) in enumerate(FOOTER_LINKS, start=1):
        MenuLink.objects.create(
            site=site, place=MenuLink.Place.FOOTER, order=order, label=label, url=url
        )


def load_categories():
    """The category tree, by name; existing categories at the same path are updated."""
    categories = {}

    def walk(nodes, parent):
        for node in nodes:
            path = (f"{parent.path}/" if parent else "") + vietnamese_slug(node.name, 120)
            category = Category.objects.filter(path=path).first() or Category(parent=parent)
            category.name, category.order = node.name, node.order
            category.description, category.is_active = node.description, True
            category.save()
            categories[node.name] = category
            walk(node.children, category)

    walk(CATEGORIES, None)
    return categories


def publication_time(days_ago, clock, now):
    day = timezone.localdate(now) - datetime.timedelta(days=days_ago)
    hour, minute = map(int, clock.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load_articles(categories, author, now, written):
    photo_count = 0
    for demo in ARTICLES:
        published_at = min(publication_time(demo.days_ago, demo.time, now), now)
        article = Article(
            title=demo.title,
            lead=demo.lead.replace("{date}", f"{timezone.localtime(published_at):%d/%m/%Y}"),
            body=demo.body.strip(),
            category=categories[demo.category],
            source=SOURCE,
            author=author,
            status=Status.PUBLISHED,
            published_at=published_at,
            is_featured=demo.is_featured,
        )
        article.save()
        for order, picture in enumerate(demo.photos, start=1):
            photo = save_photo(picture, written, article=article, order=order)
            photo_count += 1
            if picture.after_paragraph:
                article.body = place_after_paragraph(
                    article.body, picture.after_paragraph, body_photos.editor_figure(photo)
                )
                article.save()
    return len(ARTICLES), photo_count


def place_after_paragraph(body, number, html):
    """`body` with `html` after its `number`-th paragraph."""
    end = -1
    for _ in range(number):
        end = body.index("</p>", end + 1)
    end += len("</p>")
    return body[:end] + html + body[end:]
