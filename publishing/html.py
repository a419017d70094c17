"""The one HTML allow-list (plain Python): every HTML body Gongkai stores or shows passes here.

    sanitise_html(value)     rich text as stored (Wagtail's database form): imports, loaders, editors, any save
    sanitise_rendered(value) the public page's HTML after Wagtail expanded its links and images (old rows included)
    html_to_text(value)      an HTML body for a plain-text field (catalogue entries), scripts and tags gone

What 公文 bodies and Wagtail rich text need stays: paragraphs, headings, lists, tables with spans, emphasis and
links to http(s)/mailto/tel or relative addresses. Scripts, styles, frames, objects, forms, event handlers, style
attributes and javascript:/data: URLs go. Wagtail stores internal links as <a linktype="page" id="3"> and images
as <embed embedtype="image" id="1" format="left" alt="…"/>; both survive, and the embed keeps its "/>" because
Wagtail's rewriter only finds embeds written that way.
"""
import re

import nh3

from publishing.text import plain

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"}
TAGS = BLOCKS | {
    "br", "hr", "ul", "ol", "strong", "em", "b", "i", "u", "s", "sup", "sub", "code", "a",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "img",
}
ATTRIBUTES = {
    "*": {"class"},
    "a": {"href"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "img": {"src", "alt", "width", "height"},
    **{tag: {"data-block-key"} for tag in BLOCKS},  # Wagtail keeps comment anchors on blocks
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Dropped with everything inside them, not just their tags.
CONTENT_DROPPED = {"script", "style", "iframe", "object", "noscript", "template", "textarea", "select", "title", "math", "svg"}

# Stored form only: Wagtail's link and image references, with numeric ids.
STORED_TAGS = TAGS | {"embed"}
STORED_ATTRIBUTES = {**ATTRIBUTES, "a": {"href", "id"}, "embed": {"id", "format", "alt"}}
STORED_VALUES = {"a": {"linktype": {"page", "document"}}, "embed": {"embedtype": {"image"}}}


_REFERENCE_TAG = re.compile(r'<(a|embed)\b((?:[^>"]|"[^"]*")*)>')
_QUOTED = re.compile(r'"([^"]*)"')
_NAMES = re.compile(r'([\w-]+)="')


def _numeric_ids(tag, attribute, value):
    if attribute == "id" and tag in ("a", "embed") and not value.isdigit():
        return None
    return value


def _wagtail_form(match):
    """Attribute values keep < and > escaped, and embeds end in "/>": Wagtail finds both with plain regexes. A
    reference missing what Wagtail looks up (a page id; an image id and format) would fail at render: it goes."""
    tag, attrs = match.group(1), _QUOTED.sub(lambda m: '"' + m.group(1).replace("<", "&lt;").replace(">", "&gt;") + '"', match.group(2))
    names = set(_NAMES.findall(attrs))
    if tag == "a":
        return f"<a{attrs}>" if "id" in names or "linktype" not in names else "<a>"
    return f"<embed{attrs.rstrip(' /')}/>" if {"embedtype", "id", "format"} <= names else ""


def _clean(value, tags, attributes, **options):
    return nh3.clean(
        str(value or ""), tags=tags, clean_content_tags=CONTENT_DROPPED - tags, attributes=attributes,
        url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True, **options,
    )


def sanitise_html(value) -> str:
    """Rich text as it may be stored. Idempotent: what it returns, it returns unchanged."""
    if not value:
        return ""
    cleaned = _clean(value, STORED_TAGS, STORED_ATTRIBUTES, tag_attribute_values=STORED_VALUES, attribute_filter=_numeric_ids)
    return _REFERENCE_TAG.sub(_wagtail_form, cleaned)


def sanitise_rendered(value) -> str:
    """HTML about to be shown on a public page (after Wagtail's expand_db_html)."""
    return _clean(value, TAGS, ATTRIBUTES) if value else ""


def html_to_text(value) -> str:
    """The visible text of an HTML body, one line per block; script and style contents are not text."""
    return plain(_clean(value, TAGS, ATTRIBUTES)) if value else ""
