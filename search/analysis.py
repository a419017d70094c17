"""Chinese text analysis shared by every search engine (OpenSearch, SQLite FTS5, PostgreSQL).

Plain Python, no Django: the Django layer feeds guide/bundle/domain names in through
:meth:`Analyzer.add_words` and admin-edited synonyms through :meth:`Analyzer.add_synonyms`.

Engines never tokenize Chinese themselves. They index :meth:`Analyzer.segment_for_index` (space-joined
tokens; every token is either a run of Han characters or a run of ``[a-z0-9]``, so whitespace
tokenizers — FTS5 unicode61/ascii, OpenSearch ``whitespace``, PostgreSQL ``simple`` — keep them intact)
and build queries from :meth:`Analyzer.query_tokens`::

    groups = analyzer.query_tokens("生孩子要办什么")
    # [[("生孩子",), ("新生儿", "出生"), ("生育",)]]
    #   one group per query term; a document matches the group if it matches ANY alternative;
    #   an alternative is a tuple of tokens that must ALL match (a phrase/conjunction).
    # Engine: AND over groups; if that finds nothing, OR over groups (see ``flatten``).

``to_fts5_match`` / ``to_tsquery`` turn groups into SQLite FTS5 MATCH and PostgreSQL tsquery strings.

Typical use::

    from search.analysis import get_analyzer
    a = get_analyzer()                # built once per process (jieba dictionary load ≈ 1 s)
    a.add_words(["灵活就业人员参保登记"])
    a.segment_for_index("新生儿出生一件事")   # '新生 新生儿 出生 新生儿出生 一件事'
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Iterable

import opencc
from opencc import OpenCC

from search import knowledge

DATA_DIR = Path(__file__).resolve().parent / "data"
GOV_DICT = DATA_DIR / "gov_dict.txt"
SYNONYMS_FILE = DATA_DIR / "synonyms.txt"
PROJECT_DIR = Path(__file__).resolve().parent.parent
JIEBA_CACHE_DIR = PROJECT_DIR / ".cache" / "jieba"



class Alternative(tuple):
    """Tokens that must all match, with a weight: 1.0 for the user's own words (and the admin's synonyms), less for
    what general knowledge adds (search.knowledge). Compares like the plain tuple of its tokens."""

    def __new__(cls, tokens, weight=1.0):
        alt = super().__new__(cls, tokens)
        alt.weight = weight
        return alt


class Group(list):
    """Alternatives of one query term; at least one must match. A ``soft`` group (a verb: 申请, 补领, 注销…) never
    restricts what is found; it only counts, at knowledge.SOFT_GROUP_WEIGHT, when ranking."""

    def __init__(self, alternatives=(), soft=False, optional=False, person=False):
        super().__init__(alternatives)
        self.soft = soft
        self.optional = optional  # a pronoun or place word (自己, 家里, 门口): ranks like a word, never restricts
        self.person = person  # a word for people (孩子, 老人, 职工): whom a service is for, often left out of its name


def weight(alt) -> float:
    return getattr(alt, "weight", 1.0)


def _one_character(group) -> bool:
    """A group for one Han character the user typed (证, 办, 车): too ambiguous to demand next to real words."""
    own = [a for a in group if weight(a) >= 1.0]
    return bool(own) and len(own[0]) == 1 and len(own[0][0]) == 1 and _is_han(own[0][0])


def _only_ranks(group) -> bool:
    """A group that ranks but is not demanded next to real words: a lone character or a pronoun / place word."""
    return _one_character(group) or getattr(group, "optional", False)


def required(groups) -> list:
    """The groups an engine must match: all but the soft ones (all of them when every group is soft) and but a lone
    character or a pronoun / place word next to longer words (they still count in ranking), and, when
    general knowledge expanded them, one more: at least one of the user's own words (or the admin's synonyms) —
    a document that only matches expansions (户籍 ∧ 阶段 for 户口等级) is not an answer."""
    hard = [g for g in groups if not getattr(g, "soft", False)] or list(groups)
    if any(not _only_ranks(g) for g in hard):  # 什么证, 自己垫的钱: a lone character or a pronoun only ranks
        hard = [g for g in hard if not _only_ranks(g)]
    if len(hard) > 1 and any(weight(a) < 1.0 for g in hard for a in g):
        anchor = Group(dict.fromkeys(a for g in hard for a in g if weight(a) >= 1.0))
        if anchor:
            hard = hard + [anchor]
    return hard

def any_own_word(groups) -> list:
    """One group: any of the user's own words (or the admin's synonyms) of the content groups — the documents
    that match part of a query of several words (外地人 办 暂住证 → 居住证 without 外地人). [] for fewer than two
    content groups, where a part is the whole."""
    content = [g for g in groups if not getattr(g, "soft", False) and not _only_ranks(g)]
    if len(content) < 2:
        return []
    return [Group(dict.fromkeys(a for g in content for a in g if weight(a) >= 1.0))]

# --------------------------------------------------------------------------------------------------
# normalisation
# --------------------------------------------------------------------------------------------------
_converter = None
_converter_lock = threading.Lock()

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space
_WS = re.compile(r"\s+")


def _t2s():
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                _converter = OpenCC("t2s")
    return _converter


def normalize(text) -> str:
    """Traditional → simplified, full-width → half-width ASCII, lower-case, collapse whitespace."""
    if not text:
        return ""
    text = str(text)
    if len(text) <= 64:  # titles and queries repeat: remember them
        return _normalize_short(text)
    return _normalize(text)


@lru_cache(maxsize=65536)
def _normalize_short(text: str) -> str:
    return _normalize(text)


_traditional = None


def _traditional_chars():
    """Every character OpenCC's t2s tables would touch; text with none of them needs no conversion
    (OpenCC's Python implementation is the costliest step of analysis for plain simplified text)."""
    global _traditional
    if _traditional is None:
        try:
            path = Path(opencc.__file__).resolve().parent / "dictionary"
            chars = set()
            with open(path / "TSCharacters.txt", encoding="utf-8") as f:
                chars |= {line.split("\t", 1)[0] for line in f if line.strip()}
            with open(path / "TSPhrases.txt", encoding="utf-8") as f:
                for line in f:
                    key = line.split("\t", 1)[0]
                    if key and not set(key) & chars:
                        chars |= set(key)  # the few phrases made only of simplified-looking characters
            _traditional = frozenset(chars)
        except OSError:
            _traditional = frozenset()
    return _traditional


def _normalize(text: str) -> str:
    text = text.translate(_FULLWIDTH)
    trad = _traditional_chars()
    if not trad or not set(text).isdisjoint(trad):
        text = _t2s().convert(text)
    return _WS.sub(" ", text.lower()).strip()


# --------------------------------------------------------------------------------------------------
# word lists
# --------------------------------------------------------------------------------------------------
# Dropped from index and query. Only function words / question words: never drop content words.
STOPWORDS = frozenset("""
的 地 得 了 着 过 和 与 及 以及 或 或者 在 于 要 想 想要 怎么 怎样 怎么样 怎么办 如何 办 什么 啥 哪 哪里 哪儿 哪些 吗 呢 啊 呀 吧 啦 嘛 哦 哈
我 我们 你 你们 您 他 她 它 他们 她们 请问 请 需要 是 有 就 都 也 还 又 被 把 对 从 以 为 等 之 其 该 这 那 这个 那个 这些 那些 这里 那里
一个 一下 一些 并 并且 而 而且 但 但是 如果 因为 所以 可以 能 能否 能不能 可不可以 会 应 应当 应该 将 已 已经 由 对于 关于 按照 根据
是否 咋 咋办 咋样 咋弄 怎么弄 谁 多少 多久 麻烦 谢谢 你好 您好 问 问一下 咨询 了解 知道 告诉 帮 帮忙 下 个 些 上 中
我要 我想 要办 想办 办个 去哪儿 哪个 什么样 有没有 没有 可以吗 行吗 一般
要啥 去哪 哪办 怎么弄 咋整 要不要 该怎么 怎么样才能 啥时候 什么时候 在哪里 在哪儿 到哪 到哪里 到哪儿 去哪里 一般要
""".split())

# Query-only "soft" words: procedural words most questions contain ("低保怎么申请"). They are dropped
# from the required query groups when the query has other content words, kept when they are alone.
QUERY_SOFT_WORDS = frozenset("办理 申请 手续 流程 办事 相关 有关 问题 事项 情况 规定 政策 要求 去办 申领 能办 领钱 拿钱 报名".split())

# Particles jieba's HMM may glue to a guessed word (养狗要, 考了): trimmed from the ends of words it does not know.
PARTICLES = "了的吗呢要啊呀吧嘛着过啦哦"
ASPECT = "了着过"  # what follows a verb for its aspect (丢了, 找过): the verb is what stands before

# Single characters kept as index/query tokens when jieba yields them as whole words.
SINGLE_CHAR_ALLOWLIST = frozenset("税 房 车 水 电 气 粮 药 证 婚 狗 路 桥 林 田 猪 牛 羊 鱼 煤 油 矿 盐 烟 酒 茶 船".split())

# A single character this frequent in jieba's dictionary (到 用 成 去 看 想 找 种) works as a function word: alone in a
# query it says nothing about the thing asked for.
COMMON_CHARACTER = 20000

# A word jieba's general dictionary has seen fewer times than this (不领 3, 身分证 23; 领证 4 but 孩子 17,466) and the
# site never writes is taken for an input-method slip when it sounds like exactly one site word.
RARE_WORD_FREQ = 50
NEGATIONS = "不没未别"
MODALS = "能要会想可该"  # can, must, will, want …: they qualify the verb after them
# particles, modals and the one-character stopwords: a slip of the hand is never mended into one of these places
SENTENCE_CHARACTERS = frozenset(PARTICLES + MODALS) | frozenset(w for w in STOPWORDS if len(w) == 1)

_CHINESE_AGE = re.compile(r"([零〇一二两三四五六七八九十百]+)(周岁|岁)")
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def chinese_number(text: str):
    """十六 → 16, 八十 → 80, 一百零五 → 105, 六 → 6; None when it is no number below 1,000."""
    total, digit = 0, None
    for c in text:
        if c in "零〇" and total:  # 一百零五: the zero only holds the tens' place
            continue
        if c in _DIGITS:
            if digit is not None:
                return None
            digit = _DIGITS[c]
        elif c in "十百":
            unit = 10 if c == "十" else 100
            total += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + (digit or 0)


def arabic_ages(text: str) -> str:
    """Ages written in Chinese numerals as documents write them, in digits: 十六岁 → 16周岁 (年满16周岁)."""
    def digits(m):
        n = chinese_number(m.group(1))
        return f"{n}周岁" if n is not None and 0 < n < 150 else m.group(0)

    return _CHINESE_AGE.sub(digits, text)


_REPEATED_VERB = re.compile(r"([\u4e00-\u9fff])[一了]?\1")  # 查查, 查一查, 查了查
_TOKEN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")


def _is_han(token: str) -> bool:
    return bool(_HAN.match(token))


# --------------------------------------------------------------------------------------------------
# synonyms
# --------------------------------------------------------------------------------------------------
class SynonymRule:
    """One synonym rule. ``sources`` are expanded to ``targets``; each target is a tuple of words."""

    __slots__ = ("sources", "targets", "equivalent")

    def __init__(self, sources, targets, equivalent):
        self.sources = tuple(sources)
        self.targets = tuple(targets)
        self.equivalent = equivalent

    def __repr__(self):
        arrow = ", " if self.equivalent else " => "
        return f"SynonymRule({', '.join(self.sources)}{arrow}{', '.join(' '.join(t) for t in self.targets)})"


def _parse_terms(side: str, lineno: int, line: str) -> list:
    terms = []
    for raw in side.split(","):
        words = tuple(w for w in normalize(raw).split(" ") if w)
        if words:
            terms.append(words)
    if not terms:
        raise ValueError(f"synonyms line {lineno}: empty side in {line!r}")
    return terms


def parse_synonyms(rules) -> list:
    """Parse Solr/OpenSearch synonym rules (a string or an iterable of lines) into SynonymRule objects.

    ``a, b => c d, e``: a and b expand to the phrase "c d" or to e (one-way).
    ``a, b, c``: equivalence. ``#`` starts a comment line. Raises ValueError on a malformed line.
    """
    if isinstance(rules, str):
        rules = rules.splitlines()
    parsed = []
    for lineno, line in enumerate(rules, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        line = line.replace("，", ",").replace("、", ",")
        if "=>" in line:
            if line.count("=>") != 1:
                raise ValueError(f"synonyms line {lineno}: more than one '=>' in {line!r}")
            left, right = line.split("=>")
            sources = ["".join(t) for t in _parse_terms(left, lineno, line)]
            parsed.append(SynonymRule(sources, _parse_terms(right, lineno, line), equivalent=False))
        else:
            terms = _parse_terms(line, lineno, line)
            if len(terms) < 2:
                raise ValueError(f"synonyms line {lineno}: an equivalence needs at least two terms: {line!r}")
            parsed.append(SynonymRule(["".join(t) for t in terms], terms, equivalent=True))
    return parsed


# --------------------------------------------------------------------------------------------------
# jieba
# --------------------------------------------------------------------------------------------------
_base_lock = threading.Lock()
_base = None


def _jieba_cache_dir() -> str:
    for d in (os.environ.get("GONGKAI_JIEBA_CACHE_DIR"), str(JIEBA_CACHE_DIR)):
        if not d:
            continue
        try:
            os.makedirs(d, exist_ok=True)
            if os.access(d, os.W_OK):
                return d
        except OSError:
            pass
    return tempfile.gettempdir()


def _base_dictionary():
    """jieba's main dictionary (FREQ, total), loaded once per process through a project-local cache."""
    global _base
    if _base is None:
        with _base_lock:
            if _base is None:
                import jieba  # noqa: PLC0415 — measured 0.18 s to import; loaded with the first segmentation

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.tmp_dir = _jieba_cache_dir()
                tok.initialize()
                _base = (tok.FREQ, tok.total)
    return _base


def _new_tokenizer():
    """A private jieba.Tokenizer sharing nothing mutable with the global one (copies the base FREQ)."""
    import jieba  # noqa: PLC0415 — measured 0.18 s to import; loaded with the first segmentation

    freq, total = _base_dictionary()
    tok = jieba.Tokenizer()
    tok.tmp_dir = _jieba_cache_dir()
    tok.FREQ = dict(freq)
    tok.total = total
    tok.initialized = True
    return tok


def read_gov_dict(path=GOV_DICT) -> list:
    """[(word, freq, pos)] from a jieba-style user dictionary (``word [freq] [pos]``; # comments)."""
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            word = normalize(parts[0])
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            pos = parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 and not parts[1].isdigit() else None)
            entries.append((word, freq, pos))
    return entries


# Parts of speech of jieba's dictionary that a citizen adds around the thing asked for (自己, 本人, 家里, 门口, 外边):
# r pronoun, s place word. In a query they rank but never restrict what is found.
FUNCTION_POS = ("r", "s")
_function = None


def function_words() -> frozenset:
    """Words of two or more characters that jieba's own dictionary tags as pronoun or place word, read once."""
    global _function
    if _function is None:
        with _base_lock:
            if _function is None:
                import jieba  # noqa: PLC0415 — see _base_dictionary

                words = set()
                with jieba.Tokenizer().get_dict_file() as f:
                    for raw in f:
                        parts = raw.decode("utf-8").split()
                        if len(parts) == 3 and parts[2] in FUNCTION_POS and len(parts[0]) > 1:
                            words.add(normalize(parts[0]))
                _function = frozenset(words)
    return _function


_cilin = None
_cilin_lock = threading.Lock()


def _thesaurus() -> tuple:
    """同义词词林 (groups, 词群 families, words for people), read once per process (shared by every Analyzer; never changed)."""
    global _cilin
    if _cilin is None:
        with _cilin_lock:
            if _cilin is None:
                _cilin = knowledge.read_cilin()
    return _cilin


# --------------------------------------------------------------------------------------------------
# edit distance / pinyin helpers
# --------------------------------------------------------------------------------------------------
def levenshtein(a, b) -> int:
    """Edit distance between two sequences (strings or lists of syllables)."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def within_edits(a, b, limit: int) -> int:
    """levenshtein(a, b) when it is at most ``limit``, else ``limit + 1``: only the band of width ``limit`` around the
    diagonal is worked out, and the work stops as soon as every cell of a row is over the limit (a name of the
    vocabulary is compared with each query, so most pairs end after a row or two)."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > limit:
        return limit + 1
    over = limit + 1
    prev = [j if j <= limit else over for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        lo, hi = max(1, i - limit), min(len(b), i + limit)
        cur = [over] * (len(b) + 1)
        if i <= limit:
            cur[0] = i
        for j in range(lo, hi + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != b[j - 1]), over)
        if min(cur[max(0, lo - 1):hi + 1]) > limit:
            return over
        prev = cur
    return min(prev[-1], over)


_NOT_HAN = "\x00"  # marks a run lazy_pinyin passed through (letters, digits): its initials are the run itself


@lru_cache(maxsize=65536)
def _pinyin_forms(text: str) -> tuple:
    """(toneless syllables, initials) in one pinyin pass: a Han syllable's initial is its first letter; non-Han runs
    stay as they are (lower-case alphanumerics) in both."""
    from pypinyin import Style, lazy_pinyin  # noqa: PLC0415 — measured 0.22 s to import; only autocomplete keys need it

    syllables, initials = [], []
    for s in lazy_pinyin(text, style=Style.NORMAL, errors=lambda run: _NOT_HAN + run, strict=False):
        han = not s.startswith(_NOT_HAN)
        s = re.sub(r"[^a-z0-9]", "", s.lower())
        if s:
            syllables.append(s)
            initials.append(s[0] if han else s)
    return tuple(syllables), tuple(initials)


def _syllables(text: str) -> tuple:
    """Toneless pinyin syllables; non-Han runs stay as they are (lower-case alphanumerics)."""
    return _pinyin_forms(text)[0]


def _initials(text: str) -> tuple:
    return _pinyin_forms(text)[1]


# 模糊音, as Chinese input methods offer it: retroflex and flat initials, back and front nasals sound alike to many
# speakers (居住证 typed juzuzhen, 食品 shiping). Applied the same way to a typed string and to a term's pinyin.
_FUZZY_PINYIN = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("ing", "in"), ("eng", "en"), ("ang", "an"))


