"""Keeping the index true: outbox rows → engines, full rebuilds and the integrity check.

The embedded engine's table is written on every change in every configuration (it is the fallback when
OpenSearch is down); OpenSearch is written too when configured. A failure raises, so the outbox row stays
and the beat retry re-applies it (writes are idempotent upserts/deletes).
"""
from django.conf import settings
from django.db.models import Max

from search import hot_cache, registry, vocabulary
from search.documents import analysed
from search.engines import database_engine, get_engine
from search.models import SearchOutbox
from search.vocabulary import add_names

NAMED_TYPES = ("guide", "bundle")


def engines():
    """The engines to write: the embedded one always, OpenSearch as well when configured."""
    out = [database_engine()]
    if settings.OPENSEARCH_URL:
        out.append(get_engine())
    return out


def _prepared(docs):
    named = [d["title"] for d in docs if d["type"] in NAMED_TYPES]
    if named:
        add_names(named)
    return [analysed(d) for d in docs]


VISIBLE = "wait_for"  # an index write returns once searches see it (OpenSearch refresh; the database commits anyway)


def apply(key, action):
    """One outbox row: the current document for key, or its removal."""
    doc = None if action == "delete" else registry.document_for_key(key)
    for engine in engines():
        if doc is None:
            engine.delete([key], refresh=VISIBLE)
        else:
            engine.upsert(_prepared([doc]), refresh=VISIBLE)
    vocabulary.texts_changed()
    hot_cache.bump()


def apply_many(actions):
    """{key: action} in one batched write per engine."""
    upserts, deletes = [], []
    found = registry.documents_for_keys([key for key, action in actions.items() if action != "delete"])
    for key, action in actions.items():
        doc = None if action == "delete" else found[key]
        if doc is None:
            deletes.append(key)
        else:
            upserts.append(doc)
    prepared = _prepared(upserts)
    for engine in engines():
        if prepared:
            engine.upsert(prepared, refresh=VISIBLE)
        if deletes:
            engine.delete(deletes, refresh=VISIBLE)
    if upserts or deletes:
        vocabulary.texts_changed()
    hot_cache.bump()


def prepared_documents():
    add_names(registry.names())
    for doc in registry.live_documents():
        yield analysed(doc)


def rebuild(engine=None, stdout=None):
    """Rebuild the embedded table (one transaction) and, when configured, OpenSearch (new index + alias swap).

    A rebuild of every engine reads the truth after every outbox row written before it, so those rows are done."""
    targets = [engine] if engine is not None else engines()
    last_pending = SearchOutbox.objects.aggregate(last=Max("id"))["last"]
    docs = list(prepared_documents())
    counts = {e.name: e.rebuild(iter(docs)) for e in targets}
    vocabulary.texts_changed()
    hot_cache.bump()
    if engine is None and last_pending is not None:
        SearchOutbox.objects.filter(id__lte=last_pending).delete()
    return counts


def check(engine):
    """Drift between the database (truth) and one engine: missing, stale and changed documents."""
    want = {}
    for doc in registry.live_documents():
        updated = doc.get("updated")
        want[doc["key"]] = (doc["title"], updated.isoformat() if updated else None, doc.get("site") or "")
    have = engine.stamps()
    missing = sorted(k for k in want if k not in have)
    stale = sorted(k for k in have if k not in want)
    # a changed title, or a changed site of the group (a document indexed before the group, a site's new hostname)
    changed = sorted(k for k in want if k in have and (have[k][0] != want[k][0] or have[k][2:3] != want[k][2:3]))
    failing = list(SearchOutbox.objects.filter(attempts__gt=0).order_by("id")
                   .values_list("object_key", "attempts", "last_error")[:50])
    return {"engine": engine.name, "expected": len(want), "indexed": len(have), "missing": missing, "stale": stale,
            "changed": changed, "titles": {k: want[k][0] for k in missing + changed}, "failing": failing,
            "ok": not (missing or stale or changed)}


def describe(report):
    lines = [f"搜索引擎：{report['engine']}；数据库应有 {report['expected']} 条，索引中有 {report['indexed']} 条。"]
    if report.get("failing"):
        lines.append(f"写入失败、等待重试 {len(report['failing'])} 条（每 30 秒自动重试）：")
        lines += [f"  - {k}（已试 {n} 次）：{error.splitlines()[0][:200] if error else ''}" for k, n, error in report["failing"]]
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
        lines.append(f"标题或所属站点不一致 {len(report['changed'])} 条（内容已修改但索引未更新）：")
        lines += [f"  - {k} {report['titles'].get(k, '')}" for k in report["changed"][:50]]
    lines.append("修复：python manage.py search_index rebuild")
    return "\n".join(lines)
