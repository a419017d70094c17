"""一表申请 as a Word document (.docx, python-docx): one table of the combined fields, then the materials."""
from io import BytesIO

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt


def form_docx_bytes(title, lead_department, fields, materials):
    """fields: [(label, (guide names…))]; materials: [name]. Returns the .docx bytes."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    document.add_heading(f"{title}申请表", level=1)
    if lead_department:
        document.add_paragraph(f"牵头部门：{lead_department}")
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("项目", "填写内容", "涉及事项")):
        cell.text = text
    for label, guides in fields:
        row = table.add_row().cells
        row[0].text = label
        row[1].text = ""
        row[2].text = "、".join(guides)
    document.add_heading("需提交的材料（一套材料）", level=2)
    for number, name in enumerate(materials, start=1):
        document.add_paragraph(f"{number}. {name}")
    document.add_paragraph("")
    document.add_paragraph("申请人（签字）：                    日期：    年    月    日")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
