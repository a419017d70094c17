"""Content exchange (design §2.7): JSON lines of guides, bundles, policies and catalogue entries.

Each line loads in its own transaction; a bad line is reported with its number and skipped.
Loading is idempotent: guides and bundles on `code`, policies on 发文字号 (or title), entries on
(item, title, published_on).
"""
import itertools
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone


class LineError(Exception):
    pass


@dataclass
class LoadReport:
    loaded: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

    def count(self, kind):
        self.loaded[kind] = self.loaded.get(kind, 0) + 1


def validation_message(exc):
    """A Django ValidationError as one Chinese line: “字段：消息；…”."""
    if hasattr(exc, "message_dict"):
        return "；".join(f"{'' if k == '__all__' else k + '：'}{'、'.join(v)}" for k, v in exc.message_dict.items())
    return "；".join(exc.messages)


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
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise LineError(f"字段“{key}”应为非负整数：{value}")
    return value


def _stamp(day):
    return timezone.make_aware(datetime.combine(day, time(9, 0))) if day else timezone.now()


def _publish(page, created=False):
    """Publish (a page made by _create_live already is) and leave one pending outbox row for the page (the publish
    signal may already have written it)."""
    from search.outbox import enqueue

    if not created:
        page.save_revision().publish()
    enqueue(f"page-{page.pk}", "index", page)


def _create_live(parent, page):
    """Create a page already published, with its first revision: what add_child + save_revision().publish() leave
    behind, in one page save instead of three (a bulk load creates thousands). Fires page_published like Wagtail."""
    from wagtail.log_actions import log
    from wagtail.models import Page, Revision
    from wagtail.signals import page_published

    now = timezone.now()
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = now
    page.draft_title = page.title
    parent.add_child(instance=page)
    revision = Revision.objects.create(
        content_object=page, base_content_type=page.get_base_content_type(), content=page.serializable_data(), object_str=str(page)
    )
    Page.objects.filter(pk=page.pk).update(latest_revision=revision, live_revision=revision, latest_revision_created_at=revision.created_at)
    page.latest_revision = page.live_revision = revision
    page.latest_revision_created_at = revision.created_at
    log(instance=page, action="wagtail.create", content_changed=True)
    log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
    page_published.send(sender=type(page), instance=page, revision=revision)


def _text(obj, key, max_length=None, label=None):
    """An optional string field: a list of strings is joined one per line; numbers are accepted as text."""
    value = obj.get(key)
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n".join(v.strip() for v in value if v.strip())
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise LineError(f"字段“{key}”应为文本")
    value = value.strip()
    if max_length and len(value) > max_length:
        raise LineError(f"字段“{key}”{('（' + label + '）') if label else ''}过长：最多 {max_length} 个字符，实际 {len(value)} 个")
    return value


def _bool(value, key, default):
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip() in ("是", "需要", "可以", "true", "True", "1", "Y", "y"):
        return True
    if isinstance(value, str) and value.strip() in ("否", "不需要", "不可以", "false", "False", "0", "N", "n"):
        return False
    raise LineError(f"字段“{key}”应为 是/否：{value}")


def _materials(obj):
    from cms.guide_elements import MATERIAL_FORMS

    raw = obj.get("materials") or []
    if not isinstance(raw, list):
        raise LineError("字段“materials”应为材料列表")
    materials = []
    for number, item in enumerate(raw, start=1):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise LineError(f"第{number}项材料缺少名称（name）")
        form = (item.get("form") or "").strip()
        if form == "电子版":
            form = "电子"
        if form and form not in MATERIAL_FORMS:
            raise LineError(f"第{number}项材料“{item['name']}”的形式应为 原件/复印件/电子：{form}")
        copies = item.get("copies")
        if copies is not None and (not isinstance(copies, int) or isinstance(copies, bool) or copies < 0):
            raise LineError(f"第{number}项材料“{item['name']}”的份数应为非负整数：{copies}")
        materials.append(dict(
            name=item["name"].strip()[:200], form=form, copies=copies, source=_text(item, "source", 100, "来源"),
            paper_required=_bool(item.get("paper_required"), "paper_required", True),
            deferrable=_bool(item.get("deferrable"), "deferrable", False),
        ))
    return materials


