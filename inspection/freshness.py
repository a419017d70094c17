"""首页不更新, 栏目不更新 and 空白栏目, from the publication dates of what a visitor can reach.

Here a 栏目 page (SectionPage, 政策文件库, 办事服务) with pages below it is a column; one without pages below it but
with its own 正文 is a piece of information (an article, the 政府信息公开指南), dated by its last publication; one
with neither is an empty column (a one-line 栏目说明 is not content). A column's last update is the latest 发布日期
of the information below it. Thresholds per column kind come from settings.INSPECTION_COLUMN_RULES (matched on the
column's title), the veto counts from INSPECTION_STALE_COLUMNS_VETO and INSPECTION_EMPTY_COLUMNS_VETO."""
from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from inspection import indicators
from openness_catalog.models import Entry


def _rules():
    return getattr(settings, "INSPECTION_COLUMN_RULES", indicators.DEFAULT_COLUMN_RULES)


def _bodies(ids):
    """page id -> whether the page's own 正文 has text (pages without a body field have none)."""
    out = {}
    for start in range(0, len(ids), 500):
        for page in Page.objects.filter(pk__in=ids[start:start + 500]).specific():
            out[page.pk] = bool(strip_tags(str(getattr(page, "body", "") or "")).strip())
    return out


class Freshness:
    def __init__(self, site_map, now):
        self.site_map, self.now = site_map, now
        rows = site_map.pages.values()
        self.parents = {r.path[:-Page.steplen] for r in rows}
        self.leaves = [r for r in rows if r.is_column and r.path not in self.parents]
        bodies = _bodies([r.id for r in self.leaves])
        self.empty = [r for r in self.leaves if not bodies.get(r.id)]
        self.dated = {}  # page id -> 发布日期 of a piece of information (not in the future: see dates)
        for row in rows:
            when = row.last_published if row.is_column else row.published
            if row.is_home or (row.is_column and not bodies.get(row.id)):  # only leaves are in bodies
                continue
            if when and when <= now:
                self.dated[row.id] = when
        self.latest = {}  # tree path of a column -> latest 发布日期 at or below it
        columns = {r.path for r in rows if r.is_column}
        for page_id, when in self.dated.items():
            path = site_map.pages[page_id].path
            for n in range(len(path) // Page.steplen, 0, -1):
                ancestor = path[:n * Page.steplen]
                if ancestor in columns and (ancestor not in self.latest or when > self.latest[ancestor]):
                    self.latest[ancestor] = when

    def homepage(self):
        days = getattr(settings, "INSPECTION_HOMEPAGE_DAYS", 14)
        entry = (Entry.objects.filter(status=Entry.PUBLISHED, published_at__lte=self.now).order_by("-published_at")
                 .values_list("published_at", flat=True).first())
        latest = max(list(self.dated.values()) + ([entry] if entry else []), default=None)
        age = indicators.days_ago(latest, self.now)
        if latest is not None and age <= days:
            return indicators.Result("homepage_stale")
        detail = (f"首页最近一次更新为{indicators.cn_day(latest)}，已{age}天未更新（要求{days}天内）" if latest
                  else "网站尚未发布任何信息，首页无更新")
        homes = [r for r in self.site_map.pages.values() if r.is_home]
        items = [indicators.Item(h.url, detail, h.id) for h in homes] or [indicators.Item("/", detail)]
        return indicators.Result("homepage_stale", indicators.FAIL, len(items), items)

    def columns(self):
        """(stale_columns, empty_columns) Results."""
        empty_ids = {r.id for r in self.empty}
        stale = []
        for row in sorted((r for r in self.site_map.pages.values() if r.is_column), key=lambda r: r.path):
            rule = indicators.column_rule(row.title, _rules())
            if rule is None or row.id in empty_ids or row.path not in self.parents:
                continue  # a leaf with its own text is a piece of information, not a column to keep up to date
            last = self.latest.get(row.path)
            age = indicators.days_ago(last, self.now)
            if last is None or age > rule["days"]:
                when = f"最近一次更新为{indicators.cn_day(last)}，已{age}天未更新" if last else "栏目下没有已发布的信息"
                stale.append(indicators.Item(row.url, f"{rule['kind']}类栏目“{row.title}”{when}（要求{rule['label']}内更新）", row.id))
        empty = [indicators.Item(r.url, f"栏目“{r.title}”没有任何内容", r.id) for r in sorted(self.empty, key=lambda r: r.path)]
        return (indicators.result("stale_columns", stale, fail_at=getattr(settings, "INSPECTION_STALE_COLUMNS_VETO", 5)),
                indicators.result("empty_columns", empty, fail_at=getattr(settings, "INSPECTION_EMPTY_COLUMNS_VETO", 5)))


def analyse(site_map, now=None):
    """(homepage_stale, stale_columns, empty_columns) Results."""
    fresh = Freshness(site_map, now or timezone.now())
    stale, empty = fresh.columns()
    return fresh.homepage(), stale, empty
