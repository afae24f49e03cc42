"""Tags for the page head: absolute URLs and an article's share tags and JSON-LD (news/seo.py)."""

from dataclasses import dataclass
from datetime import datetime

from django import template

from news import seo

register = template.Library()


def _absolute(request, url):
    # A full URL (media on S3) is kept; a path gets this request's scheme and host. The 500
    # page and e-mails render without a request: the path is then the best there is.
    if not url or request is None:
        return url
    return request.build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return _absolute(context.get("request"), url)


@dataclass(frozen=True)
class ArticleHead:
    url: str
    description: str
    modified: datetime
    image: seo.ShareImage | None
    image_url: str
    json_ld: str


@register.simple_tag(takes_context=True)
def article_head(context, article):
    """Canonical URL, description, share image and JSON-LD of the article, from what the page
    already loaded (prefetched photos, the category and author joined): no query.

    A variable set inside a template block ends with the block, so each head block asks again;
    the first answer is kept on the article.
    """
    if not hasattr(article, "_head_tags"):
        article._head_tags = _article_head(context.get("request"), context["site"], article)
    return article._head_tags


def _article_head(request, site, article):
    url = _absolute(request, article.get_absolute_url())
    images = [seo.share_image(photo) for photo in article.photos.all()]
    image_urls = [_absolute(request, image.url) for image in images]
    logo_url = _absolute(request, site.logo.url) if site.logo else None
    data = seo.news_article(
        article, url=url, site_name=site.portal_name, logo_url=logo_url, image_urls=image_urls
    )
    return ArticleHead(
        url=url,
        description=seo.meta_description(article.lead),
        modified=seo.last_change(article),
        image=images[0] if images else None,
        image_url=image_urls[0] if image_urls else "",
        json_ld=seo.json_ld_script(data),
    )


@dataclass(frozen=True)
class DefaultShareImage:
    url: str
    width: int | None
    height: int | None


@register.simple_tag(takes_context=True)
def default_share_image(context):
    """The picture shared for a page without a photo of its own (news/seo.py), absolute."""
    url, width, height = seo.default_share_image(context["site"])
    return DefaultShareImage(_absolute(context.get("request"), url), width, height)


@register.filter
def meta_description(text):
    return seo.meta_description(text or "")


@register.filter
def xml_text(text):
    return seo.xml_text(text)