def guide_values(obj):
    """Validate one guide object (design §2.7, extended) and return (code, page fields, materials)."""
    from cms.guide_elements import LIFE_EVENTS, faq_text
    from cms.item_codes import InvalidItemCode, parse_item_code
    from cms.models import SERVICE_OBJECT_CHOICES

    _req(obj, "code")
    try:
        parsed = parse_item_code(obj.get("code"))
        code = parsed.code
    except InvalidItemCode as exc:
        raise LineError(str(exc)) from exc
    name = _req(obj, "name").strip()
    if len(name) > 255:
        raise LineError(f"事项名称过长：最多 255 个字符，实际 {len(name)} 个")
    faq = obj.get("faq")
    if isinstance(faq, list) and all(isinstance(i, dict) for i in faq):
        faq = faq_text(faq)
        obj = {**obj, "faq": faq}
    life_event = _text(obj, "life_event")
    if life_event and life_event not in LIFE_EVENTS:
        raise LineError(f"生命周期阶段应为 {'、'.join(LIFE_EVENTS)} 之一：{life_event}")
    service_object = _text(obj, "service_object")
    if service_object and service_object not in dict(SERVICE_OBJECT_CHOICES):
        raise LineError(f"服务对象应为 个人/法人/个人和法人：{service_object}")
    online_url = _text(obj, "online_url", 200, "网上办理地址")
    if online_url and not online_url.startswith(("http://", "https://")):
        raise LineError(f"网上办理地址应以 http:// 或 https:// 开头：{online_url}")
    fields = dict(
        title=name, department=_text(obj, "department", 100, "实施主体"), item_type=_text(obj, "item_type", 30, "事项类型"),
        service_object=service_object, life_event=life_event,
        basis=_text(obj, "basis"), conditions=_text(obj, "conditions"), steps=_text(obj, "steps"),
        legal_limit_days=_int(obj, "legal_limit_days"), promised_limit_days=_int(obj, "promised_limit_days"),
        visits=_int(obj, "visits"), fee=_text(obj, "fee", 200, "收费") or "不收费",
        location=_text(obj, "location", 200, "办理地点"), hours=_text(obj, "hours", 200, "办理时间"),
        phone=_text(obj, "phone", 60, "咨询电话"), complaint_phone=_text(obj, "complaint_phone", 60, "监督投诉电话"),
        online_url=online_url, form_fields=_text(obj, "form_fields"), faq=_text(obj, "faq"),
    )
    for key in ("legal_limit_days", "promised_limit_days", "visits"):
        if fields[key] is not None and fields[key] > 32767:
            raise LineError(f"字段“{key}”过大：{fields[key]}")
    fields["item_type"] = fields["item_type"] or parsed.item_type
    return code, fields, _materials(obj)


def _guide_unchanged(page, fields, materials):
    if any(getattr(page, key) != value for key, value in fields.items()):
        return False
    current = [dict(name=m.name, form=m.form, copies=m.copies, source=m.source, paper_required=m.paper_required,
                    deferrable=m.deferrable) for m in page.materials.all()]
    return current == materials and page.live and not page.has_unpublished_changes


def load_guide(obj, touched=None):
    """Create or update a guide by 事项编码 and publish it. Returns "created", "updated" or "unchanged"."""
    from cms.models import GuideIndexPage, GuideMaterial, ServiceGuidePage

    code, fields, materials = guide_values(obj)
    page = ServiceGuidePage.objects.filter(code=code).first()
    if page is not None and _guide_unchanged(page, fields, materials):
        return "unchanged"
    if page is None:
        index = GuideIndexPage.objects.first()
        if index is None:
            raise LineError("站点中没有“办事服务”栏目，无法加载办事指南")
        page = ServiceGuidePage(code=code, slug=code.lower()[:255], **fields)
        page.materials = [GuideMaterial(sort_order=i, **m) for i, m in enumerate(materials)]
        _create_live(index, page)
        outcome = "created"
    else:
        for key, value in fields.items():
            setattr(page, key, value)
        page.materials = [GuideMaterial(sort_order=i, **m) for i, m in enumerate(materials)]
        page.save()
        outcome = "updated"
    _publish(page, created=outcome == "created")
    if touched is not None:
        touched.add(page.pk)
    return outcome


