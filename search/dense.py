"""The dense half of search: guide and bundle names as vectors (search.semantic), fused into a ranked page.

Names are embedded once (``NameVector``, keyed by the model and the text) and held per process as a ``NameSpace``
that is rebuilt when the index changes: at once after a write by this process, within a second after another's
(index generation, count and last id of the named documents).
Which queries the model may speak for is decided in :func:`blend`.

A search never waits for many names to be embedded (about 20 ms each on one thread): when more than
``SEARCH_DENSE_INLINE_NAMES`` names have no vector yet (a big load on a site without a Celery worker, whose outbox task
would have embedded them), they are embedded beside the searches, in a thread of this process, and the model keeps
quiet until they are all there.
"""
import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max

from search import hot_cache, intent, ranking, semantic
from search.analysis import normalize
from search.models import NameVector, SearchDocument

NAMED_TYPES = ("guide", "bundle")
FIELDS = ("key", "type", "title", "url", "page_id", "validity", "department", "year", "tongban", "site")
BATCH = 500
FILL_CHUNK = 16  # names per model call while searches go on: a query's own embedding waits for one chunk at most

RECHECK_SECONDS = 1.0
_state = {"stamp": None, "space": None, "checked": 0.0}
_lock = threading.RLock()
_vectors: dict = {}  # digest -> vector, for this process
_filling: dict = {"thread": None, "started": 0, "done": 0}
logger = logging.getLogger(__name__)


_QUERY_VECTORS = 256  # the latest queries' vectors in this process (a corrected or guessed query asks again)
_queries: OrderedDict = OrderedDict()  # normalised query -> Future of its vector
_queries_lock = threading.Lock()
_embedder = {"pid": None, "pool": None}  # a forked child (a Celery or gunicorn worker) starts its own thread


def prefetch(query, filters=None):
    """Start embedding ``query`` beside the engine's request (the model call lets go of the GIL, as the request's
    wait does), so blend finds the vector ready. Nothing is started for a search the model will not speak for by its
    filters alone."""
    if enabled() and _filters_allow(filters or {}):
        _query_vector(normalize(query), wait=False)


def forget_query_vectors():
    with _queries_lock:
        _queries.clear()


def _query_vector(text, wait=True):
    with _queries_lock:
        if _embedder["pid"] != os.getpid():
            _embedder.update(pid=os.getpid(), pool=ThreadPoolExecutor(max_workers=1, thread_name_prefix="query-embedding"))
            _queries.clear()
        future = _queries.get(text)
        if future is None:
            future = _queries[text] = _embedder["pool"].submit(semantic.embed_query, text)
            while len(_queries) > _QUERY_VECTORS:
                _queries.popitem(last=False)
        else:
            _queries.move_to_end(text)
    if not wait:
        return None
    try:
        return future.result()
    except Exception:
        with _queries_lock:
            _queries.pop(text, None)  # a failed embedding is not remembered: the next search tries again
        raise


def enabled() -> bool:
    return bool(getattr(settings, "SEARCH_DENSE", True)) and semantic.available()


def invalidate():
    _state["stamp"] = None


def _digest(name: str) -> str:
    return hashlib.sha256(f"{semantic.MODEL}\n{name}".encode()).hexdigest()


def _not_embedded(digests: dict) -> list:
    """The names of ``digests`` (name -> digest) that no process has embedded yet (the stored ones are read in)."""
    unknown = [d for d in digests.values() if d not in _vectors]
    for i in range(0, len(unknown), BATCH):
        for digest, data in NameVector.objects.filter(digest__in=unknown[i:i + BATCH]).values_list("digest", "vector"):
            _vectors[digest] = semantic.from_bytes(bytes(data))
    return [n for n, d in digests.items() if d not in _vectors]


def vectors_for(names, chunk_size: int = BATCH) -> dict:
    """name -> unit vector, embedding (and storing) only the names no process has embedded before."""
    digests = {n: _digest(n) for n in dict.fromkeys(names)}
    todo = _not_embedded(digests)
    for i in range(0, len(todo), chunk_size):
        chunk = todo[i:i + chunk_size]
        made = semantic.embed_names(chunk)
        NameVector.objects.bulk_create([NameVector(digest=digests[n], vector=semantic.to_bytes(v)) for n, v in zip(chunk, made)],
                                       ignore_conflicts=True)
        for n, v in zip(chunk, made):
            _vectors[digests[n]] = v
    return {n: _vectors[d] for n, d in digests.items()}


def _stamp():
    named = SearchDocument.objects.filter(type__in=NAMED_TYPES).aggregate(n=Count("id"), m=Max("id"))
    return hot_cache.generation(), named["n"], named["m"]


def space():
    """The NameSpace of the index as it is now: at once after a write by this process, within RECHECK_SECONDS after
    one by another (one aggregate read tells). None while many names are being embedded beside the searches."""
    if _state["stamp"] is not None and time.monotonic() - _state["checked"] < RECHECK_SECONDS:
        return _state["space"]
    with _lock:
        stamp = _stamp()
        _state["checked"] = time.monotonic()
        if stamp != _state["stamp"] or _state["space"] is None:
            rows = list(SearchDocument.objects.filter(type__in=NAMED_TYPES).order_by("id").values(*FIELDS))
            digests = {r["title"]: _digest(r["title"]) for r in rows}
            missing = _not_embedded(digests)
            if len(missing) > settings.SEARCH_DENSE_INLINE_NAMES:
                _fill_beside(missing)
                _state.update(stamp=stamp, space=None)
                return None
            vectors_for(missing)
            matrix = (semantic.np.stack([_vectors[digests[r["title"]]] for r in rows]) if rows
                      else semantic.np.zeros((0, semantic.DIM)))
            _state.update(stamp=stamp, space=semantic.NameSpace(rows, matrix))
        return _state["space"]


