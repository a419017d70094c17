"""Engine-neutral ranking (plain Python, no Django); snippets are in search.snippets.

Engines retrieve candidates with their own text score (BM25 in OpenSearch and FTS5, ts_rank in
PostgreSQL); :func:`rerank` orders the top window the same way on every engine:

* the engine score, normalised to [0, 1] and weighted ENGINE_WEIGHT, is the base;
* query terms found in the title/name (or its code, 发文字号, keywords) add the most;
* the whole query inside the title adds a bonus;
* a bundle (一件事) whose name matches the query is boosted: life-event queries land on the bundle;
* 失效/废止 policies are multiplied down but stay in the results;
* recency only adds a gentle tie-breaker (at most 0.05);
* a query that names no act (补领, 换证, 注销 …: no verb group) most likely wants the service for the first time: the
  guide whose 业务办理项 is 首次申领, 新办, 设立 … gets FIRST_TIME_BONUS over its 补领/换领/注销 siblings; a query
  that names one gets the guide whose 业务办理项 is that act ACT_BONUS, though the item's name says 转移 for all;
* a document that matches only part of a query of several words (``partial``: the citizen's 外地人 or 家里 is
  nowhere in it) counts PARTIAL_FACTOR: it comes first only when its title answers far better;
* the query's intent (search.intent) moves whole kinds: a how-to question lifts guides and 一件事 above 公示
  lists and policies; a query naming a policy (发文字号, title) or shaped like a 公文 title lifts policies;
* copies of one result (the same service item implemented by every 镇（街道）, the same 公示 of nine districts) do
  not fill the first page: the copy of the widest jurisdiction leads them, the others wait behind the distinct
  results (:func:`spread_copies`).
"""
import re
from datetime import date
from functools import lru_cache

from search.grouping import MIN_KEY, title_key
from search.intent import DOCUMENT, HOWTO, asks_for_everything, classify
from search.knowledge import ACT_CLASSES, SOFT_GROUP_WEIGHT, acts_said

ENGINE_WEIGHT = 0.7  # the engine's own text score, normalised: what the analysis knows (title, acts) weighs more
TITLE_WEIGHT = 2.0
EXACT_TITLE_BONUS = 1.0
BUNDLE_BONUS = 1.5
INVALID_FACTOR = 0.4
PARTIAL_FACTOR = 0.7
RECENCY_WEIGHT = 0.05
FIRST_TIME_BONUS = 0.3  # no act named: of one item's 业务办理项, the one that gets the service first leads
ACT_BONUS = 0.3  # an act named: the 业务办理项 that is that act leads (转到外地 → （转出）, not （转入）)
OTHER_ACT_PENALTY = 0.3  # an act named: a title that says only other acts (设立 for 变更地址) steps back
EVENT_BONUS = 2.0  # "what all does a life event need": the 一件事 bundle that has every word asked for
MAX_ACTS = 2  # … by ACT_BONUS for each act it says, up to this many (到期换证 → （期满换证） before （损毁换证）)
LITERAL_WEIGHT = 0.5  # the user's own characters in the title (上小学 → 小学一年级入学) over a synonym's
INVALID = ("失效", "废止")
# Citizens mostly look for something to do: services first, then policies, then catalogue records.
SERVICES = ("guide", "bundle")
HOWTO_BONUS = 1.5  # a how-to question: services over 公示 lists and policies with the same words in the title
DOCUMENT_BONUS = 1.5  # a 公文-shaped query: policies over services
NAMED_BONUS = 4.0  # the policy whose 发文字号 or title the query names comes first
COPY_FACTOR = 0.5  # a further copy of a result already ranked counts half
COPY_TIE = 0.15  # copies this close to the best one are equally good answers: the widest jurisdiction leads
TYPE_PRIOR = {"bundle": 0.3, "guide": 0.3, "policy": 0.15, "interpretation": 0.05, "catalogue_entry": 0.0}


def _alt_in(alt, tokens):
    return all(t in tokens for t in alt)


def _weight(x, default=1.0):
    return getattr(x, "weight", default)


