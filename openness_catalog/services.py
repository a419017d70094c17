"""Catalogue services. Each lists its refusal reasons before it acts (like publishing.services).

publish_entry(entry, by)       — through the publication gate: system-stamped published_at, record with deadline
withdraw_entry(entry, by, reason) — off the public site and out of the index; the record stays
load_entry(...)                — the content-exchange loader's entry, created or updated and published
refresh_item(item) / refresh_items(qs) — newest entry and the 待更新 due date
rename_domain / merge_domains  — with history (DomainChange), old names keep resolving

Catalogue items are public as soon as they are saved, so the gate guards every save of one (openness_catalog.apps).
"""
import logging

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.log_actions import log

from openness_catalog import permissions, staleness
from openness_catalog.models import ENTRY_KEY, CatalogueItem, Column, Domain, DomainChange, Entry
from publishing import deadlines, events, gate, services, workdays
from publishing.gate import PublishRefused
from publishing.html import html_to_text
from publishing.models import Deadline, Organ, PublicationRecord

logger = logging.getLogger("gongkai.catalogue")

DOC_TYPE = "catalogue_entry"


def entry_key(entry):
    return ENTRY_KEY.format(entry.pk)


def reasons_not_to_publish(entry, by=None, today=None):
    """Why this entry may not be published now (empty list: it may): the catalogue's rules, then the gate."""
    today = today or timezone.localdate()
    reasons = []
    if by is not None and not permissions.can_edit_column(by, entry.item.column):
        reasons.append(permissions.refusal(by, entry.item.column))
    if entry.status == entry.PUBLISHED:
        reasons.append("该信息已经发布，无需重复发布")
    if not (entry.title or "").strip():
        reasons.append("缺少标题")
    if not entry.formed_on:
        reasons.append("缺少形成日期")
    elif entry.formed_on > today:
        reasons.append(f"形成日期{entry.formed_on:%Y年%m月%d日}晚于今天，请核对")
    if not (entry.body or "").strip() and not entry.attachment:
        reasons.append("正文和附件至少填写一项")
    if entry.item.domain.merged_into_id:
        reasons.append(f"领域“{entry.item.domain.name}”已并入“{entry.item.domain.merged_into.name}”，请将事项移到新领域后再发布")
    if entry.title and entry.formed_on:
        reasons.extend(gate.refusals(entry, today))
    return reasons


def warnings(entry):
    return [c.message for c in gate.open_warnings(entry)] if entry.formed_on else []


def _organ(entry):
    return Organ.objects.get_or_create(name=entry.organ_name())[0]


def _record_facts(entry, day):
    """The deadline of this entry under its item's rule (catalogue 时限: working days, or a calendar period)."""
    rule = entry.item.rule
    due, _ = staleness.entry_deadline(rule, entry.formed_on, workdays.get_default_calendar())
    deadline = None
    if rule.kind != "calendar_days":
        computed = deadlines.compute(entry.formed_on, rule.deadline_working_days)
        deadline = Deadline.objects.create(
            kind=Deadline.PROACTIVE, start_on=entry.formed_on, working_days=rule.deadline_working_days,
            due_on=computed.due_on, provisional=computed.provisional,
            provisional_reason=computed.reason if computed.provisional else "", explanation=computed.explanation,
            done_on=day,
        )
    version = (PublicationRecord.objects.filter(source_key=entry_key(entry)).aggregate(v=Max("version"))["v"] or 0) + 1
    return {"deadline": deadline, "version": version}, due


def publish_entry(entry, by=None, *, imported_published_on=None, mode="catalogue"):
    """Publish one entry through the gate: refuse with every reason first; otherwise stamp, record, announce.

    The publication time is the system clock. Only the content-exchange loader and the demo, which carry
    information already published elsewhere (design §2.7 `published_on`), pass imported_published_on — a
    past date that becomes the stamp (09:00 that day); editors have no way to set it.
    """
    original = entry
    try:
        with transaction.atomic():
            entry = Entry.objects.select_for_update().select_related("item__column", "item__domain").get(pk=entry.pk)
            reasons = reasons_not_to_publish(entry, by)
            if reasons:
                raise PublishRefused(reasons)
            published_at = services.stamp_of(imported_published_on)
            if published_at is not None and published_at > timezone.now():
                published_at = None
            day = timezone.localdate(published_at or timezone.now())
            extra, due = _record_facts(entry, day)
            entry.facts_due_on = due
            record = services.publish(entry, by=by, mode=mode, published_at=published_at, record=extra)
            entry.record = record
            entry.save(update_fields=["record"])
            refresh_item(entry.item)
    except PublishRefused as exc:
        log(instance=original, action="gongkai.publish_refused", user=by, data={"reasons": exc.reasons})
        raise
    for name in ("unit", "published_at", "status", "withdrawn_reason", "record_id"):
        setattr(original, name, getattr(entry, name))
    return entry