def _fill_beside(names):
    """Embed ``names`` in a thread of this process, a few at a time, unless a thread is at it already."""
    if _filling["started"] > _filling["done"]:
        return
    thread = threading.Thread(target=_fill, args=(list(names),), name="gongkai-name-vectors", daemon=True)
    _filling["thread"] = thread
    _filling["started"] += 1
    thread.start()


def _fill(names):
    try:
        vectors_for(names, chunk_size=FILL_CHUNK)
    except Exception:  # the words still answer; the next search that finds names missing tries again
        logger.exception("search by meaning: embedding %d names failed", len(names))
    finally:
        connection.close()
        invalidate()
        _filling["done"] += 1


def fill_marks():
    """(started, ended) embeddings beside the searches: one runs while they differ. An answer given while one ran,
    or while these moved, may lack the model's opinion (search.service does not keep it)."""
    return _filling["started"], _filling["done"]


def wait_for_fill(timeout=None):
    """Until the names being embedded beside the searches are all there (management commands and tests)."""
    thread = _filling["thread"]
    if thread is not None:
        thread.join(timeout)


def warm():
    """Embed every name the index holds (a task after big loads; the first search would do it otherwise)."""
    if not enabled():
        return 0
    vectors_for(SearchDocument.objects.filter(type__in=NAMED_TYPES).values_list("title", flat=True))
    invalidate()
    return len(space().rows)


def _speaks_for(query, filters, hits) -> bool:
    """Whether the model may join in: a question about services (no document asked for by number or title, no filter
    but the type of a named service and the site, no life event its 一件事 already answers), answered by the words at
    least in part."""
    if not hits or not _filters_allow(filters):
        return False
    kind, _named = intent.classify(query, hits)
    if kind == intent.DOCUMENT:
        return False
    if intent.asks_for_everything(query) and hits[0]["type"] == "bundle":  # a life event answered by its 一件事
        return False
    q = normalize(query).replace(" ", "")
    return not any(q == normalize(h["title"]).replace(" ", "") for h in hits[:3])  # a name typed whole


def _filters_allow(filters) -> bool:
    """No filter but the type of a named service and the site: the model knows names, not departments or years."""
    if any(filters.get(f) for f in ("department", "year", "validity", "tongban")):
        return False
    return filters.get("type") in (None, "", *NAMED_TYPES)


def _answered_in_words(groups, ranked) -> bool:
    """Whether the first lexical answer already says, in its title, everything the query's words ask (no partial
    match): then the model's opinion counts less."""
    top = ranked[0]
    if top.get("partial") or top.get("loose"):
        return False
    return ranking.title_coverage(groups, top.get("title_tokens", "")) >= 0.99


def blend(query, ranked, filters, groups=()) -> tuple:
    """(hits, added): the lexical ranking ``ranked`` fused with the names nearest to the query; ``added`` counts the
    hits only the model found. The lexical order stands when the model may not speak (see _speaks_for)."""
    if not enabled() or not _speaks_for(query, filters, ranked):
        return ranked, 0
    wanted_type, site = filters.get("type"), filters.get("site")

    def allowed(row):
        return (not wanted_type or row["type"] == wanted_type) and (not site or row["site"] == site)

    names = space()
    if names is None:
        return ranked, 0
    near = names.nearest(_query_vector(normalize(query)), allowed)
    if not near:
        return ranked, 0
    services = [h for h in ranked if h["type"] in NAMED_TYPES]
    by_key = {h["key"]: h for h in services}
    named = {h["title"] for h in services}
    extra, dense_list = {}, []
    for row, _cosine in near:  # a name the words found already comes as they found it; a new one comes once
        if row["key"] in by_key or row["title"] not in named:
            dense_list.append((row["key"], row["title"]))
            named.add(row["title"])
            if row["key"] not in by_key:
                extra[row["key"]] = _hit(row)
    weight = semantic.ANSWERED_WEIGHT if _answered_in_words(groups, ranked) else semantic.DENSE_WEIGHT
    order = semantic.fuse([(h["key"], h["title"]) for h in services], dense_list, weight=weight)
    merged = {**by_key, **extra}
    fused = iter([merged[k] for k in order])
    # the model knows service names only: services are re-ordered among the places services held, and policies,
    # 解读 and catalogue entries keep theirs
    out = [next(fused) if h["type"] in NAMED_TYPES else h for h in ranked]
    return out + list(fused), len(extra)


def _hit(row):
    return {"key": row["key"], "type": row["type"], "title": row["title"], "url": row["url"], "page_id": row["page_id"],
            "validity": row["validity"], "department": row["department"], "year": row["year"],
            "tongban": [v for v in (row["tongban"] or "").split(",") if v], "site": row["site"], "dense": True}
