"""The news app's models, one module per feature; imported here so that `news.models.X` works."""

from .articles import Article, ArticleQuerySet, Status, Transition, ViewCount
from .categories import Category, CategoryQuerySet, vietnamese_slug
from .pages import Page, PageTransition
from .photos import Photo
from .previews import PreviewLink, preview_expiry, preview_token
from .proposals import ChangeStatus, ProposedChange
from .search_terms import SearchTerm
from .site import MenuLink, SiteSettings

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Category",
    "CategoryQuerySet",
    "ChangeStatus",
    "MenuLink",
    "Page",
    "PageTransition",
    "Photo",
    "PreviewLink",
    "ProposedChange",
    "SearchTerm",
    "SiteSettings",
    "Status",
    "Transition",
    "ViewCount",
    "preview_expiry",
    "preview_token",
    "vietnamese_slug",
]