def title_coverage(groups, title_tokens) -> float:
    """The weighted share of the query's groups found in the title: a group counts its best alternative found
    there at that alternative's weight (the user's own word 1, an expansion less); a soft group (a verb) and a word
    for people (孩子, 老人: whom the service is for, which its name often leaves out: 义务教育阶段新生入学) count
    SOFT_GROUP_WEIGHT of a content group."""
    if not groups:
        return 0.0
    tokens = set(title_tokens.split())
    hit = total = 0.0
    for g in groups:
        gw = SOFT_GROUP_WEIGHT if getattr(g, "soft", False) or getattr(g, "person", False) else 1.0
        total += gw
        hit += gw * max((_weight(a) for a in g if a and _alt_in(a, tokens)), default=0.0)
    return hit / total


_HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")


def literal_overlap(query_norm, title) -> float:
    """The share of the query's character pairs (within runs of Han characters) that the title writes too."""
    pairs = {run[i:i + 2] for run in _HAN_RUN.findall(query_norm or "") for i in range(len(run) - 1)}
    if not pairs:
        return 0.0
    return sum(1 for p in pairs if p in title) / len(pairs)


def _as_date(value):
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def recency(updated, today=None) -> float:
    day = _as_date(updated)
    if day is None:
        return 0.0
    today = today or date.today()
    age_years = max(0.0, (today - day).days / 365.25)
    return max(0.0, 1.0 - age_years / 20.0)


def exact_phrases(groups, query_norm):
    """Strings whose presence in a title counts as the whole query being there: the query itself and,
    for one-term queries, each single-word alternative (低保 → 最低生活保障)."""
    phrases = {query_norm} if query_norm and len(query_norm) >= 2 else set()
    hard = [g for g in groups if not getattr(g, "soft", False)]
    if len(hard) == 1:  # only the user's words and the admin's synonyms, not general-knowledge expansions
        own = [a for a in hard[0] if _weight(a) >= 1.0]
        phrases |= {a[0] for a in own if len(a) == 1 and len(a[0]) >= 2}
        phrases |= {"".join(a) for a in own if len(a) > 1}
    return phrases


# 业务办理项 that get a service for the first time (the last （…） of a guide's title)
_VARIANT = re.compile(r"（([^（）]+)）\s*$")
_FIRST_TIME = re.compile(r"首次|初次|新办|设立|成立|开办|^申领$|^申请$|^办理$|^登记$|^参保登记$|^核发$")


def first_time_variant(hit) -> bool:
    """A guide whose 业务办理项 gets the service for the first time: 首次申领, 新办, 设立登记 (not 补领, 换领, 注销)."""
    if hit.get("type") != "guide":
        return False
    m = _VARIANT.search(hit.get("title") or "")
    return bool(m and _FIRST_TIME.search(m.group(1)))


def acts(groups) -> tuple:
    """The words of the acts the query names (its verb groups' alternatives of one word)."""
    return tuple(dict.fromkeys(a[0] for g in groups if getattr(g, "soft", False) for a in g if len(a) == 1))


def variant_does(hit, named_acts) -> int:
    """How many of the acts the query names a guide's 业务办理项 (the last （…） of its title) says, up to MAX_ACTS:
    （转出） for 转到外地, where the item's name (养老保险关系转移接续) says 转移 for every variant alike; （期满换证）
    says two of 到期换证, （损毁换证） one."""
    if not named_acts or hit.get("type") != "guide":
        return 0
    m = _VARIANT.search(hit.get("title") or "")
    return min(MAX_ACTS, sum(1 for act in named_acts if act in m.group(1))) if m else 0


GENERIC_ACTS = {"apply"}  # 申请, 申领: every kind of guide says it


@lru_cache(maxsize=1024)
def _act_classes(named_acts: tuple) -> frozenset:
    return frozenset(c for a in named_acts for c in ACT_CLASSES.get(a, ()))


def says_other_act(title, named_acts) -> bool:
    """Whether a title says only acts the query did not name (企业设立登记 for 公司地址变更)."""
    if not named_acts:
        return False
    said = acts_said([title]) - GENERIC_ACTS
    return bool(said) and not said & _act_classes(tuple(named_acts))


def intent_bonus(hit, intent) -> float:
    if intent == HOWTO and hit.get("type") in SERVICES:
        return HOWTO_BONUS
    if intent == DOCUMENT and hit.get("type") == "policy":
        return DOCUMENT_BONUS
    return 0.0