def withdraw_entry(entry, by=None, *, reason):
    """撤回: off the public site and out of the search index. The PublicationRecord stays as history."""
    entry = Entry.objects.select_related("item__column").get(pk=entry.pk)
    reasons = []
    if not (reason or "").strip():
        reasons.append("撤回必须填写理由")
    if by is not None and not permissions.can_edit_column(by, entry.item.column):
        reasons.append(permissions.refusal(by, entry.item.column))
    if entry.status != Entry.PUBLISHED:
        reasons.append("该信息尚未发布，无需撤回")
    if reasons:
        raise PublishRefused(reasons)
    with transaction.atomic():
        services.withdraw(entry, by=by, reason=reason)
        refresh_item(entry.item)
    return entry


# The 26 domains of the State Council's 基层政务公开标准指引 (国办发〔2019〕54号 and the ministries' 标准指引).
NATIONAL_DOMAINS = [
    "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "税收管理", "国有土地上房屋征收与补偿",
    "农村集体土地征收", "保障性住房", "农村危房改造", "生态环境", "公共文化服务", "公共法律服务",
    "扶贫", "救灾", "食品药品监管", "城市综合执法", "就业", "社会保险", "社会救助", "养老服务",
    "户籍管理", "涉农补贴", "义务教育", "卫生健康", "市政服务", "城乡规划",
]


def ensure_national_domains():
    """The national domains, each created unless it (or the domain it was renamed or merged into) exists."""
    for order, name in enumerate(NATIONAL_DOMAINS):
        if find_domain(name) is None:
            Domain.objects.create(name=name, sort_order=order, national=True)


def ensure_column(name, parent=None):
    """The catalogue column of this name, created (after the existing ones) if missing."""
    column = Column.objects.filter(name=name).first()
    if column is None:
        last = Column.objects.aggregate(last=Max("sort_order"))["last"]
        column = Column.objects.create(name=name, parent=parent, sort_order=0 if last is None else last + 1)
    return column


def load_entry(*, column, domain, item, title, published_on, body=""):
    """The loader's catalogue entry (design §2.7): created or updated by (item, title, date) and published.
    Returns "created", "updated" or "unchanged". On a database without any column the named column is created;
    otherwise a missing column is refused (a typo must not open a new column). The national domains are created;
    LookupError names any other missing domain. An entry's body is plain text (shown escaped): an HTML body keeps
    its visible text, one line per block."""
    if body.lstrip().startswith("<"):
        body = html_to_text(body)
    column_obj = Column.objects.filter(name=column.strip()).first()
    if column_obj is None:
        if Column.objects.exists():  # a misspelt name must not open a new column on the public matrix
            names = "、".join(Column.objects.order_by("sort_order").values_list("name", flat=True)[:12])
            raise LookupError(f"栏目不存在：{column}（现有栏目：{names}）")
        column_obj = ensure_column(column.strip()[:40])  # a freshly migrated database: design §2.7
    domain_obj = find_domain(domain)
    if domain_obj is None and domain.strip() in NATIONAL_DOMAINS:
        ensure_national_domains()
        domain_obj = find_domain(domain)
    if domain_obj is None:
        raise LookupError(f"领域不存在：{domain}")
    items = CatalogueItem.objects.filter(column=column_obj, domain=domain_obj, level1=item)
    item_obj = items.filter(level2="").first() or items.first() or CatalogueItem.objects.create(
        column=column_obj, domain=domain_obj, level1=item)
    entry, created = Entry.objects.get_or_create(item=item_obj, title=title, formed_on=published_on, defaults={"body": body})
    if entry.status == Entry.PUBLISHED and entry.body == body:
        return "unchanged"
    if entry.status == Entry.PUBLISHED:  # live content changes: the gate checks it on save, the index hears of it
        entry.body = body
        entry.save(update_fields=["body"])
        events.announce_published(entry, mode="loader")
        return "updated"
    if entry.body != body:
        entry.body = body
        entry.save(update_fields=["body"])
    publish_entry(entry, imported_published_on=published_on, mode="loader")
    return "created" if created else "updated"


