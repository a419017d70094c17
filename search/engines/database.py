"""The embedded engine (make run's default, sized for a county site of ~20k documents).

Documents live in ``SearchDocument`` with analysed text. SQLite matches through an external-content FTS5
table kept in sync by triggers, scored by ``bm25`` (title weighted 10×); PostgreSQL through a generated
``tsvector`` (title weight A, body D) with a GIN index, scored per query word by ``ts_rank`` times the word's idf,
the best alternative of each word counting (as OpenSearch's dis_max does). Query text comes from the
shared analysis (search.analysis.to_fts5_match / to_tsquery), never from the database's own tokenizer.
"""
import functools
import logging
import math

from django.core.cache import cache
from django.db import connection, models, transaction

from search import dense, hot_cache, names
from search.analysis import to_fts5_match, to_tsquery, tsquery_term, weight
from search.engines.base import FACETS, HIT_FIELDS, MULTI, Engine, Match, passes
from search.models import SearchDocument

COLUMNS = ["key", "type", "title", "url", "page_id", "department", "column", "domain", "year", "validity",
           "updated", "title_tokens", "code", "doc_number", "tongban", "site"]
TABLE = "gongkai_search_searchdocument"
logger = logging.getLogger(__name__)
FTS = "gongkai_search_fts"


class DatabaseEngine(Engine):
    name = "database"

    def health(self):
        return "ok"

    # ---- writing ------------------------------------------------------------------------------
    def upsert(self, docs, refresh=False):
        fields = _fields()
        rows = {}
        for doc in docs:  # one row per key, the last document for a key winning (as successive upserts would)
            rows[doc["key"]] = _row(doc)
        with transaction.atomic():
            SearchDocument.objects.bulk_create(list(rows.values()), batch_size=500, update_conflicts=True,
                                               unique_fields=["key"], update_fields=[f for f in fields if f != "key"])
        _names_changed()

    def delete(self, keys, refresh=False):
        SearchDocument.objects.filter(key__in=list(keys)).delete()
        _names_changed()

    def rebuild(self, docs) -> int:
        """Replace everything in one transaction: readers see the old index until the commit."""
        n = 0
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            batch = []
            for doc in docs:
                batch.append(_row(doc))
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
        return SearchDocument.objects.count()

    def stamps(self):
        return {k: (t, u.isoformat() if u else None, site)
                for k, t, u, site in SearchDocument.objects.values_list("key", "title", "updated", "site")}

    def bodies(self, keys):
        return dict(SearchDocument.objects.filter(key__in=list(keys)).values_list("key", "body"))

    def match(self, groups, require_all=True, filters=None, window=200, facets=True):
        """Top ``window`` rows by text score (ordered and limited in SQL), plus totals and facets from one
        GROUP BY over the whole match set, so cost does not grow with the number of matching rows in Python."""
        if not groups:
            return Match()
        score_params = []
        if connection.vendor == "postgresql":
            expr = to_tsquery(groups, require_all)
            source = f"{TABLE} d, to_tsquery('simple', %s) q"
            where, (score, score_params) = "d.tsv @@ q", _weighted_rank(groups)
        else:
            expr = to_fts5_match(groups, require_all)
            source = f"{FTS} JOIN {TABLE} d ON d.id = {FTS}.rowid"
            where, score = f"{FTS} MATCH %s", f"-bm25({FTS}, 10.0, 1.0)"
        if not expr:
            return Match()
        cond, params = [], []
        for f, v in (filters or {}).items():
            if v in (None, ""):
                continue
            if f in MULTI:  # stored ",全程网办,跨省通办,": one whole value between commas
                v = str(v)
                if any(c in v for c in ",%_\\"):  # not a value (the service checks them): nothing has it
                    cond.append("1 = 0")
                    continue
                cond.append(f'd."{f}" LIKE %s')
                params.append(f"%,{v},%")
            else:
                cond.append(f'd."{f}" = %s')
                params.append(int(v) if f == "year" and str(v).isdigit() else str(v))
        filtered = " AND ".join([where] + cond)
        cols = ", ".join(f'd."{c}"' for c in COLUMNS)
        with connection.cursor() as cur:
            if score_params:  # ts_rank per word reads the tsvector a dozen times: unpacked once per row first
                ranked = f"(SELECT d.*, d.tsv || ''::tsvector AS unpacked FROM {source} WHERE {filtered} OFFSET 0) d"
                cur.execute(f"SELECT {cols}, {score} AS score FROM {ranked} ORDER BY score DESC LIMIT %s",
                            score_params + [expr] + params + [window])
            else:
                cur.execute(f"SELECT {cols}, {score} AS score FROM {source} WHERE {filtered} ORDER BY score DESC LIMIT %s",
                            [expr] + params + [window])
            names = COLUMNS + ["score"]
            rows = [_hit(dict(zip(names, r))) for r in cur.fetchall()]
            if not facets:
                return Match(total=len(rows), hits=rows)
            cur.execute(f'SELECT d."type", d."department", d."year", d."validity", d."tongban", d."site", COUNT(*) '
                        f'FROM {source} WHERE {where} '
                        f'GROUP BY d."type", d."department", d."year", d."validity", d."tongban", d."site"', [expr])
            grouped = cur.fetchall()
        facets = {f: {} for f in FACETS}
        total = 0
        for t, dept, year, validity, kinds, site, n in grouped:
            row = {"type": t, "department": dept, "year": year, "validity": validity, "tongban": _split(kinds), "site": site}
            if passes(row, filters, skip="type"):
                facets["type"][t] = facets["type"].get(t, 0) + n
            if not passes(row, filters):
                continue
            total += n
            for f in FACETS[1:]:
                for v in row[f] if f in MULTI else [row[f]]:
                    if v not in (None, ""):
                        facets[f][str(v)] = facets[f].get(str(v), 0) + n
        facets = {f: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for f, c in facets.items()}
        return Match(total=total, hits=rows, facets=facets)


