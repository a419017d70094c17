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
       doc_number_duplicate, sensitive_word_warn, attachment_missing

The personal-data detectors are engineering choices (domain.md §8): an 18-character
resident ID number with a valid GB 11643 (ISO 7064 mod 11-2) check digit, a known
province code and a plausible birth date; a mobile number ``1[3-9]\\d{9}``; a bank
card number of 13-19 digits passing Luhn.  None of them may sit inside a longer
digit run; masked forms (``430102********1234``, ``138****1234``) pass.  Messages
name what was found, partly masked, and where.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

__all__ = ["Check", "Content", "check_content", "run_checks", "is_valid_id_number", "luhn_ok", "BLOCK", "WARN", "NOT_PUBLIC"]

BLOCK = "block"
WARN = "warn"

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
              61, 62, 63, 64, 65, 71, 81, 82, 83, 91}

# 18 characters, optionally grouped by single spaces or dashes (430102 19900101 123X); the checksum and birth date
# keep grouped table figures from matching.
_ID_RE = re.compile(r"(?<![0-9])(\d(?:[ -]?\d){16}[ -]?[\dXx])(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(r"(?<![0-9])(1[3-9]\d(?:\d{8}|[ -]\d{4}[ -]\d{4}))(?![0-9])")
_CARD_RE = re.compile(r"(?<![0-9])(\d{13,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?)(?![0-9Xx])")
_SECRECY_LINE = re.compile(r"^(?:密级\s*[:：]\s*)?(绝密|机密|秘密)(?:\s*[★☆*]\s*\S{0,12})?$")
NOT_PUBLIC = ("不予公开", "依申请公开")
# An 附注 that states the 公开属性: （此件不予公开）, （本件依申请公开）, （公开方式：不予公开）.
_DISCLOSURE_NOTE = re.compile(
    r"^[（(]\s*(?:(?:此|本)\s*(?:件|文件|文)\s*|公开(?:方式|属性)\s*[:：]\s*)(?P<what>不予公开|依申请公开)\s*[）)]$"
)
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
    out: list[tuple[str, str]] = []
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

    # ---- secrecy
    secrecy = getattr(parsed, "secrecy", None)
    marking = getattr(parsed, "secrecy_marking", None)
    if not secrecy:
        # a standalone marking line at the very top (header lines or the first lines of text)
        top = list(getattr(parsed, "header_lines", None) or [])
        body = (getattr(parsed, "body_text", "") or "").split("\n")[:2]
        for line in top + body:
            found = _secrecy_marking(line)
            if found:
                secrecy, marking = found
                break
    if secrecy:
        add("secrecy_marking", BLOCK, f"文件标有密级“{marking or secrecy}”，涉密文件不得公开发布，请先进行保密审查", marking=marking or secrecy)

    # ---- disclosure attribute
    hint = getattr(parsed, "disclosure", None)
    if oa_disclosure in ("不予公开", "依申请公开"):
        add("disclosure_not_public", BLOCK, f"OA系统登记的公开属性为“{oa_disclosure}”，不能主动公开发布", source="oa", value=oa_disclosure)
    elif hint in ("不予公开", "依申请公开"):
        add("disclosure_not_public", BLOCK, f"文件附注标明公开属性为“{hint}”，不能主动公开发布", source="note", value=hint)

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


# ----------------------------------------------------------------------------- shared detectors


def _plain_digits(text):
    """Full-width digits, letters, spaces and dashes (０-９, Ｘ, 　, －) read as their ASCII forms, so a number typed
    in a full-width input method is seen like any other."""
    return unicodedata.normalize("NFKC", text).replace("\u2014", "-").replace("\u2013", "-") if text else text


def _personal_data(texts, today, *, contacts=False) -> list[Check]:
    """Unmasked ID, mobile and bank-card numbers. In official contact fields (contacts=True) a mobile is allowed."""
    out: list[Check] = []
    for where, text in texts:
        text = _plain_digits(text)
        ids_here = set()
        for m in _ID_RE.finditer(text):
            s = re.sub(r"[ -]", "", m.group(1))
            if is_valid_id_number(s, today):
                ids_here.add(s[:17])
                out.append(Check("personal_id_number", BLOCK, f"正文含未脱敏的身份证号码 {_mask_id(s)}（{where}）",
                                 {"masked": _mask_id(s), "where": where}))
        if not contacts:
            for m in _MOBILE_RE.finditer(text):
                s = m.group(1)
                out.append(Check("mobile_number", BLOCK, f"正文含未脱敏的手机号码 {_mask_mobile(s)}（{where}）",
                                 {"masked": _mask_mobile(s), "where": where}))
        for m in _CARD_RE.finditer(text):
            d = re.sub(r"\D", "", m.group(1))
            if not 13 <= len(d) <= 19 or not luhn_ok(d):
                continue
            if len(d) == 18 and is_valid_id_number(d, today) or d[:17] in ids_here:
                continue
            if len(d) == 11 and re.fullmatch(r"1[3-9]\d{9}", d):
                continue
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


def _secrecy_lines(texts) -> list[Check]:
    """A line that is a 密级 marking (秘密, 机密★1年 …), wherever it stands."""
    for where, text in texts:
        for line in text.split("\n"):
            found = _secrecy_marking(line)
            if found:
                level, tok = found
                return [Check("secrecy_marking", BLOCK, f"{where}标有密级“{tok}”，涉密信息不得公开发布，请先进行保密审查",
                              {"marking": tok, "level": level, "where": where})]
    return []


def _secrecy_marking(line):
    """(level, marking) if the line is a 密级 marking: 秘密★1年, 机密 (first token), 密级：机密, and the same written
    with spaces between the characters (秘 密★1年) or in full-width characters."""
    line = unicodedata.normalize("NFKC", line or "").strip()
    for tok in (line, line.split(" ")[0], re.sub(r"\s+", "", line)):
        m = _SECRECY_LINE.match(tok)
        if m:
            return m.group(1), tok
    return None


def _disclosure(texts, declared) -> list[Check]:
    if declared in NOT_PUBLIC:
        return [Check("disclosure_not_public", BLOCK, f"公开属性为“{declared}”，不能主动公开发布", {"value": declared, "source": "metadata"})]
    for where, text in texts:
        for line in text.split("\n"):
            m = _DISCLOSURE_NOTE.match(line.strip())
            if m:
                what = m.group("what")
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
