"""Read .docx / .pdf / .txt files into a flat list of text blocks.

Plain Python (no Django). ``read_document(path)`` either returns an
:class:`ExtractedDocument` or raises :class:`importers.errors.ImportFailed`
with a Chinese message -- never anything else.

Safety limits (checked before any parsing):

* ``MAX_FILE_BYTES`` -- 50 MB on disk, checked with ``stat()`` before reading.
* zip bombs (.docx): the zip's central directory is inspected first; refused when
  the members' declared uncompressed total exceeds ``MAX_UNZIPPED_BYTES``
  (200 MB), when any member larger than ``RATIO_MIN_MEMBER_BYTES`` (1 MB)
  has a compression ratio above ``MAX_COMPRESSION_RATIO`` (100), or when there
  are more than ``MAX_ZIP_MEMBERS`` members.  Ordinary Word XML compresses
  5-20x, so these limits never trigger on real documents.  ``zipfile`` never
  inflates a member beyond its declared size, so a lying header cannot get
  around the check.
* macros: ``.docm``/``.dotm`` files and any package containing
  ``vbaProject.bin`` or a macro-enabled content type are refused.
* the content must match the extension (magic bytes: ``%PDF`` for PDF, a zip
  with ``word/document.xml`` for .docx; a ``.txt`` must not be a PDF/zip/OLE).
* PDFs: encrypted files and files without a text layer (scans) are refused.
  Pages are processed one at a time and their caches are released
  (``page.close()``), so a 200-page PDF stays well under 300 MB.
* text files: UTF-8 (with or without BOM), UTF-16 with BOM, then GB18030;
  refused if none decodes cleanly or the text is mostly control/replacement
  characters.
"""

from __future__ import annotations

import codecs
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import (
    CORRUPT_DOCX,
    CORRUPT_PDF,
    EMPTY,
    ENCRYPTED_DOCX,
    ENCRYPTED_PDF,
    MACRO,
    NO_TEXT,
    NOT_FOUND,
    SCANNED_PDF,
    TOO_LARGE,
    TYPE_MISMATCH,
    UNKNOWN_ENCODING,
    UNSUPPORTED_TYPE,
    ZIP_BOMB,
    ImportFailed,
)

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_MIN_MEMBER_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 5000
MAX_BAD_CHAR_SHARE = 0.05  # txt: share of control/replacement characters tolerated

SUPPORTED = (".docx", ".pdf", ".txt")


@dataclass
class Block:
    """One paragraph (docx/txt), one visual line (pdf) or one table."""

    text: str
    is_table: bool = False
    font_size: float | None = None
    bold: bool = False
    alignment: str | None = None  # 'center' | 'right' | 'left' | None
    source: str = "body"  # 'body' | 'header' | 'footer' | 'textbox' | 'table'
    color: str | None = None  # 'red' when the text is red (发文机关标志), else None
    table_index: int | None = None  # index into ExtractedDocument.tables
    page: int | None = None  # pdf: 1-based page number
    x0: float | None = None  # pdf geometry (points)
    x1: float | None = None
    page_width: float | None = None


@dataclass
class ExtractedDocument:
    kind: str  # 'docx' | 'pdf' | 'txt'
    blocks: list[Block] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    page_count: int | None = None
    path: str | None = None


# --------------------------------------------------------------------------- helpers

# Kangxi radicals / CJK radicals that some PDF fonts map instead of ideographs.
_RADICALS = {
    cp: unicodedata.normalize("NFKC", chr(cp))
    for cp in list(range(0x2E80, 0x2EF4)) + list(range(0x2F00, 0x2FD6))
    if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
}
_RADICALS.update({0x00A0: " ", 0xFEFF: None, 0x200B: None})


def clean_text(s: str) -> str:
    return s.translate(_RADICALS)


def _fail(code: str, msg: str) -> ImportFailed:
    return ImportFailed(code, msg)


