"""General language knowledge for query expansion (plain Python, no Django).

Citizens and officials name the same thing differently (低保 / 最低生活保障, 社保卡丢了 / 社会保障卡补领, 开饭店 /
开餐馆). Nothing here is written for particular queries; there are four general sources, each with a weight below
the user's own words (1.0), so an expansion never outranks a document that has what the user typed:

* **同义词词林（扩展版）** (``data/cilin.txt``, 13k groups): a query word's same-meaning group (``=``, weight
  :data:`SAME_WEIGHT`) and related group (``#``, :data:`RELATED_WEIGHT`). 词林 is broad (丢 is also "to throw"), so a
  word expands only to members the site's own vocabulary contains (:class:`Vocabulary`), and to a few of them.
* **Verb classes** (:data:`VERB_CLASSES`): how citizens and guides say the same act (丢了 / 遗失 / 补领 / 挂失, 开 /
  开办 / 设立). A verb never restricts what is found; it only ranks the variant that does the act first.
* **Abbreviations mined from the site's own names** (:func:`abbreviations`): Chinese short forms pick characters of
  the full form's words in order (社会保障卡 → 社保卡, 最低生活保障 → 低保, 医疗保险 → 医保, 残疾人证 → 残疾证),
  so every official term of the vocabulary is indexed by its possible short forms at vocabulary-build time, and so
  is every run of adjacent words in a name (机动车号牌 → 车牌, 网络预约出租汽车 → 网约车), and also the explicit
  ``X（简称Y）`` pairs the guides' text states. A query that cut a short form apart (网约 车) is joined again.
* **A verb and its object said as one word** (:func:`paraphrases`): 丢了 工作 is 词林's 丢饭碗 (饭碗 = 工作), whose
  group says 失业; the phrase said otherwise counts as the user's own words (the object alone a little less).
* **The 词群 a word belongs to** (the level above its 词林 groups): for a word the site never writes and whose groups
  give nothing the site writes, the site words of its 词群 that share its rarest character (驾照 → 驾驶证, 辞职 →
  离职, 名字 → 姓名), at :data:`KIN_WEIGHT`.
* **The character that tells**, for a word the site never writes that nothing above explains: the site words
  sharing its last character, the head of most Chinese words (着火 → 火灾), or that character's one-character
  synonyms when no site word has it (养狗: 狗 = 犬 → 犬类), or the one-character words of its own same-meaning
  groups (打鱼 = 渔 → 渔业), at :data:`CHARACTER_WEIGHT`.
* **Character bigrams** for a query word neither the dictionary nor the site knows: its bigrams that are site words,
  at :data:`BIGRAM_WEIGHT`.
"""
from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

CILIN_FILE = Path(__file__).resolve().parent / "data" / "cilin.txt"

SAME_WEIGHT = 0.5  # 词林 '=' group: same meaning
RELATED_WEIGHT = 0.3  # 词林 '#' group: related words
KIN_WEIGHT = 0.3  # a word of the same 词群 sharing a character (辞职 → 离职), for a word the site never writes
CHARACTER_WEIGHT = 0.3  # a site word sharing a telling character with a word nothing else explains (着火 → 火灾)
PARAPHRASE_WEIGHT = 0.9  # a verb and its object said as one word (丢了工作 → 失业): the whole phrase, said otherwise
VERB_WEIGHT = 0.6  # another verb of the same class
ABBREVIATION_WEIGHT = 0.7  # the full form of a short form mined from the site's names
PART_WEIGHT = 0.8  # a word of the site inside a query word it never writes (取公积金 → 公积金)
BIGRAM_WEIGHT = 0.3  # a site word inside a word nobody knows
SOFT_GROUP_WEIGHT = 0.5  # what a verb group counts for in ranking, against 1 for a content word
MAX_THESAURUS = 6  # expansions per word from 词林 (the vocabulary's most frequent first)

