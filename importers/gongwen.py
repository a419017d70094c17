"""Parse extracted text blocks into the GB/T 9704-2012 elements of a 公文.

Plain Python (no Django).  ``parse(extracted)`` takes the output of
:func:`importers.readers.read_document` and returns a :class:`ParsedDocument`
whose ``to_json()`` is the design §2.5 dict (minus source/checks/error).

The parser works on *lines*.  docx paragraphs and txt lines are lines; pdf
visual lines are lines (body paragraphs are re-joined from geometry).  A txt
file flattened onto one line (a crawled web page) is first cut into tokens at
whitespace and at structural markers, then parsed the same way, so nothing
depends on the original line breaks.

Zones, top to bottom: 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号,
签发人) → 标题 → 主送机关 → 正文 → 附件说明 → 署名 → 成文日期 → 附注 →
(附件正文) → 版记 (抄送, 印发机关和印发日期).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date

from publishing.checks import declared_disclosure, marked_secret

__all__ = ["ParsedDocument", "parse", "parse_date", "normalise_doc_number", "DOC_TYPES"]

DOC_TYPES = ("决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案",
             "函", "纪要")

CJK = "\u3400-\u9fff"
_WS = re.compile(r"[\s\u3000\u00a0\u2002-\u200b]+")
_OPEN = "〔［\\[（(【{〈<「『"
_CLOSE = "〕］\\]）)】}〉>」』"
_DOCNUM = re.compile(
    rf"(?P<code>[{CJK}A-Za-z]{{1,24}}?)\s*(?P<open>[{_OPEN}])\s*(?P<year>\d{{2,4}})\s*(?P<close>[{_CLOSE}])"
    r"\s*(?P<seq>(?:字\s*)?(?:第\s*)?\d{1,6})\s*号"
)
_LING = re.compile(rf"(?P<code>[{CJK}]{{1,24}}令)\s*第\s*(?P<seq>\d{{1,6}})\s*号")
_LING_NO = re.compile(r"^第\s*(\d{1,6})\s*号$")
_SIGNER = re.compile(r"签\s*发\s*人\s*[：:]\s*(?P<names>.*)$")
_SECRECY = re.compile(r"^(?:密级[：:])?(?P<level>绝密|机密|秘密)(?:\s*[★☆*]\s*(?P<period>[^\s]{0,12}))?$")
_URGENCY = re.compile(r"^(特急|加急|特提|平急)$")
_FENHAO = re.compile(r"^(?:份号[：:]?\s*)?\d{6}$")
_PAGE_NO = re.compile(r"^(?:[—\-－–~一]\s*\d{1,4}\s*[—\-－–~一]|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?)$")

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "o": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_DATE_AR = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_DATE_CN = r"([〇○零OＯo一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
_DATE = re.compile(f"{_DATE_AR}|{_DATE_CN}")
_DATE_LINE = re.compile(f"^(?:{_DATE_AR}|{_DATE_CN})$")
_PRINTED = re.compile(f"^(?P<org>.*?)\\s*(?P<date>{_DATE_AR}|{_DATE_CN})\\s*印\\s*发$")
_CC = re.compile(r"^抄\s*送\s*[：:]\s*(?P<rest>.*)$")
_ATTACH = re.compile(r"^附\s*件\s*[：:]\s*(?P<rest>.*)$")
_ITEM_NO = re.compile(r"^\d{1,2}\s*[.．、]\s*(?!\d)")
_NOTE = re.compile(r"^[（(](?P<inner>.*)[）)]$")

_H1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_H2 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")
_H3 = re.compile(r"^\d{1,2}[.．](?!\d)")
_H4 = re.compile(r"^[（(]\d{1,2}[）)]")

_ORG_SUFFIX = (
    "人民政府办公厅", "人民政府办公室", "人民政府", "办公厅", "办公室", "委员会", "常委会", "政府", "局", "厅", "署", "院", "部",
    "中心", "委", "办", "处", "科", "所", "站", "队", "会", "室", "馆", "公司", "集团", "学校", "大学", "街道", "镇", "乡",
    "社区", "村", "机构", "单位", "部门", "党组", "小组", "市", "县", "区", "省", "州", "旗", "行", "团", "社", "协会",
)
_ORG_SPLIT = re.compile(
    rf"[{CJK}（）()]+?(?:人民政府办公厅|人民政府办公室|人民政府|委员会|办公厅|办公室|管理局|局|厅|署|院|中心|政府)"
)
_PERSON_SIGN = re.compile(
    rf"^(?:省长|市长|县长|区长|州长|旗长|主席|主任|部长|局长|厅长|署长|总理|镇长|乡长|代市长|代省长|代县长|代区长)\s*[{CJK}·]{{2,5}}$"
)
_TYPE_END = re.compile(
    r"(决议|决定|命令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|纪要|函|令)"
    r"(?:\s*[（(](?:草案|试行|暂行|修订|修订稿|征求意见稿|代拟稿|送审稿)[）)])?$"
)


@dataclass
class ParsedDocument:
    title: str | None = None
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    formed_on: date | None = None
    recipients: list[str] = field(default_factory=list)
    doc_type: str | None = None
    secrecy: str | None = None
    urgency: str | None = None
    disclosure: str | None = None
    signers: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    printed_by: str | None = None
    printed_on: date | None = None
    body_html: str = ""
    body_text: str = ""
    # extras used by checks / the Django layer
    doc_number_raw: str | None = None
    secrecy_marking: str | None = None  # e.g. "秘密★1年"
    secrecy_period: str | None = None  # e.g. "1年", "启用前"
    copy_number: str | None = None  # 份号
    notes: list[str] = field(default_factory=list)  # 附注 lines
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, Chinese message)
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (location label, text) for checks
    header_lines: list[str] = field(default_factory=list)
    kind: str | None = None
    lines: list[str] = field(default_factory=list)  # every line read, in order (table rows: cells joined by tabs)

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "issuers": list(self.issuers),
            "formed_on": self.formed_on.isoformat() if self.formed_on else None,
            "recipients": list(self.recipients),
            "doc_type": self.doc_type,
            "secrecy": self.secrecy,
            "urgency": self.urgency,
            "disclosure": self.disclosure,
            "signers": list(self.signers),
            "attachments": list(self.attachments),
            "cc": list(self.cc),
            "printed_by": self.printed_by,
            "printed_on": self.printed_on.isoformat() if self.printed_on else None,
        }


@dataclass
class _Line:
    text: str
    size: float | None = None
    align: str | None = None
    source: str = "body"
    color: str | None = None
    table: int | None = None  # table id for rows of a table
    cells: list[str] | None = None
    x0: float | None = None
    x1: float | None = None
    page: int | None = None


# ----------------------------------------------------------------------------- small helpers


def _norm(s: str) -> str:
    s = _WS.sub(" ", s).strip()
    # letter-spaced headings ("云 溪 市 财 政 局") → "云溪市财政局"
    return re.sub(rf"(?<![{CJK}])[{CJK}](?: [{CJK}]){{2,}}(?![{CJK}])", lambda m: m.group(0).replace(" ", ""), s)


def _cn_number(s: str) -> int:
    if "十" in s:
        a, _, b = s.partition("十")
        return (_CN_DIGIT[a] if a else 1) * 10 + (_CN_DIGIT[b] if b else 0)
    n = 0
    for ch in s:
        n = n * 10 + _CN_DIGIT[ch]
    return n


def parse_date(s: str) -> date | None:
    """First date in *s*: ``2024年3月5日`` or ``二〇一二年四月十六日`` (〇/○/零)."""
    if not s:
        return None
    s = s.translate(_FULLWIDTH_DIGITS)
    m = _DATE.search(s)
    if not m:
        return None
    try:
        if m.group(1):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            y = _cn_number(m.group(4))
            mo, d = _cn_number(m.group(5)), _cn_number(m.group(6))
        if not 1900 <= y <= 2200:
            return None
        return date(y, mo, d)
    except (ValueError, KeyError):
        return None


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def normalise_doc_number(raw: str) -> tuple[str | None, bool]:
    """Return (normalised, brackets_were_irregular).  ``云政发[2012]8号`` → ``云政发〔2012〕8号``."""
    raw = raw.translate(_FULLWIDTH_DIGITS)
    m = _LING.search(raw)
    if m and not _DOCNUM.search(raw):
        return f"{m.group('code')}第{m.group('seq')}号", False
    m = _DOCNUM.search(raw)
    if not m:
        return None, False
    seq = re.sub(r"\s+", "", m.group("seq"))
    norm = f"{m.group('code')}〔{m.group('year')}〕{seq}号"
    irregular = m.group("open") != "〔" or m.group("close") != "〕"
    return norm, irregular


def _is_org(name: str) -> bool:
    name = name.strip()
    if not 2 <= len(name) <= 40 or not re.fullmatch(rf"[{CJK}（）()A-Za-z0-9·]+", name):
        return False
    return name.endswith(_ORG_SUFFIX)


def _split_orgs(piece: str) -> list[str]:
    """Split run-together organ names ("云溪市教育局云溪市财政局") when that covers the whole string."""
    if len(piece) <= 10:
        return [piece]
    parts = _ORG_SPLIT.findall(piece)
    if len(parts) >= 2 and "".join(parts) == piece and all(len(p) >= 4 for p in parts):
        return parts
    return [piece]


def _join(parts: list[str]) -> str:
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and re.match(r"[A-Za-z0-9]", out[-1]) and re.match(r"[A-Za-z0-9]", p[0]):
            out += " "
        out += p
    return out


def _split_list(s: str) -> list[str]:
    s = s.strip().rstrip("。.；;")
    return [x.strip() for x in re.split(r"[、，,；;]", s) if x.strip()]


def _doc_type_of(title: str) -> str | None:
    m = _TYPE_END.search(title.strip().rstrip("。"))
    return m.group(1) if m else None


def _is_recipients(text: str) -> bool:
    if not text.endswith(("：", ":")) or "。" in text or len(text) > 150 or text.endswith(("如下：", "如下:")):
        return False
    parts = _split_list(text[:-1])
    if not parts:
        return False
    return all(_is_org(p) or p.endswith(("各部门", "有关单位", "各单位", "各地", "同志")) or re.fullmatch(r"各[^，、]{1,12}", p)
               for p in parts)


# ----------------------------------------------------------------------------- lines


def _lines_from(extracted) -> list[_Line]:
    lines: list[_Line] = []
    blocks = getattr(extracted, "blocks", None) or []
    tables = getattr(extracted, "tables", None) or []
    tid = 0
    for b in blocks:
        src = getattr(b, "source", "body") or "body"
        if src == "footer":
            continue
        text = b.text or ""
        if getattr(b, "is_table", False):
            rows = None
            ti = getattr(b, "table_index", None)
            if ti is not None and 0 <= ti < len(tables):
                rows = tables[ti]
            if rows is None:
                rows = [r.split("\t") for r in text.split("\n")]
            tid += 1
            for row in rows:
                cells = [_norm(c) for c in row]
                t = _norm(" ".join(c for c in cells if c))
                if t:
                    lines.append(_Line(text=t, source=src, table=tid, cells=cells))
            continue
        for part in text.split("\n"):
            t = _norm(part)
            if not t or _PAGE_NO.match(t):
                continue
            m = _DATE_WITH_NOTE.match(t)
            for piece in (m.group("date"), m.group("note")) if m else (t,):
                lines.append(
                    _Line(
                        text=piece, size=getattr(b, "font_size", None), align=getattr(b, "alignment", None), source=src,
                        color=getattr(b, "color", None), x0=getattr(b, "x0", None), x1=getattr(b, "x1", None),
                        page=getattr(b, "page", None),
                    )
                )
    return lines


_DATE_WITH_NOTE = re.compile(f"^(?P<date>{_DATE_AR}|{_DATE_CN})\\s*(?P<note>[（(][^（）()]{{1,80}}[）)])$")

_NOTE_START = r"[（(]\s*(?:(?:此|本)\s*(?:件|文件)|公\s*开\s*(?:方\s*式|属\s*性)\s*[：:])"
_MARKERS = [
    re.compile(r"抄\s*送\s*[：:]"),
    re.compile(_NOTE_START),
    re.compile(r"附\s*件\s*[：:]"),
    re.compile(r"签\s*发\s*人\s*[：:]"),
    re.compile(r"(?<=[。；！？])(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])"),
]


def _resegment(lines: list[_Line]) -> list[_Line]:
    """Cut lines flattened from a web page into tokens (whitespace + structural markers)."""
    out: list[_Line] = []
    for ln in lines:
        t = ln.text
        if len(t) < 120 or ln.table is not None:
            out.append(ln)
            continue
        for rx in _MARKERS:
            t = rx.sub(lambda m: "\n" + m.group(0), t)
        t = re.sub(f"({_NOTE_START}[^（）()]{{1,12}}[）)])", r"\1\n", t)
        t = re.sub(r"(抄\s*送\s*[：:][^。]{1,300}。)", r"\1\n", t)
        # the first 发文字号 is its own token (cut off a glued "…文件" in front of it)
        m = _DOCNUM.search(t)
        if m and m.start() < 200:
            start = m.start("code")
            k = m.group("code").rfind("文件")
            if k >= 0:
                start += k + 2
            t = t[:start] + "\n" + t[start:m.end()] + "\n" + _split_title_recipients(t[m.end():])
        t = _split_signature_date(t)
        for piece in re.split(r"[\s]+", t):
            piece = piece.strip()
            if piece:
                out.append(_Line(text=piece, source=ln.source))
    return out


_TYPE_WORD = re.compile(r"决议|决定|命令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|纪要|函|令")


def _split_title_recipients(rest: str) -> str:
    """In "…的通知各区县人民政府，市政府各部门：…" put a break between title and 主送机关."""
    colon = re.search(r"[：:]", rest)
    if not colon or colon.start() > 300:
        return rest
    seg = rest[: colon.end()]
    if re.search(r"\s", seg.strip()):
        return rest
    best = None
    for m in _TYPE_WORD.finditer(seg):
        if _is_recipients(seg[m.end():].strip()):
            best = m.end()
    if best is None:
        return rest
    return rest[:best] + "\n" + rest[best:]


_DATE_END = re.compile(f"(?:{_DATE_AR}|{_DATE_CN})(?=\\s|$)")


def _split_signature_date(t: str) -> str:
    """"…及时报告。云溪市人民政府2024年5月6日\n" → "…及时报告。\n云溪市人民政府\n2024年5月6日\n"."""
    out = []
    pos = 0
    for m in _DATE_END.finditer(t):
        before = t[pos:m.start()]
        cut = max(before.rfind("。"), before.rfind("\n"), before.rfind(" "))
        org = before[cut + 1:]
        if org and all(_is_org(x) for x in _split_orgs(org)):
            out.append(before[: cut + 1] + "\n" + org + "\n" + m.group(0))
        else:
            out.append(before + m.group(0))
        pos = m.end()
    out.append(t[pos:])
    return "".join(out)


# ----------------------------------------------------------------------------- the parser


def parse(extracted) -> ParsedDocument:
    doc = ParsedDocument(kind=getattr(extracted, "kind", None))
    lines = _lines_from(extracted)
    doc.lines = ["\t".join(c for c in x.cells if c) if x.cells else x.text for x in lines]
    if getattr(extracted, "kind", None) == "txt" and lines and (len(lines) <= 3 or max(len(x.text) for x in lines) > 400):
        lines = _resegment(lines)
    if not lines:
        return doc
    n = len(lines)
    has_font = any(x.size for x in lines)

    # ---------------------------------------------------------------- 版头
    docnum_idx = None
    ling_mark_idx = None
    limit = min(n, 16)
    for i in range(limit):
        t = lines[i].text
        core = _SIGNER.split(t)[0].strip() if "签" in t else t
        if _LING_NO.match(core) and i > 0 and any(lines[k].text.endswith("令") for k in range(i)):
            docnum_idx = i
            ling_mark_idx = max(k for k in range(i) if lines[k].text.endswith("令"))
            break
        m = _DOCNUM.fullmatch(core) or _LING.fullmatch(core)
        if m:
            docnum_idx = i
            break
        if _is_recipients(t) or t.endswith("。"):
            break
    header_end = docnum_idx
    if header_end is None:
        # no 发文字号: the header ends before the first title-like line
        header_end = -1
        for i in range(min(n, 8)):
            t = lines[i].text
            if "关于" in t or _doc_type_of(t) or _is_recipients(t) or len(t) > 40:
                break
            if _FENHAO.match(t) or any(_SECRECY.match(tok) or _URGENCY.match(tok) for tok in t.split(" ")):
                header_end = i
                continue
            if lines[i].color == "red" or (lines[i].size or 0) > 26 or t.endswith("文件"):
                header_end = i
                continue
            break

    mark_lines: list[str] = []
    for i in range(0, max(header_end, 0) if docnum_idx is not None else header_end + 1):
        ln = lines[i]
        t = ln.text
        solid = t.replace(" ", "")
        spaced = doc.secrecy is None and " " in t and not any(_SECRECY.match(tok) for tok in t.split(" "))
        ms = _SECRECY.match(solid) if spaced else None
        if ms:  # the whole line is the marking, spaced out: 秘 密★1年
            doc.secrecy, doc.secrecy_marking, doc.secrecy_period = ms.group("level"), solid, ms.group("period") or None
            doc.header_lines.append(t)
            continue
        toks = t.split(" ")
        rest = []
        for tok in toks:
            ms = _SECRECY.match(tok)
            if ms and doc.secrecy is None:
                doc.secrecy = ms.group("level")
                doc.secrecy_marking = tok
                doc.secrecy_period = ms.group("period") or None
                continue
            mu = _URGENCY.match(tok)
            if mu and doc.urgency is None:
                doc.urgency = {"特提": "特急", "平急": None}.get(mu.group(1), mu.group(1))
                continue
            if _FENHAO.match(tok) and doc.copy_number is None and i <= 2:
                doc.copy_number = tok[-6:]
                continue
            rest.append(tok)
        if rest:
            mark_lines.append(" ".join(rest))
        doc.header_lines.append(t)

    is_ling = False
    if docnum_idx is not None:
        t = lines[docnum_idx].text
        core, _, signer_part = t.partition("签发人") if "签发人" in t else (t, "", "")
        core = core.strip()
        if ling_mark_idx is not None:
            mark = lines[ling_mark_idx].text.replace(" ", "")
            seq = _LING_NO.match(core).group(1)
            doc.doc_number_raw = f"{mark}{core}"
            doc.doc_number = f"{mark}第{seq}号"
            is_ling = True
        else:
            doc.doc_number_raw = core
            norm, irregular = normalise_doc_number(core)
            doc.doc_number = norm
            if _LING.fullmatch(core.replace(" ", "")):
                is_ling = True
            if irregular:
                doc.warnings.append(
                    ("doc_number_brackets", f"发文字号“{core}”使用了不规范的括号，已规范为“{norm}”（年份应使用六角括号〔〕）")
                )
        doc.header_lines.append(t)
        if signer_part or "签发人" in t:
            m = _SIGNER.search(t)
            if m:
                doc.signers.extend(x for x in re.split(r"[\s、，,]+", m.group("names")) if x)
        j = docnum_idx + 1
        # further signers stacked under the first one; also flattened "签发人：" tokens
        while j < n and j <= docnum_idx + 4:
            t2 = lines[j].text
            m = _SIGNER.fullmatch(t2)
            if m:
                doc.signers.extend(x for x in re.split(r"[\s、，,]+", m.group("names")) if x)
                j += 1
                continue
            if doc.signers and re.fullmatch(rf"[{CJK}·]{{2,4}}(?: [{CJK}·]{{2,4}})*", t2) \
                    and not _doc_type_of(t2) and (not has_font or (lines[j].size or 16) < 18):
                doc.signers.extend(t2.split(" "))
                j += 1
                continue
            break
        title_start = j
    else:
        title_start = header_end + 1

    # issuers from the 发文机关标志
    mark_issuers: list[str] = []
    for ml in mark_lines:
        s = ml.strip()
        if s.endswith("文件"):
            s = s[:-2]
        elif s.endswith("令") and (is_ling or ling_mark_idx is not None):
            s = s[:-1]
            is_ling = True
        for piece in s.split(" "):
            piece = piece.strip()
            if piece.endswith("文件") and len(piece) > 2:
                piece = piece[:-2]
            if not piece or piece == "文件" or len(piece) < 2 or "：" in piece or ":" in piece:
                continue  # a metadata field above the mark (索引号：…, 公开方式：…) names no organ
            for org in _split_orgs(piece):
                if org not in mark_issuers:
                    mark_issuers.append(org)

    # ---------------------------------------------------------------- 标题
    title_parts: list[str] = []
    j = title_start
    found_type = False
    while j < n and len(title_parts) < 5:
        ln = lines[j]
        t = ln.text
        if ln.table is not None or _is_recipients(t) or t.endswith(("：", ":")):
            break
        if t.endswith(("。", "；", "！")) or len(t) > 80:
            break
        if has_font and ln.size and ln.size < 18 and ln.align != "center":
            break
        if has_font and title_parts and ln.size and lines[j - 1].size and abs(ln.size - lines[j - 1].size) > 2:
            break
        title_parts.append(t)
        j += 1
        if _doc_type_of(t):
            found_type = True
            break
    if title_parts and not found_type and not has_font:
        # plain text without a 文种 ending: only the first short line is the title
        title_parts = title_parts[:1]
        j = title_start + 1
    if title_parts and not found_type and is_ling:
        title_parts, j = [], title_start
    doc.title = _join(title_parts) or None
    body_start = j

    # ---------------------------------------------------------------- 主送机关
    if body_start < n:
        t = lines[body_start].text
        if _is_recipients(t):
            doc.recipients = _split_list(t[:-1])
            body_start += 1
        elif body_start + 1 < n and not t.endswith(("。", "：", ":")) and _is_recipients(t + lines[body_start + 1].text):
            doc.recipients = _split_list((t + lines[body_start + 1].text)[:-1])
            body_start += 2

    # ---------------------------------------------------------------- 版记
    banji_idx = n
    cc_idx = printed_idx = None
    for k in range(n - 1, max(body_start, n - 12) - 1, -1):
        t = lines[k].text
        if printed_idx is None and (_PRINTED.match(t) or _PRINTED.match(t.replace(" ", ""))):
            printed_idx = k
        if _CC.match(t):
            cc_idx = k
    for k in (cc_idx, printed_idx):
        if k is not None:
            banji_idx = min(banji_idx, k)
    if cc_idx is not None:
        parts = [_CC.match(lines[cc_idx].text).group("rest")]
        k = cc_idx + 1
        while not parts[-1].rstrip().endswith("。") and k < n and k != printed_idx and k - cc_idx < 4:
            parts.append(lines[k].text)
            k += 1
        doc.cc = _split_list(_join(parts))
    if printed_idx is not None:
        t = lines[printed_idx].text
        m = _PRINTED.match(t) or _PRINTED.match(t.replace(" ", ""))
        org = m.group("org").strip()
        if not org and printed_idx - 1 >= 0 and _is_org(lines[printed_idx - 1].text) and printed_idx - 1 != cc_idx:
            org = lines[printed_idx - 1].text
            banji_idx = min(banji_idx, printed_idx - 1)
        doc.printed_by = org or None
        doc.printed_on = parse_date(m.group("date"))

    # ---------------------------------------------------------------- 成文日期, 署名, 附注
    date_idx = None
    for k in range(body_start, banji_idx):
        ln = lines[k]
        if ln.table is None and _DATE_LINE.match(ln.text.replace(" ", "")):
            date_idx = k
            break
    sig_issuers: list[str] = []
    end_of_body = banji_idx
    if date_idx is not None:
        doc.formed_on = parse_date(lines[date_idx].text.replace(" ", ""))
        s = date_idx
        while s - 1 >= body_start and date_idx - s < 3:
            ln = lines[s - 1]
            t = ln.text
            if ln.table is not None or re.search(r"[。；，：:！？、,;]$", t) or len(t) > 60:
                break
            if _ATTACH.match(t) or _ITEM_NO.match(t) or _H1.match(t) or _H2.match(t):
                break
            pieces = [p for p in t.split(" ") if p]
            orgish = all(_is_org(p) for p in pieces)
            if not (orgish or _PERSON_SIGN.match(t) or ln.align == "right"):
                break
            s -= 1
        for k in range(s, date_idx):
            for piece in lines[k].text.split(" "):
                for org in _split_orgs(piece):
                    if _is_org(org) and org not in sig_issuers:
                        sig_issuers.append(org)
        end_of_body = s
        # 附注: parenthesised lines right after the date
        k = date_idx + 1
        while k < banji_idx and _NOTE.match(lines[k].text) and len(lines[k].text) <= 80:
            doc.notes.append(lines[k].text)
            k += 1

    # ---------------------------------------------------------------- 附件说明
    attach_idx = None
    for k in range(end_of_body - 1, max(body_start, end_of_body - 25) - 1, -1):
        if lines[k].table is None and _ATTACH.match(lines[k].text):
            attach_idx = k
            break
    if attach_idx is not None:
        items: list[str] = []
        first = _ATTACH.match(lines[attach_idx].text).group("rest").strip()
        if first:
            items.append(first)
        for k in range(attach_idx + 1, end_of_body):
            t = lines[k].text
            if _ITEM_NO.match(t) or not items:
                items.append(t)
            else:  # a wrapped item (pdf)
                items[-1] = _join([items[-1], t])
        doc.attachments = [
            re.sub(r"[。；;，,]$", "", _ITEM_NO.sub("", it).strip()) for it in items if _ITEM_NO.sub("", it).strip()
        ]
        end_of_body = attach_idx

    # ---------------------------------------------------------------- a 密级 marking below the 版头 (秘密★1年 mid-document)
    if doc.secrecy is None:
        for t in doc.lines:
            found = marked_secret(t)
            if found:
                doc.secrecy, doc.secrecy_marking = found
                break

    # ---------------------------------------------------------------- disclosure hint from 附注
    # The 附注 under the date, or a note or 公开方式 field anywhere else (inline at the end of a paragraph, in the
    # 版记): the most restrictive one wins.
    declared = [d for d in (declared_disclosure(t) for t in doc.notes + doc.lines) if d]
    if declared:
        doc.disclosure = min(declared, key=("不予公开", "依申请公开", "主动公开").index)

    # ---------------------------------------------------------------- issuers, 文种
    issuers = list(mark_issuers)
    for org in sig_issuers:
        if org not in issuers:
            issuers.append(org)
    doc.issuers = issuers
    if is_ling:
        doc.doc_type = "令"
    elif doc.title:
        doc.doc_type = _doc_type_of(doc.title)
    if doc.doc_type is None and doc.doc_number and _LING.fullmatch(doc.doc_number):
        doc.doc_type = "令"

    # ---------------------------------------------------------------- body
    body_lines = lines[body_start:end_of_body]
    _render_body(doc, body_lines, lines)
    if doc.title is None and is_ling and doc.paragraphs:
        m = re.search(r"《([^《》]{2,60})》", doc.paragraphs[0][1])
        if m:
            doc.title = m.group(1)
    return doc


# ----------------------------------------------------------------------------- body rendering


def _heading_level(text: str) -> int:
    if _H1.match(text):
        return 1
    if _H2.match(text):
        return 2
    if _H4.match(text):
        return 4
    if _H3.match(text):
        return 3
    return 0


def _merge_pdf_lines(body: list[_Line], all_lines: list[_Line]) -> list[_Line]:
    xs0 = sorted(x.x0 for x in all_lines if x.x0 is not None)
    xs1 = sorted(x.x1 for x in all_lines if x.x1 is not None)
    if not xs0:
        return body
    left = xs0[len(xs0) // 20]
    right = xs1[-1 - len(xs1) // 20]
    out: list[_Line] = []
    prev: _Line | None = None
    for ln in body:
        size = ln.size or 12.0
        new_para = (
            prev is None
            or ln.x0 is None
            or prev.x1 is None
            or ln.x0 > left + 0.8 * size  # indented first line
            or prev.x1 < right - 1.5 * size  # previous line ended short
            or ln.align in ("center", "right")
        )
        if new_para:
            out.append(_Line(text=ln.text, size=ln.size, align=ln.align, x0=ln.x0, x1=ln.x1, page=ln.page))
        else:
            out[-1].text = _join([out[-1].text, ln.text])
            out[-1].x1 = ln.x1
        prev = ln
    return out


def _render_body(doc: ParsedDocument, body: list[_Line], all_lines: list[_Line]) -> None:
    if any(x.x0 is not None for x in body):
        body = _merge_pdf_lines(body, all_lines)
    html_parts: list[str] = []
    text_parts: list[str] = []
    paras: list[tuple[str, str]] = []
    pno = 0
    tno = 0
    i = 0
    esc = html.escape
    while i < len(body):
        ln = body[i]
        if ln.table is not None:
            tid = ln.table
            rows = []
            while i < len(body) and body[i].table == tid:
                rows.append(body[i].cells or [body[i].text])
                i += 1
            tno += 1
            h = ['<table class="gw-table">']
            for r, row in enumerate(rows):
                tag = "th" if r == 0 and len(rows) > 1 else "td"
                if r == 0 and len(rows) > 1:
                    h.append("<thead>")
                if r == 1:
                    h.append("<tbody>")
                h.append("<tr>" + "".join(f"<{tag}>{esc(c)}</{tag}>" for c in row) + "</tr>")
                if r == 0 and len(rows) > 1:
                    h.append("</thead>")
                text_parts.append("\t".join(row))
                paras.append((f"第{tno}个表格第{r + 1}行", "\t".join(row)))  # a number never runs across cells
            if len(rows) > 1:
                h.append("</tbody>")
            h.append("</table>")
            html_parts.append("".join(h))
            continue
        t = ln.text
        i += 1
        pno += 1
        paras.append((f"第{pno}段", t))
        text_parts.append(t)
        level = _heading_level(t)
        if level:
            m = re.match(r"^(.{2,60}?[。：:])(.+)$", t)
            if m:  # 段中标题: heading run into the paragraph text
                html_parts.append(f'<p class="gw-l{level}"><strong class="gw-h">{esc(m.group(1))}</strong>{esc(m.group(2))}</p>')
            elif re.search(r"[。；;，,！？]$", t):  # a numbered item, not a heading
                html_parts.append(f'<p class="gw-l{level}">{esc(t)}</p>')
            elif level <= 3:
                html_parts.append(f"<h{level + 1}>{esc(t)}</h{level + 1}>")
            else:
                html_parts.append(f'<p class="gw-heading gw-l4">{esc(t)}</p>')
        else:
            html_parts.append(f"<p>{esc(t)}</p>")
    doc.body_html = "\n".join(html_parts)
    doc.body_text = "\n".join(text_parts)
    doc.paragraphs = paras