# --------------------------------------------------------------------------- entry point


def read_document(path) -> ExtractedDocument:
    """Read *path* (.docx/.pdf/.txt) into blocks; raise ImportFailed on bad input."""
    try:
        p = Path(path)
        name = p.name
        ext = p.suffix.lower()
    except Exception:  # pragma: no cover - weird path objects
        raise _fail(NOT_FOUND, "无法识别的文件路径")
    try:
        st = p.stat()
    except OSError:
        raise _fail(NOT_FOUND, f"找不到文件或无法读取：{name}")
    if not p.is_file():
        raise _fail(NOT_FOUND, f"不是普通文件：{name}")
    if ext in (".docm", ".dotm"):
        raise _fail(MACRO, "不接受启用宏的Word文件（.docm），请另存为不含宏的.docx后再导入")
    if ext == ".doc":
        raise _fail(UNSUPPORTED_TYPE, "不支持旧版Word（.doc）格式，请用Word另存为.docx后再导入")
    if ext not in SUPPORTED:
        raise _fail(UNSUPPORTED_TYPE, f"不支持的文件类型“{ext or '无扩展名'}”，只能导入.docx、.pdf和.txt文件")
    if st.st_size == 0:
        raise _fail(EMPTY, "文件是空的（0字节），没有可导入的内容")
    if st.st_size > MAX_FILE_BYTES:
        raise _fail(
            TOO_LARGE,
            f"文件太大（{st.st_size / 1024 / 1024:.1f} MB），超过{MAX_FILE_BYTES // 1024 // 1024} MB的上限，请压缩或拆分后再导入",
        )
    try:
        with open(p, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        raise _fail(NOT_FOUND, f"无法读取文件：{name}")

    is_pdf = head.startswith(b"%PDF") or (ext == ".pdf" and b"%PDF-" in head)
    is_zip = head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06")
    is_ole = head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")

    try:
        if ext == ".docx":
            if is_zip:
                return _read_docx(p)
            if is_pdf:
                raise _fail(TYPE_MISMATCH, "文件扩展名是.docx，但内容是PDF文件，请改正扩展名后再导入")
            if is_ole:
                raise _fail(
                    ENCRYPTED_DOCX,
                    "该Word文件已加密，或实际是旧版Word（.doc）格式，请解除密码或另存为.docx后再导入",
                )
            raise _fail(TYPE_MISMATCH, "文件扩展名是.docx，但内容不是Word文档（文件可能已损坏或类型不符）")
        if ext == ".pdf":
            if is_pdf:
                return _read_pdf(p)
            if is_zip:
                raise _fail(TYPE_MISMATCH, "文件扩展名是.pdf，但内容是压缩包或Word文档，请改正扩展名后再导入")
            raise _fail(TYPE_MISMATCH, "文件扩展名是.pdf，但内容不是PDF文件（文件可能已损坏或类型不符）")
        # .txt
        if is_pdf:
            raise _fail(TYPE_MISMATCH, "文件扩展名是.txt，但内容是PDF文件，请改正扩展名后再导入")
        if is_zip or is_ole:
            raise _fail(TYPE_MISMATCH, "文件扩展名是.txt，但内容是Word文档或压缩包，请改正扩展名后再导入")
        return _read_txt(p)
    except ImportFailed:
        raise
    except Exception as exc:  # last line of defence: never leak other exceptions
        code = {".docx": CORRUPT_DOCX, ".pdf": CORRUPT_PDF}.get(ext, UNKNOWN_ENCODING)
        raise _fail(code, f"文件无法解析，可能已损坏（{type(exc).__name__}）") from exc


# --------------------------------------------------------------------------- docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return "{%s}%s" % (W_NS, tag)


W_P, W_TBL, W_TR, W_TC, W_R, W_T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
W_TAB, W_BR, W_CR, W_SDT, W_SDTCONTENT = _w("tab"), _w("br"), _w("cr"), _w("sdt"), _w("sdtContent")
W_TXBX = _w("txbxContent")
W_PPR, W_RPR, W_SZ, W_B, W_JC, W_COLOR, W_PSTYLE, W_VAL = (
    _w("pPr"), _w("rPr"), _w("sz"), _w("b"), _w("jc"), _w("color"), _w("pStyle"), _w("val"),
)
W_INS, W_HYPERLINK, W_SMARTTAG, W_FLDSIMPLE = _w("ins"), _w("hyperlink"), _w("smartTag"), _w("fldSimple")
MC_FALLBACK = "{%s}Fallback" % MC_NS
_JC = {"center": "center", "right": "right", "end": "right", "left": "left", "start": "left"}
_RED = {"FF0000", "C00000", "E60012", "FF0101", "EE0000", "DD0000", "CC0000", "E50012", "ED1C24"}


def _is_on(el) -> bool:
    v = el.get(W_VAL)
    return v is None or v not in ("0", "false", "off")


def _check_zip(p: Path) -> None:
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _fail(CORRUPT_DOCX, "Word文件已损坏，无法打开（不是完整的.docx压缩包，可能下载不完整）")
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise _fail(ZIP_BOMB, f"Word文件包含的部件过多（{len(infos)}个），疑似恶意构造的压缩包，已拒绝导入")
        total = 0
        names = set()
        for info in infos:
            total += info.file_size
            names.add(info.filename)
            if info.file_size > RATIO_MIN_MEMBER_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                raise _fail(
                    ZIP_BOMB,
                    f"Word文件中的“{info.filename}”压缩比异常（超过{MAX_COMPRESSION_RATIO}倍），疑似压缩炸弹，已拒绝导入",
                )
            low = info.filename.lower()
            if low.endswith("vbaproject.bin") or low.endswith("vbadata.xml"):
                raise _fail(MACRO, "Word文件中包含宏代码（vbaProject.bin），出于安全原因拒绝导入，请另存为不含宏的.docx")
        if total > MAX_UNZIPPED_BYTES:
            raise _fail(
                ZIP_BOMB,
                f"Word文件解压后过大（{total / 1024 / 1024:.0f} MB，上限{MAX_UNZIPPED_BYTES // 1024 // 1024} MB），疑似压缩炸弹，已拒绝导入",
            )
        ct = b""
        if "[Content_Types].xml" in names:
            ct = zf.read("[Content_Types].xml")
            if b"macroEnabled" in ct or b"vbaProject" in ct:
                raise _fail(MACRO, "Word文件是启用宏的文档，出于安全原因拒绝导入，请另存为不含宏的.docx")
        if "word/document.xml" not in names and b"wordprocessingml.document.main" not in ct:
            raise _fail(TYPE_MISMATCH, "文件是压缩包，但其中没有Word正文（word/document.xml），不是有效的.docx文件")


class _Styles:
    """Paragraph style properties, following basedOn; computed on first use."""

    def __init__(self, root):
        self._el = {}
        self._cache = {}
        self._default = (None, False, None, False)
        if root is None:
            return
        for rpr in root.iter(_w("rPrDefault")):
            sz = rpr.find(".//" + W_SZ)
            if sz is not None:
                self._default = (_half_points(sz.get(W_VAL)), False, None, False)
        sid_attr = _w("styleId")
        type_attr = _w("type")
        default_attr = _w("default")
        for st in root.iterchildren(_w("style")):
            self._el[st.get(sid_attr)] = st
            if st.get(type_attr) == "paragraph" and st.get(default_attr) in ("1", "true", "on"):
                self._el[None] = st

    def get(self, sid, depth=0):
        if sid in self._cache:
            return self._cache[sid]
        st = self._el.get(sid)
        if st is None or depth > 20:
            # unknown style id: fall back to the default paragraph style
            out = self.get(None, depth + 1) if (sid is not None and None in self._el and depth == 0) else self._default
            self._cache[sid] = out
            return out
        size = bold = jc = red = None
        rpr = st.find(W_RPR)
        if rpr is not None:
            sz = rpr.find(W_SZ)
            if sz is not None:
                size = _half_points(sz.get(W_VAL))
            b = rpr.find(W_B)
            if b is not None:
                bold = _is_on(b)
            c = rpr.find(W_COLOR)
            if c is not None:
                red = (c.get(W_VAL) or "").upper() in _RED
        ppr = st.find(W_PPR)
        if ppr is not None:
            j = ppr.find(W_JC)
            if j is not None:
                jc = _JC.get(j.get(W_VAL))
        based = st.find(_w("basedOn"))
        parent = self.get(based.get(W_VAL), depth + 1) if based is not None else self._default
        out = (
            size if size is not None else parent[0],
            bold if bold is not None else parent[1],
            jc if jc is not None else parent[2],
            red if red is not None else parent[3],
        )
        self._cache[sid] = out
        return out


class _DocxWalker:
    def __init__(self, doc):
        self.blocks: list[Block] = []
        self.tables: list[list[list[str]]] = []
        self._styles = self._load_styles(doc)

    # -- styles: id -> (size, bold, jc, red), resolved lazily (only styles in use)
    @staticmethod
    def _load_styles(doc) -> "_Styles":
        try:
            root = doc.styles.element
        except Exception:
            root = None
        return _Styles(root)

    # -- text of a paragraph, skipping nested text boxes
    @staticmethod
    def _para_text_fast(p) -> str:
        parts = []
        for el in p.iter(W_T, W_TAB, W_BR, W_CR):
            tag = el.tag
            if tag == W_T:
                if el.text:
                    parts.append(el.text)
            elif el.getparent().tag == W_R:
                parts.append("\t" if tag == W_TAB else "\n")
        return "".join(parts)

    @classmethod
    def _para_text_slow(cls, el, parts) -> None:
        for child in el:
            tag = child.tag
            if tag == W_TXBX or tag == MC_FALLBACK:
                continue
            if tag == W_T:
                if child.text:
                    parts.append(child.text)
            elif tag in (W_TAB, W_BR, W_CR) and el.tag == W_R:
                parts.append("\t" if tag == W_TAB else "\n")
            elif len(child):
                cls._para_text_slow(child, parts)

    def _para_props(self, p):
        ppr = p.find(W_PPR)
        sid = None
        jc = None
        mark_size = None
        if ppr is not None:
            ps = ppr.find(W_PSTYLE)
            if ps is not None:
                sid = ps.get(W_VAL)
            j = ppr.find(W_JC)
            if j is not None:
                jc = _JC.get(j.get(W_VAL))
            mrpr = ppr.find(W_RPR)
            if mrpr is not None:
                s = mrpr.find(W_SZ)
                if s is not None:
                    mark_size = _half_points(s.get(W_VAL))
        st = self._styles.get(sid)
        size = None
        bold = False
        red = False
        any_run = False
        for r in p.iter(W_R):
            if r.find(W_T) is None:
                continue
            any_run = True
            rpr = r.find(W_RPR)
            rs = None
            if rpr is not None:
                s = rpr.find(W_SZ)
                if s is not None:
                    rs = _half_points(s.get(W_VAL))
                b = rpr.find(W_B)
                if b is not None and _is_on(b):
                    bold = True
                c = rpr.find(W_COLOR)
                if c is not None and (c.get(W_VAL) or "").upper() in _RED:
                    red = True
            rs = rs if rs is not None else st[0]
            if rs is not None and (size is None or rs > size):
                size = rs
        if not any_run:
            size = mark_size if mark_size is not None else st[0]
        return size, bold or bool(st[1]), jc or st[2], "red" if (red or st[3]) else None

    def paragraph(self, p, source: str) -> None:
        boxes = []
        has_box = False
        for box in p.iter(W_TXBX):
            has_box = True
            anc = box.getparent()
            nested = False
            while anc is not None and anc is not p:
                if anc.tag == W_TXBX or anc.tag == MC_FALLBACK:
                    nested = True
                    break
                anc = anc.getparent()
            if not nested:
                boxes.append(box)
        for box in boxes:
            self.container(box, "textbox")
        if has_box:
            parts: list[str] = []
            self._para_text_slow(p, parts)
            text = "".join(parts)
        else:
            text = self._para_text_fast(p)
        text = clean_text(text)
        if not text.strip():
            return
        size, bold, jc, color = self._para_props(p)
        self.blocks.append(Block(text=text, font_size=size, bold=bold, alignment=jc, source=source, color=color))

    def cell_text(self, tc) -> str:
        lines = []
        for p in tc.iter(W_P):
            # nested text boxes inside cells are rare; include their text inline
            t = self._para_text_fast(p)
            if t.strip():
                lines.append(clean_text(t).strip())
        return "\n".join(lines)

    def table(self, tbl, source: str) -> None:
        rows = []
        for tr in tbl.iterchildren(W_TR):
            cells = []
            for tc in tr.iterchildren(W_TC, W_SDT):
                if tc.tag == W_SDT:
                    for inner in tc.iter(W_TC):
                        cells.append(self.cell_text(inner))
                else:
                    cells.append(self.cell_text(tc))
            rows.append(cells)
        if not any(c.strip() for row in rows for c in row):
            return
        idx = len(self.tables)
        self.tables.append(rows)
        text = "\n".join("\t".join(c.replace("\n", " ") for c in row) for row in rows)
        self.blocks.append(
            Block(text=text, is_table=True, source="table" if source == "body" else source, table_index=idx)
        )

    def container(self, el, source: str) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag == W_P:
                self.paragraph(child, source)
            elif tag == W_TBL:
                self.table(child, source)
            elif tag in (W_SDT, W_SDTCONTENT, W_INS, W_SMARTTAG) or tag == _w("customXml"):
                if tag == W_SDT:
                    inner = child.find(W_SDTCONTENT)
                    if inner is not None:
                        self.container(inner, source)
                else:
                    self.container(child, source)


def _half_points(v) -> float | None:
    try:
        return float(v) / 2.0
    except (TypeError, ValueError):
        return None


def _read_docx(p: Path) -> ExtractedDocument:
    _check_zip(p)
    import docx  # noqa: PLC0415 — python-docx; measured 0.08 s to import, loaded with the first .docx

    try:
        doc = docx.Document(str(p))
        body = doc.element.body
    except ImportFailed:
        raise
    except Exception as exc:
        raise _fail(CORRUPT_DOCX, "Word文件已损坏或格式不正确，无法读取其内容") from exc

    walker = _DocxWalker(doc)
    # headers first, footers last (deduplicated across sections)
    header_parts, footer_parts = [], []
    try:
        for rel in doc.part.rels.values():
            rt = rel.reltype or ""
            if rel.is_external:
                continue
            if rt.endswith("/header"):
                header_parts.append(rel.target_part)
            elif rt.endswith("/footer"):
                footer_parts.append(rel.target_part)
    except Exception:
        header_parts, footer_parts = [], []

    def add_parts(parts, source):
        seen = set()
        for part in sorted(parts, key=lambda x: str(x.partname)):
            start = len(walker.blocks)
            try:
                walker.container(part.element, source)
            except AttributeError:
                continue
            new = walker.blocks[start:]
            keep = []
            for b in new:
                if b.text not in seen:
                    seen.add(b.text)
                    keep.append(b)
            del walker.blocks[start:]
            walker.blocks.extend(keep)

    add_parts(header_parts, "header")
    walker.container(body, "body")
    add_parts(footer_parts, "footer")
    if not any(b.text.strip() for b in walker.blocks if b.source != "footer"):
        raise _fail(NO_TEXT, "Word文档中没有可读取的文字（可能只包含图片），需要先进行OCR文字识别后再导入")
    return ExtractedDocument(kind="docx", blocks=walker.blocks, tables=walker.tables, page_count=None, path=str(p))


# --------------------------------------------------------------------------- pdf


def _is_red(color) -> bool:
    try:
        if color is None:
            return False
        if isinstance(color, (int, float)):
            return False
        c = tuple(float(x) for x in color)
        if len(c) == 3:
            return c[0] > 0.6 and c[1] < 0.35 and c[2] < 0.35
        if len(c) == 4:  # CMYK
            return c[1] > 0.6 and c[2] > 0.6 and c[0] < 0.3 and c[3] < 0.4
    except (TypeError, ValueError):
        return False
    return False


def _wide(ch: str) -> bool:
    return ch >= "\u2e80" or ch in "\u2014\u2026\u201c\u201d\u2018\u2019"


def _line_from_chars(chars) -> tuple[str, float | None, bool, bool]:
    """Rebuild one line's text from its chars, with our own spacing rule.

    Gaps next to a CJK character count as a space only when wider than 0.6 em, so
    the "autospace" LibreOffice/Word put between CJK and digits and the stretch of
    justified lines do not become spaces, while real gaps (tabs, 　　 between
    joint issuers, 印发机关 … 印发日期) do.  Between Latin characters a drawn space
    or a gap over 0.15 em is a space.  Returns (text, max size, bold, mostly red).
    """
    size = None
    bold = False
    red = 0
    glyphs = []  # (char, gap before, em, wide pair, drawn space before)
    prev = None
    pending = False
    for c in chars:
        ch = c.get("text") or ""
        if not ch:
            continue
        if ch.isspace():
            pending = True
            continue
        s = c.get("size") or 0.0
        if size is None or s > size:
            size = s
        fn = c.get("fontname") or ""
        if "Bold" in fn or "Heavy" in fn or "Black" in fn:
            bold = True
        if _is_red(c.get("non_stroking_color")):
            red += 1
        if prev is None:
            glyphs.append((ch, 0.0, s or 10.0, False, False))
        else:
            em = max(s, prev.get("size") or 0.0) or 10.0
            wide = _wide(ch) or _wide(prev["text"][-1:])
            glyphs.append((ch, float(c["x0"]) - float(prev["x1"]), em, wide, pending))
        prev = c
        pending = False
    n = len(glyphs)
    wide_gaps = sorted(g[1] for g in glyphs[1:] if g[3])
    # justified / letter-spaced lines stretch every gap alike: measure from the typical gap
    base = max(0.0, wide_gaps[len(wide_gaps) // 2]) if wide_gaps else 0.0
    out = []
    for i, (ch, gap, em, wide, drawn) in enumerate(glyphs):
        if i:
            if wide:
                if gap > base + 0.6 * em:
                    out.append(" ")
            elif drawn or gap > 0.15 * em:
                out.append(" ")
        out.append(ch)
    return clean_text("".join(out)), size, bold, bool(n and red * 2 > n)


def _pdf_alignment(blocks: list[Block]) -> None:
    """Alignment from geometry, relative to the text area (min x0 .. max x1 of the document)."""
    xs0 = sorted(b.x0 for b in blocks if b.x0 is not None)
    xs1 = sorted(b.x1 for b in blocks if b.x1 is not None)
    if not xs0:
        return
    left = xs0[len(xs0) // 20]  # robust against a stray outlier
    right = xs1[-1 - len(xs1) // 20]
    for b in blocks:
        size = b.font_size or 12.0
        gl, gr = b.x0 - left, right - b.x1
        if gl > 0.5 * size and abs(gl - gr) < 0.5 * size:
            b.alignment = "center"
        elif gl > gr + 2 * size and gl > 3 * size:
            b.alignment = "right"
        else:
            b.alignment = "left"


def _read_pdf(p: Path) -> ExtractedDocument:
    import pdfplumber  # noqa: PLC0415 — measured 0.12 s to import, loaded with the first .pdf
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect  # noqa: PLC0415 — with pdfplumber

    encrypted_msg = "该PDF已加密（需要密码才能打开），请先解除密码后再导入"
    def encrypted(exc) -> bool:
        seen = 0
        while exc is not None and seen < 5:
            if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
                return True
            inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
            exc = inner or exc.__cause__ or exc.__context__
            seen += 1
        return False

    try:
        pdf = pdfplumber.open(str(p))
    except Exception as exc:
        if encrypted(exc):
            raise _fail(ENCRYPTED_PDF, encrypted_msg) from exc
        raise _fail(CORRUPT_PDF, "PDF文件已损坏或格式不正确，无法读取") from exc

    blocks: list[Block] = []
    has_images = False
    try:
        with pdf:
            pages = pdf.pages
            page_count = len(pages)
            if page_count == 0:
                raise _fail(CORRUPT_PDF, "PDF文件中没有页面，可能已损坏")
            for pno, page in enumerate(pages, start=1):
                try:
                    width = float(page.width) or 595.0
                    lines = page.extract_text_lines(return_chars=True, strip=True)
                    if not lines and not has_images:
                        has_images = bool(page.images)
                    for ln in lines:
                        chars = ln.get("chars") or []
                        text, size, bold, red = _line_from_chars(chars)
                        if not text.strip():
                            continue
                        x0, x1 = float(ln["x0"]), float(ln["x1"])
                        blocks.append(
                            Block(
                                text=text,
                                font_size=round(float(size), 1) if size is not None else None,
                                bold=bold,
                                alignment=None,
                                source="body",
                                color="red" if red else None,
                                page=pno,
                                x0=round(x0, 1),
                                x1=round(x1, 1),
                                page_width=round(width, 1),
                            )
                        )
                finally:
                    try:
                        page.close()
                    except Exception:
                        pass
    except ImportFailed:
        raise
    except Exception as exc:
        if encrypted(exc):
            raise _fail(ENCRYPTED_PDF, encrypted_msg) from exc
        raise _fail(CORRUPT_PDF, "PDF文件已损坏或格式不正确，无法读取其内容") from exc

    _pdf_alignment(blocks)
    if sum(len(b.text.strip()) for b in blocks) < 4:
        raise _fail(SCANNED_PDF, "该PDF没有文字层（可能是扫描件），需要先进行OCR文字识别后再导入")
    return ExtractedDocument(kind="pdf", blocks=blocks, tables=[], page_count=page_count, path=str(p))


# --------------------------------------------------------------------------- txt


def _bad_share(text: str) -> float:
    if not text:
        return 1.0
    bad = 0
    for ch in text:
        if ch in "\t\n\r\f\v":
            continue
        if ch == "\ufffd":
            bad += 1
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Co", "Cn"):
            bad += 1
    return bad / len(text)


def decode_text(data: bytes) -> str:
    """Decode txt bytes: UTF-8(-sig), UTF-16 with BOM, then GB18030."""
    candidates = []
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _bad_share(text) <= MAX_BAD_CHAR_SHARE:
            return text
    raise _fail(
        UNKNOWN_ENCODING,
        "无法识别文本文件的编码（支持UTF-8、带BOM的UTF-16和GB18030/GBK），或文件不是纯文本，请转存为UTF-8后再导入",
    )


def _read_txt(p: Path) -> ExtractedDocument:
    data = p.read_bytes()
    text = clean_text(decode_text(data))
    blocks = [Block(text=line.strip()) for line in text.splitlines() if line.strip()]
    if not blocks:
        raise _fail(EMPTY, "文本文件中没有文字内容")
    return ExtractedDocument(kind="txt", blocks=blocks, tables=[], page_count=None, path=str(p))
