"""Maps content to index documents and applies outbox rows to the configured engine."""
from search.engines import get_engine


def page_document(page):
    page = page.specific
    doc = {"type": getattr(page, "search_type", "page"), "title": page.title, "url": page.url or "", "body": ""}
    for attr in ("body", "conditions", "intro"):
        value = getattr(page, attr, "")
        if value:
            doc["body"] += " " + str(value)
    if getattr(page, "validity", None):
        doc["validity"] = page.validity
    if getattr(page, "formed_on", None):
        doc["year"] = page.formed_on.year
    return doc


def apply_outbox_row(row):
    engine = get_engine()
    if not hasattr(engine, "index_document"):
        return  # the embedded engine reads the database directly
    if row.action == "delete" or row.page is None or not row.page.live:
        engine.delete_document(row.object_key)
    else:
        engine.index_document(row.object_key, page_document(row.page))
