"""Read-only open-data API (JSON): policies, service guides, 一件事 bundles and catalogue entries.

Described by the OpenAPI document in portal/openapi.py (served at /api/openapi.json). Bad parameters give
HTTP 400 with a Chinese message, unknown ids 404; nothing here writes.
"""
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.models import Site

from cms.guides.models import BundlePage, ServiceGuidePage
from cms.policies.models import VALIDITY_CHOICES, PolicyDocumentPage
from openness_catalog.models import Entry
from portal.openapi import document
from portal.templatetags.public_html import public_richtext
from sitegroup import services as group_services

DEFAULT_SIZE, MAX_SIZE = 20, 100
# No database holds a larger id; SQLite's driver cannot even send one (OverflowError), so such an id is simply not found.
MAX_ID = 2**63 - 1


class BadParameter(ValueError):
    pass


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message, status):
    return _json({"error": message}, status=status)


def _digits(raw):
    """ASCII digits only: str.isdigit() also accepts ² and other characters int() refuses."""
    return raw.isascii() and raw.isdigit()


def _int_param(request, name, default, low, high):
    raw = request.GET.get(name, "").strip()
    if raw == "":
        return default
    if not _digits(raw) or len(raw.lstrip("0")) > len(str(high)) or not low <= int(raw) <= high:  # int() refuses 4300+ digits
        raise BadParameter(f"参数 {name} 必须是 {low} 到 {high} 之间的整数")
    return int(raw)


def _live_page(model, pk):
    return model.objects.live().public().filter(pk=pk).first() if pk <= MAX_ID else None


def _abs(request, url):
    return request.build_absolute_uri(url) if url else None


def _dt(value):
    return timezone.localtime(value).isoformat() if value else None


def _date(value):
    return value.isoformat() if value else None


def _paginate(request, queryset, serialize):
    page = _int_param(request, "page", 1, 1, 100000)
    size = _int_param(request, "size", DEFAULT_SIZE, 1, MAX_SIZE)
    total = queryset.count()
    items = queryset[(page - 1) * size: page * size]
    return {"count": total, "page": page, "size": size, "results": [serialize(request, item) for item in items]}


def _endpoint(view):
    """GET only; BadParameter → 400 with its Chinese message."""

    @require_GET
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadParameter as exc:
            return _error(str(exc), 400)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


# --- policies ---

def policy_summary(request, page):
    return {
        "id": page.pk,
        "title": page.title,
        "url": _abs(request, page.url),
        "index_number": page.index_number,
        "doc_number": page.doc_number,
        "issuers": [o.name for o in page.issuers.all()],
        "doc_type": page.doc_type,
        "topic": str(page.topic) if page.topic_id else None,
        "formed_on": _date(page.formed_on),
        "published_at": _dt(page.published_at or page.first_published_at),
        "validity": page.validity,
        "interpretations": [{"title": i.title, "url": _abs(request, i.url)} for i in page.interpretations],
    }


def policy_detail(request, page):
    data = policy_summary(request, page)
    replaced = page.replaced_by.specific if page.replaced_by_id and page.replaced_by and page.replaced_by.live else None
    data.update(
        keywords=page.keywords,
        validity_changed_on=_date(page.validity_changed_on),
        replaced_by={"title": replaced.title, "url": _abs(request, replaced.url)} if replaced else None,
        body_html=str(public_richtext(page.body)),  # links resolved; old rows come out sanitised too
    )
    return data


def _policies(request):
    qs = PolicyDocumentPage.objects.live().public().select_related("topic").prefetch_related("issuers")
    year = request.GET.get("year", "").strip()
    if year:
        if not (_digits(year) and len(year) == 4):
            raise BadParameter("参数 year 必须是四位年份，例如 2024")
        qs = qs.filter(formed_on__year=int(year))
    validity = request.GET.get("validity", "").strip()
    if validity:
        if validity not in {v for v, _ in VALIDITY_CHOICES}:
            raise BadParameter("参数 validity 只能是 有效、失效 或 废止")
        qs = qs.filter(validity=validity)
    return qs.order_by("-published_at", "-first_published_at", "-id")


@_endpoint
def policy_list(request):
    """最新政策文件，可按成文年份和有效性筛选。"""
    return _json(_paginate(request, _policies(request), policy_summary))


@_endpoint
def policy_item(request, pk):
    page = _live_page(PolicyDocumentPage, pk)
    if page is None:
        return _error("未找到该政策文件", 404)
    return _json(policy_detail(request, page))


# --- service guides ---

