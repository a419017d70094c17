"""Content exchange (design §2.7): JSON lines of guides, bundles, policies and catalogue entries.

Each line loads in its own transaction; a bad line is reported with its number and skipped.
Loading is idempotent: guides and bundles on `code`, policies on 发文字号 (or title), entries on
(item, title, published_on).
"""
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone


class LineError(Exception):
    pass


@dataclass
class LoadReport:
    loaded: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

    def count(self, kind):
        self.loaded[kind] = self.loaded.get(kind, 0) + 1


def _req(obj, key, kind=str):
    value = obj.get(key)
    if value in (None, "") or not isinstance(value, kind):
        raise LineError(f"缺少或无效的字段“{key}”")
    return value


def _date(value, key):
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise LineError(f"字段“{key}”不是有效日期（应为 YYYY-MM-DD）：{value}") from exc


def _int(obj, key):
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or value < 0:
        raise LineError(f"字段“{key}”应为非负整数：{value}")
    return value


def _stamp(day):
    return timezone.make_aware(datetime.combine(day, time(9, 0))) if day else timezone.now()


def _publish(page):
    from publishing.models import SearchOutbox

    page.save_revision().publish()
    SearchOutbox.objects.create(page=page, object_key=f"page-{page.pk}", action="index")


def load_guide(obj):
    from cms.models import GuideIndexPage, GuideMaterial, ServiceGuidePage

    code, name = _req(obj, "code"), _req(obj, "name")
    materials = obj.get("materials") or []
    if not isinstance(materials, list) or any(not isinstance(m, dict) or not m.get("name") for m in materials):
        raise LineError("字段“materials”应为材料列表，每项须有 name")
    fields = dict(
        title=name, department=obj.get("department") or "", item_type=obj.get("item_type") or "",
        conditions=obj.get("conditions") or "", legal_limit_days=_int(obj, "legal_limit_days"),
        promised_limit_days=_int(obj, "promised_limit_days"), visits=_int(obj, "visits"), fee=obj.get("fee") or "",
        location=obj.get("location") or "", phone=obj.get("phone") or "", online_url=obj.get("online_url") or "",
        basis=obj.get("basis") or "",
    )
    page = ServiceGuidePage.objects.filter(code=code).first()
    if page is None:
        index = GuideIndexPage.objects.first()
        if index is None:
            raise LineError("站点中没有“办事服务”栏目，无法加载办事指南")
        page = ServiceGuidePage(code=code, slug=code.lower().replace("_", "-")[:255], **fields)
        page.materials = [GuideMaterial(name=m["name"], copies=m.get("copies"), form=m.get("form") or "") for m in materials]
        index.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
        page.materials = [GuideMaterial(name=m["name"], copies=m.get("copies"), form=m.get("form") or "") for m in materials]
        page.save()
    _publish(page)


def load_bundle(obj):
    from cms.models import BundleGuide, BundlePage, GuideIndexPage, ServiceGuidePage

    code, name = _req(obj, "code"), _req(obj, "name")
    codes = _req(obj, "guides", list)
    guides = {g.code: g for g in ServiceGuidePage.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in guides]
    if missing:
        raise LineError("引用了不存在的办事指南编码：" + "、".join(missing))
    fields = dict(title=name, lead_department=obj.get("lead_department") or "",
                  promised_limit_days=_int(obj, "promised_limit_days"), visits=_int(obj, "visits"))
    page = BundlePage.objects.filter(code=code).first()
    links = [BundleGuide(guide=guides[c]) for c in codes]
    if page is None:
        index = GuideIndexPage.objects.first()
        if index is None:
            raise LineError("站点中没有“办事服务”栏目，无法加载一件事")
        page = BundlePage(code=code, slug=code.lower().replace("_", "-")[:255], **fields)
        page.bundle_guides = links
        index.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
        page.bundle_guides = links
        page.save()
    _publish(page)


