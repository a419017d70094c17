"""The Django side of analysis: the process analyzer loaded with admin synonyms and every guide, bundle and
domain name. Edits bump a version in the cache; each process rebuilds its analyzer when the version moves."""
import logging
import threading
import time

from django.core.cache import cache
from django.db import DatabaseError, connections
from django.db.models import Count, Max

from search import registry
from search.analysis import SYNONYMS_FILE, Analyzer
from search.models import Synonym

logger = logging.getLogger("gongkai.search")
VERSION_KEY = "gongkai:search:vocabulary-version"
_lock = threading.Lock()
_state = {"analyzer": None, "version": None}


def bump():
    """Call after synonyms or names change: every process reloads its analyzer on next use."""
    _state["checked"] = 0
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def recheck():
    """Look at the version on next use instead of within CHECK_EVERY (a test's database starts afresh)."""
    _state["checked"] = 0


def _version():
    """The cache counter plus the synonym table's shape, so a rolled-back edit is noticed too."""
    try:
        counter = cache.get(VERSION_KEY, 0)
    except Exception:  # noqa: BLE001 — cache down: rely on the table's shape
        counter = None
    try:
        shape = tuple(Synonym.objects.filter(enabled=True).aggregate(n=Count("id"), m=Max("id")).values())
    except (DatabaseError, RuntimeError):  # no database (or none allowed): the shipped rules apply
        shape = None
    return (counter, shape)


def synonym_rules():
    """Enabled admin rules; the shipped file when the table is empty or unavailable."""
    try:
        rules = list(Synonym.objects.filter(enabled=True).values_list("rule", flat=True))
    except (DatabaseError, RuntimeError):
        rules = []
    if not rules:
        rules = SYNONYMS_FILE.read_text(encoding="utf-8").splitlines()
    return rules


def names():
    """Guide, bundle and domain names (from the content apps, search.registry): each must segment as one word."""
    try:
        return registry.names()
    except (DatabaseError, RuntimeError):
        return []


def _build():
    a = Analyzer(synonyms=None)
    for rule in synonym_rules():
        try:
            a.add_synonyms(rule)
        except ValueError:
            continue  # a malformed admin rule never breaks search (the admin form validates too)
    a.add_words(_strip_suffixes(names()))
    titles, bodies = texts()
    a.add_vocabulary(titles, bodies)
    return a


def texts():
    """Titles and short texts of the documents (search.registry), for query expansion's vocabulary."""
    try:
        return registry.texts()
    except (DatabaseError, RuntimeError):
        return [], []


def _strip_suffixes(titles):
    """新生儿出生一件事 → also 新生儿出生: users type the event, not the suffix."""
    out = []
    for t in titles:
        out.append(t)
        for suffix in ("一件事", "“一件事”"):
            if t.endswith(suffix) and len(t) > len(suffix) + 1:
                out.append(t[: -len(suffix)])
    return out


CHECK_EVERY = 2.0  # seconds between version checks in one process


def analyzer():
    now = time.monotonic()
    if _state["analyzer"] is not None and now - _state.get("checked", 0) < CHECK_EVERY:
        return _state["analyzer"]
    _state["checked"] = now
    version = _version()
    a = _state["analyzer"]
    if a is None or version != _state["version"]:
        with _lock:
            if _state["analyzer"] is None or version != _state["version"]:
                _state["analyzer"] = _build()
                _state["version"] = version
        a = _state["analyzer"]
    return a


def warm_up():
    """Build this process's analyzer in a background thread (a bulk load starts with database work, and the first
    analyzer() call would otherwise wait ~2 s for the dictionary). Its reads are the committed vocabulary; names a
    load adds later come through add_names, and a version that moved meanwhile rebuilds as usual."""
    if _state["analyzer"] is not None:
        return None

    def build():
        try:
            analyzer()
        except Exception as exc:  # noqa: BLE001 — the caller's own first analyzer() call builds it instead
            logger.info("vocabulary warm-up failed, built on first use instead: %s", exc)
        finally:
            connections.close_all()  # this thread's connections only (Django keeps them per thread)

    thread = threading.Thread(target=build, name="vocabulary-warm-up", daemon=True)
    thread.start()
    return thread


def texts_changed():
    """This process indexed or removed documents: their titles and texts (conditions, materials, FAQ) join its query
    analyzer at its next search (for_queries), and every other process's at its next version check, so that a
    process that loaded or published content answers as one started afterwards does."""
    bump()
    _state["version"] = _version()
    _state["behind"] = True


def for_queries():
    """The analyzer searches use: analyzer(), built anew first when this process has indexed documents since it was
    built (about 0.6 s, once after a burst of writes; writes themselves never wait for it)."""
    a = analyzer()
    if _state.get("behind"):
        with _lock:
            if _state.get("behind"):
                _state["behind"] = False
                _state["analyzer"] = a = _build()
                _state["version"] = _version()
        a = _state["analyzer"]
    return a


def stamp():
    """Which analyzer answers now (its identity and version): analysed queries are remembered under it."""
    a = for_queries()
    return id(a), _state["version"], len(a.words)


def add_names(titles):
    """A new guide/bundle/domain name: add it to this process now and tell the others."""
    titles = [t for t in titles if t]
    a = analyzer()
    fresh = [t for t in _strip_suffixes(titles) if t.replace(" ", "") not in a.words]
    if fresh:
        a.add_words(fresh)
        a.add_vocabulary(fresh)
        bump()
        _state["version"] = _version()


def seed_synonyms():
    """Rules from search/data/synonyms.txt that the admin table lacks (new shipped rules); edits are kept."""
    added = 0
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            added += Synonym.objects.get_or_create(rule=line[:300])[1]
    if added:
        bump()
    return added
