"""Previews of articles in any state, rendered like the public page, never cached or indexed."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from . import proposals
from .models import Article, PreviewLink
from .views import aside_lists


def _render(request, article_pk, link=None):
    article = get_object_or_404(
        Article.objects.select_related("category", "author").prefetch_related("photos"),
        pk=article_pk,
    )
    # As it will be published: with its proposed change, when one is open.
    if (change := proposals.open_change(article)) is not None:
        proposals.as_proposed(article, change)
    response = TemplateResponse(
        request,
        "news/article_preview.html",
        {
            "article": article,
            "trail": list(article.category.trail()),
            "preview_link": link,
            # Laid out as the public page will be: with the second column on a laptop.
            "aside": aside_lists([article.pk]),
        },
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@staff_member_required
def staff_preview(request, pk):
    if not request.user.has_perm("news.view_article"):
        raise PermissionDenied
    return _render(request, pk)


def shared_preview(request, token):
    link = PreviewLink.objects.filter(token=token).first()
    if link is None or not link.is_valid():
        raise Http404
    return _render(request, link.article_id, link)