# How the same act is said by citizens and in guide titles (业务办理项). General Chinese usage, not per query.
VERB_CLASSES = {
    "apply": "申请 申领 领取 领 申办 申报 办证",  # 办/办理 only say "get it done": fillers, not a verb class
    "lost": "丢 丢了 丢失 遗失 弄丢 掉了 找不到 不见 补 补办 补领 补发 补证 补换 挂失 报失 补交",
    "damaged": "坏 坏了 损坏 损毁 破损 换 换领 换发 换证 换新",
    "expired": "过期 到期 期满 延续 续期 延期 换领 换发 换证",
    "open": "开 开办 开设 设立 新办 注册 成立 创办 开业 开张",
    "close": "关 关掉 关门 不开 不干 停业 歇业 注销 撤销 终止 销户",
    "change": "改 更改 修改 改名 变更 更正 更名",
    "query": "查 查询 查阅 查看 打印 调阅",
    "pay": "交 缴 交钱 缴纳 缴费 续保 续费",
    "withdraw": "取 取出 提 提取 支取 取钱",
    "move out": "转 转走 转到 转去 转往 转出 迁 迁走 迁到 迁往 迁出 搬到 搬走 转移 迁移",  # to another place
    "move in": "转 转来 转回 转入 迁 迁来 迁回 迁入 搬来 转移 迁移",  # from another place to here
    "claim": "报 报账 报销 垫付",
    "issue": "开 开证明 开具 出具 开个",
    "enrol": "报名 报考 入学 入园",
}
VERBS: dict = {}
for _members in VERB_CLASSES.values():
    _words = _members.split()
    for _w in _words:
        VERBS.setdefault(_w, [])
        VERBS[_w] += [m for m in _words if m != _w and m not in VERBS[_w]]

ACT_CLASSES: dict = {}  # verb -> the classes it belongs to
for _class, _members in VERB_CLASSES.items():
    for _w in _members.split():
        ACT_CLASSES.setdefault(_w, set()).add(_class)


_LONG_ACTS = [(v, classes) for v, classes in ACT_CLASSES.items() if len(v) >= 2]  # 开, 补 … sit inside too many words


def acts_said(tokens) -> set:
    """The verb classes that verbs of two or more characters inside ``tokens`` say (企业 设立登记 → {open})."""
    return {c for t in tokens for v, classes in _LONG_ACTS if v in t for c in classes}


_HAN_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$")
# "X（简称Y）", "X（以下简称Y）", "X（俗称Y）": the guide's own text states the short form
_STATED = re.compile(r"([\u4e00-\u9fff]{3,12})[（(](?:以下)?(?:简称|俗称|又称)[“\"]?([\u4e00-\u9fff]{2,6})[”\"]?[）)]")


CLASS_CODE = 5  # 词林 codes: 大类 B, 中类 p, 小类 19, 词群 B, 原子词群 06: the first five name a 词群 (Bp19B)


PEOPLE_CLASS = "A"  # 词林 大类 A: 人 (孩子, 老人, 职工, 律师)


def read_cilin(path=CILIN_FILE) -> tuple:
    """(groups, families, people): word -> [(is_same, members)] for every 词林 group the word belongs to; word -> the
    words of each 词群 it belongs to (the level above its groups: 驾照 and 驾驶证, 辞职 and 离职); and the words of
    two or more characters that 词林 files only under 大类 A, people (孩子, 老人, 职工)."""
    out: dict = {}
    classes: dict = {}
    kinds: dict = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            code, words = line.rstrip("\n").split("\t")
            members = tuple(words.split())
            same = code.endswith("=")
            classes.setdefault(code[:CLASS_CODE], set()).update(members)
            for w in members:
                out.setdefault(w, []).append((same, members))
                kinds.setdefault(w, set()).add(code[0])
    families: dict = {}
    for members in classes.values():
        frozen = frozenset(members)
        for w in members:
            families.setdefault(w, []).append(frozen)
    people = frozenset(w for w, k in kinds.items() if k == {PEOPLE_CLASS} and len(w) >= 2)
    return out, families, people


def abbreviations(parts) -> set:
    """Short forms of a term made of the words ``parts`` (2–4 of them): from each of ≥ 2 of the words, in order, its
    first or last character, its first two, or the whole word (≤ 3 characters); 2–3 characters long, and not a piece
    of the term as written."""
    parts = [p for p in parts if p]
    term = "".join(parts)
    if len(parts) < 2 or len(parts) > 4:
        return set()
    choices = []
    for p in parts:
        opts = {p[0], p[-1], p[:2]}
        if len(p) <= 3:
            opts.add(p)
        choices.append(sorted(opts))
    out = set()
    for k in range(2, min(3, len(parts)) + 1):
        for picked in combinations(range(len(parts)), k):
            forms = [""]
            for i in picked:
                forms = [f + c for f in forms for c in choices[i]]
            for f in forms:
                if 2 <= len(f) <= 3 and f not in term:
                    out.add(f)
    return out


def stated_short_forms(text) -> list:
    """(full, short) pairs the text states: 最低生活保障（以下简称低保）."""
    return _STATED.findall(text or "")


