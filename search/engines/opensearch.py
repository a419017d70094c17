"""The OpenSearch engine (production). Text is analysed in Python (search.analysis: jieba with the government
dictionary, OpenCC, synonyms) and indexed pre-tokenised with the ``whitespace`` analyzer, so both engines
share exactly one analysis (docs/search.md explains the choice).

The public name ``<prefix>-content`` is an alias; ``rebuild`` fills a new concrete index and swaps the alias
atomically, so searches keep answering during a rebuild.
"""
import time

from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import ConnectionError as OSConnectionError
from opensearchpy.exceptions import ConnectionTimeout, NotFoundError, OpenSearchException, TransportError

from search.analysis import weight
from search.documents import analysed
from search.engines.base import FACETS, HIT_FIELDS, MULTI, Engine, EngineUnavailable, Match

WS = {"type": "text", "analyzer": "whitespace", "similarity": "BM25"}
INDEX_SETTINGS = {
    "settings": {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s"},
    "mappings": {
        "dynamic": False,
        "properties": {
            "key": {"type": "keyword"},
            "type": {"type": "keyword"},
            # stored for display only: no doc values, whose 32 KB term limit a deep percent-encoded URL could pass
            "title": {"type": "keyword", "index": False, "doc_values": False},
            "title_tokens": WS,
            "body_tokens": WS,
            "body": {"type": "text", "index": False},
            "url": {"type": "keyword", "index": False, "doc_values": False},
            "page_id": {"type": "integer"},
            "code": {"type": "keyword"},
            "doc_number": {"type": "keyword"},
            "department": {"type": "keyword"},
            "column": {"type": "keyword"},
            "domain": {"type": "keyword"},
            "year": {"type": "integer"},
            "validity": {"type": "keyword"},
            "tongban": {"type": "keyword"},  # a list: a guide's 通办 kinds
            "site": {"type": "keyword"},  # the hostname of the document's site of the group (站群)
            "updated": {"type": "date"},
            "pinyin": WS,
        },
    },
}
TITLE_BOOST = 4.0
FACET_SIZES = {"site": 200}  # every site of a group (a province's has more than 20); other facets show their top 20
DOWN = (OSConnectionError, ConnectionTimeout, OSError)
BULK_CHUNK = 500  # documents per bulk request (the helpers' default)


def _filter(filters, skip=None):
    terms = [{"term": {f: v}} for f, v in (filters or {}).items() if v not in (None, "") and f != skip]
    return {"bool": {"filter": terms}} if terms else {"match_all": {}}


def _source(doc):
    body = {k: doc.get(k) for k in INDEX_SETTINGS["mappings"]["properties"]}
    for f in MULTI:
        body[f] = list(body.get(f) or [])
    if body.get("updated") is not None and not isinstance(body["updated"], str):
        body["updated"] = body["updated"].isoformat()
    return body


class OpenSearchEngine(Engine):
    name = "opensearch"

    def __init__(self, url, prefix="gongkai", timeout=5):
        self.client = OpenSearch(hosts=[url], timeout=timeout, max_retries=0, retry_on_timeout=False)
        self.alias = f"{prefix}-content"
        self.index = self.alias  # what callers refresh/search
        self.timeout = timeout

    # ---- admin --------------------------------------------------------------------------------
    def health(self):
        try:
            status = self.client.cluster.health(request_timeout=2)["status"]
        except (OpenSearchException, OSError, ValueError):
            return "down"
        return "ok" if status in ("green", "yellow") else "down"

    def _concrete(self):
        """Concrete indexes behind the alias (or a legacy index with the alias's name)."""
        if not self.client.indices.exists_alias(name=self.alias):
            return []
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            return []

    def ensure_index(self):
        if self.client.indices.exists_alias(name=self.alias):
            return
        if self.client.indices.exists(index=self.alias):
            return  # a legacy concrete index: keeps working, the next rebuild turns it into an alias
        name = self._new_name()
        self.client.indices.create(index=name, body=INDEX_SETTINGS)
        try:
            self.client.indices.put_alias(index=name, name=self.alias)
        except TransportError:
            self.client.indices.delete(index=name, ignore_unavailable=True)

    def _new_name(self):
        return f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 1_000_000:06d}"

    def drop_index(self):
        for name in self._concrete():
            self.client.indices.delete(index=name, ignore_unavailable=True)
        self.client.indices.delete(index=self.alias, ignore_unavailable=True)

    def refresh(self):
        self.client.indices.refresh(index=self.alias)

    # ---- writing ------------------------------------------------------------------------------
    def upsert(self, docs, refresh=False):
        try:
            self.ensure_index()
            actions = [{"_op_type": "index", "_index": self.alias, "_id": d["key"], "_source": _source(d)} for d in docs]
            if len(actions) > BULK_CHUNK and refresh:
                # wait_for would wait for a scheduled refresh once per chunk: one explicit refresh after all chunks
                helpers.bulk(self.client, actions, refresh=False, chunk_size=BULK_CHUNK, request_timeout=self.timeout * 6)
                self.refresh()
            elif actions:
                helpers.bulk(self.client, actions, refresh=refresh, chunk_size=BULK_CHUNK, request_timeout=self.timeout * 6)
        except DOWN as exc:
            raise EngineUnavailable(str(exc)) from exc

    def delete(self, keys, refresh=False):
        try:
            if not self.client.indices.exists(index=self.alias):
                return
            actions = [{"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys]
            if not actions:
                return
            _, errors = helpers.bulk(self.client, actions, refresh=refresh, raise_on_error=False,
                                     request_timeout=self.timeout * 6)
            failed = [e for e in errors if e.get("delete", {}).get("status") != 404]  # already gone is fine
            if failed:
                raise EngineUnavailable(f"delete failed: {failed[:3]}")
        except DOWN as exc:
            raise EngineUnavailable(str(exc)) from exc

    def index_document(self, key, doc, refresh=False):
        """Index one raw document (analysed here); kept for callers of the foundation interface."""
        full = {"key": key, "type": doc.get("type", "page"), "title": doc.get("title", ""), "url": doc.get("url", ""),
                "body": doc.get("body", "")}
        full.update({k: v for k, v in doc.items() if k not in full})
        self.upsert([analysed(full)], refresh=refresh)

    def delete_document(self, key):
        self.delete([key])

    def rebuild(self, docs, chunk_size=2000, on_ready=None) -> int:
        """Fill a fresh index, then swap the alias in one atomic call and drop the old indexes."""
        old = self._concrete()
        legacy = not old and self.client.indices.exists(index=self.alias)
        name = self._new_name()
        body = {"settings": dict(INDEX_SETTINGS["settings"], refresh_interval="-1"), "mappings": INDEX_SETTINGS["mappings"]}
        self.client.indices.create(index=name, body=body)
        actions = ({"_index": name, "_id": d["key"], "_source": _source(d)} for d in docs)
        n = 0
        for ok, _ in helpers.streaming_bulk(self.client, actions, chunk_size=chunk_size, request_timeout=120,
                                            raise_on_error=True):
            n += ok
        self.client.indices.put_settings(index=name, body={"index": {"refresh_interval": "1s"}})
        self.client.indices.refresh(index=name)
        if on_ready:
            on_ready(name)
        if legacy:
            self.client.indices.delete(index=self.alias)
        ops = [{"remove": {"index": o, "alias": self.alias}} for o in old] + [{"add": {"index": name, "alias": self.alias}}]
        self.client.indices.update_aliases(body={"actions": ops})
        for o in old:
            self.client.indices.delete(index=o, ignore_unavailable=True)
        return n

    # ---- reading ------------------------------------------------------------------------------
    def count(self):
        try:
            return self.client.count(index=self.alias)["count"]
        except NotFoundError:
            return 0

    def stamps(self):
        out = {}
        try:
            for hit in helpers.scan(self.client, index=self.alias, _source=["title", "updated", "site"], size=2000):
                src = hit["_source"]
                out[hit["_id"]] = (src.get("title"), (src.get("updated") or None) and src["updated"][:10], src.get("site") or "")
        except NotFoundError:
            pass
        return out

    def bodies(self, keys):
        keys = list(keys)
        if not keys:
            return {}
        try:
            res = self.client.mget(index=self.alias, body={"ids": keys}, _source=["body"], request_timeout=self.timeout)
        except DOWN as exc:
            raise EngineUnavailable(str(exc)) from exc
        return {d["_id"]: d["_source"].get("body", "") for d in res["docs"] if d.get("found")}

    @staticmethod
    def query_body(groups, require_all=True, filters=None, window=200, facets=True):
        def token(t, w=1.0):
            return {"bool": {"should": [{"term": {"title_tokens": {"value": t, "boost": TITLE_BOOST * w}}},
                                        {"term": {"body_tokens": {"value": t, "boost": w}}}]}}

        def alt(a):  # an expansion (search.knowledge) scores below the user's own words
            w = weight(a)
            return token(a[0], w) if len(a) == 1 else {"bool": {"must": [token(t) for t in a], "boost": w}}

        # a group scores its best alternative, as ranking.title_coverage counts it: a document that happens to write
        # several expansions of one word (就医, 诊疗, 医疗 for 看病) is not worth more than one writing the best
        clauses = [{"dis_max": {"queries": [alt(a) for a in g if a]}} for g in groups]
        clauses = [c for c in clauses if c["dis_max"]["queries"]]
        if require_all:
            query = {"bool": {"must": clauses}}
        else:
            query = {"bool": {"should": clauses, "minimum_should_match": 1}}
        body = {"size": window, "_source": list(HIT_FIELDS)}
        if not facets:  # hits only: the filters narrow the match itself, and nothing is counted
            return dict(body, query={"bool": {"must": [query], "filter": [_filter(filters)]}}, track_total_hits=False)
        body.update(query=query, track_total_hits=True, aggs={
            "by_type": {"filter": _filter(filters, skip="type"), "aggs": {"type": {"terms": {"field": "type", "size": 10}}}},
            "filtered": {
                "filter": _filter(filters),
                "aggs": {f: {"terms": {"field": f, "size": FACET_SIZES.get(f, 20)}} for f in FACETS if f != "type"},
            },
        })
        if any(v not in (None, "") for v in (filters or {}).values()):
            body["post_filter"] = _filter(filters)
        return body

    def match(self, groups, require_all=True, filters=None, window=200, facets=True):
        return self.match_many([(groups, require_all, filters, window, facets)])[0]

    def match_many(self, requests):
        """Several matches in one round trip (``_msearch``): OpenSearch runs them side by side."""
        wanted = [(i, r) for i, r in enumerate(requests) if r[0]]
        out = [Match() for _ in requests]
        if not wanted:
            return out
        lines = []
        for _i, (groups, require_all, filters, window, facets) in wanted:
            lines += [{"index": self.alias}, self.query_body(groups, require_all, filters, window, facets)]
        try:
            res = self.client.msearch(body=lines, request_timeout=self.timeout)
        except NotFoundError:
            return out
        except DOWN as exc:
            raise EngineUnavailable(str(exc)) from exc
        except TransportError as exc:
            _raise_unavailable(getattr(exc, "status_code", None), exc)
            raise
        for (i, request), answer in zip(wanted, res["responses"]):
            if "error" in answer:  # one search of the batch failed: as a lone search would have
                status = answer.get("status")
                if status == 404:
                    continue
                _raise_unavailable(status, answer["error"])
                raise TransportError(status, str(answer["error"])[:200], answer["error"])
            out[i] = self._as_match(answer, request[4])
        return out

    def _as_match(self, res, facets):
        hits = []
        for h in res["hits"]["hits"]:
            src = h["_source"]
            src["score"] = h["_score"] or 0.0
            src["key"] = h["_id"]
            for f in MULTI:  # a document indexed before the field existed has none
                src[f] = list(src.get(f) or [])
            hits.append(src)
        self.last_took = res.get("took")
        if not facets:
            return Match(total=len(hits), hits=hits)
        aggs = res["aggregations"]
        counts = {"type": {b["key"]: b["doc_count"] for b in aggs["by_type"]["type"]["buckets"]}}
        for f in FACETS:
            if f != "type":
                counts[f] = {str(b["key"]): b["doc_count"] for b in aggs["filtered"][f]["buckets"]}
        return Match(total=res["hits"]["total"]["value"], hits=hits, facets=counts)


def _raise_unavailable(status, detail):
    if status in (502, 503, 504, "N/A"):
        raise EngineUnavailable(str(detail))