def fuzzy_pinyin(latin: str) -> str:
    for sound, alike in _FUZZY_PINYIN:
        latin = latin.replace(sound, alike)
    return latin


def _loose_syllables(text: str) -> tuple:
    return tuple(fuzzy_pinyin(s) for s in _syllables(text))


def _by_loose_syllables(words) -> dict:
    """{syllables after 模糊音: {words}}."""
    index = {}
    for w in words:
        index.setdefault(_loose_syllables(w), set()).add(w)
    return index


class _Terms:
    """Terms (term -> preference) indexed for "did you mean": by length, and by the pinyin they spell."""

    def __init__(self, vocab: dict):
        self.by_length, self.spelled = {}, {}
        for c, pref in vocab.items():
            self.by_length.setdefault(len(c), []).append((c, pref))
            self.spelled.setdefault("".join(_syllables(c)), []).append(c)

    def of_lengths(self, shortest: int, longest: int):
        for length in range(max(0, shortest), longest + 1):
            yield from self.by_length.get(length, ())


def _by_syllables(terms: dict) -> dict:
    """{syllables: [(preference, term)]} of the Han terms of 2–8 characters in ``terms`` (term -> preference)."""
    by_py = {}
    for c, pref in terms.items():
        if 2 <= len(c) <= 8 and _is_han(c):
            by_py.setdefault(_syllables(c), []).append((pref, c))
    return by_py