def kin(term: str, classes, vocabulary, frequency) -> list:
    """The site words of ``term``'s 词群 that share a character with it, those sharing the rarest character in the
    language (``frequency``: how common a character is) first and only they (驾照 → 驾驶证, not 护照: 驾 is rarer
    than 照). [] when there are none."""
    scored = {}
    for members in classes or ():
        for m in members:
            shared = set(m) & set(term)
            if m != term and len(m) >= 2 and shared and vocabulary.knows(m):
                scored[m] = sum(1.0 / max(1, frequency(c) or 1) for c in shared)
    if not scored:
        return []
    best = max(scored.values())
    return sorted((m for m, v in scored.items() if v >= best), key=lambda m: (-vocabulary.words[m], m))


def telling_characters(term: str, thesaurus, words_with, common) -> list:
    """The site words sharing the character that tells what ``term`` is about: its last one (the head of a
    modifier–head word, the object of a verb–object one: 着火 → 火, 骨髓 → 髓, not 骨), unless ``common`` in the
    language, or, when no site word has it, its one-character synonyms (狗 = 犬); and the one-character members of
    the term's own same-meaning groups (打鱼 = 渔). ``words_with``: character -> site words. Rarer in the site
    counts more (1 / the number of site words that have it); the best only, in no order."""
    def singles(word):
        return [m for same, members in thesaurus.get(word, ()) if same for m in members if len(m) == 1 and m != word]

    looked = set(singles(term))
    head = term[-1]
    if not common(head):
        looked.update([head] if words_with.get(head) else singles(head))
    scored: dict = {}
    for c in looked:
        for w in words_with.get(c, ()):
            scored[w] = scored.get(w, 0.0) + 1.0 / len(words_with[c])
    if not scored:
        return []
    best = max(scored.values())
    return [w for w, v in scored.items() if v >= best]


def compounds(thesaurus) -> dict:
    """Each 词林 word under its first one or two characters: head -> [(rest, word)] (丢 -> (饭碗,
    丢饭碗)), for reading a verb and its object as one word (:func:`paraphrases`)."""
    out: dict = {}
    for word, groups in thesaurus.items():
        if not any(same for same, _ in groups):  # only a same-meaning group says what the phrase means
            continue
        for cut in (1, 2):
            if len(word) - cut >= 1:
                out.setdefault(word[:cut], []).append((word[cut:], word))
    return out


def paraphrases(verb: str, noun: str, thesaurus, heads) -> list:
    """The members of the same-meaning groups of the 词林 words that say a verb and its object in one: the object as
    written, or a word of two or more characters that means it (丢 + 工作 → 丢饭碗, as 饭碗 = 工作; 丢饭碗 = 失业).
    A one-character stand-in is too vague (没 + 工作 is not 没事). ``heads``: :func:`compounds`."""
    out = []
    for rest, word in heads.get(verb, ()):
        if rest == noun or (len(rest) >= 2 and any(same and noun in members for same, members in thesaurus.get(rest, ()))):
            out += [m for same, members in thesaurus.get(word, ()) if same for m in members if m != word]
    return list(dict.fromkeys(out))


class Vocabulary:
    """What the site's own documents say, collected at vocabulary-build time: the words of names and guide text
    (thesaurus expansions are kept to these), and each official term's mined short forms."""

    def __init__(self):
        self.words: dict = {}  # word -> how many texts use it
        self.short_forms: dict = {}  # short form -> {full term}

    def __len__(self):
        return len(self.words)

    def add(self, tokens) -> None:
        for t in set(tokens):
            if _HAN_WORD.match(t):
                self.words[t] = self.words.get(t, 0) + 1

    def add_term(self, term: str, parts) -> None:
        """An official term and its dictionary words: remember its possible short forms."""
        for short in abbreviations(parts):
            self.short_forms.setdefault(short, set()).add(term)

    def add_phrase(self, words) -> None:
        """Adjacent words of a name (机动车 号牌, 网络 预约 出租汽车): its short forms (车牌, 网约车) lead to the
        phrase, matched as all of its words."""
        words = tuple(words)
        for short in abbreviations(words):
            self.short_forms.setdefault(short, set()).add(words)

    def uses(self, full) -> int:
        """How many texts use a full form: a term, or the least used word of a phrase."""
        if isinstance(full, tuple):
            return min((self.words.get(w, 0) for w in full), default=0)
        return self.words.get(full, 0)

    def add_stated(self, full: str, short: str) -> None:
        self.short_forms.setdefault(short, set()).add(full)

    def knows(self, word: str) -> bool:
        return word in self.words
