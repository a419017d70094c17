"""The download of a published policy: a DOCX made from exactly what the page published (the gate-checked text).

The archived original is never offered to the public (importers.storage keeps it private): an original .docx can
carry what the parser does not read — comments, tracked changes, hidden text, headers, the author in its metadata —
and the original of a blocked document is evidence, not content (docs/adr/0006-…). What citizens download is the
published version: metadata block, title and body as they stand on the live page.
"""
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from publishing.text import html_lines


def policy_docx(page):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4 (GB/T 9704)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "仿宋_GB2312", Pt(16)
    rows = [("索引号", page.index_number), ("主题分类", page.topic_label), ("发文机关", page.issuer_names),
            ("成文日期", f"{page.formed_on:%Y年%m月%d日}" if page.formed_on else ""), ("发文字号", page.doc_number),
            ("发布日期", f"{page.published_at:%Y年%m月%d日}" if page.published_at else ""), ("有效性", page.validity),
            ("主题词", page.keywords)]
    table = doc.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, str(value or "")
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(page.title)
    run.bold, run.font.size = True, Pt(22)
    for line in html_lines(page.body):
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def filename(page):
    return f"{page.title[:80]}.docx"
