"""搜索改进待办: what citizens searched and did not find (no results), or found and did not open (results, no click),
with candidates an editor can accept in one click:

- a 同义词 (the citizen's word → a term the site's documents use): search reads admin synonyms on the query side, so
  the next query uses it, with no reindex on either engine;
- a 推荐结果 (a page pinned for that query).

Candidates come from the site itself, never from a list: site words sharing characters with the citizen's word,
words the general thesaurus relates to it, and the pages each of the query's words finds on its own.
"""
from django.db.models import F, Q

from search import service, vocabulary
from search.analysis import normalize
from search.models import BestBet, QueryLog, Synonym

MIN_SEARCHES_WITHOUT_CLICK = 3  # a query searched this often whose results nobody opened
MAX_TERMS, MAX_PAGES = 5, 5
IGNORED = "已忽略"


class Refused(ValueError):
    """A Chinese sentence for the editor."""


def waiting(limit=50):
    """[(QueryLog, reason)] not handled yet: queries without results first, then those nobody clicked."""
    open_rows = QueryLog.objects.filter(handled="")
    zero = open_rows.filter(last_total=0, zero_count__gt=0).order_by("-zero_count", "-last_seen")[:limit]
    unclicked = open_rows.filter(Q(last_total__gt=0), click_count=0, count__gte=MIN_SEARCHES_WITHOUT_CLICK) \
        .order_by("-count", "-last_seen")[:limit]
    return [(row, "无结果") for row in zero] + [(row, "有结果但无人点击") for row in unclicked]


def content_words(query):
    """The query's words worth a synonym: two or more characters, not a question filler the analysis drops."""
    a = vocabulary.analyzer()
    words = []
    for group in a.query_tokens(query):
        for alternative in group[:1]:  # the citizen's own words, not their expansions
            for word in alternative if isinstance(alternative, tuple) else (alternative,):
                word = getattr(word, "text", word)
                if isinstance(word, str) and len(word) >= 2 and word not in words:
                    words.append(word)
    return words


def term_candidates(word):
    """Site terms for one citizen word: thesaurus relatives the site uses, then site words sharing its characters."""
    a = vocabulary.analyzer()
    site = getattr(a.vocabulary, "words", {}) or {}
    found = []
    for _same, members in getattr(a, "thesaurus", {}).get(word, ()):
        found += [m for m in members if m != word and m in site and m not in found]
    grams = {word[i:i + 2] for i in range(len(word) - 1)}
    sharing = [(sum(g in term for g in grams), site[term], term) for term in site
               if term != word and len(term) >= 2 and any(g in term for g in grams)]
    found += [t for _, _, t in sorted(sharing, key=lambda x: (-x[0], -x[1], x[2])) if t not in found]
    return found[:MAX_TERMS]


def page_candidates(query):
    """[(page_id, title, url)] the query's words find one by one (a zero-result query often has one word too many)."""
    out, seen = [], set()
    for word in content_words(query) or [query]:
        try:
            hits = service.search(word, size=3, log=False).results
        except Exception:  # noqa: BLE001, S112 — a candidate list never breaks the editor's page
            continue
        for hit in hits:
            key = hit.get("key") or ""
            page_id = int(key[5:]) if key.startswith("page-") and key[5:].isdigit() else None  # pages can be pinned
            if page_id and page_id not in seen:
                seen.add(page_id)
                out.append((page_id, hit["title"], hit["url"]))
    return out[:MAX_PAGES]


def suggestions(row):
    return {"words": [(w, term_candidates(w)) for w in content_words(row.query)], "pages": page_candidates(row.query)}


def _clean_term(text, what):
    text = normalize(text or "").replace(" ", "")
    if not text or len(text) > 40 or any(ch in text for ch in ",，=>"):
        raise Refused(f"{what}应为不超过40个字的一个词，不能含逗号或“=>”")
    return text


def accept_synonym(row, word, target, by=None):
    """The citizen's word reads as the site's term from the next query on (a one-way rule: 俗称 => 规范用语)."""
    word, target = _clean_term(word, "群众用语"), _clean_term(target, "规范用语")
    if word == target:
        raise Refused("群众用语与规范用语相同，无需添加同义词")
    rule = f"{word} => {target}"
    Synonym.objects.get_or_create(rule=rule, defaults={"note": f"搜索改进待办：{row.query}"[:200]})
    row.handled = f"同义词：{rule}"[:120]
    row.save(update_fields=["handled"])
    return rule


def accept_page(row, page, by=None):
    """The page is shown first for this query (a 推荐结果)."""
    BestBet.objects.create(query=row.query[:100], page=page)
    row.handled = f"推荐结果：{page.title}"[:120]
    row.save(update_fields=["handled"])


def dismiss(row, by=None):
    row.handled = IGNORED
    row.save(update_fields=["handled"])


def record_click(query):
    """A result of this query was opened (search-click.js); unknown queries are ignored."""
    q = normalize(query or "")[:200]
    if q:
        QueryLog.objects.filter(query=q).update(click_count=F("click_count") + 1)
