"""The search service behind /api/search and /search/: analysis → engine → ranking → snippets and links.

Falls back to the embedded engine when OpenSearch is unreachable (``degraded``), applies best bets, logs
queries (zero-result ones for the admin report) and offers "did you mean".
"""
import functools
import logging
import re
import time
from dataclasses import dataclass, field

from django.db import DatabaseError, connection
from django.utils import timezone

from search import dense, grouping, hot_cache, names, registry, sites, vocabulary
from search.analysis import any_own_word, flatten, normalize, required
from search.documents import page_key
from search.engines import database_engine, get_engine
from search.engines.base import FACETS, EngineUnavailable
from search.models import BestBet, QueryLog, SearchDocument
from search.ranking import rerank
from search.snippets import highlight, snippet

logger = logging.getLogger("gongkai.search")
TYPES = ("policy", "interpretation", "guide", "bundle", "catalogue_entry")
TYPE_LABELS = {"policy": "政策文件", "interpretation": "政策解读", "guide": "办事指南", "bundle": "一件事",
               "catalogue_entry": "基层公开"}
MAX_SIZE = 50
FILTERS = ("department", "year", "validity", "tongban")
WINDOW = 60  # hits re-ranked per query (pages beyond it keep the engine's order)


class BadRequest(ValueError):
    """A parameter a citizen or client got wrong; the message is shown as is (Chinese)."""


@dataclass
class Outcome:
    query: str
    total: int = 0
    engine: str = "database"
    degraded: bool = False
    suggestion: str = None
    results: list = field(default_factory=list)
    facets: dict = field(default_factory=lambda: {f: {} for f in FACETS})
    page: int = 1
    size: int = 10
    weak: bool = False
    corrected: str = None  # the spelling the results are for, when the query itself found nothing
    hidden: int = 0  # near-duplicates folded behind their group's best result (collapse=True)
    scope: str = None  # the hostname of the one site searched; None: the whole group

    @property
    def shown_total(self):
        return max(0, self.total - self.hidden)

    def as_api(self):
        return {"total": self.total, "engine": self.engine, "suggestion": self.suggestion,
                "results": [_api_result(r) for r in self.results], "facets": self.facets}


def _api_result(r):
    """One result of design §2.8 with its site of the group (§2.13); a guide's also carries its 通办 kinds (§2.14)."""
    out = {k: r[k] for k in ("type", "title", "url", "snippet", "bundles", "guides", "site")}
    if r["type"] == "guide":
        out["tongban"] = list(r.get("tongban") or [])
    return out


def parse_params(params):
    """(query, type, page, size) from a QueryDict; BadRequest with a Chinese message on bad input."""
    query = (params.get("q") or "").strip()
    if len(query) > 100:
        raise BadRequest("搜索词过长，请控制在100个字以内")
    kind = (params.get("type") or "").strip() or None
    if kind and kind not in TYPES:
        raise BadRequest(f"不支持的类型“{kind}”，可选：{'、'.join(TYPES)}")

    def number(name, default, lo, hi):
        raw = (params.get(name) or "").strip()
        if not raw:
            return default
        if not (raw.isascii() and raw.isdigit()):  # isdigit() alone accepts ², which int() refuses
            raise BadRequest(f"参数 {name} 应为正整数：{raw[:20]}")
        if len(raw.lstrip("0")) > len(str(hi)) or not lo <= int(raw) <= hi:  # int() refuses over 4300 digits
            raise BadRequest(f"参数 {name} 应在 {lo} 到 {hi} 之间")
        return int(raw)

    for name in FILTERS:
        if len(params.get(name) or "") > 100:
            raise BadRequest(f"参数 {name} 过长")
    kind_of_service = (params.get("tongban") or "").strip()
    allowed = registry.values("tongban")
    if kind_of_service and kind_of_service not in allowed:
        raise BadRequest(f"不支持的通办类型“{kind_of_service[:20]}”，可选：{'、'.join(allowed)}")
    if (params.get("year") or "").strip() and not (params["year"].strip().isascii() and params["year"].strip().isdigit()):
        raise BadRequest("参数 year 应为四位年份，例如 2024")
    page = number("page", 1, 1, 1000)
    size = number("size", 10, 1, MAX_SIZE)
    return query, kind, page, size