def load_policy(obj):
    from cms.models import VALIDITY_CHOICES, PolicyDocumentPage, PolicyLibraryPage, Topic
    from publishing.models import Organ

    title = _req(obj, "title")
    issuers = _req(obj, "issuers", list)
    formed_on = _date(_req(obj, "formed_on"), "formed_on")
    published_on = _date(obj.get("published_on"), "published_on")
    validity = obj.get("validity") or "有效"
    if validity not in dict(VALIDITY_CHOICES):
        raise LineError(f"有效性应为 有效/失效/废止：{validity}")
    doc_number = obj.get("doc_number") or ""
    library = PolicyLibraryPage.objects.first()
    if library is None:
        raise LineError("站点中没有“政策文件库”栏目，无法加载政策文件")
    topic = None
    if obj.get("topic"):
        parts = str(obj["topic"]).replace("/", "\\").split("\\")
        topic, _ = Topic.objects.get_or_create(name=parts[0].strip(), parent=None)
        if len(parts) > 1:
            topic, _ = Topic.objects.get_or_create(name=parts[1].strip(), parent=topic)
    existing = PolicyDocumentPage.objects.filter(doc_number=doc_number) if doc_number else PolicyDocumentPage.objects.filter(title=title)
    page = existing.first()
    body = obj.get("body") or ""
    fields = dict(title=title, doc_number=doc_number, formed_on=formed_on, validity=validity, topic=topic,
                  body=body if body.lstrip().startswith("<") else "".join(f"<p>{p}</p>" for p in body.splitlines() if p.strip()))
    if page is None:
        page = PolicyDocumentPage(**fields)
        page.published_at = _stamp(published_on)
        library.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
        page.save()
    page.issuers.set([Organ.objects.get_or_create(name=n)[0] for n in issuers if isinstance(n, str) and n])
    _publish(page)


def load_catalogue_entry(obj):
    """A catalogue entry, published through the catalogue publication service (record, deadline, search)."""
    from openness_catalog.models import CatalogueItem, Column, Entry
    from openness_catalog.services import find_domain, publish_entry
    from publishing.services import PublishRefused

    column = Column.objects.filter(name=_req(obj, "column")).first()
    if column is None:
        raise LineError(f"栏目不存在：{obj['column']}")
    domain = find_domain(_req(obj, "domain"))
    if domain is None:
        raise LineError(f"领域不存在：{obj['domain']}")
    name = _req(obj, "item")
    items = CatalogueItem.objects.filter(column=column, domain=domain, level1=name)
    item = items.filter(level2="").first() or items.first() or CatalogueItem.objects.create(column=column, domain=domain, level1=name)
    published_on = _date(_req(obj, "published_on"), "published_on")
    title = _req(obj, "title")
    body = obj.get("body") or ""
    entry, created = Entry.objects.get_or_create(item=item, title=title, formed_on=published_on, defaults={"body": body})
    if not created and entry.body != body:
        entry.body = body
        entry.save(update_fields=["body"])
    if entry.status != Entry.PUBLISHED:
        try:
            publish_entry(entry, imported_published_on=published_on)
        except PublishRefused as exc:
            raise LineError("不能发布：" + "；".join(exc.reasons)) from exc
    elif not created:
        from search.outbox import enqueue

        enqueue(f"catalogue_entry:{entry.pk}", "index")


LOADERS = {"guide": load_guide, "bundle": load_bundle, "policy": load_policy, "catalogue_entry": load_catalogue_entry}


def load_lines(lines):
    report = LoadReport()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise LineError("每行应为一个 JSON 对象")
            kind = obj.get("kind")
            if kind not in LOADERS:
                raise LineError(f"未知的 kind：{kind!r}（应为 {'、'.join(LOADERS)}）")
            with transaction.atomic():
                LOADERS[kind](obj)
            report.count(kind)
        except json.JSONDecodeError as exc:
            report.errors.append((number, f"不是有效的 JSON：{exc.msg}（第{exc.colno}列）"))
        except LineError as exc:
            report.errors.append((number, str(exc)))
    from publishing.outbox import drain

    while drain():
        pass
    return report