# ---------------------------------------------------------------------------- staleness


def _due(item, last_published_at, calendar):
    last_on = timezone.localdate(last_published_at) if last_published_at else timezone.localdate(item.created_at)
    return staleness.next_update_due(item.rule, last_on, calendar)


def refresh_item(item):
    last = Entry.objects.filter(item_id=item.pk, status=Entry.PUBLISHED).aggregate(m=Max("published_at"))["m"]
    item.last_published_at = last
    item.update_due_on = _due(item, last, workdays.get_default_calendar())
    CatalogueItem.objects.filter(pk=item.pk).update(last_published_at=last, update_due_on=item.update_due_on)
    return item


def refresh_items(queryset=None, batch_size=2000):
    """Recompute last update and due date for many items with one aggregate query (calendar changes, imports)."""
    queryset = CatalogueItem.objects.all() if queryset is None else queryset
    latest = dict(
        Entry.objects.filter(status=Entry.PUBLISHED, item__in=queryset).values("item_id")
        .annotate(m=Max("published_at")).values_list("item_id", "m")
    )
    calendar = workdays.get_default_calendar()
    changed = []
    for item in queryset.only("id", "created_at", "time_limit_kind", "time_limit_days", "time_limit_months",
                              "last_published_at", "update_due_on"):
        last = latest.get(item.pk)
        due = _due(item, last, calendar)
        if (item.last_published_at, item.update_due_on) != (last, due):
            item.last_published_at, item.update_due_on = last, due
            changed.append(item)
    CatalogueItem.objects.bulk_update(changed, ["last_published_at", "update_due_on"], batch_size=batch_size)
    return len(changed)


# ---------------------------------------------------------------------------- domains


def find_domain(name):
    """The active domain for a name, following renames and merges (扶贫 → 乡村振兴)."""
    name = (name or "").strip()
    domain = Domain.objects.filter(name=name).first()
    seen = set()
    while domain is not None and domain.merged_into_id and domain.pk not in seen:
        seen.add(domain.pk)
        domain = domain.merged_into
    if domain is None:
        domain = next((d for d in Domain.active.exclude(former_names=[]) if name in (d.former_names or [])), None)
    return domain


def _reindex_domain(domain):
    """Entries show their domain's name: each is announced again (search and the page cache follow)."""
    for entry in Entry.objects.filter(item__domain=domain, status=Entry.PUBLISHED):
        events.announce_published(entry, mode="catalogue")


def rename_domain(domain, new_name, by=None, reason=""):
    new_name = (new_name or "").strip()
    if not new_name:
        raise ValueError("新名称不能为空")
    if new_name == domain.name:
        raise ValueError("新名称与原名称相同")
    if Domain.objects.filter(name=new_name).exclude(pk=domain.pk).exists():
        raise ValueError(f"已有名为“{new_name}”的领域；如需合并请使用“合并领域”")
    with transaction.atomic():
        old = domain.name
        domain.former_names = [n for n in (domain.former_names or []) if n != new_name] + [old]
        domain.name = new_name
        domain.save(update_fields=["name", "former_names"])
        DomainChange.objects.create(domain=domain, kind=DomainChange.RENAME, old_name=old, new_name=new_name, reason=reason, changed_by=by)
        _reindex_domain(domain)
    return domain


def merge_domains(source, target, by=None, reason=""):
    """Move every item of `source` into `target`; `source` stays as history, pointing at `target`."""
    if source.pk == target.pk:
        raise ValueError("不能把领域并入它自己")
    if target.merged_into_id:
        raise ValueError(f"“{target.name}”已并入其他领域，请选择仍在使用的领域")
    if source.merged_into_id:
        raise ValueError(f"“{source.name}”已经并入“{source.merged_into.name}”")
    with transaction.atomic():
        moved = list(source.items.values_list("pk", flat=True))
        source.items.update(domain=target)
        source.merged_into = target
        source.save(update_fields=["merged_into"])
        target.former_names = [n for n in (target.former_names or []) if n != source.name] + [source.name]
        target.save(update_fields=["former_names"])
        DomainChange.objects.create(
            domain=source, kind=DomainChange.MERGE, old_name=source.name, new_name=target.name, target=target,
            moved_items=moved, reason=reason, changed_by=by,
        )
        _reindex_domain(target)
    return target
