"""The public figures, computed from the ratings only (every number is a count of Rating rows a filter can list in
the admin): counts by level, satisfaction (share of levels 3–5), 差评整改率 (share of 差评 whose case is closed)
and the trend by month. Never the contact."""
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth

from ratings import rules
from ratings.models import Rating


@dataclass
class Figures:
    count: int = 0
    levels: dict = field(default_factory=rules.empty_levels)
    bad: int = 0
    closed: int = 0

    @property
    def satisfaction(self):
        return rules.satisfaction(self.levels)

    @property
    def rectification_rate(self):
        return rules.rectification_rate(self.bad, self.closed)

    @property
    def satisfaction_text(self):
        return rules.percent(self.satisfaction)

    @property
    def rectification_text(self):
        return rules.percent(self.rectification_rate)

    @property
    def level_rows(self):
        """[(level, label, count)] from 5 down to 1, for tables."""
        return [(level, rules.LEVELS[level], self.levels[str(level)]) for level in sorted(rules.LEVELS, reverse=True)]

    def as_json(self):
        return {"count": self.count, "levels": dict(self.levels), "satisfaction": self.satisfaction,
                "bad": self.bad, "closed": self.closed, "rectification_rate": self.rectification_rate}


def filtered(department=None, code=None, qs=None):
    qs = Rating.objects.all() if qs is None else qs
    if department is not None:
        qs = qs.filter(department=department)
    if code is not None:
        qs = qs.filter(target_code=code)
    return qs


def figures_of(qs):
    result = Figures()
    for row in qs.order_by().values("level").annotate(n=Count("id")):
        result.levels[str(row["level"])] = row["n"]
    result.count = sum(result.levels.values())
    result.bad = sum(result.levels[str(level)] for level in rules.BAD)
    result.closed = qs.filter(level__in=rules.BAD, case__step=rules.CLOSED).count()
    return result


def by_month(qs):
    """[(month "YYYY-MM", Figures)] oldest first, months with ratings only."""
    months = {}
    rows = (qs.order_by().annotate(month=TruncMonth("created_at")).values("month", "level")
            .annotate(n=Count("id")))
    for row in rows:
        key = rules.month_key(row["month"])
        months.setdefault(key, Figures()).levels[str(row["level"])] = row["n"]
    closed = (qs.order_by().filter(level__in=rules.BAD, case__step=rules.CLOSED).annotate(month=TruncMonth("created_at"))
              .values("month").annotate(n=Count("id")))
    for row in closed:
        months[rules.month_key(row["month"])].closed = row["n"]
    for fig in months.values():
        fig.count = sum(fig.levels.values())
        fig.bad = sum(fig.levels[str(level)] for level in rules.BAD)
    return sorted(months.items())


def by_department(qs=None):
    """[(department, Figures)] by department name; ratings without one under “未标注部门” ("")."""
    qs = Rating.objects.all() if qs is None else qs
    departments = sorted(set(qs.order_by().values_list("department", flat=True)))
    return [(d, figures_of(qs.filter(department=d))) for d in departments]


def by_target(qs):
    """[(code, title, kind, Figures)] per guide or 一件事 within the ratings given."""
    targets = qs.order_by().values_list("target_code", "target_title", "target_kind").distinct()
    seen, result = set(), []
    for code, title, kind in sorted(targets):
        if code in seen:
            continue
        seen.add(code)
        result.append((code, title, kind, figures_of(qs.filter(target_code=code))))
    return result
