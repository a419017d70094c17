"""Pre-publication checks (plain Python, no Django).

``check_content(content, ..., today=date)`` checks what is about to go live: labelled passages of text and the
declared 公开属性. The publication gate (publishing.gate) runs it on the exact stored content of every object that
becomes public. ``run_checks(parsed, ..., today=date)`` checks a freshly parsed 公文 at import, with the same
detectors plus the 公文 format rules. Both return a list of :class:`Check`; ``block`` checks must stop publication,
``warn`` checks need a human look.

block: secrecy_marking, disclosure_not_public, personal_id_number, mobile_number,
       bank_card_number, sensitive_word_block, missing_title, missing_issuer,
       missing_formed_on
warn:  doc_number_malformed, doc_number_brackets, formed_on_future, formed_on_old,
       doc_number_duplicate, sensitive_word_warn, attachment_missing,
       contact_mobile_number (a mobile number in a service's own contact field)

The personal-data detectors are engineering choices (domain.md §8): an 18-character
resident ID number with a valid GB 11643 (ISO 7064 mod 11-2) check digit, a known
province code and a plausible birth date; a mobile number ``1[3-9]\\d{9}`` (also after
+86); a bank card number of 13-19 digits passing Luhn with an ISO/IEC 7812 banking
issuer digit.  Text is read as a person reads it first: NFKC (full-width → ASCII),
invisible characters (zero-width space, BOM, soft hyphen …) dropped, any dash, dot or
space between digit groups ignored (430102.1990.0101.123X, 138。0013。8000).  A number
is never part of a longer one; masked forms (``430102********1234``, ``138****1234``)
and numbers failing their check pass.  Messages name what was found, partly masked,
and where.

密级 markings and 公开属性 declarations (附注 such as （此件不予公开）, （公开方式：不予公开）,
a 公开方式 metadata field) count wherever they stand; prose that only uses the words does not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

__all__ = ["Check", "Content", "check_content", "run_checks", "is_valid_id_number", "luhn_ok", "declared_disclosure",
           "marked_secret", "BLOCK", "WARN", "NOT_PUBLIC"]

BLOCK = "block"
WARN = "warn"

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
              61, 62, 63, 64, 65, 71, 81, 82, 83, 91}

_DOCNUM_OK = re.compile(r"^\S+?〔\d{4}〕[1-9]\d*号$")
_LING_OK = re.compile(r"^\S+令第[1-9]\d*号$")


@dataclass
class Content:
    """What is about to go live, as text.

    passages: (where, text) pairs — title, body paragraphs, fields, child rows, attachments' text;
    contacts: (where, text) of official contact fields, where a mobile number is the office's, not a person's;
    disclosure: the declared 公开属性 (主动公开 / 依申请公开 / 不予公开), if the object declares one.
    """

    passages: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    disclosure: str | None = None


@dataclass
class Check:
    code: str
    severity: str  # 'block' | 'warn'
    message: str  # Chinese, for editors
    detail: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message}

    @property
    def evidence(self) -> str:
        """What exactly was found (a masked number, a word, a marking): an override names it."""
        for key in ("masked", "word", "marking", "value"):
            if self.detail.get(key):
                return str(self.detail[key])
        return ""


# ----------------------------------------------------------------------------- validators


def is_valid_id_number(s: str, today: date | None = None) -> bool:
    """GB 11643-1999: province code, birth date, ISO 7064 mod 11-2 check character."""
    if len(s) != 18 or not s[:17].isdigit():
        return False
    if int(s[:2]) not in _PROVINCES:
        return False
    try:
        born = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    if born < date(1890, 1, 1) or born > (today or date.today()):
        return False
    total = sum(int(c) * w for c, w in zip(s[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == s[17].upper()


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _mask_id(s: str) -> str:
    return s[:6] + "*" * 8 + s[-4:]


def _mask_mobile(s: str) -> str:
    d = re.sub(r"\D", "", s)
    return d[:3] + "****" + d[-4:]


def _mask_card(d: str) -> str:
    return d[:4] + "*" * (len(d) - 8) + d[-4:]


# ----------------------------------------------------------------------------- helpers


def _texts(parsed) -> list[tuple[str, str]]:
    """What of a parsed 公文 would be published, labelled: 版头, title, body, 附件说明, 附注."""
    out: list[tuple[str, str]] = [("版头", line) for line in getattr(parsed, "header_lines", None) or []]
    title = getattr(parsed, "title", None)
    if title:
        out.append(("标题", title))
    paras = list(getattr(parsed, "paragraphs", None) or [])
    if not paras:
        body = getattr(parsed, "body_text", "") or ""
        paras = [(f"第{i}段", t) for i, t in enumerate((x for x in body.split("\n") if x.strip()), start=1)]
    out.extend(paras)
    for a in getattr(parsed, "attachments", None) or []:
        out.append(("附件说明", a))
    for n in getattr(parsed, "notes", None) or []:
        out.append(("附注", n))
    return out


def _every_line(parsed) -> list[tuple[str, str]]:
    """Every line the parser read (版记 and lines it did not place included), else what would be published: a marking
    or an 附注 anywhere in the file speaks for the whole document."""
    lines = getattr(parsed, "lines", None)
    if lines:
        return [(f"文件第{i}行", line) for i, line in enumerate(lines, start=1)]
    return _texts(parsed)


def _norm_name(s: str) -> str:
    s = PurePath(s).name
    s = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", s)
    s = re.sub(r"^附\s*件\s*\d*\s*[：:._\-－、 ]*", "", s)
    s = re.sub(r"^\d{1,2}\s*[.．、_\-]\s*", "", s)
    return re.sub(r"[\s《》“”\"'()（）_\-－]", "", s)


# ----------------------------------------------------------------------------- main entry


def run_checks(
    parsed,
    *,
    oa_disclosure: str | None = None,
    sensitive_words=(),
    known_doc_numbers: dict | None = None,
    own_id=None,
    attachment_files=(),
    today: date,
) -> list[Check]:
    checks: list[Check] = []

    def add(code, severity, message, **detail):
        checks.append(Check(code, severity, message, detail))

    # ---- secrecy: the parser's 版头 marking, else a marking anywhere in the document
    secrecy = getattr(parsed, "secrecy", None)
    marking = getattr(parsed, "secrecy_marking", None)
    every_line = _every_line(parsed)
    if secrecy:
        add("secrecy_marking", BLOCK, f"文件标有密级“{marking or secrecy}”，涉密文件不得公开发布，请先进行保密审查", marking=marking or secrecy)
    else:
        checks.extend(_secrecy_lines(every_line))

    # ---- disclosure attribute: OA, the parser's 附注 hint, else a declaration anywhere in the document
    hint = getattr(parsed, "disclosure", None)
    if oa_disclosure in NOT_PUBLIC:
        add("disclosure_not_public", BLOCK, f"OA系统登记的公开属性为“{oa_disclosure}”，不能主动公开发布", source="oa", value=oa_disclosure)
    elif hint in NOT_PUBLIC:
        add("disclosure_not_public", BLOCK, f"文件附注标明公开属性为“{hint}”，不能主动公开发布", source="note", value=hint)
    else:
        checks.extend(_disclosure(every_line, None))

    # ---- required metadata
    if not getattr(parsed, "title", None):
        add("missing_title", BLOCK, "未能识别文件标题，请补充标题")
    if not getattr(parsed, "issuers", None):
        add("missing_issuer", BLOCK, "未能识别发文机关，请补充发文机关")
    formed_on = getattr(parsed, "formed_on", None)
    if not formed_on:
        add("missing_formed_on", BLOCK, "未能识别成文日期，请补充成文日期")

    texts = _texts(parsed)
    checks.extend(_personal_data(texts, today))
    checks.extend(_sensitive_words(texts, sensitive_words))

    # ---- 发文字号
    dn = getattr(parsed, "doc_number", None)
    if dn:
        if not (_DOCNUM_OK.match(dn) or _LING_OK.match(dn)):
            problems = []
            m = re.search(r"〔(\d+)〕", dn)
            if m and len(m.group(1)) != 4:
                problems.append("年份应写全四位")
            if re.search(r"〕0\d", dn):
                problems.append("顺序号不编虚位（不加“0”）")
            if re.search(r"〕\s*(?:字\s*)?第", dn):
                problems.append("顺序号前不加“第”")
            if not dn.endswith("号"):
                problems.append("应以“号”结尾")
            why = "，".join(problems) or "不符合“机关代字〔年份〕序号号”的格式"
            add("doc_number_malformed", WARN, f"发文字号“{dn}”不规范：{why}（GB/T 9704-2012 7.2.5）", doc_number=dn)
        for code, msg in getattr(parsed, "warnings", None) or []:
            if code == "doc_number_brackets":
                add("doc_number_brackets", WARN, msg, raw=getattr(parsed, "doc_number_raw", None), doc_number=dn)
        if known_doc_numbers:
            other = known_doc_numbers.get(dn)
            if other is not None and (own_id is None or str(other) != str(own_id)):
                add("doc_number_duplicate", WARN, f"发文字号“{dn}”已被另一份文件（{other}）使用，请核对是否重复导入", other=other)

    # ---- 成文日期
    if formed_on:
        if formed_on > today:
            add("formed_on_future", WARN, f"成文日期{formed_on.year}年{formed_on.month}月{formed_on.day}日晚于今天，请核对")
        elif (today - formed_on).days > 365:
            add("formed_on_old", WARN,
                f"成文日期{formed_on.year}年{formed_on.month}月{formed_on.day}日距今已超过一年，请确认是否仍需公开及其有效性")

    # ---- 附件
    files = [_norm_name(str(f)) for f in attachment_files or ()]
    files = [f for f in files if f]
    for a in getattr(parsed, "attachments", None) or []:
        na = _norm_name(a)
        if not na:
            continue
        if not any(na in f or f in na for f in files):
            add("attachment_missing", WARN, f"附件说明列出“{a}”，但没有找到对应的附件文件", attachment=a)
    return checks


# ----------------------------------------------------------------------------- normalisation


def _format_and_dash_table():
    """Invisible format characters (Unicode category Cf: zero-width space, zero-width joiners, BOM, soft hyphen,
    direction marks, tag characters) vanish; every dash (category Pd: ‐ ‑ ‒ – — ― － ﹣ …) reads as '-'."""
    table = {}
    for cp in range(0x10000):
        category = unicodedata.category(chr(cp))
        if category == "Cf":
            table[cp] = None
        elif category == "Pd":
            table[cp] = "-"
    table.update({cp: None for cp in range(0xE0000, 0xE0080)})
    return table


_FORMAT_AND_DASH = _format_and_dash_table()
# Dots people put between digit groups: middle dots, bullets, and the ideographic full stop a Chinese input method
# types for '.'.
_DOTS = str.maketrans({c: "." for c in "·・•‧∙⋅。"})


def _normalise(text):
    """What a reader sees: NFKC (full-width letters and digits, ideographic space → ASCII), invisible characters
    dropped, dashes unified."""
    return unicodedata.normalize("NFKC", text or "").translate(_FORMAT_AND_DASH)


def _plain_digits(text):
    """The text with numbers written the way they are read: full-width, spaced, dashed, dotted or with invisible
    characters between the digits all become ASCII digits with at most a space, '.' or '-' between groups."""
    return _normalise(text).translate(_DOTS) if text else text


# ----------------------------------------------------------------------------- personal data

# Between two digit groups: one space, or one dot or dash with at most a space on either side ("430102 - 1990").
_SEP = r"(?: ?[.\-] ?| )"
_SEP_RE = re.compile(_SEP)
# A written number: digits joined by separators, as long as it goes (a number is never part of a longer one).
_NUMBER_RUN = re.compile(rf"\d(?:{_SEP}?\d)*(?:{_SEP}?[Xx](?![0-9A-Za-z]))?")
# The usual ways each number is printed, found even next to other figures ("张三 138 1234 5678 2").
_ID_WINDOW = re.compile(r"(?<!\d)(\d{17}[\dXx]|\d{6}([ .\-])\d{8}\2\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE_WINDOW = re.compile(r"(?<!\d)(1[3-9]\d{9}|1[3-9]\d([ .\-])\d{4}\2\d{4})(?!\d)")
_CARD_WINDOW = re.compile(r"(?<!\d)(\d{13,19}|\d{4}([ .\-])\d{4}(?:\2\d{4}){1,2}(?:\2\d{1,3})?)(?![\dXx])")
_MOBILE = re.compile(r"(?:0086|86)?(1[3-9]\d{9})")


def _grouped_digits(written):
    """The digits of a run if it is grouped the way numbers are written — every group but the last at least three
    digits (6-8-4, 3-4-4, 4-4-4-4-3 …), or one dot or dash used throughout — else None. So decimals and small
    figures of a table ("5678.12 3456.78", "15 23 8 9") are not read as one number."""
    groups = _SEP_RE.split(written)
    separators = {s.strip() or " " for s in _SEP_RE.findall(written)}
    if all(len(g) >= 3 for g in groups[:-1]) or (len(separators) == 1 and " " not in separators):
        return "".join(groups)
    return None


def _card_issuer_ok(digits):
    """ISO/IEC 7812 major industry identifier of a bank card: 3 (Amex, JCB), 4-5 (Visa, Mastercard), 6 (UnionPay
    62…), 9 (national, older domestic cards), or Mastercard's 2221-2720. Rules out years and counts in tables."""
    return digits[0] in "34569" or 2221 <= int(digits[:4]) <= 2720


