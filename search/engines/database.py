"""The embedded engine (make run's default, sized for a county site of ~20k documents).

Documents live in ``SearchDocument`` with analysed text. SQLite matches through an external-content FTS5
table kept in sync by triggers, scored by ``bm25`` (title weighted 10×); PostgreSQL through a generated
``tsvector`` (title weight A, body D) with a GIN index, scored by ``ts_rank``. Query text comes from the
shared analysis (search.analysis.to_fts5_match / to_tsquery), never from the database's own tokenizer.
"""
from django.db import connection, transaction

from search.analysis import to_fts5_match, to_tsquery
from search.engines.base import HIT_FIELDS, Engine, Match, facet_counts, passes

COLUMNS = ["key", "type", "title", "url", "page_id", "department", "column", "domain", "year", "validity",
           "updated", "title_tokens", "code", "doc_number"]
TABLE = "gongkai_search_searchdocument"
FTS = "gongkai_search_fts"


class DatabaseEngine(Engine):
    name = "database"

    def health(self):
        return "ok"

    # ---- writing ------------------------------------------------------------------------------
    def upsert(self, docs, refresh=False):
        from search.models import SearchDocument

        fields = [f.name for f in SearchDocument._meta.concrete_fields if f.name != "id"]
        with transaction.atomic():
            for doc in docs:
                values = {f: doc.get(f) if doc.get(f) is not None else _blank(f) for f in fields if f != "key"}
                SearchDocument.objects.update_or_create(key=doc["key"], defaults=values)
        _names_changed()

    def delete(self, keys, refresh=False):
        from search.models import SearchDocument

        SearchDocument.objects.filter(key__in=list(keys)).delete()
        _names_changed()

    def rebuild(self, docs) -> int:
        """Replace everything in one transaction: readers see the old index until the commit."""
        from search.models import SearchDocument

        fields = [f.name for f in SearchDocument._meta.concrete_fields if f.name != "id"]
        n = 0
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            batch = []
            for doc in docs:
                batch.append(SearchDocument(**{f: doc.get(f) if doc.get(f) is not None else _blank(f) for f in fields}))
                if len(batch) >= 1000:
                    SearchDocument.objects.bulk_create(batch)
                    n += len(batch)
                    batch = []
            SearchDocument.objects.bulk_create(batch)
            n += len(batch)
        _names_changed()
        return n

    # ---- reading ------------------------------------------------------------------------------
    def count(self):
        from search.models import SearchDocument

        return SearchDocument.objects.count()

    def stamps(self):
        from search.models import SearchDocument

        return {k: (t, u.isoformat() if u else None)
                for k, t, u in SearchDocument.objects.values_list("key", "title", "updated")}

    def bodies(self, keys):
        from search.models import SearchDocument

        return dict(SearchDocument.objects.filter(key__in=list(keys)).values_list("key", "body"))

    def match(self, groups, require_all=True, filters=None, window=200):
        if not groups:
            return Match()
        cols = ", ".join(f'd."{c}"' for c in COLUMNS)
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                expr = to_tsquery(groups, require_all)
                if not expr:
                    return Match()
                cur.execute(
                    f"SELECT {cols}, ts_rank(d.tsv, q, 1) AS score FROM {TABLE} d, to_tsquery('simple', %s) q "
                    f"WHERE d.tsv @@ q", [expr])
            else:
                expr = to_fts5_match(groups, require_all)
                if not expr:
                    return Match()
                cur.execute(
                    f"SELECT {cols}, -bm25({FTS}, 10.0, 1.0) AS score FROM {FTS} JOIN {TABLE} d ON d.id = {FTS}.rowid "
                    f"WHERE {FTS} MATCH %s", [expr])
            names = COLUMNS + ["score"]
            rows = [dict(zip(names, r)) for r in cur.fetchall()]
        facets = facet_counts(rows, filters)
        if filters:
            rows = [r for r in rows if passes(r, filters)]
        rows.sort(key=lambda r: -(r["score"] or 0.0))
        return Match(total=len(rows), hits=rows[:window], facets=facets)


def _names_changed():
    from search.service import invalidate_names

    invalidate_names()


def _blank(field):
    return None if field in ("year", "updated", "page_id") else ""


assert set(COLUMNS) == set(HIT_FIELDS)
