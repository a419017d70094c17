"""Index documents: one plain dict per searchable item, the same for every engine.

The content apps build their documents (their ``documents.py``) from ``skeleton()``; keys are stable:
``page-<id>`` for pages and ``catalogue_entry:<pk>`` for catalogue entries. ``site`` is the hostname of the
document's site of the group (search.sites) and ``url`` its path there. Bundle↔guide links are not stored;
the service asks the registry for them at query time so they are never stale.
"""
import html
import re
from datetime import date, datetime

from search import sites
from search.vocabulary import analyzer

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(value) -> str:
    text = _TAG.sub(" ", str(value or ""))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def page_key(page_id) -> str:
    return f"page-{page_id}"


def day_of(value):
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def skeleton(key, kind, title, url, **fields):
    """Every field an engine stores, with empty defaults."""
    doc = {"key": key, "type": kind, "title": title, "url": url or "", "page_id": None, "code": "", "doc_number": "",
           "department": "", "column": "", "domain": "", "year": None, "validity": "", "tongban": [], "updated": None,
           "keywords": "", "body": "", "site": ""}
    doc.update(fields)
    return doc


def page_skeleton(page, kind, **fields):
    """A page's document: its site (the hostname of the Site it is under, search.sites) and its path within that site,
    which the service makes absolute for visitors of another site of the group."""
    updated = day_of(page.last_published_at) or day_of(getattr(page, "published_at", None))
    site, url = sites.page_location(page)
    return skeleton(page_key(page.pk), kind, page.title, url, page_id=page.pk, updated=updated, site=site, **fields)


def join(*parts):
    return " ".join(p for p in parts if p)


def analysed(doc, a=None):
    """The document plus analysed fields: title/body tokens and autocomplete keys."""
    a = a or analyzer()
    out = dict(doc)
    title_extra = " ".join(doc.get(k) or "" for k in ("code", "doc_number", "keywords"))
    out["title_tokens"] = a.segment_for_index(doc["title"] + " " + title_extra)
    out["body_tokens"] = a.segment_for_index(doc.get("body", ""))
    out["pinyin"] = " " + " ".join(a.pinyin_keys(doc["title"])) if doc["type"] in ("guide", "bundle") else ""
    return out
