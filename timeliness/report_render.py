"""Render an assembled annual report to HTML, JSON and DOCX (python-docx, official table layout)."""
import io
import json

from django.template.loader import render_to_string
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from timeliness import annual_report
from timeliness import report_format as fmt
from timeliness import report_layout as layout

# A4 (GB/T 148) with the GB/T 9704 margins: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_CM = (PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]) / 10


def no_source_note(data) -> str:
    """The sentence under table two naming the rows without a data source ("" when every row has one)."""
    missing = annual_report.missing_sources(data)
    return f"注：{'、'.join(missing)}{'等' if len(missing) > 1 else ''}{len(missing)}项无数据来源（未填报），表中注明“{fmt.NO_SOURCE}”。" if missing else ""


def tables(data):
    return {
        "two": layout.table_two(data["table2"]),
        "three": layout.table_three(data["table3"]),
        "four": layout.table_four(data["table4"]),
    }


def context(data, failures=()) -> dict:
    """What the report's templates read: the downloadable HTML and the page of the 年报 column alike."""
    return {
        "data": data, "tables": tables(data), "titles": fmt.SECTION_TITLES, "failures": failures, "no_source_note": no_source_note(data),
        "overview_paragraphs": data["sections"]["overview"].splitlines(),
        "problems_paragraphs": data["sections"]["problems"].splitlines(),
        "other_paragraphs": data["sections"]["other"].splitlines(),
    }


def to_html(data, failures=()) -> str:
    return render_to_string("timeliness/annual_report.html", context(data, failures))


def to_json(data, failures=()) -> str:
    payload = {**data, "checks": [{"cell": f.cell, "message": f.message} for f in failures]}
    return json.dumps(payload, ensure_ascii=False, indent=2)


WIDTHS_CM = {"two": [6.0, 3.3, 3.3, 3.3], "three": [1.2, 2.0, 5.0] + [1.1] * 7, "four": [1.06] * 15}


def _docx_table(document, rows, widths_cm):
    scale = min(1.0, TEXT_WIDTH_CM / sum(widths_cm))  # fit the A4 type area
    widths_cm = [w * scale for w in widths_cm]
    n_rows, n_cols = len(rows), layout.width(rows)
    table = document.add_table(rows=n_rows, cols=n_cols)
    table.style = "Table Grid"
    table.autofit = False
    for i, column in enumerate(table.columns):
        column.width = Cm(widths_cm[i])
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Cm(widths_cm[i])
    for r, c, cell in layout.place(rows):
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.text = cell.text
        for paragraph in target.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(9)
                run.bold = cell.header
    return table


def _a4(document):
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])


def to_docx(data) -> bytes:
    document = Document()
    _a4(document)
    style = document.styles["Normal"]
    style.font.name = "FangSong"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(data["title"])
    run.bold = True
    document.add_paragraph(
        f"本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
        f"（国办公开办函〔2021〕30号）要求编制。本报告所列数据统计期限自{data['year']}年1月1日起至{data['year']}年12月31日止。"
    )
    titles = fmt.SECTION_TITLES
    t = tables(data)
    document.add_heading(titles[0], level=2)
    for line in data["sections"]["overview"].splitlines():
        document.add_paragraph(line)
    document.add_heading(titles[1], level=2)
    _docx_table(document, t["two"], WIDTHS_CM["two"])
    if note := no_source_note(data):
        document.add_paragraph(note)
    document.add_heading(titles[2], level=2)
    _docx_table(document, t["three"], WIDTHS_CM["three"])
    document.add_heading(titles[3], level=2)
    _docx_table(document, t["four"], WIDTHS_CM["four"])
    document.add_heading(titles[4], level=2)
    for line in data["sections"]["problems"].splitlines():
        document.add_paragraph(line)
    document.add_heading(titles[5], level=2)
    for line in data["sections"]["other"].splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
