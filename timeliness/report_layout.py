"""The official table layouts of 国办公开办函〔2021〕30号 as grids of cells (shared by the HTML and DOCX output).

A table is a list of rows; a row is a list of Cell(text, colspan, rowspan, header). Plain Python."""
from __future__ import annotations

from dataclasses import dataclass

from timeliness import report_format as fmt


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False


def H(text, colspan=1, rowspan=1):
    return Cell(text, colspan, rowspan, True)


def V(value, colspan=1):
    return Cell(fmt.NO_SOURCE if value is None else str(value), colspan)


def table_two(t2) -> list[list[Cell]]:
    rows = [
        [H("第二十条第（一）项", colspan=4)],
        [H("信息内容"), H("本年制发件数"), H("本年废止件数"), H("现行有效件数")],
    ]
    for key, label in (("rules", "规章"), ("normative", "行政规范性文件")):
        rows.append([H(label), V(t2[key]["made"]), V(t2[key]["repealed"]), V(t2[key]["in_force"])])
    rows += [
        [H("第二十条第（五）项", colspan=4)],
        [H("信息内容"), H("本年处理决定数量", colspan=3)],
        [H("行政许可"), V(t2["licensing"], colspan=3)],
        [H("第二十条第（六）项", colspan=4)],
        [H("信息内容"), H("本年处理决定数量", colspan=3)],
        [H("行政处罚"), V(t2["penalty"], colspan=3)],
        [H("行政强制"), V(t2["enforcement"], colspan=3)],
        [H("第二十条第（八）项", colspan=4)],
        [H("信息内容"), H("本年收费金额（单位：万元）", colspan=3)],
        [H("行政事业性收费"), V(t2["fees_wan_yuan"], colspan=3)],
    ]
    return rows


def table_three(t3) -> list[list[Cell]]:
    cols = [*fmt.APPLICANT_CODES, fmt.TOTAL]

    def values(code):
        return [V(t3[code][c]) for c in cols]

    rows = [
        [H("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3, rowspan=3), H("申请人情况", colspan=7)],
        [H("自然人", rowspan=2), H("法人或其他组织", colspan=5), H("总计", rowspan=2)],
        [H(fmt.APPLICANT_SHORT[c]) for c in fmt.APPLICANT_CODES[1:]],
        [H("一、本年新收政府信息公开申请数量", colspan=3), *values("new")],
        [H("二、上年结转政府信息公开申请数量", colspan=3), *values("carried_over")],
    ]
    result_rows = len(fmt.OUTCOME_CODES) + 1
    first = True
    groups = {g: [r for r in fmt.OUTCOME_ROWS if r[1] == g] for g, _ in fmt.OUTCOME_GROUPS}
    for group, group_label in fmt.OUTCOME_GROUPS:
        members = groups[group]
        for i, (code, _, label) in enumerate(members):
            row = [H("三、本年度办理结果", rowspan=result_rows)] if first else []
            first = False
            if group in ("open", "partial"):
                row.append(H(label, colspan=2))
            else:
                if i == 0:
                    row.append(H(group_label, rowspan=len(members)))
                row.append(H(label))
            rows.append(row + values(code))
    rows.append([H("（七）总计", colspan=2), *values("total")])
    rows.append([H("四、结转下年度继续办理", colspan=3), *values("carried_forward")])
    return rows


def table_four(t4) -> list[list[Cell]]:
    results = [label for _, label in fmt.CASE_COLUMNS]
    keys = [key for key, _ in fmt.CASE_COLUMNS]
    return [
        [H("行政复议", colspan=5), H("行政诉讼", colspan=10)],
        [*(H(r, rowspan=2) for r in results), H("未经复议直接起诉", colspan=5), H("复议后起诉", colspan=5)],
        [*(H(r) for r in results), *(H(r) for r in results)],
        [*(V(t4[fmt.REVIEW][k]) for k in keys), *(V(t4[fmt.SUIT_DIRECT][k]) for k in keys),
         *(V(t4[fmt.SUIT_AFTER_REVIEW][k]) for k in keys)],
    ]


def width(rows) -> int:
    return sum(c.colspan for c in rows[0]) if rows else 0


def place(rows):
    """Yield (row_index, col_index, cell) with spans resolved into grid positions."""
    taken = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            yield r, c, cell
            c += cell.colspan