def guide_summary(request, page):
    return {
        "id": page.pk,
        "code": page.code,
        "title": page.title,
        "url": _abs(request, page.url),
        "department": page.department,
        "item_type": page.item_type,
        "legal_limit_days": page.legal_limit_days,
        "promised_limit_days": page.promised_limit_days,
        "visits": page.visits,
    }


def guide_detail(request, page):
    data = guide_summary(request, page)
    data.update(
        basis=page.basis,
        conditions=page.conditions,
        steps=[s for s in page.steps.splitlines() if s.strip()],
        fee=page.fee,
        location=page.location,
        hours=page.hours,
        phone=page.phone,
        complaint_phone=page.complaint_phone,
        online_url=page.online_url or None,
        materials=[{"name": m.name, "form": m.form, "copies": m.copies, "source": m.source, "deferrable": m.deferrable}
                   for m in page.materials.all()],
        bundles=[{"title": b.title, "url": _abs(request, b.url)} for b in page.bundles],
    )
    return data


@_endpoint
def guide_list(request):
    qs = ServiceGuidePage.objects.live().public().order_by("path")
    department = request.GET.get("department", "").strip()
    if department:
        qs = qs.filter(department=department)
    return _json(_paginate(request, qs, guide_summary))


@_endpoint
def guide_item(request, pk):
    page = _live_page(ServiceGuidePage, pk)
    if page is None:
        return _error("未找到该办事指南", 404)
    return _json(guide_detail(request, page))


# --- 一件事 bundles ---

def bundle_summary(request, page):
    return {
        "id": page.pk,
        "code": page.code,
        "title": page.title,
        "url": _abs(request, page.url),
        "lead_department": page.lead_department,
        "life_event": page.life_event,
        "promised_limit_days": page.promised_limit_days,
        "visits": page.visits,
        "guides": [{"id": g.pk, "title": g.title, "url": _abs(request, g.url)} for g in page.guides],
    }


@_endpoint
def bundle_list(request):
    return _json(_paginate(request, BundlePage.objects.live().public().order_by("path"), bundle_summary))


@_endpoint
def bundle_item(request, pk):
    page = _live_page(BundlePage, pk)
    if page is None:
        return _error("未找到该一件事", 404)
    return _json(bundle_summary(request, page))


# --- catalogue entries (the 1+9 matrix) ---

def entry_url(entry):
    """The entry's public page."""
    return entry.get_absolute_url()


def entry_summary(request, entry):
    item = entry.item
    return {
        "id": entry.pk,
        "title": entry.title,
        "url": _abs(request, entry_url(entry)),
        "column": item.column.name,
        "domain": item.domain.name,
        "item": str(item),
        "unit": getattr(entry, "unit", "") or "",
        "formed_on": _date(getattr(entry, "formed_on", None)),
        "published_at": _dt(entry.published_at),
    }


def published_entries():
    qs = Entry.objects.filter(published_at__isnull=False, status=Entry.PUBLISHED)  # drafts and withdrawn entries stay out
    return qs.select_related("item__column", "item__domain").order_by("-published_at", "-id")


@_endpoint
def entry_list(request):
    qs = published_entries()
    for param, lookup in (("column", "item__column__name"), ("domain", "item__domain__name")):
        value = request.GET.get(param, "").strip()
        if value:
            qs = qs.filter(**{lookup: value})
    return _json(_paginate(request, qs, entry_summary))


@_endpoint
def entry_item(request, pk):
    entry = published_entries().filter(pk=pk).first() if pk <= MAX_ID else None
    if entry is None:
        return _error("未找到该公开信息", 404)
    data = entry_summary(request, entry)
    data["body"] = entry.body
    return _json(data)


@_endpoint
def openapi_document(request):
    return _json(document(server_url=request.build_absolute_uri("/")[:-1]))


# --- 站群 (design §2.13) ---
@_endpoint
def site_list(request):
    """站群中的站点：市级站点在前，区县（市）站点按排序。"""
    units = {unit.site_id: unit for unit in group_services.units()}
    sites = sorted(Site.objects.select_related("root_page"),
                   key=lambda s: (s.pk not in units, units[s.pk].sort_order if s.pk in units else 0, not s.is_default_site, s.pk))
    data = [{"name": s.site_name or s.root_page.title, "hostname": s.hostname, "root_url": s.root_url,
             "short_name": units[s.pk].name if s.pk in units else "",
             "parent": units[s.pk].parent.hostname if s.pk in units and units[s.pk].parent_id else None}
            for s in sites]
    response = JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
