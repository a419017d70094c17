"""勾稽 (cross-footing) checks on an assembled annual report, before export. Plain Python.

Each failure names the table cell (or narrative sentence) it concerns, with the two figures that disagree."""
from __future__ import annotations

import re
from dataclasses import dataclass

from timeliness import report_format as fmt
from timeliness.annual_report import COLUMN_LABELS, COLUMNS, TABLE3_LABELS


@dataclass(frozen=True)
class Failure:
    cell: str
    message: str

    def __str__(self):
        return f"{self.cell}：{self.message}"


def _col(c):
    return f"「{COLUMN_LABELS[c]}」列"


def check_table_three(t3) -> list[Failure]:
    out = []
    for c in COLUMNS:
        outcomes = sum(t3[code][c] for code in fmt.OUTCOME_CODES)
        if t3["total"][c] != outcomes:
            out.append(Failure(f"表三「三、本年度办理结果（七）总计」{_col(c)}",
                               f"总计 {t3['total'][c]} 不等于各办理结果之和 {outcomes}"))
        expected = t3["new"][c] + t3["carried_over"][c] - t3["carried_forward"][c]
        if t3["total"][c] != expected:
            out.append(Failure(
                f"表三「三、本年度办理结果（七）总计」{_col(c)}",
                f"办结总计 {t3['total'][c]} 不等于 本年新收 {t3['new'][c]} + 上年结转 {t3['carried_over'][c]} − "
                f"结转下年度 {t3['carried_forward'][c]} = {expected}",
            ))
    for code, row in t3.items():
        parts = sum(row[c] for c in fmt.APPLICANT_CODES)
        if row[fmt.TOTAL] != parts:
            out.append(Failure(f"表三「{TABLE3_LABELS[code]}」「总计」列", f"总计 {row[fmt.TOTAL]} 不等于自然人与各类法人之和 {parts}"))
    return out


def check_table_four(t4) -> list[Failure]:
    out = []
    labels = dict(fmt.CASE_KIND_CHOICES)
    for kind, row in t4.items():
        parts = sum(v for k, v in row.items() if k != fmt.TOTAL)
        if row[fmt.TOTAL] != parts:
            out.append(Failure(f"表四「{labels[kind]}」「总计」列", f"总计 {row[fmt.TOTAL]} 不等于维持、纠正、其他、尚未审结之和 {parts}"))
    return out


# (pattern in the narrative, cell label, getter on the report data)
NARRATIVE_FIGURES = [
    (r"主动公开政府信息(\d+)条", "主动公开发布记录数（本年已发布）", lambda d: d["facts"]["published"]),
    (r"制发规章(\d+)件", "表二「规章」「本年制发件数」", lambda d: d["table2"]["rules"]["made"]),
    (r"行政规范性文件(\d+)件", "表二「行政规范性文件」「本年制发件数」", lambda d: d["table2"]["normative"]["made"]),
    (r"本年新收政府信息公开申请(\d+)件", "表三「一、本年新收」「总计」列", lambda d: d["table3"]["new"][fmt.TOTAL]),
    (r"上年结转(\d+)件", "表三「二、上年结转」「总计」列", lambda d: d["table3"]["carried_over"][fmt.TOTAL]),
    (r"办结(\d+)件", "表三「（七）总计」「总计」列", lambda d: d["table3"]["total"][fmt.TOTAL]),
    (r"予以公开(\d+)件", "表三「（一）予以公开」「总计」列", lambda d: d["table3"]["open"][fmt.TOTAL]),
    (r"部分公开(\d+)件", "表三「（二）部分公开」「总计」列", lambda d: d["table3"]["partial"][fmt.TOTAL]),
    (r"结转下年度继续办理(\d+)件", "表三「四、结转下年度继续办理」「总计」列", lambda d: d["table3"]["carried_forward"][fmt.TOTAL]),
    (r"行政复议(\d+)件", "表四「行政复议」「总计」列", lambda d: d["table4"][fmt.REVIEW][fmt.TOTAL]),
    (r"行政诉讼(\d+)件", "表四「行政诉讼」两类「总计」之和",
     lambda d: d["table4"][fmt.SUIT_DIRECT][fmt.TOTAL] + d["table4"][fmt.SUIT_AFTER_REVIEW][fmt.TOTAL]),
]


def check_narrative(data) -> list[Failure]:
    out = []
    texts = [("一、总体情况", data["sections"]["overview"]), ("六、其他需要报告的事项", data["sections"]["other"])]
    for section, text in texts:
        for pattern, cell, getter in NARRATIVE_FIGURES:
            expected = getter(data)
            for match in re.finditer(pattern, text):
                stated = int(match.group(1))
                if stated != expected:
                    out.append(Failure(f"正文「{section}」中“{match.group(0)}”",
                                       f"文字写 {stated}，与{cell}的 {expected} 不一致"))
    return out


def check(data) -> list[Failure]:
    return (check_table_three(data["table3"]) + check_table_four(data["table4"])
            + check_narrative(data))
