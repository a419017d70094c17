"""Assemble the statutory annual report (国办公开办函〔2021〕30号) for one year and organ, as plain data.

- Table two: 规章 / 行政规范性文件 from the policy library (manual figures in AnnualReport override them),
  the other rows entered manually on the AnnualReport.
- Table three: the DisclosureRequest register — 本年新收 (received in the year), 上年结转 (received before
  the year, not replied before it), 办理结果 (replied in the year, by outcome), 结转下年度 (received by the
  year's end, not replied by it). Every column is one applicant type; 总计 is their sum.
- Table four: the ReviewCase register, cases filed in the year, result as of the year's end.
- Narrative sections: the editable text on AnnualReport, or a generated draft of the figures.

A manual row left blank (None) has no data source: it stays None in the data and reads “无数据来源” in every output.
Without an organ the report speaks for the site's organ (the default Site's name, as init_site sets it).
"""
from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from cms.policies.models import PolicyDocumentPage
from cms.site.skeleton import default_site
from publishing import figures
from timeliness import kpis
from timeliness import report_format as fmt
from timeliness.models import AnnualReport, DisclosureRequest, ReviewCase

TABLE3_ROWS = ["new", "carried_over", *fmt.OUTCOME_CODES, "total", "carried_forward"]
TABLE3_LABELS = {"new": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
                 "total": "（七）总计", "carried_forward": "四、结转下年度继续办理",
                 **{code: label for code, _, label in fmt.OUTCOME_ROWS}}
COLUMNS = [*fmt.APPLICANT_CODES, fmt.TOTAL]
COLUMN_LABELS = {**fmt.APPLICANT_SHORT, fmt.TOTAL: "总计"}
RULE_DOC_TYPES = {"令"}


NO_SOURCE = fmt.NO_SOURCE
FALLBACK_LABEL = "本级人民政府"  # only for a database without a Site; init_site names the site after its organ
MANUAL_ROWS = [  # (key in table two, AnnualReport field, row label)
    ("licensing", "licensing_decisions", "行政许可"),
    ("penalty", "penalty_decisions", "行政处罚"),
    ("enforcement", "enforcement_decisions", "行政强制"),
    ("fees_wan_yuan", "fees_wan_yuan", "行政事业性收费"),
]


def site_organ_name() -> str:
    site = default_site()
    return site.site_name if site is not None and site.site_name else FALLBACK_LABEL


def _organ_label(organ):
    return organ.name if organ else site_organ_name()


def _count_by_applicant(qs, extra_group=None):
    fields = ["applicant_type"] + ([extra_group] if extra_group else [])
    return qs.values(*fields).annotate(n=Count("id")).order_by()


def table_three(year: int, organ=None) -> dict:
    start, end = date(year, 1, 1), date(year, 12, 31)
    qs = DisclosureRequest.objects.all()
    if organ is not None:
        qs = qs.filter(organ=organ)
    rows = {code: {col: 0 for col in COLUMNS} for code in TABLE3_ROWS}

    def put(row, counts, key="applicant_type"):
        for item in counts:
            rows[row if isinstance(row, str) else row(item)][item[key]] += item["n"]

    put("new", _count_by_applicant(qs.filter(received_on__gte=start, received_on__lte=end)))
    put("carried_over", _count_by_applicant(qs.filter(received_on__lt=start).filter(Q(replied_on__isnull=True) | Q(replied_on__gte=start))))
    for item in _count_by_applicant(qs.filter(replied_on__gte=start, replied_on__lte=end), "outcome"):
        code = item["outcome"] if item["outcome"] in rows else "other_3"
        rows[code][item["applicant_type"]] += item["n"]
        rows["total"][item["applicant_type"]] += item["n"]
    put("carried_forward", _count_by_applicant(qs.filter(received_on__lte=end).filter(Q(replied_on__isnull=True) | Q(replied_on__gt=end))))
    for row in rows.values():
        row[fmt.TOTAL] = sum(row[c] for c in fmt.APPLICANT_CODES)
    return rows


def table_four(year: int, organ=None) -> dict:
    start, end = date(year, 1, 1), date(year, 12, 31)
    qs = ReviewCase.objects.filter(filed_on__gte=start, filed_on__lte=end)
    if organ is not None:
        qs = qs.filter(organ=organ)
    table = {kind: {col: 0 for col, _ in fmt.CASE_COLUMNS} for kind in fmt.CASE_KINDS}
    concluded = Q(concluded_on__isnull=False, concluded_on__lte=end) & ~Q(result="")
    for item in qs.filter(concluded).values("kind", "result").annotate(n=Count("id")).order_by():
        table[item["kind"]][item["result"]] += item["n"]
    for item in qs.exclude(concluded).values("kind").annotate(n=Count("id")).order_by():
        table[item["kind"]][fmt.PENDING_RESULT] += item["n"]
    for row in table.values():
        row[fmt.TOTAL] = sum(row[c] for c, _ in fmt.CASE_COLUMNS if c != fmt.TOTAL)
    return table