def _mended(items, mend_at):
    """``items`` (characters or tokens) joined, each place where ``mend_at(i)`` gives (how many items, the word)
    replaced by that word; None when nothing was changed."""
    out, i, changed = [], 0, False
    while i < len(items):
        mended = mend_at(i)
        if mended:
            out.append(mended[1])
            changed = changed or mended[1] != "".join(items[i:i + mended[0]])
            i += mended[0]
        else:
            out.append(items[i])
            i += 1
    return "".join(out) if changed else None


# --------------------------------------------------------------------------------------------------
# the analyzer
# --------------------------------------------------------------------------------------------------
class Analyzer:
    """Segmentation, synonyms, pinyin and "did you mean" for Gongkai search.

    Holds its own jieba Tokenizer (never the global ``jieba.dt``) loaded with ``gov_dict.txt`` and any
    words added later; and a synonym map loaded from ``synonyms.txt`` plus admin rules.
    Thread-safe for reading; ``add_words``/``add_synonyms`` take a lock.
    """

    def __init__(self, dictionary=GOV_DICT, synonyms=SYNONYMS_FILE, hmm: bool = True):
        self._lock = threading.RLock()
        self.hmm = hmm
        self.tokenizer = _new_tokenizer()
        self.words: set = set()  # dictionary words (gov dict + added words + synonym terms)
        self._syn: dict = {}  # normalised term -> list[tuple[str, ...]] (raw target words)
        self.rules: list = []
        self.vocabulary = knowledge.Vocabulary()  # what the site's documents say (add_vocabulary)
        self.thesaurus, self.families, self.people = _thesaurus()
        self._memos: dict = {}  # name -> (sizes when built, value): indexes derived from the words (_memo)
        if dictionary:
            self._load_entries(read_gov_dict(dictionary))
        if synonyms:
            with open(synonyms, encoding="utf-8") as f:
                self.add_synonyms(f.read())

    # ---- dictionary ---------------------------------------------------------------------------
    def _load_entries(self, entries):
        tok = self.tokenizer
        with self._lock:
            new = []
            for word, freq, pos in entries:
                if not word or " " in word:
                    continue
                if freq is None:
                    freq = tok.suggest_freq(word, False)
                tok.add_word(word, max(freq, tok.FREQ.get(word, 0)), pos)
                self.words.add(word)
                new.append(word)
            # second pass: make sure every entry still comes out whole, even after longer/shorter
            # neighbours were added; boost with a margin so context does not split it again
            for _ in range(3):
                broken = [w for w in new if len(w) > 1 and list(tok.cut(w, HMM=False)) != [w]]
                if not broken:
                    break
                for w in broken:
                    tok.add_word(w, max(tok.suggest_freq(w, False) * 4, tok.FREQ.get(w, 0) * 2))

    def add_words(self, words: Iterable[str]) -> None:
        """Add names (guides, bundles, domains, …) so they segment as one word (and keep their parts)."""
        entries = []
        for w in words or ():
            w = normalize(w).replace(" ", "")
            if len(w) > 1 and w not in self.words:
                entries.append((w, None, "nz"))
        if entries:
            self._load_entries(entries)

    def add_vocabulary(self, names=(), texts=()) -> None:
        """What the site's documents say, at vocabulary-build time: every word of ``names`` (guide, bundle, policy
        titles) and ``texts`` (conditions, materials, FAQ) — thesaurus expansions are kept to these — and the short
        forms of the official terms in the names (社会保障卡 → 社保卡) and those the texts state (（简称…）)."""
        vocab = self.vocabulary
        with self._lock:
            for name in names or ():
                tokens = self.index_tokens(name)
                vocab.add(tokens)
                for run in self._word_runs(name):
                    for size in (2, 3):
                        for i in range(len(run) - size + 1):
                            vocab.add_phrase(run[i:i + size])
                for word in set(tokens):
                    if len(word) >= 4 and _is_han(word) and word not in STOPWORDS:
                        parts = self._parts(word)
                        if parts:
                            vocab.add_term(word, parts)
            for text in texts or ():
                vocab.add(self.index_tokens(text))
                for full, short in knowledge.stated_short_forms(normalize(text)):
                    vocab.add_stated(full, short)

    def _word_runs(self, text: str) -> list:
        """Runs of adjacent content words of a name (no punctuation, stopword or single character between them)."""
        runs, run = [], []
        for word in self.tokenizer.cut(normalize(text), HMM=False):
            if len(word) >= 2 and _is_han(word) and word not in STOPWORDS:
                run.append(word)
                continue
            if len(run) >= 2:
                runs.append(run)
            run = []
        if len(run) >= 2:
            runs.append(run)
        return runs

    def _parts(self, word: str):
        """The fewest dictionary words (single characters allowed, at a higher cost) that make up ``word``."""
        freq = self.tokenizer.FREQ
        n = len(word)
        best = [None] * (n + 1)
        best[0] = (0.0, ())
        for i in range(n):
            if best[i] is None:
                continue
            for j in range(i + 1, min(n, i + 6) + 1):
                sub = word[i:j]
                if j - i == n or (j - i > 1 and not freq.get(sub)):
                    continue
                cost = best[i][0] + (1.5 if j - i == 1 else 1.0)
                if best[j] is None or cost < best[j][0]:
                    best[j] = (cost, best[i][1] + (sub,))
        return best[n][1] if best[n] else None

    # ---- synonyms -----------------------------------------------------------------------------
    def add_synonyms(self, rules) -> list:
        """Add Solr-format rules (string or iterable of lines, or parsed SynonymRule objects)."""
        if isinstance(rules, (list, tuple)) and rules and isinstance(rules[0], SynonymRule):
            parsed = list(rules)
        else:
            parsed = parse_synonyms(rules)
        with self._lock:
            keys = []
            for rule in parsed:
                for src in rule.sources:
                    alts = self._syn.setdefault(src, [])
                    for tgt in rule.targets:
                        if "".join(tgt) == src and len(tgt) == 1:
                            continue
                        if tgt not in alts:
                            alts.append(tgt)
                    keys.append(src)
                self.rules.append(rule)
            # colloquial keys must segment as one word to be recognised in a query
            self.add_words(k for k in keys if _is_han(k))
        return parsed

    @property
    def synonyms(self) -> dict:
        """term -> list of alternatives (tuples of words), as written in the rules."""
        return self._syn

    # ---- segmentation -------------------------------------------------------------------------
    def _clean(self, word: str, whole_text_is_one_char: bool = False) -> list:
        """Split a jieba word into safe runs (Han / [a-z0-9]) and drop stopwords and stray chars."""
        out = []
        for run in _TOKEN_RUN.findall(word):
            if run in STOPWORDS:
                continue
            if _is_han(run) and len(run) == 1 and not (whole_text_is_one_char or run in SINGLE_CHAR_ALLOWLIST):
                continue
            out.append(run)
        return out

    def _subwords(self, word: str) -> list:
        """Dictionary words of length ≥ 2 strictly inside ``word`` (search mode, any length)."""
        freq = self.tokenizer.FREQ
        n = len(word)
        out = []
        if n <= 2 or not _is_han(word):
            return out
        for i in range(n - 1):
            for j in range(i + 2, n + 1):
                if j - i == n:
                    continue
                sub = word[i:j]
                if freq.get(sub):
                    out.append(sub)
        return out

    def _cover(self, word: str):
        """Fewest dictionary sub-words (≥ 2 chars) that exactly cover ``word``; None if impossible."""
        n = len(word)
        if n < 4 or not _is_han(word):
            return None
        freq = self.tokenizer.FREQ
        best = [None] * (n + 1)
        best[0] = ()
        for i in range(n):
            if best[i] is None:
                continue
            for j in range(i + 2, n + 1):
                if j - i == n:
                    continue
                sub = word[i:j]
                if freq.get(sub) and sub not in STOPWORDS:
                    cand = best[i] + (sub,)
                    if best[j] is None or len(cand) < len(best[j]):
                        best[j] = cand
        return best[n]

    def cut(self, text: str) -> list:
        """Precise-mode words of the normalised text (no filtering)."""
        return [w for w in self.tokenizer.cut(normalize(text), HMM=self.hmm) if w.strip()]

    def index_tokens(self, text) -> list:
        """Tokens to index: search mode (every dictionary sub-word, then the whole word), stopwords,
        punctuation and stray single characters removed. Duplicates are kept (term frequency)."""
        norm = normalize(text)
        if not norm:
            return []
        one_char = len(norm) == 1
        out = []
        for word in self.tokenizer.cut(norm, HMM=self.hmm):
            for run in self._clean(word, one_char):
                out.extend(self._subwords(run))
                out.append(run)
        return out

    def segment_for_index(self, text) -> str:
        """Space-joined :meth:`index_tokens` for whitespace-tokenizing engines."""
        return " ".join(self.index_tokens(text))

    def _target_tokens(self, words: tuple) -> tuple:
        toks = []
        for w in words:
            toks.extend(self._clean_query_word(w, keep_soft=True))
        return tuple(toks)

    def _clean_query_word(self, text: str, keep_soft: bool) -> list:
        out = []
        norm = normalize(text)
        for word in self.tokenizer.cut(norm, HMM=self.hmm):
            for run in self._clean(word, len(norm) == 1):
                if not keep_soft and run in QUERY_SOFT_WORDS:
                    continue
                out.append(run)
        return out

    def expand(self, term: str, guess: bool = False) -> list:
        """The alternatives of one query term: itself, its sub-word cover, then its synonyms."""
        alts = [(term,)]
        cover = self._cover(term)
        if cover:
            alts.append(cover)
            core = tuple(t for t in cover if t not in QUERY_SOFT_WORDS)  # 退休手续 → 退休
            if core and core != cover:
                alts.append(core)
        for target in self._syn.get(term, ()):
            toks = self._target_tokens(target)
            if toks and toks not in alts:
                alts.append(toks)
                cover = self._cover(toks[0]) if len(toks) == 1 else None
                if cover and cover not in alts:
                    alts.append(cover)
        for alt in self._knowledge(term, guess):
            if alt not in alts:
                alts.append(alt)
        return alts

    def _knowledge(self, term: str, guess: bool = False) -> list:
        """General-knowledge alternatives of a content word, weaker than the word itself (search.knowledge); with
        ``guess``, for a word the site never writes that nothing explains, the site words its telling character
        leads to."""
        vocab = self.vocabulary
        if not vocab or not _is_han(term) or len(term) < 2:
            return []
        out = []
        if not vocab.knows(term):  # a short form the site never writes: its full forms (低保 → 最低生活保障)
            fulls = sorted(vocab.short_forms.get(term, ()), key=lambda t: (-vocab.uses(t), str(t)))
            out += [Alternative(t if isinstance(t, tuple) else (t,), knowledge.ABBREVIATION_WEIGHT) for t in fulls[:4]]
        found = {}
        for same, members in self.thesaurus.get(term, ()):
            w = knowledge.SAME_WEIGHT if same else knowledge.RELATED_WEIGHT
            for m in members:
                if m != term and len(m) >= 2 and vocab.knows(m) and found.get(m, 0) < w:
                    found[m] = w
        if any(w == knowledge.SAME_WEIGHT for w in found.values()):  # same meaning found: leave the related ones
            found = {m: w for m, w in found.items() if w == knowledge.SAME_WEIGHT}
        ranked = sorted(found, key=lambda m: (-found[m], -vocab.words[m], m))[: knowledge.MAX_THESAURUS]
        out += [Alternative((m,), found[m]) for m in ranked]
        if not found and not vocab.knows(term):  # 辞职: its groups say nothing the site writes; its 词群 does (离职)
            kin = knowledge.kin(term, self.families.get(term), vocab, self.tokenizer.FREQ.get)
            out += [Alternative((m,), knowledge.KIN_WEIGHT) for m in kin[: knowledge.MAX_THESAURUS] if (m,) not in out]
        if len(term) >= 3 and not vocab.knows(term) and not self.tokenizer.FREQ.get(term) and not out:
            grams = dict.fromkeys(term[i:i + 2] for i in range(len(term) - 1))
            out += [Alternative((g,), knowledge.BIGRAM_WEIGHT) for g in grams if vocab.knows(g)]
        if (guess and not out and not vocab.knows(term) and term not in function_words()
                and not self._unknown_parts(term) and not self._sounds_like_site_word(term)):
            # 着火, 养狗, 打鱼: the characters that tell (火灾, 犬类, 渔业); 低宝 is a slip of 低保, not a new word
            telling = sorted(knowledge.telling_characters(term, self.thesaurus, self._site_words_by_character(),
                                                          lambda c: self.tokenizer.FREQ.get(c, 0) > COMMON_CHARACTER),
                             key=lambda m: (-vocab.words[m], m))
            out += [Alternative((m,), knowledge.CHARACTER_WEIGHT) for m in telling[: knowledge.MAX_THESAURUS]]
        return out

    def _sounds_like_site_word(self, term: str) -> bool:
        return _syllables(term) in self._site_words_by_sound()[1]

    def _site_words_by_character(self) -> dict:
        """character -> the site words (two or more characters) that have it."""
        def build():
            index: dict = {}
            for w in self.vocabulary.words:
                if len(w) >= 2:
                    for c in set(w):
                        index.setdefault(c, set()).add(w)
            return index

        return self._memo("by_character", len(self.vocabulary), build)

    def _character_words(self, char: str) -> list:
        """Site words of the 词林 same-meaning groups of a single character that start with it (砍 → 砍伐, 树 → 树木):
        what the character means in the site's own words, weaker than a word the user typed."""
        vocab = self.vocabulary
        if not vocab or self.tokenizer.FREQ.get(char, 0) > COMMON_CHARACTER:
            return []
        found = {m for same, members in self.thesaurus.get(char, ()) if same
                 for m in members if len(m) >= 2 and m[0] == char and vocab.knows(m)}
        ranked = sorted(found, key=lambda m: (-vocab.words[m], m))[: knowledge.MAX_THESAURUS]
        return [Alternative((m,), knowledge.SAME_WEIGHT) for m in ranked]

    def _plain_verbs(self, text: str) -> str:
        """``text`` with verbs said the spoken way put back in their plain form: a repeated act verb (查查, 查一查 →
        查) and a separable word of two characters with its aspect inside (结过婚 → 结婚, 退 了 休 → 退休, 交了 费 →
        交费), when the rejoined word is one the dictionary or the site knows. Only characters standing alone, so 去世
        了家里 keeps 家里."""
        text = _REPEATED_VERB.sub(lambda m: m.group(1) if m.group(1) in knowledge.VERBS else m.group(0), text)
        tokens = list(self.tokenizer.cut(text, HMM=self.hmm))

        def mend_at(i):
            split = "".join(tokens[i:i + 3]) if all(len(t) == 1 for t in tokens[i:i + 3]) else tokens[i]
            if len(split) != 3 and len(tokens[i]) == 2 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
                split = tokens[i] + tokens[i + 1]  # 交了 费
            if len(split) == 3 and split[1] in ASPECT and _is_han(split) and self._known(split[0] + split[2]):
                return (1 if len(tokens[i]) == 3 else 2 if len(tokens[i]) == 2 else 3), split[0] + split[2]
            return None

        return _mended(tokens, mend_at) or text

    def _trim_particles(self, word: str) -> str:
        """A word jieba's HMM guessed (养狗要, 考了) loses the particles glued to its ends, and a modal verb glued to
        the act it qualifies (能交 → 交, 能取出 → 取出); dictionary words stay."""
        freq = self.tokenizer.FREQ.get(word) or 0
        if len(word) < 2 or freq >= RARE_WORD_FREQ or not _is_han(word):
            return word
        if self.vocabulary and self.vocabulary.knows(word):
            return word
        trimmed = word if freq else (word.strip(PARTICLES) or word)  # 能取: jieba has seen it 3 times
        rest = trimmed[1:]
        if trimmed[0] in MODALS and (rest in knowledge.VERBS or self.tokenizer.FREQ.get(rest)):
            return rest
        return trimmed

    def _unknown_parts(self, word: str) -> list:
        """A word the site never writes (开饭店, 改名字), split into its dictionary parts so each is understood on its
        own; [] for a word the site uses, or one that does not split."""
        if not self.vocabulary or self.vocabulary.knows(word) or len(word) < 3 or not _is_han(word):
            return []
        parts = self._parts(word)
        return list(parts) if parts and len(parts) >= 2 else []

    def _join_short_forms(self, words: list) -> list:
        """Two adjacent query words that together are a short form of the site's names, and not a word of the site
        themselves (网约 车 → 网约车), are one word again."""
        vocab = self.vocabulary
        if not vocab or not vocab.short_forms:
            return words
        out = []
        for word in words:
            if out:
                joined = out[-1] + word
                if len(joined) <= 3 and joined in vocab.short_forms and not vocab.knows(joined) and _is_han(joined):
                    out[-1] = joined
                    continue
            out.append(word)
        return out

    def _said_as_one(self, sequence) -> dict:
        """object -> (verb, site words): what two adjacent query words, a verb and its object, say as one 词林 word
        (丢了 工作 → 丢饭碗 = 失业; 工作 丢了 alike), as the site writes it."""
        vocab = self.vocabulary
        if not vocab:
            return {}
        heads = self._memo("compounds", len(self.thesaurus), lambda: knowledge.compounds(self.thesaurus))
        out: dict = {}
        sequence = [w for w in sequence if w.strip(ASPECT)]  # 丢 了 工作: 丢 and 工作 stand side by side
        for a, b in pairwise(sequence):
            for verb, noun in ((a.rstrip(ASPECT) or a, b), (b.rstrip(ASPECT) or b, a)):
                if len(verb) > 2 or not _is_han(verb) or not _is_han(noun):
                    continue
                found = [m for m in knowledge.paraphrases(verb, noun, self.thesaurus, heads)
                         if len(m) >= 2 and m != noun and vocab.knows(m)]
                found.sort(key=lambda m: (-vocab.words[m], m))
                if found:
                    out[noun] = (a if noun == b else b, found[: knowledge.MAX_THESAURUS])
        return out

    def _verb_group(self, verb: str):
        """A soft group for a verb: itself and the other verbs of its classes that can be index tokens."""
        alts = []
        if len(verb) >= 2:
            alts.append(Alternative((verb,)))
        for target in self._syn.get(verb, ()):  # the admin's rules for the verb, as written
            toks = self._target_tokens(target)
            if toks and toks not in alts:
                alts.append(Alternative(toks))
        for m in knowledge.VERBS.get(verb, ()):
            if len(m) >= 2 and m not in STOPWORDS and (m,) not in alts:
                alts.append(Alternative((m,), knowledge.VERB_WEIGHT))
        return Group(alts, soft=True) if alts else None

    def query_tokens(self, text, guess: bool = False) -> list:
        """Query groups, shape ``list[list[tuple[str, ...]]]``.

        Outer list: one group per query term (AND). Group: alternatives (OR). Alternative: tuple of
        tokens that must all occur (a phrase / conjunction). Alternatives of a term are the term
        itself, its cover by dictionary sub-words for long words (新生儿出生 → (新生儿, 出生), so
        documents that wrote the parts apart still match) and its synonyms' tokens
        (生孩子 → (新生儿, 出生)). Stopwords and colloquial filler are removed; procedural words
        (办理, 申请, …) are dropped when other terms remain. Empty list when nothing is left. ``guess``: also the
        site words the telling character of an unexplained word leads to (着火 → 火灾), for a query that found nothing.
        """
        norm = normalize(text)
        if not norm:
            return []
        words, verbs, lone = [], [], []
        one_char = len(norm) == 1
        plain = self._plain_verbs(arabic_ages(norm))
        sequence = self._join_short_forms([self._trim_particles(w) for w in self.tokenizer.cut(plain, HMM=self.hmm)])
        sequence = _join_split_verbs(sequence)
        said_as_one = self._said_as_one(sequence)
        consumed = {verb for verb, _ in said_as_one.values()}  # 丢 of 丢了工作 is no lost card: it is 失业
        for word in sequence:
            if word in knowledge.VERBS and not one_char:
                verbs.append(word)  # 丢/补办/注销…: ranks the variant that does the act, never filters
                continue
            kept = self._clean(word, one_char)
            if not kept and len(word) == 1 and _is_han(word) and word not in STOPWORDS:
                lone.append(word)
            words.extend(kept)
        content = [w for w in words if w not in QUERY_SOFT_WORDS]
        if content:
            words = content
        elif verbs:  # nothing but verbs (补办, 申请): they are the query
            words, verbs = [v for v in verbs if len(v) > 1] + words, []
        groups, seen = [], set()
        for w in words:
            if w in seen or w in consumed:
                continue
            seen.add(w)
            alts = self.expand(w, guess)
            for part in self._unknown_parts(w):  # 开饭店 → 开 (a verb) + 饭店 (→ 餐馆)
                if part in knowledge.VERBS:
                    verbs.append(part)
                    continue
                if len(part) >= 2 and self.vocabulary.knows(part) and (part,) not in alts:
                    alts.append(Alternative((part,), knowledge.PART_WEIGHT))
                alts += [a for a in self._knowledge(part, guess) if a not in alts]
            if w in said_as_one:  # the phrase said as one word is what was meant; 工作 alone (工作制) is less
                phrases = [Alternative((m,)) for m in said_as_one[w][1]]
                alts = phrases + [Alternative(a, min(weight(a), knowledge.PARAPHRASE_WEIGHT)) for a in alts
                                  if a not in phrases]
            groups.append(Group(alts, optional=w in function_words(), person=w in self.people))
        for char in dict.fromkeys(c for c in lone if c not in consumed):  # 砍 门口 的 树: through the words it heads
            alts = self._character_words(char)
            if alts:
                groups.append(Group(alts, optional=True))
        named = {c for v in verbs if v not in consumed for c in knowledge.ACT_CLASSES.get(v, ())}
        if named:  # 营业执照注销: 营业执照's expansion 企业设立登记 says another act
            groups = [self._without_other_acts(g, named) for g in groups]
        for v in verbs:
            if v in seen or v in consumed:
                continue
            group = self._verb_group(v)
            seen.add(v)
            seen.update(a[0] for a in group or () if len(a) == 1)  # 丢了补办: one group for one act
            if group:
                groups.append(group)
        return groups

    @staticmethod
    def _without_other_acts(group, named: set):
        """``group`` without the expansions that say an act the query did not name: 营业执照 stands for 企业设立登记
        only when it is to be got, not when it is to be 注销, 补领 or 变更. The word itself always stays."""
        kept = [a for i, a in enumerate(group)
                if i == 0 or not (acts := knowledge.acts_said(a)) or acts & named]
        if len(kept) == len(group):
            return group
        out = Group(kept)
        out.__dict__.update(group.__dict__)
        return out

    # ---- autocomplete -------------------------------------------------------------------------
    def pinyin_keys(self, title) -> list:
        """Autocomplete keys: full toneless pinyin and initials of the whole title, then of each word.

        新生儿出生 → ['xinshengerchusheng', 'xsecs', 'xinshenger', 'xse', 'chusheng', 'cs', ...]
        """
        norm = normalize(title).replace(" ", "")
        if not norm:
            return []
        keys = []

        def add(text):
            for k in ("".join(_syllables(text)), "".join(_initials(text))):
                if k and k not in keys:
                    keys.append(k)

        add(norm)
        for word in self.index_tokens(norm):
            add(word)
        return keys

    # ---- did you mean -------------------------------------------------------------------------
    def known_terms(self) -> set:
        return set(self.words) | set(self._syn)

    def homophone(self, query):
        """The query with a pinyin input method's slip mended, worth doing even when the slip found something: the
        one known term (a name, a site word, an admin rule's word) that sounds exactly like the whole query though
        written differently (公基金提取 → 公积金提取), or else the query with the characters the segmenter had to leave
        one by one mended (:meth:`_mend_broken_words`: 身份证到其了 → 身份证到期了). None when nothing is mended."""
        q = normalize(query).replace(" ", "") if query else ""
        if not q or not _is_han(q):
            return None
        if len(q) >= 3 and not (q in self.words or self.tokenizer.FREQ.get(q) or self.vocabulary.knows(q)):
            def build():
                index = {}
                for w in self.known_terms() | set(self.vocabulary.words):
                    if 3 <= len(w) <= 12 and _is_han(w):
                        index.setdefault(_syllables(w), set()).add(w)
                return index

            sounds = self._memo("sounds", (len(self.words), len(self._syn), len(self.vocabulary)), build)
            terms = sounds.get(_syllables(q), ())
            if len(terms) == 1:
                return next(iter(terms))
        return self._mend_broken_words(q)

    def _known(self, word: str) -> bool:
        """Whether the general dictionary, the analyzer's own words or the site's documents know ``word``."""
        return bool(self.tokenizer.FREQ.get(word) or word in self.words or self.vocabulary.knows(word))

    def _rare_word(self, token: str) -> bool:
        """A token of 2–3 characters the site never writes and the general dictionary barely knows (身分证) or not
        at all (a word the segmenter's HMM guessed): a slip is likelier than the word."""
        return (2 <= len(token) <= 3 and _is_han(token) and token not in self.words
                and not self.vocabulary.knows(token) and (self.tokenizer.FREQ.get(token) or 0) < RARE_WORD_FREQ)

    def _broken_run(self, run: list) -> bool:
        """Whether tokens ``run`` may be one slip: one unknown or rare word, or 2–4 characters the segmenter left
        partly one by one (到 其, 驾驶 正) that make no known word together."""
        written = "".join(run)
        if written[0] in NEGATIONS:  # 不办, 没领: a verb negated, as likely as a slip of 补办
            return False
        if len(run) == 1:
            return self._rare_word(run[0])
        return 2 <= len(written) <= 4 and _is_han(written) and any(len(t) == 1 for t in run) and not self._known(written)

    def _mend_broken_words(self, q: str):
        """``q`` with each run of tokens that :meth:`_broken_run` takes for a slip replaced by the one site word or act
        word that sounds like it and is written otherwise: exactly alike (到其 → 到期, 驾驶正 → 驾驶证, 身分证 → 身份证), or
        else alike by 模糊音 (变根 → 变更). None when there is none."""
        tokens = list(self.tokenizer.cut(q, HMM=self.hmm))
        sounds = self._site_words_by_sound()[1]
        acts = self._memo("acts_by_sound", len(knowledge.VERBS), lambda: _by_syllables(dict.fromkeys(knowledge.VERBS, 1)))
        loose = self._memo("loose_sounds", (len(self.vocabulary), len(knowledge.VERBS)), lambda: _by_loose_syllables(
            [w for entries in (*sounds.values(), *acts.values()) for _, w in entries]))

        def alike(written):
            for found in ({w for _, w in sounds.get(_syllables(written), []) + acts.get(_syllables(written), [])},
                          set(loose.get(_loose_syllables(written), ()))):
                found.discard(written)
                if found:
                    return found
            return set()

        def mend_at(i):
            for size in (3, 2, 1):
                run = tokens[i:i + size]
                if len(run) < size or not self._broken_run(run):
                    continue
                written = "".join(run)
                found = alike(written)
                if len(found) == 1:
                    word = found.pop()
                    alone = [None if len(t) == 1 else 0 for t in run for _ in t]
                    if len(word) == len(written) and self._keeps_a_sentence_character(written, word, alone):
                        continue  # 租房住要去: 住要 is a verb and a modal, no slip of 主要
                    return size, word
            return None

        return _mended(tokens, mend_at)

    def _memo(self, name, sizes, build):
        """An index derived from the analyzer's words, built once and again only when ``sizes`` (theirs) move."""
        held = self._memos.get(name)
        if held is None or held[0] != sizes:
            held = self._memos[name] = (sizes, build())
        return held[1]

    def suggest(self, query, vocabulary: Iterable[str] = (), include_dictionary: bool = True):
        """"Did you mean": the closest vocabulary term to ``query`` or None if nothing is close.

        Candidates are ``vocabulary`` (titles…) plus, by default, the analyzer's dictionary words.
        Matches, best first: same pinyin (低宝 → 低保, 新生而出生 → 新生儿出生); typed pinyin
        (dibao → 低保); one character off for queries of ≥ 4 characters (two for ≥ 8). If the whole
        query matches nothing, misspelt parts of it are corrected (低宝怎么申请 → 低保怎么申请).
        Returns None when the query is already a known term.
        """
        q = normalize(query).replace(" ", "") if query else ""
        if not q:
            return None
        vocabulary = tuple(vocabulary or ())

        def build():
            vocab = {}
            for v in vocabulary:
                nv = normalize(v).replace(" ", "")
                if nv:
                    vocab[nv] = 0  # preferred: real titles
            if include_dictionary:
                for w in self.known_terms():
                    vocab.setdefault(w, 1)
            return vocab

        # the same names come with every query: normalised once per change of them or of the words
        sizes = (vocabulary, len(self.words), len(self._syn))
        vocab = self._memo(("suggest", include_dictionary), sizes, build)
        if q in vocab:
            return None
        best = self._closest(q, vocab, self._memo(("suggest-index", include_dictionary), sizes, lambda: _Terms(vocab)))
        if best:
            return best
        by_py = self._memo(("suggest-by-sound", include_dictionary), sizes, lambda: _by_syllables(vocab))
        return (self._correct_parts(q, vocab, by_py) or self._correct_parts(q, *self._site_words_by_sound())
                or self._one_character_off(q))

    def _closest(self, q: str, vocab: dict, terms=None):
        """``terms``: ``vocab`` indexed (a _Terms; built here when not given)."""
        terms = terms if terms is not None else _Terms(vocab)
        n = len(q)
        if re.fullmatch(r"[a-z]+", q):  # pinyin typed in latin letters
            hits = [(vocab[c], len(c), c) for c in terms.spelled.get(q, ()) if len(c) <= 2 * n]
            return min(hits)[2] if hits else self._spelled_loosely(q, vocab)
        q_py = _syllables(q)
        max_chars = 0 if n < 4 else (1 if n < 8 else 2)
        words = self._written_words(q) if max_chars else []
        if max_chars and self._written_right(q):  # 公司改名字 is no slip of 公司改名, nor 外地孩子在这上学 of 外地孩子上学
            max_chars = 0
        scored = []
        for c, pref in terms.of_lengths(n - max_chars, n + max_chars):
            if len(c) == n and _syllables(c) == q_py:
                scored.append((0, 0, pref, c))
                continue
            if max_chars:
                d = within_edits(q, c, max_chars)
                if d <= max_chars and not self._edits_a_written_word(q, c, words):
                    py_d = levenshtein(q_py, _syllables(c))
                    scored.append((1, d + py_d, pref, c))
        return min(scored)[3] if scored else None

    def _pinyin_index(self, vocab: dict) -> dict:
        """Fuzzy pinyin → (preference, term) of the names and known terms (``vocab``) and the site's words and verbs."""
        def build():
            index = {}
            terms = [(pref, c) for c, pref in vocab.items()]
            terms += [(2, w) for w in self.vocabulary.words] + [(2, v) for v in knowledge.VERBS]
            for pref, term in terms:
                if 2 <= len(term) <= 12 and _is_han(term):
                    key = fuzzy_pinyin("".join(_syllables(term)))
                    if key not in index or (pref, -len(term)) < index[key][:2]:
                        index[key] = (pref, -len(term), term)
            return index

        return self._memo("spelled", (len(vocab), len(self.words), len(self.vocabulary)), build)

    def _spelled_loosely(self, q: str, vocab: dict):
        """Typed pinyin that spells no term exactly: the term it spells with 模糊音 (gongzhufang → 公租房), else the
        fewest terms it spells one after the other (shebaokabuling → 社保卡补领), else, for a long string, the term one
        letter away (jujuzheng → 居住证, two letters from 14 letters on)."""
        index = self._pinyin_index(vocab)
        key = fuzzy_pinyin(q)
        if key in index:
            return index[key][2]
        n = len(key)
        best = [None] * (n + 1)  # (pieces, preference, terms) of the best spelling of key[:i]
        best[0] = (0, 0, ())
        for i in range(n):
            if best[i] is None:
                continue
            for j in range(i + 2, min(n, i + 48) + 1):
                hit = index.get(key[i:j])
                if hit:
                    cand = (best[i][0] + 1, best[i][1] + hit[0], best[i][2] + (hit[2],))
                    if best[j] is None or cand[:2] < best[j][:2]:
                        best[j] = cand
        if best[n] and best[n][0] >= 2:
            return "".join(best[n][2])
        if len(q) < 8:
            return None
        limit = 1 if len(q) < 14 else 2
        near = [(levenshtein(key, k), pref, term) for k, (pref, _, term) in index.items()
                if pref < 2 and abs(len(k) - n) <= limit]
        near = [c for c in near if c[0] <= limit]
        return min(near)[2] if near else None

    def _one_character_off(self, q: str):
        """The query with a slip of the hand mended: a run of three or four characters the site never writes and the
        dictionary does not know, one character off exactly one site word of that length (办理居往证 → 办理居住证,
        身份正丢了 → 身份证丢了). None when nothing is mended."""
        vocab, freq = self.vocabulary, self.tokenizer.FREQ
        if not vocab or not _is_han(q) or len(q) < 3:
            return None

        def build():  # (position, the word without that character) -> words
            index = {}
            for w in vocab.words:  # words the dictionary knows too: never a run the segmenter merely guessed
                if len(w) in (3, 4) and (freq.get(w) or w in self.words):
                    for p in range(len(w)):
                        index.setdefault((p, w[:p] + "_" + w[p + 1:]), set()).add(w)
            return index

        index = self._memo("gapped", len(vocab), build)
        words = self._written_words(q)

        def slip(run, word, at):
            """Whether ``word`` can be what ``run`` (at ``at`` in the query) meant: the changed character is no part
            of a word written right (农村老人 is no slip of 农村部), nor a character that holds the sentence together
            (要, 了, 是), nor the character beside a word written right (残疾人买 is no slip of 残疾人证, 教小学 —
            of 教/小学生 — none of 中小学), unless it sounds alike (要登记 is no slip of 已登记, 身份正 is one of 身份证)."""
            p = next(k for k in range(len(run)) if run[k] != word[k])
            if words[at + p] is not None:
                return False
            beside_a_word = self._cuts_a_word(words, at, at + len(run)) or any(
                words[at + k] is not None and self._whole_in(words, words[at + k], at, at + len(run)) for k in range(len(run)))
            if run[p] in SENTENCE_CHARACTERS or beside_a_word:
                return _loose_syllables(run[p]) == _loose_syllables(word[p])
            return True

        def mend_at(i):
            known = next((L for L in range(min(8, len(q) - i), 1, -1)
                          if vocab.knows(q[i:i + L]) or freq.get(q[i:i + L])), 0)
            for n in (4, 3):
                run = q[i:i + n]
                if len(run) < n or n <= known or self._covered(run):  # 营业执照变根: not 营业执 → 营业性
                    continue
                found = set()
                for p in range(n):
                    found |= index.get((p, run[:p] + "_" + run[p + 1:]), set())
                if len(found) == 1 and slip(run, word := found.pop(), i):
                    return n, word
            return (known, q[i:i + known]) if known else None  # a word written right is kept whole

        return _mended(q, mend_at)

    def _written_words(self, q: str) -> list:
        """For each character of ``q``: the number of the word of two or more characters, known to the dictionary or
        the site, that it belongs to as the query is segmented; None for a character outside such words."""
        out = []
        for n, w in enumerate(self.tokenizer.cut(q, HMM=False)):
            whole = len(w) >= 2 and bool(self.tokenizer.FREQ.get(w) or self.vocabulary.knows(w))
            out += [n if whole else None] * len(w)
        return out

    def _written_right(self, q: str) -> bool:
        """Whether every character of ``q`` belongs to a word of two or more characters the dictionary or the site
        knows, or holds the sentence together (在, 这, 的): a query with no slip in it."""
        return all(w is not None or c in SENTENCE_CHARACTERS for c, w in zip(q, self._written_words(q)))

    @staticmethod
    def _edits_a_written_word(q: str, term: str, words: list) -> bool:
        """Whether turning ``q`` into ``term`` changes a character of a word written right (``words``:
        _written_words): the span between their common beginning and end (离婚证丢了 is no slip of 结婚证丢了)."""
        start = next((k for k, (a, b) in enumerate(zip(q, term)) if a != b), min(len(q), len(term)))
        same_end = next((k for k, (a, b) in enumerate(zip(reversed(q), reversed(term))) if a != b),
                        min(len(q), len(term)))
        end = max(start, len(q) - same_end)
        return any(w is not None for w in words[start:end])

    @staticmethod
    def _whole_in(words: list, number: int, start: int, end: int) -> bool:
        """Whether written word ``number`` (``words``: _written_words) lies wholly within ``start:end``."""
        at = [k for k, w in enumerate(words) if w == number]
        return start <= at[0] and at[-1] < end

    @staticmethod
    def _cuts_a_word(words: list, start: int, end: int) -> bool:
        """Whether the run ``start:end`` begins or ends inside a written word (``words``: _written_words)."""
        return any(0 < k < len(words) and words[k] is not None and words[k] == words[k - 1] for k in (start, end))

    @staticmethod
    def _keeps_a_sentence_character(sub: str, term: str, words: list) -> bool:
        """Whether mending ``sub`` into ``term`` keeps a character that holds the sentence together and stands alone
        (``words``: sub's part of _written_words): 住要 in 租房住要去 is a verb and a modal, no slip of 主要."""
        return any(a == b and a in SENTENCE_CHARACTERS and w is None for a, b, w in zip(sub, term, words))

    def _covered(self, run: str) -> bool:
        """Whether dictionary or site words of two or more characters make up the whole run (it is no slip)."""
        words = list(self.tokenizer.cut(run, HMM=False))
        return all(len(w) >= 2 and (self.tokenizer.FREQ.get(w) or self.vocabulary.knows(w)) for w in words)

    def _site_words_by_sound(self):
        """(site words the dictionary knows too, {syllables: [(2, word)]}), built once per vocabulary size."""
        def build():
            freq = self.tokenizer.FREQ
            words = {w: 2 for w in self.vocabulary.words if freq.get(w) or w in self.words}
            return words, _by_syllables(words)

        return self._memo("by_sound", len(self.vocabulary), build)

    def _correct_parts(self, q: str, vocab: dict, by_py=None):
        """The query with each part the dictionary does not know replaced by the term that sounds the same
        (低宝怎么申请 → 低保怎么申请, 低保申清 → 低保申请)."""
        freq = self.tokenizer.FREQ
        by_py = _by_syllables(vocab) if by_py is None else by_py
        words = self._written_words(q)

        def mend_at(i):
            for L in range(min(8, len(q) - i), 1, -1):
                sub = q[i:i + L]
                if sub in vocab or freq.get(sub):
                    return L, sub  # a word written right is kept whole: no slip in it (驾驶证: not 驶证 → 实证)
                if not _is_han(sub) or self._cuts_a_word(words, i, i + L):  # 办离婚: 办离 is no slip of 办理
                    continue
                cands = by_py.get(_syllables(sub))
                if cands and not self._keeps_a_sentence_character(sub, min(cands)[1], words[i:i + L]):
                    return L, min(cands)[1]
            return None

        return _mended(q, mend_at)


