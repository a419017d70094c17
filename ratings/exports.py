"""好差评 in the timeliness dashboard export (issue 23: "it also appears in the timeliness exports"): the same period
and department as the dashboard's filters, per department, every figure computed from the ratings (ratings.figures)."""
from ratings import figures, rules
from ratings.models import Rating

HEADER = ["部门", "评价数", *[rules.LEVELS[level] for level in sorted(rules.LEVELS, reverse=True)], "满意率（3–5级）",
          "差评数", "差评已办结", "差评整改率"]


def _row(name, fig):
    return [name or "未标注部门", fig.count, *[count for _, _, count in fig.level_rows], fig.satisfaction_text,
            fig.bad, fig.closed, fig.rectification_text]


def summary_sections(filters):
    qs = Rating.objects.all()
    if filters.date_from:
        qs = qs.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(created_at__date__lte=filters.date_to)
    if filters.department is not None:
        qs = qs.filter(department=filters.department.name)
    rows = [_row("合计", figures.figures_of(qs))] + [_row(name, fig) for name, fig in figures.by_department(qs)]
    return [("好差评（按部门，评价日期在期间内）", HEADER, rows)]
