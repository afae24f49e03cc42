"""What search engines, social networks and feed readers are told about an article.

The share image, the meta description and the schema.org `NewsArticle` description are built
here once, from data already loaded with the article (no query), and used by the page head
(templatetags/seo_tags.py) and the RSS feeds (feeds.py).
"""

import json
import mimetypes
import re
from dataclasses import dataclass, field

from django.core.files.storage import Storage
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .renditions import OG_SIZE

DESCRIPTION_LENGTH = 160
# The size of the rendition made for sharing (news/renditions.py): what Facebook and Zalo show.

# json.dumps leaves these as they are; inside <script> they could close the element or start
# a comment, so they are written as JSON escapes (as Django's json_script filter does).
_SCRIPT_SAFE = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


@dataclass(frozen=True)
class ShareImage:
    url: str  # as the storage gives it: a path on this site, or a full URL on S3
    storage_name: str
    width: int | None
    height: int | None
    alt: str
    storage: Storage = field(compare=False, repr=False)

    @property
    def mime_type(self):
        return mimetypes.guess_type(self.storage_name)[0] or "image/jpeg"

    def size(self):
        """Bytes of the file, for an RSS enclosure; 0 ("unknown") if the file is missing."""
        try:
            return self.storage.size(self.storage_name)
        except (OSError, NotImplementedError):
            return 0


def share_image(photo):
    """The photo's 1200×630 rendition when it was made, otherwise the original."""
    storage = photo.image.storage
    rendition = (photo.renditions or {}).get("og")
    if rendition:
        return ShareImage(photo.og_image_url, rendition, *OG_SIZE, photo.alt_text, storage)
    return ShareImage(
        photo.image.url, photo.image.name, photo.width, photo.height, photo.alt_text, storage
    )


# Shared when a page has no photo and the site no share image or logo: no page is shared without
# a picture. Plain (no name: every name comes from the site settings).
PLAIN_SHARE_IMAGE = ("img/share.png", *OG_SIZE)


def default_share_image(site):
    """(url, width, height) of the picture for pages without a photo of their own: the site's
    share image, else its logo, else a plain image. The size of an uploaded one is not given
    (None): reading it would open the file on every page."""
    for image in (site.share_image, site.logo):
        if image:
            return image.url, None, None
    path, width, height = PLAIN_SHARE_IMAGE
    return static(path), width, height


# What XML 1.0 cannot hold: C0 controls but tab, newline and return, U+FFFE and U+FFFF, lone
# surrogates. A title pasted from Word can carry a vertical tab (its line break); Django's feed
# writer refuses it (a 500 for the whole feed) and a sitemap holding it is no XML at all.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text):
    """`text` with each character XML cannot hold replaced by a space, for feeds and sitemaps."""
    return _NOT_IN_XML.sub(" ", text or "")


def meta_description(text, length=DESCRIPTION_LENGTH):
    """One line of at most `length` characters (an ellipsis marks a cut), for search results."""
    return Truncator(" ".join(text.split())).chars(length)


def last_change(article):
    """When the article last changed for a reader: never before it was published (an article
    scheduled ahead was last saved before its publication time). A draft (in a preview) has
    no publication time yet."""
    if article.published_at is None:
        return article.updated_at
    return max(article.updated_at, article.published_at)


def organization(name, logo_url=None):
    data = {"@type": "Organization", "name": name}
    if logo_url:
        data["logo"] = {"@type": "ImageObject", "url": logo_url}
    return data


def news_article(article, *, url, site_name, logo_url, image_urls):
    """schema.org NewsArticle for the article at the absolute `url`.

    The author is the source line ("Đài Kim Bảng", an organisation) when there is one, as the
    page shows it; otherwise the writer's name; otherwise the portal itself.
    """
    if article.source:
        author = organization(article.source)
    elif article.author_id and article.author.get_full_name():
        author = {"@type": "Person", "name": article.author.get_full_name()}
    else:
        author = organization(site_name)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": meta_description(article.lead, 300),
        "dateModified": timezone.localtime(last_change(article)).isoformat(),
        "author": author,
        "publisher": organization(site_name, logo_url),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "articleSection": article.category.name,
        "inLanguage": "vi",
    }
    if article.published_at:
        data["datePublished"] = timezone.localtime(article.published_at).isoformat()
    if image_urls:
        data["image"] = image_urls
    return data


def json_ld_script(data):
    """<script type="application/ld+json"> that no string in `data` can break out of.

    Django's json_script filter escapes the same way but always writes type="application/json".
    It is data, never run, so the Content-Security-Policy (script-src 'self') does not apply.
    """
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