def _weighted_rank(groups):
    """PostgreSQL's score as BM25 and OpenSearch count it: each query term by how rare it is in the index (idf)
    and by the weight of the alternatives that carry it (the user's own word 1, an expansion less), its ts_rank
    in the title (label A) far above the body (D). One ``ts_rank`` over the whole tsquery would weigh a word in
    every document (办理, 申请) like the one word that tells the service apart, and, when the query's top
    operator is AND, rank by how close the words stand instead."""
    tokens = list(dict.fromkeys(t for group in groups for alt in group for t in alt))
    rarity = document_frequencies(tokens)
    total = rarity.pop(None)
    held = {t: min(rarity.get(t, 0), total) for t in tokens}  # the two counts are read one after the other
    idf = {t: math.log(1 + (total - held[t] + 0.5) / (held[t] + 0.5)) for t in tokens}
    rank = "ts_rank(d.unpacked, to_tsquery('simple', %s), 0)"  # title (label A) 10× the body (D), as FTS5's bm25 here
    parts, params = [], []
    for group in groups:
        alts = []
        for alt in group:
            if not alt:
                continue
            terms = list(dict.fromkeys(alt))
            alts.append("(" + " + ".join(["%s * " + rank] * len(terms)) + ")")
            for t in terms:
                params += [weight(alt) * idf[t], tsquery_term(t)]
        if alts:
            parts.append(alts[0] if len(alts) == 1 else "GREATEST(" + ", ".join(alts) + ")")
    return ("(" + " + ".join(parts) + ")" if parts else "0"), params


_frequencies = {"generation": object(), "df": {}}
FREQUENCIES_KEY = "gongkai:search:document-frequencies:{}"
FREQUENCIES_SECONDS = 3600


def document_frequencies(tokens):
    """How many indexed documents hold each token (and, under None, how many there are), as of the current index
    generation: any write anywhere bumps it, so every process counts alike."""
    global _frequencies
    generation = hot_cache.generation()
    state = _frequencies
    if generation is None or generation != state["generation"]:
        state = _frequencies = {"generation": generation, "df": _all_frequencies(generation)}
    df = state["df"]
    return {t: df.get(t.lower(), 0) for t in tokens} | {None: df[None]}


def forget_frequencies():
    global _frequencies
    _frequencies = {"generation": object(), "df": {}}


def _table_identity():
    """The database's identity in its cluster and the table's row count and last id: a database made again under the
    same name (a restore, a bench) or a rolled-back write (a test) starts the generations again, and must not read the
    counts kept for other rows under the same generation."""
    with connection.cursor() as cur:
        cur.execute(f"SELECT (SELECT oid FROM pg_database WHERE datname = current_database()), COUNT(*), MAX(id) FROM {TABLE}")
        return cur.fetchone()


def _all_frequencies(generation):
    """Every word's document count in one pass over the tsvectors (ts_stat: about 0.2 s at 20,000 documents, where
    counting a dozen common words one by one through the index takes as long for every new query), shared through
    the cache so that one process of the site works it out per generation."""
    identity = _table_identity()
    key = FREQUENCIES_KEY.format(":".join(str(v) for v in (*identity, generation)))
    if generation is not None:
        try:
            shared = cache.get(key)
        except Exception:  # noqa: BLE001 — cache down: count here
            shared = None
        if shared is not None:
            return shared
    with connection.cursor() as cur:
        cur.execute(f"SELECT word, ndoc FROM ts_stat('SELECT tsv FROM {TABLE}')")
        df = dict(cur.fetchall())
    df[None] = identity[1]  # the rows counted for the key
    if generation is not None:
        try:
            cache.set(key, df, timeout=FREQUENCIES_SECONDS)
        except Exception:  # noqa: BLE001 — cache down: every process counts for itself
            logger.warning("could not share the search word counts through the cache", exc_info=True)
    return df


def _split(stored):
    return [v for v in (stored or "").split(",") if v]


def _join(values):
    """A multi-valued field as stored: ",a,b," (so a LIKE on ",a," finds one whole value)."""
    values = [str(v) for v in (values or []) if v not in (None, "")]
    return f",{','.join(values)}," if values else ""


def _hit(row):
    for f in MULTI:
        row[f] = _split(row.get(f))
    return row


def _names_changed():
    names.invalidate()
    dense.invalidate()
    forget_frequencies()


def _blank(field):
    return None if field in ("year", "updated", "page_id") else ""


@functools.cache
def _fields():
    return [f.name for f in SearchDocument._meta.concrete_fields if f.name != "id"]


@functools.cache
def _limits():
    return {f.name: f.max_length for f in SearchDocument._meta.concrete_fields
            if f.name != "key" and isinstance(f, models.CharField) and f.max_length}


def _row(doc):
    """A table row for one document. A display field longer than its column is cut (a title, a department), never
    refused: PostgreSQL would otherwise reject the row and, with it, the whole batch."""
    values = {}
    limits = _limits()
    for f in _fields():
        value = doc.get(f)
        if f in MULTI:
            value = _join(value if isinstance(value, (list, tuple)) else _split(value))
        if value is None:
            value = _blank(f)
        elif f in limits and isinstance(value, str) and len(value) > limits[f]:
            value = value[: limits[f]]
        values[f] = value
    return SearchDocument(**values)


assert set(COLUMNS) == set(HIT_FIELDS)