def _policy_counts(year: int, organ, rules: bool) -> dict:
    start, end = date(year, 1, 1), date(year, 12, 31)
    qs = PolicyDocumentPage.objects.live().exclude(formed_on=None)
    if organ is not None:
        qs = qs.filter(issuers=organ)
    rule_q = Q(doc_type__in=RULE_DOC_TYPES) | Q(doc_number__contains="令")
    qs = qs.filter(rule_q) if rules else qs.exclude(rule_q).exclude(doc_number="")
    ended = Q(validity__in=["失效", "废止"])
    return {
        "made": qs.filter(formed_on__gte=start, formed_on__lte=end).count(),
        "repealed": qs.filter(ended, validity_changed_on__gte=start, validity_changed_on__lte=end).count(),
        "in_force": qs.filter(formed_on__lte=end).exclude(ended & Q(validity_changed_on__lte=end)).count(),
    }


def table_two(year: int, organ, manual) -> dict:
    rules, normative = _policy_counts(year, organ, True), _policy_counts(year, organ, False)
    sources = {}
    for prefix, counts in (("rules", rules), ("normative", normative)):
        for key in ("made", "repealed", "in_force"):
            value = getattr(manual, f"{prefix}_{key}", None) if manual else None
            if value is not None:
                counts[key] = value
                sources[f"{prefix}.{key}"] = "人工填报"
    table = {"rules": rules, "normative": normative, "sources": sources}
    for key, field, _ in MANUAL_ROWS:
        value = getattr(manual, field, None) if manual else None
        if value is None:
            sources[key] = NO_SOURCE
        elif key == "fees_wan_yuan":
            value = format(value.normalize(), "f")
        table[key] = value
    return table


def missing_sources(data) -> list[str]:
    """Labels of table two's rows that have no data source (left blank), in table order."""
    t2 = data["table2"]
    return [label for key, _, label in MANUAL_ROWS if t2.get(key) is None]


def publication_facts(year: int, organ) -> dict:
    report = kpis.compute(kpis.Filters(date(year, 1, 1), date(year, 12, 31), organ))
    o = report.overall
    return {"published": o.published, "avg_working_days": figures.rounded(o.avg_working_days, figures.DAYS_DIGITS),
            "on_time_rate_pct": figures.percent_value(o.on_time_rate)}


def draft_overview(data: dict) -> str:
    """The generated draft of section one; every figure in it comes from the tables (and is re-checked)."""
    t2, t3, t4, facts = data["table2"], data["table3"], data["table4"], data["facts"]
    suits = t4[fmt.SUIT_DIRECT][fmt.TOTAL] + t4[fmt.SUIT_AFTER_REVIEW][fmt.TOTAL]
    timeliness = ""
    if facts["avg_working_days"] is not None:
        timeliness = (f"，平均用时{figures.number(facts['avg_working_days'])}个工作日，"
                      f"按时发布率{figures.number(facts['on_time_rate_pct'], figures.PERCENT_DIGITS)}%")
    return (
        f"（一）主动公开。{data['year']}年，{data['organ_label']}主动公开政府信息{facts['published']}条{timeliness}；"
        f"制发规章{t2['rules']['made']}件、行政规范性文件{t2['normative']['made']}件。\n"
        f"（二）依申请公开。本年新收政府信息公开申请{t3['new'][fmt.TOTAL]}件，上年结转{t3['carried_over'][fmt.TOTAL]}件，"
        f"本年度办结{t3['total'][fmt.TOTAL]}件，其中予以公开{t3['open'][fmt.TOTAL]}件、部分公开{t3['partial'][fmt.TOTAL]}件，"
        f"结转下年度继续办理{t3['carried_forward'][fmt.TOTAL]}件。\n"
        f"（三）政府信息管理。按照规定做好政府信息公开属性源头认定和发布前审查。\n"
        f"（四）平台建设。依托政府信息公开平台集中发布法定主动公开内容。\n"
        f"（五）监督保障。全年发生政府信息公开行政复议{t4[fmt.REVIEW][fmt.TOTAL]}件、行政诉讼{suits}件。"
    )


def build(year: int, organ=None) -> dict:
    """The whole report as JSON-able data (tables, facts, narrative, whether narrative is a draft)."""
    manual = AnnualReport.objects.filter(year=year, organ=organ).first()
    label = _organ_label(organ)
    data = {
        "year": year,
        "organ": organ.name if organ else None,
        "organ_label": label,
        "title": (manual.title if manual and manual.title else f"{label}{year}年政府信息公开工作年度报告"),
        "table2": table_two(year, organ, manual),
        "table3": table_three(year, organ),
        "table4": table_four(year, organ),
        "facts": publication_facts(year, organ),
    }
    draft = draft_overview(data)
    data["sections"] = {
        "overview": (manual.overview.strip() if manual and manual.overview.strip() else draft),
        "problems": (manual.problems.strip() if manual and manual.problems.strip() else "（请填写本年度工作存在的主要问题及改进情况。）"),
        "other": (manual.other_matters.strip() if manual and manual.other_matters.strip()
                  else f"本年度收取信息处理费{(manual.processing_fees_yuan if manual else 0) or 0}元。"),
    }
    data["overview_is_draft"] = not (manual and manual.overview.strip())
    data["draft_overview"] = draft
    return data