def _numbers(text):
    """(kind, digits) of every ID, mobile and bank-card number written in text (already _plain_digits)."""
    found = []
    for m in _NUMBER_RUN.finditer(text):
        digits = _grouped_digits(m.group(0))
        if digits:
            found.append(digits.upper())
    found += [re.sub(r"\D", "", m.group(1)) + ("X" if m.group(1)[-1] in "Xx" else "") for m in _ID_WINDOW.finditer(text)]
    found += [re.sub(r"\D", "", m.group(1)) for m in _MOBILE_WINDOW.finditer(text)]
    found += [re.sub(r"\D", "", m.group(1)) for m in _CARD_WINDOW.finditer(text)]
    return list(dict.fromkeys(found))


def _classify(numbers, today):
    ids = [d for d in numbers if len(d) == 18 and is_valid_id_number(d, today)]
    mobiles = list(dict.fromkeys(m.group(1) for d in numbers for m in [_MOBILE.fullmatch(d)] if m))
    cards = [d for d in numbers if d.isdigit() and 13 <= len(d) <= 19 and luhn_ok(d) and _card_issuer_ok(d)
             and d not in ids and not any(d[:17] == i[:17] for i in ids) and not _MOBILE.fullmatch(d)]
    return ids, mobiles, cards


def _personal_data(texts, today, *, contacts=False) -> list[Check]:
    """Unmasked ID, mobile and bank-card numbers, however written (see _plain_digits). In an official contact field
    (contacts=True) a mobile number is the office's hotline, not a person's: it only asks for a look."""
    out: list[Check] = []
    for where, text in texts:
        ids, mobiles, cards = _classify(_numbers(_plain_digits(text)), today)
        for s in ids:
            out.append(Check("personal_id_number", BLOCK, f"正文含未脱敏的身份证号码 {_mask_id(s)}（{where}）",
                             {"masked": _mask_id(s), "where": where}))
        for s in mobiles:
            if contacts:
                out.append(Check("contact_mobile_number", WARN,
                                 f"{where}填写的是手机号码 {_mask_mobile(s)}，请确认这是本单位公开的服务电话，而不是个人的手机号码",
                                 {"masked": _mask_mobile(s), "where": where}))
            else:
                out.append(Check("mobile_number", BLOCK, f"正文含未脱敏的手机号码 {_mask_mobile(s)}（{where}）",
                                 {"masked": _mask_mobile(s), "where": where}))
        for d in cards:
            out.append(Check("bank_card_number", BLOCK, f"正文含未脱敏的银行卡号 {_mask_card(d)}（{where}）",
                             {"masked": _mask_card(d), "where": where}))
    return out