def _merges(obj, key):
    raw = obj.get(key) or []
    if not isinstance(raw, list) or any(
        not isinstance(m, dict) or not isinstance(m.get("name"), str) or not isinstance(m.get("merged_into"), str) for m in raw
    ):
        raise LineError(f"字段“{key}”应为列表，每项须有 name 和 merged_into")
    return [(m["name"].strip(), m["merged_into"].strip()) for m in raw if m["name"].strip() and m["merged_into"].strip()]


def load_bundle(obj, touched=None):
    """Create or update a 一件事 by code with its ordered guides and confirmed merges, and publish it."""
    import re

    from cms.guide_elements import LIFE_EVENTS
    from cms.models import BundleGuide, BundlePage, FormFieldMerge, GuideIndexPage, MaterialMerge, ServiceGuidePage

    code, name = _req(obj, "code").strip(), _req(obj, "name").strip()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,59}", code):
        raise LineError(f"一件事编码只能包含字母、数字、“-”和“_”，最长 60 个字符：{code}")
    codes = _req(obj, "guides", list)
    if any(not isinstance(c, str) for c in codes):
        raise LineError("字段“guides”应为办事指南编码列表")
    codes = [c.strip().upper() for c in codes]
    guides = {g.code: g for g in ServiceGuidePage.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in guides]
    if missing:
        raise LineError("引用了不存在的办事指南编码：" + "、".join(missing))
    life_event = _text(obj, "life_event")
    if life_event and life_event not in LIFE_EVENTS:
        raise LineError(f"生命周期阶段应为 {'、'.join(LIFE_EVENTS)} 之一：{life_event}")
    fields = dict(title=name, lead_department=_text(obj, "lead_department", 100, "牵头部门"),
                  promised_limit_days=_int(obj, "promised_limit_days"), visits=_int(obj, "visits"),
                  life_event=life_event, intro=_text(obj, "intro"))
    material_merges = _merges(obj, "material_merges")
    field_merges = _merges(obj, "field_merges")
    page = BundlePage.objects.filter(code=code).first()
    if page is not None and page.live and not page.has_unpublished_changes and all(
        getattr(page, k) == v for k, v in fields.items()
    ) and [bg.guide_id for bg in page.bundle_guides.all()] == [guides[c].pk for c in codes] and [
        (m.name, m.merged_into) for m in page.material_merges.all()
    ] == material_merges and [(m.name, m.merged_into) for m in page.field_merges.all()] == field_merges:
        return "unchanged"
    links = [BundleGuide(guide=guides[c], sort_order=i) for i, c in enumerate(codes)]  # explicit: PostgreSQL keeps no insertion order
    if page is None:
        index = GuideIndexPage.objects.first()
        if index is None:
            raise LineError("站点中没有“办事服务”栏目，无法加载一件事")
        page = BundlePage(code=code, slug=code.lower().replace("_", "-")[:255], **fields)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
    page.bundle_guides = links
    page.material_merges = [MaterialMerge(name=n, merged_into=m, sort_order=i) for i, (n, m) in enumerate(material_merges)]
    page.field_merges = [FormFieldMerge(name=n, merged_into=m, sort_order=i) for i, (n, m) in enumerate(field_merges)]
    outcome = "created" if page.pk is None else "updated"
    if page.pk is None:
        _create_live(index, page)
    else:
        page.save()
    _publish(page, created=outcome == "created")
    if touched is not None:
        touched.add(page.pk)
    return outcome


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


CHUNK = 100  # lines per transaction; each line has its own savepoint, so a bad line never takes others with it


