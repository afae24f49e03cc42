"""Cleaning of article body HTML with nh3, against an allowlist that matches the editor's toolbar.

Whatever is posted (a pasted web page, a hand-made request), only the markup the CKEditor 5
toolbar in settings.CKEDITOR_5_CONFIGS["article"] can produce survives. Cleaning is idempotent.
"""

import nh3

ALLOWED_TAGS = {
    # paragraphs and headings (the editor offers h2-h4; h1 is the article title)
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    # inline formatting
    "strong",
    "b",
    "em",
    "i",
    "a",
    # lists and quotes
    "ul",
    "ol",
    "li",
    "blockquote",
    # images with captions, tables with captions
    "figure",
    "figcaption",
    "img",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
}

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
}

# CKEditor marks its figures with these classes; the public stylesheet styles them.
ALLOWED_CLASSES = {"figure": {"image", "table"}}

URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html: str) -> str:
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