def final_score(hit, groups, query_norm, max_score, today=None, phrases=None, intent="", named=(),
                first_time=False, named_acts=(), everything=False) -> float:
    base = ENGINE_WEIGHT * (hit.get("score") or 0.0) / max_score if max_score > 0 else 0.0
    cov = title_coverage(groups, hit.get("title_tokens", ""))
    title = (hit.get("title") or "").lower()
    score = base + TITLE_WEIGHT * cov + TYPE_PRIOR.get(hit.get("type"), 0.0)
    score += LITERAL_WEIGHT * literal_overlap(query_norm, title)
    phrases = exact_phrases(groups, query_norm) if phrases is None else phrases
    if any(p in title for p in phrases):
        score += EXACT_TITLE_BONUS
    if hit.get("type") == "bundle" and cov >= 0.5:
        score += BUNDLE_BONUS * cov
    score += intent_bonus(hit, intent)
    if everything and hit.get("type") == "bundle" and not (hit.get("partial") or hit.get("loose")):  # all words found
        score += EVENT_BONUS
    if first_time and first_time_variant(hit):
        score += FIRST_TIME_BONUS
    else:
        score += ACT_BONUS * variant_does(hit, named_acts)
        if says_other_act(title, named_acts):
            score -= OTHER_ACT_PENALTY
    if hit.get("validity") in INVALID:
        score *= INVALID_FACTOR
    if hit.get("partial"):
        score *= PARTIAL_FACTOR
    if hit.get("key") in named:  # asked for by number or title: first even when repealed (it is marked)
        score += NAMED_BONUS
    return score + RECENCY_WEIGHT * recency(hit.get("updated"), today)


# 实施编码 (GB/T 39554.1): 基本编码-区划代码(12 digits)-…; the 区划代码 says which level implements the item
_IMPLEMENTATION = re.compile(r"^[0-9A-Za-z]{6,14}-(\d{12})-")
_WIDEST = 99  # no national code: no level known, never preferred over one that has it


def jurisdiction_depth(code) -> int:
    """How deep in GB/T 2260 + township + village codes the implementing organ sits: 2 province, 4 city,
    6 county, 9 township, 12 village; _WIDEST when the code does not say."""
    m = _IMPLEMENTATION.match((code or "").strip())
    if not m:
        return _WIDEST
    region = m.group(1)
    for depth, (start, end) in ((12, (9, 12)), (9, (6, 9)), (6, (4, 6)), (4, (2, 4))):
        if region[start:end].strip("0"):
            return depth
    return 2


def spread_copies(ranked):
    """Ranked hits whose titles are the same once place and organ are taken out (search.grouping) are copies of
    one answer: among the best-ranked copies the widest jurisdiction's leads (a district-wide query lands on the
    district's entry, not a town's), and the other copies count COPY_FACTOR, so distinct answers come first."""
    by_key = {}
    for h in ranked:
        key = title_key(h)
        if len(key) >= MIN_KEY:
            by_key.setdefault((h.get("type"), key), []).append(h)
    for copies in by_key.values():
        if len(copies) < 2:
            continue
        best = copies[0]["rank"]
        tied = [c for c in copies if c["rank"] >= best - COPY_TIE]
        leader = min(tied, key=lambda c: (jurisdiction_depth(c.get("code")), -c["rank"]))
        leader["rank"], copies[0]["rank"] = best, leader["rank"]
        for c in copies:
            if c is not leader:
                c["rank"] *= COPY_FACTOR
    return sorted(ranked, key=lambda h: (-h["rank"], h.get("key", "")))


def rerank(hits, groups, query_norm, today=None, query=None):
    """Hits (dicts with score, type, title, title_tokens, validity, updated, doc_number) best first.
    ``query``: the query as typed (normalised), for its intent; defaults to ``query_norm``."""
    if not hits:
        return []
    max_score = max((h.get("score") or 0.0) for h in hits) or 1.0
    phrases = exact_phrases(groups, query_norm)
    intent, named = classify(query if query is not None else query_norm, hits)
    named_acts = acts(groups)
    everything = asks_for_everything(query if query is not None else query_norm)
    first_time = not any(getattr(g, "soft", False) for g in groups)  # no act named (补, 换, 注销…): getting it first
    for h in hits:
        h["rank"] = final_score(h, groups, query_norm, max_score, today, phrases, intent, named, first_time, named_acts,
                                everything)
    return spread_copies(sorted(hits, key=lambda h: (-h["rank"], h.get("key", ""))))