def _sensitive_words(texts, sensitive_words) -> list[Check]:
    out: list[Check] = []
    for item in sensitive_words or ():
        try:
            word, level = item
        except (TypeError, ValueError):
            word, level = item, WARN
        if not word:
            continue
        for where, text in texts:
            if word in text:
                if level == BLOCK:
                    out.append(Check("sensitive_word_block", BLOCK, f"含禁用词“{word}”（{where}），请修改后再发布",
                                     {"word": word, "where": where}))
                else:
                    out.append(Check("sensitive_word_warn", WARN, f"含需复核的词语“{word}”（{where}），请确认表述是否准确",
                                     {"word": word, "where": where}))
                break
    return out


# ----------------------------------------------------------------------------- 密级 and 公开属性

# A 密级 marking (GB/T 9704-2012 7.2.2; 保守国家秘密法 Art. 22): the level, optionally ★ and the 保密期限.
_SECRECY_LINE = re.compile(r"^(?:密级[:：])?(绝密|机密|秘密)(?:[★☆*]\S{0,12})?$")
# Within a line only unmistakable forms count: the ★ of a marking, or a 密级 field with its value.
_SECRECY_INLINE = re.compile(
    r"(绝密|机密|秘密)[★☆](?:\d{1,3}(?:年|个月)|[一二三四五六七八九十]{1,3}(?:年|个月)|启用前|长期|解密前)?"
    r"|密级[:：](绝密|机密|秘密)(?=$|[★☆*(]|保密期限)"
)

