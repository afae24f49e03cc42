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
    # images with captions, tables with captions (CKEditor wraps both in a <figure> and
    # writes the caption as its <figcaption>; a pasted <caption> becomes one too)
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

# Elements removed together with their content. Without this, the raw text inside an
# <iframe> or <textarea> would stay behind as visible text, e.g. "<script>alert(1)</script>".
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "textarea",
    "title",
    "xmp",
}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes=ALLOWED_CLASSES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean_html(html: str) -> str:
    if not html:
        return ""
    return _cleaner.clean(html).strip()