def parse_filters(params):
    return {f: (params.get(f) or "").strip() for f in FILTERS if (params.get(f) or "").strip()}


def parse_site(params, here=None):
    """(scope, asked) of design §2.13: ``scope`` is the hostname of the one site to search, or None for the whole
    group; ``asked`` is the ``site`` parameter as understood ("" when absent, ``all`` or a hostname), for links.
    Without the parameter a request on a district's host (``here``, a search.sites.SiteInfo) searches that site and
    one on the default site's host the whole group. An unknown hostname → BadRequest (Chinese)."""
    raw = (params.get("site") or "").strip()
    group = sites.group()
    if len(raw) > 100:
        raise BadRequest("参数 site 过长")
    if raw.lower() in (sites.ALL, "*"):
        return None, sites.ALL
    if raw:
        info = group.get(raw)
        if info is None:
            known = "、".join(s.hostname for s in group.sites[:12])
            raise BadRequest(f"站群中没有域名为“{raw[:40]}”的站点，参数 site 应为站点域名（如 {known}），或 all（全部站点）")
        return info.hostname, info.hostname
    if here is not None and group.default is not None and here.path != group.default.path:
        return here.hostname, ""
    return None, ""


def _analyzer():
    return vocabulary.for_queries()


_tokens = {}


def query_tokens(query, guess=False):
    """The analysed query (token groups), remembered per analyzer version: a hot query is analysed once."""
    key = (vocabulary.stamp(), query, guess)
    groups = _tokens.get(key)
    if groups is None:
        if len(_tokens) > 5000:
            _tokens.clear()
        groups = _tokens[key] = _analyzer().query_tokens(query, guess=guess)
    return groups


def run_engine(engine, query, type=None, page=1, size=10):
    """Ranked hits (dicts) for one page, using one engine; EngineUnavailable propagates."""
    return _ranked(engine, query, {"type": type}, page, size, meaning=False).hits


def titles(engine, query, size=10):
    """The small form: [{key, title, url}] of one engine's ranked hits (the search feed, the foundation tests)."""
    return [{"key": h["key"], "title": h["title"], "url": h["url"]} for h in run_engine(engine, query, size=size)]


@dataclass
class _Page:
    hits: list
    total: int
    facets: dict
    weak: bool
    hidden: int = 0
    guessed: bool = False


def _ranked(engine, query, filters, page, size, collapse=False, guess=False, meaning=True, ahead=None):
    """One page of re-ranked hits. With ``collapse`` a page holds groups: each hit carries its near-duplicates
    (``similar``), and ``hidden`` counts those folded within the re-ranked window. ``guess``: with the site words
    that unexplained query words lead to by their telling character (着火 → 火灾). ``ahead(weak)`` is called once
    the words' answer is known, before the model's opinion is waited for."""
    groups = query_tokens(query, guess)
    if not groups:
        return _Page([], 0, {f: {} for f in FACETS}, False)
    hard = required(groups)  # verbs (soft groups) only rank
    if meaning:
        dense.prefetch(query, filters)
    # a citizen's words the answer never writes (外地人, 家里) must not hide it: the match without them is asked in
    # the same round trip
    own_words = any_own_word(groups)
    requests = [(hard, True, filters, max(WINDOW, page * size), True)]
    if own_words:
        requests.append((own_words, True, filters, WINDOW, False))
    match, *without_own_words = engine.match_many(requests)
    weak = False
    hits, total = match.hits, match.total
    loose = [g for g in groups if not getattr(g, "soft", False)] or hard  # with the words that only rank (捐 骨髓)
    if match.total == 0 and len(loose) > 1:
        match = engine.match(loose, False, filters, max(WINDOW, page * size))
        weak = match.total > 0
        hits, total = [dict(h, loose=True) for h in match.hits], match.total  # any of the words, not all
    elif without_own_words:
        full = {h["key"] for h in hits}
        part = [dict(h, partial=True) for h in without_own_words[0].hits if h["key"] not in full]
        hits, total = hits + part, total + len(part)
    if meaning and ahead is not None:
        ahead(total == 0 or weak)
    ranked, found_by_meaning = rerank(hits, groups, normalize(query).replace(" ", "")), 0
    if meaning:  # the service's answer; run_engine gives the engine's own
        try:
            ranked, found_by_meaning = dense.blend(query, ranked, filters, groups)
        except Exception:  # noqa: BLE001 — meaning is a second opinion: the words' answer stands without it
            logger.exception("search by meaning failed for %r; answering by the words alone", query)
    total += found_by_meaning
    start = (page - 1) * size
    hidden = 0
    if collapse:
        grouped = grouping.collapse(ranked)
        hidden = len(ranked) - len(grouped)
        ranked = [dict(leader, similar=similar) for leader, similar in grouped]
    return _Page(ranked[start:start + size], total, match.facets, weak, hidden, guess)


