"""Indicators read from the registers: 办事指南 key elements, 依申请公开 replies, and publication dates.

依申请公开 requests are read through their reply deadlines (publishing.Deadline, kind=request, which the
timeliness register keeps in step), so this app imports nothing of its sibling timeliness."""
from datetime import timedelta

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import get_page_models

from cms.guides.models import ServiceGuidePage
from inspection import indicators
from openness_catalog.models import Entry
from publishing.models import Deadline, PublicationRecord


def guide_elements(site_map):
    items = []
    guides = ServiceGuidePage.objects.filter(pk__in=list(site_map.pages)).prefetch_related("materials").order_by("path")
    for guide in guides.iterator(chunk_size=500):
        missing = guide.missing_key_elements
        if missing:
            items.append(indicators.Item(site_map.url_of(guide.pk), f"办事指南“{guide.title}”缺少重点要素：{'、'.join(missing)}", guide.pk))
    return indicators.result("guide_elements", items)


def _request_url(pk):
    try:
        return reverse("wagtailsnippets_timeliness_disclosurerequest:edit", args=[pk])
    except NoReverseMatch:
        return ""


def requests_overdue(today=None, scope=None):
    """依申请公开 not answered by its deadline (需关注); unanswered more than INSPECTION_UNANSWERED_DAYS (3 months)
    after receipt: 互动回应差 (单项否决). With a site's ``scope`` (sitegroup.scope), only those its organs received."""
    today = today or timezone.localdate()
    unanswered_days = getattr(settings, "INSPECTION_UNANSWERED_DAYS", 90)
    failing, warning = [], []
    overdue = (Deadline.objects.filter(kind=Deadline.REQUEST, done_on__isnull=True, due_on__lt=today, disclosure_request__isnull=False)
               .order_by("due_on", "id")
               .values("due_on", "disclosure_request__pk", "disclosure_request__subject", "disclosure_request__reference",
                       "disclosure_request__received_on", "disclosure_request__organ_id"))
    for row in overdue:
        if scope is not None and not scope.owns_organ(row["disclosure_request__organ_id"]):
            continue
        pk, received_on = row["disclosure_request__pk"], row["disclosure_request__received_on"]
        waited = (today - received_on).days
        detail = (f"依申请公开“{row['disclosure_request__subject']}”（{row['disclosure_request__reference'] or '登记号' + str(pk)}）"
                  f"答复期限{indicators.cn_day(row['due_on'])}已过，收到申请已{waited}天仍未答复")
        item = indicators.Item(_request_url(pk), detail)
        (failing if received_on < today - timedelta(days=unanswered_days) else warning).append(item)
    return indicators.combine("requests_overdue", failing, warning)


def _date_problem(published_at, formed_on, now):
    if published_at is None:
        return None
    if published_at > now + timedelta(minutes=5):  # clock skew between hosts is not forgery
        return f"发布日期{indicators.cn_day(timezone.localtime(published_at))}晚于当前时间"
    if formed_on and timezone.localtime(published_at).date() < formed_on:
        return f"发布日期{indicators.cn_day(timezone.localtime(published_at))}早于成文日期{indicators.cn_day(formed_on)}"
    return None


def dates(site_map, now=None):
    now = now or timezone.now()
    items, seen = [], set()

    def add(url, detail, page_id=None):
        if (url, detail) not in seen:
            seen.add((url, detail))
            items.append(indicators.Item(url, detail, page_id))

    ids = list(site_map.pages)
    for model in get_page_models():
        names = {f.name: f for f in model._meta.concrete_fields}
        if "published_at" not in names or names["published_at"].model is not model:
            continue
        fields = ["pk", "title", "published_at"] + (["formed_on"] if "formed_on" in names else [])
        for row in model.objects.filter(pk__in=ids).exclude(published_at=None).values(*fields).iterator(chunk_size=2000):
            problem = _date_problem(row["published_at"], row.get("formed_on"), now)
            if problem:
                add(site_map.url_of(row["pk"]), f"“{row['title']}”{problem}", row["pk"])
    for row in site_map.pages.values():
        if row.published and row.published > now + timedelta(minutes=5):
            add(row.url, f"“{row.title}”{_date_problem(row.published, None, now)}", row.id)
    for entry in Entry.objects.filter(status=Entry.PUBLISHED).exclude(published_at=None).iterator(chunk_size=2000):
        problem = _date_problem(entry.published_at, entry.formed_on, now)
        if problem:
            add(entry.get_absolute_url(), f"“{entry.title}”{problem}")
    records = PublicationRecord.objects.filter(page_id__in=ids).exclude(published_at=None).values("page_id", "title", "published_at", "formed_on")
    for row in records.iterator(chunk_size=2000):
        problem = _date_problem(row["published_at"], row["formed_on"], now)
        if problem:
            add(site_map.url_of(row["page_id"]), f"“{row['title']}”{problem}（发布记录）", row["page_id"])
    return indicators.result("dates", items)
