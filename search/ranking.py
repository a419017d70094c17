"""Engine-neutral ranking (plain Python, no Django); snippets are in search.snippets.

Engines retrieve candidates with their own text score (BM25 in OpenSearch and FTS5, ts_rank in
PostgreSQL); :func:`rerank` orders the top window the same way on every engine:

* the engine score, normalised to [0, 1], is the base;
* query terms found in the title/name (or its code, 发文字号, keywords) add the most;
* the whole query inside the title adds a bonus;
* a bundle (一件事) whose name matches the query is boosted: life-event queries land on the bundle;
* 失效/废止 policies are multiplied down but stay in the results;
* recency only adds a gentle tie-breaker (at most 0.05);
* the query's intent (search.intent) moves whole kinds: a how-to question lifts guides and 一件事 above 公示
  lists and policies; a query naming a policy (发文字号, title) or shaped like a 公文 title lifts policies.
"""
from datetime import date

from search.intent import DOCUMENT, HOWTO, classify
from search.knowledge import SOFT_GROUP_WEIGHT  # a verb group counts this much against 1 for a content word

TITLE_WEIGHT = 2.0
EXACT_TITLE_BONUS = 1.0
BUNDLE_BONUS = 1.5
INVALID_FACTOR = 0.4
RECENCY_WEIGHT = 0.05
INVALID = ("失效", "废止")
# Citizens mostly look for something to do: services first, then policies, then catalogue records.
SERVICES = ("guide", "bundle")
HOWTO_BONUS = 1.5  # a how-to question: services over 公示 lists and policies with the same words in the title
DOCUMENT_BONUS = 1.5  # a 公文-shaped query: policies over services
NAMED_BONUS = 4.0  # the policy whose 发文字号 or title the query names comes first
TYPE_PRIOR = {"bundle": 0.3, "guide": 0.3, "policy": 0.15, "interpretation": 0.05, "catalogue_entry": 0.0}


def _alt_in(alt, tokens):
    return all(t in tokens for t in alt)


def _weight(x, default=1.0):
    return getattr(x, "weight", default)


def title_coverage(groups, title_tokens) -> float:
    """The weighted share of the query's groups found in the title: a group counts its best alternative found
    there at that alternative's weight (the user's own word 1, an expansion less); a soft group (a verb) counts
    SOFT_GROUP_WEIGHT of a content group."""
    if not groups:
        return 0.0
    tokens = set(title_tokens.split())
    hit = total = 0.0
    for g in groups:
        gw = SOFT_GROUP_WEIGHT if getattr(g, "soft", False) else 1.0
        total += gw
        hit += gw * max((_weight(a) for a in g if a and _alt_in(a, tokens)), default=0.0)
    return hit / total


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


def intent_bonus(hit, intent) -> float:
    if intent == HOWTO and hit.get("type") in SERVICES:
        return HOWTO_BONUS
    if intent == DOCUMENT and hit.get("type") == "policy":
        return DOCUMENT_BONUS
    return 0.0


def final_score(hit, groups, query_norm, max_score, today=None, phrases=None, intent="", named=()) -> float:
    base = (hit.get("score") or 0.0) / max_score if max_score > 0 else 0.0
    cov = title_coverage(groups, hit.get("title_tokens", ""))
    title = (hit.get("title") or "").lower()
    score = base + TITLE_WEIGHT * cov + TYPE_PRIOR.get(hit.get("type"), 0.0)
    phrases = exact_phrases(groups, query_norm) if phrases is None else phrases
    if any(p in title for p in phrases):
        score += EXACT_TITLE_BONUS
    if hit.get("type") == "bundle" and cov >= 0.5:
        score += BUNDLE_BONUS * cov
    score += intent_bonus(hit, intent)
    if hit.get("validity") in INVALID:
        score *= INVALID_FACTOR
    if hit.get("key") in named:  # asked for by number or title: first even when repealed (it is marked)
        score += NAMED_BONUS
    return score + RECENCY_WEIGHT * recency(hit.get("updated"), today)


def rerank(hits, groups, query_norm, today=None, query=None):
    """Hits (dicts with score, type, title, title_tokens, validity, updated, doc_number) best first.
    ``query``: the query as typed (normalised), for its intent; defaults to ``query_norm``."""
    if not hits:
        return []
    max_score = max((h.get("score") or 0.0) for h in hits) or 1.0
    phrases = exact_phrases(groups, query_norm)
    intent, named = classify(query if query is not None else query_norm, hits)
    for h in hits:
        h["rank"] = final_score(h, groups, query_norm, max_score, today, phrases, intent, named)
    return sorted(hits, key=lambda h: (-h["rank"], h.get("key", "")))