NOT_PUBLIC = ("不予公开", "依申请公开")
_OPEN = r"(【〔\["
_CLOSE = r")】〕\]"
_THIS = r"(?:此|本|该)(?:件|文件|文|稿)"
_KEY = r"(?:信息)?公开(?:方式|属性|类型|选项|形式)\s*[:：]"
_OPTIONS = "主动公开|依申请公开|不予公开|不公开"
# 附注 (GB/T 9704-2012 7.3.6) stating the 公开属性: （此件不予公开）, （本件依申请公开）, （公开方式：不予公开）.
_NOTE = re.compile(rf"[{_OPEN}](?:{_THIS}|{_KEY})(?P<what>[^{_OPEN}{_CLOSE}:：]{{0,8}}?(?:公开|公布|发布))[{_CLOSE}]")
# The same note written without brackets as a line of its own: 此件不予公开。
_NOTE_LINE = re.compile(rf"^{_THIS}(?P<what>[^{_OPEN}{_CLOSE}:：，,。]{{0,8}}?(?:公开|公布|发布))。?$")
# A metadata field, alone or among others (索引号：… 公开方式：依申请公开), or a ticked box (公开选项：□主动公开 ■不予公开).
_FIELD = re.compile(rf"(?:^|(?<=[\s|｜;；]))(?:{_THIS})?{_KEY}\s*(?P<rest>.*)$")
_FIELD_VALUE = re.compile(rf"^(?P<what>{_OPTIONS})(?=$|[\s;；。|｜(])")
_TICKED = re.compile(rf"[☑■√✓✔☒▣●◉](?P<what>{_OPTIONS})")
_QUOTES = "“”「」『』\"'‘’《》"


