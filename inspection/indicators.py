"""The 国办秘函〔2019〕19号 indicators as plain rules (no Django): names, verdicts, column kinds and link parsing.

Each indicator has a code (design §2.15), a Chinese name, and whether it is a 单项否决 item. Its status is
``pass`` (nothing found), ``warn`` (something found, below the veto threshold or not a veto item) or ``fail``
(the 单项否决 condition is met). The run's ``veto`` is true when any veto indicator fails.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime

PASS, WARN, FAIL = "pass", "warn", "fail"
STATUS_NAMES = {PASS: "合格", WARN: "需关注", FAIL: "不合格"}


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    veto: bool  # a 单项否决 item of 国办秘函〔2019〕19号
    rule: str  # what it checks, as shown in the report


INDICATORS = [
    Indicator("dead_links", "链接不可用", False, "已发布页面及附件中的站内链接应能正常访问（返回200）"),
    Indicator("homepage_stale", "首页不更新", True, "首页信息超过2周未更新即单项否决"),
    Indicator("stale_columns", "栏目不更新", True, "动态、要闻类栏目超过2周、通知公告和政策文件类栏目超过6个月未更新的栏目累计达到5个即单项否决"),
    Indicator("empty_columns", "空白栏目", True, "无任何内容的栏目达到5个即单项否决"),
    Indicator("sensitive_words", "严重表述错误（错敏词）", True, "已发布文字命中错敏词库；禁用词即单项否决，提醒词需人工复核"),
    Indicator("personal_data", "泄露个人信息", True, "已发布文字含未脱敏的身份证号码、手机号码、银行卡号即单项否决"),
    Indicator("secrets", "泄露国家秘密或不予公开信息", True, "已发布内容标有密级或不予公开、依申请公开属性即单项否决"),
    Indicator("guide_elements", "办事指南要素缺失", True, "办事指南缺少事项名称、设定依据、受理条件、申请材料等重点要素即单项否决"),
    Indicator("requests_overdue", "互动回应差", True, "依申请公开超过答复期限需关注；收到后超过3个月仍未答复即单项否决"),
    Indicator("dates", "伪造发稿日期", True, "发布日期晚于当前时间或早于成文日期即单项否决"),
]
BY_CODE = {i.code: i for i in INDICATORS}


@dataclass
class Item:
    url: str
    detail: str
    page_id: int | None = None  # for the editor link; not part of the JSON of design §2.15

    def as_dict(self):
        return {"url": self.url, "detail": self.detail}


@dataclass
class Result:
    code: str
    status: str = PASS
    count: int = 0
    items: list = field(default_factory=list)

    @property
    def indicator(self):
        return BY_CODE[self.code]

    def as_dict(self, *, with_pages=False):
        items = [dict(i.as_dict(), page_id=i.page_id) if with_pages else i.as_dict() for i in self.items]
        return {"code": self.code, "name": self.indicator.name, "status": self.status, "count": self.count, "items": items}


def result(code, items, *, fail_at=1, warn_only=False):
    """A Result: pass when nothing was found, fail when the count reaches fail_at (the veto threshold), else warn.
    warn_only: the findings never fail (not a veto condition, e.g. a warn-level 错敏词)."""
    items = list(items)
    count = len(items)
    if not count:
        status = PASS
    elif warn_only or count < fail_at:
        status = WARN
    else:
        status = FAIL
    return Result(code, status, count, items)


def combine(code, failing, warning):
    """One Result from items that fail by themselves and items that only ask for a look."""
    items = list(failing) + list(warning)
    status = FAIL if failing else (WARN if warning else PASS)
    return Result(code, status, len(items), items)


def veto(results) -> bool:
    return any(r.status == FAIL and r.indicator.veto for r in results)


# ----------------------------------------------------------------------------------------- columns

DEFAULT_COLUMN_RULES = [
    {"kind": "动态/要闻", "keywords": ["动态", "要闻", "新闻", "快讯", "播报"], "days": 14, "label": "2周"},
    {"kind": "通知公告/政策文件", "keywords": ["通知公告", "公告", "公示", "政策文件", "文件库", "政策"], "days": 183, "label": "6个月"},
]


def column_rule(title, rules):
    """The first rule whose keyword is in the column's title, else None (the column has no update frequency)."""
    for rule in rules:
        if any(k in (title or "") for k in rule["keywords"]):
            return rule
    return None


def days_ago(latest: datetime | date | None, now: datetime | date) -> int | None:
    if latest is None:
        return None
    if isinstance(latest, datetime) and isinstance(now, datetime):
        return (now - latest).days
    as_day = latest.date() if isinstance(latest, datetime) else latest
    return ((now.date() if isinstance(now, datetime) else now) - as_day).days


def cn_day(value) -> str:
    if value is None:
        return "无"
    d = value.date() if isinstance(value, datetime) else value
    return f"{d.year}年{d.month}月{d.day}日"


# ----------------------------------------------------------------------------------------- links

_A_TAG = re.compile(r"<a\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:", "#")


@dataclass(frozen=True)
class Link:
    kind: str  # 'page' (Wagtail page id), 'document' (document id), 'internal' (a path), 'external' (a URL)
    target: str


def _attrs(tag_body):
    return {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR.finditer(tag_body)}


def links_in(markup, site_hosts=()) -> list[Link]:
    """The links of an HTML or Wagtail rich text: <a linktype="page" id>, <a linktype="document" id>, and hrefs,
    sorted into internal paths (relative, or absolute on one of site_hosts) and external URLs."""
    text = str(markup or "")
    if "<a" not in text and "<A" not in text:
        return []
    found = []
    for m in _A_TAG.finditer(text):
        attrs = _attrs(m.group(1))
        linktype = attrs.get("linktype")
        if linktype in ("page", "document") and attrs.get("id", "").isdigit():
            found.append(Link(linktype, attrs["id"]))
            continue
        link = classify_href(attrs.get("href", ""), site_hosts)
        if link:
            found.append(link)
    return list(dict.fromkeys(found))


def classify_href(href, site_hosts=()) -> Link | None:
    href = (href or "").strip()
    if not href or href.lower().startswith(SKIP_SCHEMES):
        return None
    lowered = href.lower()
    if lowered.startswith(("http://", "https://", "//")):
        rest = href.split("//", 1)[1]
        host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].lower()
        if host.split(":", 1)[0] in site_hosts or host in site_hosts:
            path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
            return Link("internal", path.split("#", 1)[0] or "/")
        return Link("external", href.split("#", 1)[0])
    if href.startswith("/"):
        return Link("internal", href.split("#", 1)[0] or "/")
    return None  # a relative link without a leading slash ("detail.html") is not checked


def normal_path(path) -> str:
    """A path as a page URL compares: without query, with a trailing slash."""
    path = path.split("?", 1)[0]
    return path if path.endswith("/") else path + "/"


# ----------------------------------------------------------------------------------------- sensitive words


def without_exceptions(text, phrases):
    """The text with every allowed phrase (an exception to the 错敏词 dictionary, e.g. 保守国家秘密法 for 秘密) blanked,
    so a word inside an allowed phrase is not reported. The filler is not a digit separator: numbers stay intact."""
    for phrase in phrases:
        if phrase and phrase in text:
            text = text.replace(phrase, "｜" * len(phrase))
    return text