def pinyin_rewrite(query):
    """A query typed in latin letters (dibao, xsecs) becomes the Chinese term it spells, or None."""
    q = normalize(query).replace(" ", "")
    if not re.fullmatch(r"[a-z]{2,40}", q):
        return None
    term = did_you_mean(q)
    if term:
        return term
    names = suggest(q, limit=1)
    return names[0]["title"] if names else None


def search(query, type=None, page=1, size=10, log=True, filters=None, collapse=False, site=None, viewer=None):
    """The answer to one request; a repeat within the same index generation comes from search.hot_cache.
    ``collapse`` (the HTML page) folds near-duplicates into their best result's ``similar``. ``site``: the hostname
    of the one site to search (None: the whole group); ``viewer``: the hostname the visitor is on, whose own results
    keep relative URLs (None: the default site)."""
    filters = dict(filters or {}, site=site) if site else dict(filters or {})
    group = sites.group()
    request = [query, type, page, size, sorted(filters.items()), viewer or "", group.stamp] + (["collapse"] if collapse else [])
    out, key = hot_cache.get(request)
    if out is None:
        names_before = dense.fill_marks()
        out = _search(query, type=type, page=page, size=size, filters=filters, collapse=collapse, viewer=viewer)
        out.scope = site
        # an answer from the fallback engine is not kept once OpenSearch is back, nor one given while the model
        # was quiet because names were being embedded (search.dense)
        started, ended = names_before
        if not out.degraded and names_before == dense.fill_marks() and started == ended:
            hot_cache.put(key, out)
    if log and query:
        log_query(query, out.total)
    return out