# --------------------------------------------------------------------------------------------------
# query builders (engine-neutral helpers)
# --------------------------------------------------------------------------------------------------
def flatten(groups) -> list:
    """All distinct tokens of the groups, for the OR fallback or highlighting."""
    out = []
    for group in groups:
        for alt in group:
            for t in alt:
                if t not in out:
                    out.append(t)
    return out


def _or(parts):
    parts = list(dict.fromkeys(parts))
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def to_fts5_match(groups, require_all: bool = True) -> str:
    """SQLite FTS5 MATCH expression: AND of ORs (``require_all``) or OR of everything. '' if empty."""
    def q(t):
        return '"' + t.replace('"', '""') + '"'

    clauses = []
    for group in groups:
        alts = [q(a[0]) if len(a) == 1 else "(" + " AND ".join(q(t) for t in a) + ")" for a in group if a]
        if alts:
            clauses.append(_or(alts))
    if not clauses:
        return ""
    if require_all:
        return " AND ".join(clauses)
    return _or([q(t) for t in flatten(groups)])


def _join_split_verbs(sequence: list) -> list:
    """Two one-character words that are one verb of knowledge.VERBS (转 到 → 转到, 迁 出 → 迁出): the second
    character says which way the act goes, and 转 alone stands for both (转出 and 转入)."""
    out = []
    for word in sequence:
        if out and len(word) == 1 and len(out[-1]) == 1 and out[-1] + word in knowledge.VERBS:
            out[-1] += word
        else:
            out.append(word)
    return out


def tsquery_term(token: str) -> str:
    """One token as ``to_tsquery('simple', …)`` reads it literally."""
    return "'" + token.replace("'", "''").replace("\\", "\\\\") + "'"


def to_tsquery(groups, require_all: bool = True) -> str:
    """PostgreSQL ``to_tsquery('simple', …)`` text: ``('a' | ('b' & 'c')) & …``. '' if empty."""
    q = tsquery_term

    clauses = []
    for group in groups:
        alts = [q(a[0]) if len(a) == 1 else "(" + " & ".join(q(t) for t in a) + ")" for a in group if a]
        if alts:
            clauses.append(alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")")
    if not clauses:
        return ""
    if require_all:
        return " & ".join(clauses)
    return " | ".join(q(t) for t in flatten(groups))


# --------------------------------------------------------------------------------------------------
# process-wide instance
# --------------------------------------------------------------------------------------------------
_shared = None
_shared_lock = threading.Lock()


def get_analyzer() -> Analyzer:
    """The process-wide Analyzer (built on first use)."""
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = Analyzer()
    return _shared