def _secrecy_lines(texts) -> list[Check]:
    """A 密级 marking (秘密, 机密★1年 …), wherever it stands."""
    for where, text in texts:
        for line in text.split("\n"):
            found = _secrecy_marking(line)
            if found:
                level, tok = found
                return [Check("secrecy_marking", BLOCK, f"{where}标有密级“{tok}”，涉密信息不得公开发布，请先进行保密审查",
                              {"marking": tok, "level": level, "where": where})]
    return []


def _secrecy_marking(line):
    """(level, marking) if the line is a 密级 marking or carries one: 秘密★1年, 机密 (first token), 密级：机密, the
    same spaced out (秘 密★1年), in full-width characters, with invisible characters, or 秘密★1年 within the line."""
    line = _normalise(line).strip()
    solid = re.sub(r"\s+", "", line)
    for tok in (solid, line.split(" ")[0]):
        m = _SECRECY_LINE.match(tok)
        if m:
            return m.group(1), tok
    return marked_secret(solid)


def marked_secret(line):
    """(level, marking) for a marking that cannot be prose wherever it stands in a line (秘密★1年, 密级：机密), else
    None. A bare 秘密 counts only as a line of its own (see _secrecy_marking)."""
    m = _SECRECY_INLINE.search(re.sub(r"\s+", "", _normalise(line)))
    return (m.group(1) or m.group(2), m.group(0)) if m else None


