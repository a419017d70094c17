"""Content → index documents. One plain dict per searchable item, the same for every engine.

Keys are stable: ``page-<id>`` for pages (policies, 解读, guides, bundles) and ``catalogue_entry:<pk>``
for catalogue entries. Bundle↔guide links are not stored; the service reads them at query time so they
are never stale.
"""
import html
import re
from datetime import date, datetime


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
ENTRY_PREFIX = "catalogue_entry:"


def plain_text(value) -> str:
    text = _TAG.sub(" ", str(value or ""))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def page_key(page_id) -> str:
    return f"page-{page_id}"


def _day(value):
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def page_type(page):
    from cms.models import BundlePage, InterpretationPage, PolicyDocumentPage, ServiceGuidePage

    for model, name in ((PolicyDocumentPage, "policy"), (InterpretationPage, "interpretation"),
                        (ServiceGuidePage, "guide"), (BundlePage, "bundle")):
        if isinstance(page, model):
            return name
    return None


def page_document(page):
    """The index document of a live page, or None if the page type is not searched."""
    page = page.specific
    kind = page_type(page)
    if kind is None:
        return None
    doc = {"key": page_key(page.pk), "type": kind, "title": page.title, "url": page.url or "", "page_id": page.pk,
           "code": "", "doc_number": "", "department": "", "column": "", "domain": "", "year": None,
           "validity": "", "updated": _day(page.last_published_at) or _day(getattr(page, "published_at", None))}
    parts = []
    if kind == "policy":
        issuers = [o.name for o in page.issuers.all()]
        doc.update(doc_number=page.doc_number, department=issuers[0] if issuers else "", validity=page.validity,
                   keywords=page.keywords,
                   year=page.formed_on.year if page.formed_on else None)
        if page.topic_id:
            topic = page.topic
            doc["domain"] = topic.name
            doc["column"] = topic.parent.name if topic.parent_id else topic.name
        doc["updated"] = _day(page.published_at) or page.formed_on or doc["updated"]
        parts += [plain_text(page.body), page.keywords, "、".join(issuers), page.doc_number, page.doc_type, "政策文件"]
    elif kind == "interpretation":
        policy = page.policy
        parts += [plain_text(page.body), "政策解读"]
        if policy is not None:
            issuers = [o.name for o in policy.issuers.all()]
            doc["department"] = issuers[0] if issuers else ""
            parts.append(policy.title)
        day = _day(page.published_at) or doc["updated"]
        doc["year"] = day.year if day else None
    elif kind == "guide":
        doc.update(code=page.code, department=page.department)
        materials = [m.name for m in page.materials.all()]
        parts += [page.conditions, "申请材料：" + "；".join(materials) if materials else "", page.steps, page.faq,
                  page.basis, page.item_type, page.department, page.location, "办事指南"]
    elif kind == "bundle":
        doc.update(code=page.code, department=page.lead_department, keywords=page.life_event)
        parts += [page.intro, "包含事项：" + "；".join(g.title for g in page.guides), page.lead_department, page.life_event,
                  "一件事一次办"]
    if kind in ("guide", "bundle") and doc["updated"]:
        doc["year"] = doc["updated"].year
    doc["body"] = " ".join(p for p in parts if p)
    return doc


def entry_document(entry):
    """A catalogue entry (openness_catalog.models.Entry); fields read defensively."""
    item = getattr(entry, "item", None)
    column = getattr(getattr(item, "column", None), "name", "") or ""
    domain = getattr(getattr(item, "domain", None), "name", "") or ""
    day = _day(getattr(entry, "published_at", None)) or _day(getattr(entry, "formed_on", None))
    url = ""
    if hasattr(entry, "get_absolute_url"):
        try:
            url = entry.get_absolute_url() or ""
        except Exception:  # noqa: BLE001 — a half-built catalogue must not break indexing
            url = ""
    item_name = str(item) if item is not None else ""
    department = getattr(entry, "unit", "") or getattr(item, "subject", "") or column
    return {"key": f"{ENTRY_PREFIX}{entry.pk}", "type": "catalogue_entry", "title": entry.title, "url": url,
            "page_id": None, "code": "", "doc_number": "", "department": department, "column": column,
            "domain": domain, "year": day.year if day else None, "validity": "", "updated": day,
            "body": " ".join(p for p in (item_name, column, domain, plain_text(getattr(entry, "body", ""))) if p)}


def analysed(doc, a=None):
    """The document plus analysed fields: title/body tokens and autocomplete keys."""
    if a is None:
        from search.vocabulary import analyzer

        a = analyzer()
    out = dict(doc)
    title_extra = " ".join(doc.get(k) or "" for k in ("code", "doc_number", "keywords"))
    out["title_tokens"] = a.segment_for_index(doc["title"] + " " + title_extra)
    out["body_tokens"] = a.segment_for_index(doc.get("body", ""))
    out["pinyin"] = " " + " ".join(a.pinyin_keys(doc["title"])) if doc["type"] in ("guide", "bundle") else ""
    return out


def live_documents():
    """Every document the index should hold, built from the database (the truth)."""
    from cms.models import BundlePage, InterpretationPage, PolicyDocumentPage, ServiceGuidePage

    for model in (BundlePage, ServiceGuidePage, PolicyDocumentPage, InterpretationPage):
        qs = model.objects.live().public()
        if model is PolicyDocumentPage:
            qs = qs.select_related("topic", "topic__parent").prefetch_related("issuers")
        for page in qs:
            doc = page_document(page)
            if doc:
                yield doc
    yield from entry_documents()


def entry_is_public(entry):
    """Published (and, if the catalogue has a status, in the published state)."""
    if hasattr(entry, "published_at") and entry.published_at is None:
        return False
    status = getattr(entry, "status", None)
    if status is not None:
        published = getattr(type(entry), "PUBLISHED", "published")
        return status == published
    return True


def entry_documents():
    try:
        from openness_catalog.models import Entry
    except ImportError:
        return
    qs = Entry.objects.select_related("item", "item__column", "item__domain")
    if any(f.name == "published_at" for f in Entry._meta.get_fields()):
        qs = qs.exclude(published_at=None)
    for entry in qs:
        if entry_is_public(entry):
            yield entry_document(entry)