def _search(query, type=None, page=1, size=10, filters=None, collapse=False, viewer=None):
    out = Outcome(query=query, page=page, size=size)
    filters = dict(filters or {}, type=type)
    if not query:
        return out
    rewritten = pinyin_rewrite(query)
    if rewritten:
        result = _search(rewritten, type=type, page=page, size=size, filters=filters, collapse=collapse, viewer=viewer)
        result.query, result.suggestion = query, rewritten
        return result
    engine = get_engine()
    out.engine = engine.name
    respellings = {}

    def respelt(weak):
        """The query in other words: when the words found nothing or only some, the closest name (营业执照注消: no
        name is that close, so the homophone); when they answered, a pinyin slip mended (公基金提取)."""
        if weak not in respellings:
            respellings[weak] = (did_you_mean(query) or _analyzer().homophone(query)) if weak else _analyzer().homophone(query)
        return respellings[weak]

    def ahead(weak):
        # a respelt query is searched again below: its vector is embedded while this one's is waited for
        text = respelt(weak)
        if text and normalize(text) != normalize(query):
            dense.prefetch(text, filters)

    try:
        found = _ranked(engine, query, filters, page, size, collapse, ahead=ahead)
    except EngineUnavailable as exc:
        logger.warning("search engine %s unavailable, answering from the embedded engine: %s", engine.name, exc)
        engine = database_engine()
        out.engine, out.degraded = engine.name, True
        found = _ranked(engine, query, filters, page, size, collapse)
    corrected = query_for_terms = None
    if found.total == 0 or found.weak:
        corrected = respelt(True)
        if corrected and normalize(corrected) != normalize(query):
            again = _ranked(engine, corrected, filters, page, size, collapse)
            if again.total and (not again.weak or found.total == 0):  # 低宝 → results for 低保, with the suggestion shown
                found = again
                query_for_terms = corrected
        if (found.total == 0 or found.weak) and query_for_terms is None and query_tokens(query, True) != query_tokens(query):
            guessed = _ranked(engine, query, filters, page, size, collapse, guess=True)  # 家里着火开证明 → 火灾
            if guessed.total and not guessed.weak:
                found = guessed
    else:
        sound = respelt(False)  # 公基金提取 found 基金 things; it meant 公积金提取
        if sound:
            again = _ranked(engine, sound, filters, page, size, collapse)
            if again.total and not again.weak:
                found, corrected, query_for_terms = again, sound, sound
    out.total, out.facets, out.weak, out.hidden = found.total, found.facets, found.weak, found.hidden
    hits = found.hits
    hits = _with_best_bets(query, hits, type, filters.get("site")) if page == 1 and not any(filters.get(f) for f in FILTERS) else hits
    everything = hits + [s for h in hits for s in h.get("similar", ())]
    try:
        bodies = engine.bodies([h["key"] for h in everything])
    except EngineUnavailable:
        bodies = database_engine().bodies([h["key"] for h in everything])
    out.corrected = query_for_terms
    terms = flatten(query_tokens(query_for_terms or query, found.guessed))
    links = _links(everything, viewer)
    for h in hits:
        result = _result(h, bodies, terms, links, viewer)
        result["similar"] = [_result(s, bodies, terms, links, viewer) for s in h.get("similar", ())]
        out.results.append(result)
    out.suggestion = corrected or did_you_mean(query, titles_only=True)
    return out


def _site_of(hostname):
    info = sites.group().for_hostname(hostname)
    return info.as_api() if info is not None else {"hostname": hostname or "", "name": hostname or ""}


def _result(h, bodies, terms, links, viewer=None):
    return {
        "type": h["type"], "type_label": TYPE_LABELS.get(h["type"], h["type"]), "title": h["title"],
        "url": sites.url_for(h["url"], h.get("site"), viewer), "site": _site_of(h.get("site")),
        "snippet": snippet(bodies.get(h["key"], ""), terms, normalize),
        "title_html": highlight(h["title"], terms, normalize, length=200),
        "bundles": links.get(h["key"], {}).get("bundles", []), "guides": links.get(h["key"], {}).get("guides", []),
        "validity": h.get("validity") or "", "department": h.get("department") or "", "year": h.get("year"),
        "doc_number": h.get("doc_number") or "", "pinned": h.get("pinned", False), "key": h["key"],
        "tongban": list(h.get("tongban") or []),
    }


def _with_best_bets(query, hits, type, site=None):
    q = normalize(query).replace(" ", "")
    pinned_ids = [page_id for queries, page_id in _best_bets() if q in queries]
    if not pinned_ids:
        return hits
    keys = [page_key(pid) for pid in pinned_ids]
    docs = {d.key: d for d in SearchDocument.objects.filter(key__in=keys)}
    pinned = []
    for key in keys:
        d = docs.get(key)
        if d and (not type or d.type == type) and (not site or d.site == site):
            pinned.append({"key": d.key, "type": d.type, "title": d.title, "url": d.url, "page_id": d.page_id,
                           "validity": d.validity, "department": d.department, "year": d.year, "pinned": True,
                           "tongban": [v for v in d.tongban.split(",") if v], "site": d.site})
    rest = [h for h in hits if h["key"] not in {p["key"] for p in pinned}]
    return pinned + rest[: max(0, len(hits) - len(pinned))] if hits else pinned


_bets_cache = {"checked": 0, "bets": []}


def invalidate_best_bets(**kwargs):
    _bets_cache["checked"] = 0


def _best_bets():
    """(queries, page_id) of every best bet; re-read at most every 2 s per process (and at once on edits)."""
    now = time.monotonic()
    if not _bets_cache["checked"] or now - _bets_cache["checked"] > 2.0:
        _bets_cache["bets"] = [(b.queries(), b.page_id) for b in BestBet.objects.all()]
        _bets_cache["checked"] = now
    return _bets_cache["bets"]