def index_pending(limit=2000):
    """Apply pending outbox rows in batches: one upsert/delete call per engine instead of one per row.

    Used after a bulk load; rows whose engine write fails stay in the outbox for the beat retry.
    """
    from publishing.models import SearchOutbox
    from search.documents import analysed
    from search.indexing import document_for_key, engines

    rows = list(SearchOutbox.objects.select_related("page").order_by("id")[:limit])
    if not rows:
        return 0
    upserts, deletes, seen = [], [], set()
    for row in reversed(rows):  # the newest row per key decides
        if row.object_key in seen:
            continue
        seen.add(row.object_key)
        doc = None if row.action == "delete" else document_for_key(row.object_key, row.page)
        if doc is None:
            deletes.append(row.object_key)
        else:
            upserts.append(analysed(doc))
    if any(d["type"] in ("guide", "bundle") for d in upserts):
        from search.vocabulary import add_names

        add_names([d["title"] for d in upserts if d["type"] in ("guide", "bundle")])
    try:
        for engine in engines():
            if upserts:
                engine.upsert(upserts)
            if deletes:
                engine.delete(deletes)
    except Exception as exc:  # noqa: BLE001 — engine down: keep the rows, the beat retry applies them one by one
        import logging

        logging.getLogger("gongkai.importers").warning("batch indexing failed, rows kept in the outbox: %s", exc)
        return 0
    SearchOutbox.objects.filter(pk__in=[r.pk for r in rows]).delete()
    return len(rows)


@contextmanager
def bulk_page_updates(touched):
    """During a bulk load, refresh Wagtail's own search and reference indexes once per page instead of once per save.

    touched: a set the loaders add page ids to; on exit the pages still existing are (re)indexed.
    """
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from cms.models import BundlePage, ServiceGuidePage

    senders = [m for m in (ServiceGuidePage, BundlePage) if post_save.disconnect(post_save_signal_handler, sender=m)]
    purge = _suspend_page_cache_purge()
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in senders:
            post_save.connect(post_save_signal_handler, sender=model)
        purge()
    _refresh_wagtail_indexes(touched)


def _suspend_page_cache_purge():
    """The portal purges cached HTML per published page; a bulk load purges everything once at the end instead.

    Returns the function that restores the per-page purge and drops all cached pages.
    """
    try:
        from wagtail.signals import page_published

        from portal import cache as page_cache
        from portal.signals import on_page_change
    except ImportError:
        return lambda: None
    uid = "portal-purge-published"
    if not page_published.disconnect(on_page_change, dispatch_uid=uid):
        return lambda: None

    def restore():
        page_published.connect(on_page_change, dispatch_uid=uid)
        page_cache.purge_all()
        transaction.on_commit(page_cache.purge_all)

    return restore


def _refresh_wagtail_indexes(page_ids):
    """Wagtail's reference index (usage counts) per page, and its admin search index in one bulk call per model."""
    from modelsearch.backends import get_search_backends
    from wagtail.models import Page, ReferenceIndex

    by_model = {}
    for page in Page.objects.filter(pk__in=list(page_ids)).specific().iterator(chunk_size=200):
        ReferenceIndex.create_or_update_for_object(page)
        by_model.setdefault(type(page), []).append(page)
    for backend in get_search_backends(with_auto_update=True):
        for model, pages in by_model.items():
            try:
                backend.add_bulk(model, pages)
            except Exception:  # noqa: BLE001 — the admin search index is a convenience; the pages are saved
                pass


def _load_one(number, line, report, touched):
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise LineError("每行应为一个 JSON 对象")
        kind = obj.get("kind")
        if kind not in LOADERS:
            raise LineError(f"未知的 kind：{kind!r}（应为 {'、'.join(LOADERS)}）")
        with transaction.atomic():
            LOADERS[kind](obj, touched=touched) if kind in ("guide", "bundle") else LOADERS[kind](obj)
        report.count(kind)
    except json.JSONDecodeError as exc:
        report.errors.append((number, f"不是有效的 JSON：{exc.msg}（第{exc.colno}列）"))
    except LineError as exc:
        report.errors.append((number, str(exc)))
    except ValidationError as exc:
        report.errors.append((number, validation_message(exc)))
    except DatabaseError as exc:
        report.errors.append((number, f"数据库拒绝保存此行：{str(exc).splitlines()[0][:200]}"))


def load_lines(lines):
    """Load JSON lines; CHUNK lines share a transaction, each line its own savepoint. Then index what was loaded."""
    report = LoadReport()
    touched = set()
    numbered = ((n, line) for n, line in enumerate(lines, start=1) if line.strip())
    with bulk_page_updates(touched):
        while True:
            chunk = list(itertools.islice(numbered, CHUNK))
            if not chunk:
                break
            with transaction.atomic():
                transaction.on_commit(index_pending)  # registered first: runs before the per-page worker kicks
                for number, line in chunk:
                    _load_one(number, line, report, touched)
    while index_pending():
        pass
    return report