def _meaning(what):
    """What a note's words declare: 不予公开, 依申请公开, 主动公开 (此件公开发布, 此件社会公开) or nothing."""
    if "依申请" in what:
        return "依申请公开"
    if "公开" in what or "公布" in what or "发布" in what:
        return "不予公开" if ("不" in what or "暂缓" in what) else "主动公开"
    return None


def declared_disclosure(line):
    """The 公开属性 a line declares for its own document — an 附注 such as （此件不予公开） or （公开属性：依申请公开）
    anywhere in the line (also inline at the end of a paragraph), or a 公开方式 metadata field — else None. Prose about
    the law (对依申请公开的信息，申请人可以…) and notes quoted in prose (标注“（此件不予公开）”的文件) declare nothing."""
    line = _normalise(line).strip()
    solid = re.sub(r"\s+", "", line)
    found = []
    for m in _NOTE.finditer(solid):
        if not (m.start() and solid[m.start() - 1] in _QUOTES):
            found.append(_meaning(m.group("what")))
    m = _NOTE_LINE.match(solid)
    if m:
        found.append(_meaning(m.group("what")))
    m = _FIELD.search(line) or _FIELD.match(solid)
    if m:
        rest = m.group("rest")
        ticked = _TICKED.findall(re.sub(r"\s+", "", rest))
        value = _FIELD_VALUE.match(rest)
        found += [_meaning(w) for w in ticked] if ticked else [_meaning(value.group("what"))] if value else []
    found = [f for f in found if f]
    return min(found, key=("不予公开", "依申请公开", "主动公开").index) if found else None


def _disclosure(texts, declared) -> list[Check]:
    if declared in NOT_PUBLIC:
        return [Check("disclosure_not_public", BLOCK, f"公开属性为“{declared}”，不能主动公开发布", {"value": declared, "source": "metadata"})]
    for where, text in texts:
        for line in text.split("\n"):
            what = declared_disclosure(line)
            if what in NOT_PUBLIC:
                return [Check("disclosure_not_public", BLOCK, f"{where}标明公开属性为“{what}”，不能主动公开发布",
                              {"value": what, "source": "note", "where": where})]
    return []


def check_content(content: Content, *, sensitive_words=(), today: date) -> list[Check]:
    """The gate's checks on what is about to go live (see module docstring)."""
    passages = [(w, t) for w, t in content.passages if t]
    contacts = [(w, t) for w, t in content.contacts if t]
    checks = _secrecy_lines(passages) + _disclosure(passages, content.disclosure)
    checks += _personal_data(passages, today) + _personal_data(contacts, today, contacts=True)
    checks += _sensitive_words(passages + contacts, sensitive_words)
    return checks
