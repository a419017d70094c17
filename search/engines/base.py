"""The engine interface both engines implement.

An engine stores analysed documents (search.documents.analysed) and answers :meth:`match`: every document
matching the query groups (AND of groups, or OR with ``require_all=False``), scored by the engine's text
relevance, plus facet counts over the whole match set. Ranking beyond text relevance is engine-neutral
(search.ranking) and done by the service.
"""
from dataclasses import dataclass, field

FACETS = ("type", "department", "year", "validity", "tongban", "site")  # site: the hostname of a site of the group
MULTI = ("tongban",)  # facets a document may have several values of (a list); a filter keeps documents that have it
HIT_FIELDS = ("key", "type", "title", "url", "page_id", "department", "column", "domain", "year", "validity",
              "updated", "title_tokens", "code", "doc_number", "tongban", "site")


class EngineUnavailable(Exception):
    """The engine cannot answer (OpenSearch unreachable); the service falls back."""


@dataclass
class Match:
    total: int = 0
    hits: list = field(default_factory=list)  # top ``window`` hits by engine score (dicts with "score")
    facets: dict = field(default_factory=lambda: {f: {} for f in FACETS})


class Engine:
    name = "?"

    def health(self) -> str:
        raise NotImplementedError

    def upsert(self, docs, refresh=False):
        raise NotImplementedError

    def delete(self, keys, refresh=False):
        raise NotImplementedError

    def match(self, groups, require_all=True, filters=None, window=200, facets=True) -> Match:
        """``filters``: {"type"|"department"|"year"|"validity"|"tongban"|"site": value}. Without ``facets`` only the
        hits are wanted: no facet counts, and ``total`` counts the hits returned."""
        raise NotImplementedError

    def match_many(self, requests) -> list:
        """[Match] of several ``match`` argument tuples (groups, require_all, filters, window, facets), in order; an
        engine that can answers them in one round trip."""
        return [self.match(*request) for request in requests]

    def bodies(self, keys) -> dict:
        raise NotImplementedError

    def stamps(self) -> dict:
        """key → (title, updated iso, site hostname) for every indexed document (integrity check)."""
        raise NotImplementedError

    def rebuild(self, docs) -> int:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError


def _has(row, f, v):
    if f in MULTI:
        return str(v) in (row.get(f) or [])
    return str(row.get(f)) == str(v)


def passes(row, filters, skip=None):
    return all(_has(row, f, v) for f, v in (filters or {}).items() if v not in (None, "") and f != skip)


def facet_counts(rows, filters=None):
    """Facets over match rows (dicts). ``type`` counts ignore the type filter; the rest respect every filter."""
    facets = {f: {} for f in FACETS}
    for r in rows:
        t = r.get("type")
        if not passes(r, filters, skip="type"):
            continue
        facets["type"][t] = facets["type"].get(t, 0) + 1
        if not passes(r, filters):
            continue
        for f in FACETS[1:]:
            for v in (r.get(f) or []) if f in MULTI else [r.get(f)]:
                if v not in (None, ""):
                    v = str(v)
                    facets[f][v] = facets[f].get(v, 0) + 1
    return {f: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for f, c in facets.items()}
