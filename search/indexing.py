"""Keeping the index true: outbox rows → engines, full rebuilds and the integrity check.

The embedded engine's table is written on every change in every configuration (it is the fallback when
OpenSearch is down); OpenSearch is written too when configured. A failure raises, so the outbox row stays
and the beat retry re-applies it (writes are idempotent upserts/deletes).
"""
import logging

from django.conf import settings

from search.documents import ENTRY_PREFIX, analysed, entry_document, entry_is_public, live_documents, page_document
from search.engines import database_engine, get_engine

logger = logging.getLogger("gongkai.search")


def engines():
    """The engines to write: the embedded one always, OpenSearch as well when configured."""
    out = [database_engine()]
    if settings.OPENSEARCH_URL:
        out.append(get_engine())
    return out


def document_for_key(key, page=None):
    """The current index document for an outbox key, or None when the item must leave the index."""
    if key.startswith(ENTRY_PREFIX):
        try:
            from openness_catalog.models import Entry
        except ImportError:
            return None
        pk = key[len(ENTRY_PREFIX):]
        entry = Entry.objects.select_related("item", "item__column", "item__domain").filter(pk=pk).first() if pk.isdigit() else None
        if entry is None or not entry_is_public(entry):
            return None
        return entry_document(entry)
    if page is None and key.startswith("page-") and key[5:].isdigit():
        from wagtail.models import Page

        page = Page.objects.filter(pk=int(key[5:])).first()
    if page is None:
        return None
    page = page.specific
    if not page.live or getattr(page, "withdrawn_at", None) or page.get_view_restrictions().exists():
        return None
    return page_document(page)


def apply_outbox_row(row):
    key = row.object_key
    doc = None if row.action == "delete" else document_for_key(key, row.page)
    if doc is not None and doc["type"] in ("guide", "bundle"):
        from search.vocabulary import add_names

        add_names([doc["title"]])
    prepared = analysed(doc) if doc is not None else None
    for engine in engines():
        if prepared is None:
            engine.delete([key])
        else:
            engine.upsert([prepared])


def prepared_documents():
    from search.vocabulary import add_names, names

    add_names(names())
    for doc in live_documents():
        yield analysed(doc)


def rebuild(engine=None, stdout=None):
    """Rebuild the embedded table (one transaction) and, when configured, OpenSearch (new index + alias swap)."""
    targets = [engine] if engine is not None else engines()
    docs = list(prepared_documents())
    counts = {}
    for e in targets:
        counts[e.name] = e.rebuild(iter(docs))
    return counts


def check(engine):
    """Drift between the database (truth) and one engine: missing, stale and changed documents."""
    want = {}
    for doc in live_documents():
        updated = doc.get("updated")
        want[doc["key"]] = (doc["title"], updated.isoformat() if updated else None)
    have = engine.stamps()
    missing = sorted(k for k in want if k not in have)
    stale = sorted(k for k in have if k not in want)
    changed = sorted(k for k in want if k in have and have[k][0] != want[k][0])
    return {"engine": engine.name, "expected": len(want), "indexed": len(have), "missing": missing, "stale": stale,
            "changed": changed, "titles": {k: want[k][0] for k in missing + changed}, "ok": not (missing or stale or changed)}


def describe(report):
    lines = [f"搜索引擎：{report['engine']}；数据库应有 {report['expected']} 条，索引中有 {report['indexed']} 条。"]
    if report["ok"]:
        lines.append("索引与数据库一致。")
        return "\n".join(lines)
    if report["missing"]:
        lines.append(f"缺失 {len(report['missing'])} 条（已公开但搜不到）：")
        lines += [f"  - {k} {report['titles'].get(k, '')}" for k in report["missing"][:50]]
    if report["stale"]:
        lines.append(f"多余 {len(report['stale'])} 条（已撤下或删除但仍可搜到）：")
        lines += [f"  - {k}" for k in report["stale"][:50]]
    if report["changed"]:
        lines.append(f"标题不一致 {len(report['changed'])} 条（内容已修改但索引未更新）：")
        lines += [f"  - {k} {report['titles'].get(k, '')}" for k in report["changed"][:50]]
    lines.append("修复：python manage.py search_index rebuild")
    return "\n".join(lines)
