"""The 答复告知书 of a replied request as DOCX and PDF, laid out like a 公文 (GB/T 9704: A4, 37/35/28/26 mm margins, title in
二号小标宋, body in 三号仿宋 with 28.95 pt lines and a two-character indent, organ and date at the lower right).
The wording comes from the reply type's editable ReplyTemplate; the legal basis and the remedies are always added.
The PDF uses the PDF standard's built-in Chinese font (STSong-Light, Adobe-GB1): nothing to install or embed, and
every reader shows and extracts the text."""
import io
from collections import defaultdict
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from timeliness import request_rules as rules
from timeliness.annual_report import site_organ_name
from timeliness.reply_texts import DEFAULT_BODIES
from timeliness.request_models import ReplyTemplate

BODY_PT, TITLE_PT, LINE_PT = 16, 22, 28.95


def _chinese_date(d):
    return f"{d.year}年{d.month}月{d.day}日"


def letter_text(req):
    """(title, number, paragraphs, remedies, organ, date) for the request's reply."""
    template = ReplyTemplate.objects.filter(reply_type=req.reply_type).first()
    body = template.body if template else DEFAULT_BODIES.get(req.reply_type, DEFAULT_BODIES["other"])
    applicant = getattr(req, "applicant", None)
    organ = req.organ.name if req.organ_id else site_organ_name()
    values = defaultdict(str, {
        "申请人": applicant.display_name if applicant and applicant.display_name else "申请人",
        "收到日期": _chinese_date(req.received_on),
        "申请内容": req.description or req.subject,
        "答复说明": req.reply_note,
        "法律依据": rules.REPLY_TYPES.get(req.reply_type, rules.REPLY_TYPES["other"])[1],
        "机关": organ,
    })
    paragraphs = [line.strip() for line in body.format_map(values).splitlines() if line.strip()]
    remedies = template.remedies if template else rules.REMEDIES
    title = template.title if template else "政府信息公开申请答复告知书"
    number = f"〔{req.replied_on.year}〕第{req.reference or req.pk}号"
    return title, number, paragraphs, remedies, organ, _chinese_date(req.replied_on)


def _line(paragraph, indent=True):
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(BODY_PT * 2)
    return paragraph


def to_docx(req) -> bytes:
    title, number, paragraphs, remedies, organ, dated = letter_text(req)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "FangSong", Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")

    head = _line(document.add_paragraph(), indent=False)
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(title)
    run.font.size = Pt(TITLE_PT)
    run.font.name = "FZXiaoBiaoSong-B05S"
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")
    _line(document.add_paragraph(number), indent=False).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(document.add_paragraph(), indent=False)
    first, *rest = paragraphs or [""]
    _line(document.add_paragraph(first), indent=False)  # the salutation is flush left
    for text in rest:
        _line(document.add_paragraph(text))
    _line(document.add_paragraph(remedies))
    _line(document.add_paragraph(), indent=False)
    for text in (organ, dated):
        p = _line(document.add_paragraph(text), indent=False)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(BODY_PT * 4)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PDF_FONT = "STSong-Light"


def _pdf_styles():
    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    base = {"fontName": PDF_FONT, "fontSize": BODY_PT, "leading": LINE_PT, "wordWrap": "CJK"}
    return {
        "title": ParagraphStyle("title", **{**base, "fontSize": TITLE_PT, "leading": TITLE_PT * 1.5}, alignment=TA_CENTER),
        "number": ParagraphStyle("number", **base, alignment=TA_CENTER),
        "flush": ParagraphStyle("flush", **base, alignment=TA_LEFT),
        "body": ParagraphStyle("body", **base, alignment=TA_JUSTIFY, firstLineIndent=BODY_PT * 2),
        "sign": ParagraphStyle("sign", **base, alignment=TA_RIGHT, rightIndent=BODY_PT * 4),
    }


def to_pdf(req) -> bytes:
    """The same letter as to_docx, as an A4 PDF with the 公文 margins (37/35/28/26 mm)."""
    title, number, paragraphs, remedies, organ, dated = letter_text(req)
    styles = _pdf_styles()
    first, *rest = paragraphs or [""]
    story = [Paragraph(escape(title), styles["title"]), Paragraph(escape(number), styles["number"]), Spacer(1, LINE_PT),
             Paragraph(escape(first), styles["flush"])]
    story += [Paragraph(escape(text), styles["body"]) for text in [*rest, remedies]]
    story += [Spacer(1, LINE_PT), Paragraph(escape(organ), styles["sign"]), Paragraph(escape(dated), styles["sign"])]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=title, topMargin=37 * mm, bottomMargin=35 * mm, leftMargin=28 * mm,
                      rightMargin=26 * mm).build(story)
    return buffer.getvalue()