def _links(hits, viewer=None):
    """A guide shows the bundles that contain it; a bundle shows its guides (from the content apps' providers), each
    {title, url} with the URL as the visitor on ``viewer`` follows it (a provider may say the link's ``site``)."""
    out = registry.links(hits)
    for found in out.values():
        for kind, items in found.items():
            found[kind] = [{"title": i["title"], "url": sites.url_for(i["url"], i.get("site"), viewer)} for i in items]
    return out


def did_you_mean(query, titles_only=False):
    """A better-spelt query. With results already found (``titles_only``) only a real guide/bundle name
    is offered (新生而出生 → 新生儿出生), so good queries never get a distracting suggestion."""
    vocabulary = names.names()
    cache_key = (query, titles_only, names.stamp(), id(_analyzer()))
    if cache_key in _suggestions:
        return _suggestions[cache_key]
    suggestion = _did_you_mean(query, titles_only, vocabulary)
    if len(_suggestions) > 5000:
        _suggestions.clear()
    _suggestions[cache_key] = suggestion
    return suggestion


_suggestions = {}


def _did_you_mean(query, titles_only, vocabulary):
    try:
        suggestion = _analyzer().suggest(query, vocabulary=vocabulary, include_dictionary=not titles_only)
        if suggestion and titles_only and not names.is_name(suggestion):
            return None
        return suggestion
    except Exception:  # noqa: BLE001 — a suggestion is optional; never fail the search for it
        logger.exception("did-you-mean failed for %r", query)
        return None


def log_query(query, total):
    """Count one search of ``query`` (and whether it found nothing) in one statement: an insert that adds to the row
    when the query was asked before. It runs on every request, the cached ones too."""
    q = normalize(query)[:200]
    if not q:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(_log_sql(), [q, 1 if total == 0 else 0, total, connection.ops.adapt_datetimefield_value(timezone.now())])
    except DatabaseError:
        logger.warning("could not log query %r", q)


@functools.cache
def _log_sql():
    table, quote = QueryLog._meta.db_table, connection.ops.quote_name
    column = {f.name: quote(f.column) for f in QueryLog._meta.concrete_fields}
    t = quote(table)
    return (f"INSERT INTO {t} ({column['query']}, {column['count']}, {column['zero_count']}, {column['last_total']}, "
            f"{column['last_seen']}, {column['click_count']}, {column['handled']}) VALUES (%s, 1, %s, %s, %s, 0, '') "
            f"ON CONFLICT ({column['query']}) DO UPDATE SET {column['count']} = {t}.{column['count']} + 1, "
            f"{column['zero_count']} = {t}.{column['zero_count']} + excluded.{column['zero_count']}, "
            f"{column['last_total']} = excluded.{column['last_total']}, {column['last_seen']} = excluded.{column['last_seen']}")


def suggest(prefix, limit=8, site=None, viewer=None):
    """Autocomplete: guide and bundle names by characters, full pinyin or pinyin initials, then policy titles (of one
    site of the group when ``site`` is given; URLs as the visitor on ``viewer`` follows them)."""
    q = normalize(prefix).replace(" ", "")
    if not q:
        return []
    scoped = SearchDocument.objects.filter(site=site) if site else SearchDocument.objects.all()
    qs = scoped.filter(type__in=("bundle", "guide"))
    if q.isascii() and q.isalnum():
        matches = qs.filter(pinyin__contains=" " + q)
    else:
        matches = qs.filter(title__contains=q)
    rows = list(matches.values("title", "url", "type", "site")[:200])
    rows.sort(key=lambda r: (r["type"] != "bundle", not r["title"].startswith(q), len(r["title"]), r["title"]))
    out = rows[:limit]
    if len(out) < limit and not q.isascii():
        extra = scoped.filter(type="policy", title__contains=q).exclude(validity__in=("失效", "废止"))
        out += list(extra.values("title", "url", "type", "site")[: limit - len(out)])
    return [{"title": r["title"], "url": sites.url_for(r["url"], r["site"], viewer), "type": r["type"]} for r in out]
