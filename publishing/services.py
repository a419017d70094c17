"""Publication service objects (Whitehall style): each lists its failure reasons before it acts."""
import logging

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from publishing import deadlines, workdays
from publishing.status import deadline_status

logger = logging.getLogger("gongkai.publishing")


class PublishRefused(Exception):
    def __init__(self, reasons):
        super().__init__("；".join(reasons))
        self.reasons = reasons


def _active_blocks(doc):
    cleared = {o.get("code") for o in doc.overrides or []}
    return [c for c in doc.checks if c.get("severity") == "block" and c.get("code") not in cleared]


def reasons_not_to_publish(doc):
    """Why this imported document may not be published proactively now (empty list: it may)."""
    from cms.models import PolicyDocumentPage

    reasons = []
    if doc.status == "failed":
        reasons.append(f"文件导入失败，无法公开：{doc.error}")
        return reasons
    for check in _active_blocks(doc):
        reasons.append(check["message"])
    disclosure = doc.oa_disclosure or (doc.parsed or {}).get("disclosure") or "主动公开"
    if disclosure != "主动公开":
        reason = f"公开属性为“{disclosure}”，不能主动公开"
        if not any(disclosure in r for r in reasons):
            reasons.append(reason)
    if not doc.title:
        reasons.append("缺少标题")
    if not doc.formed_on:
        reasons.append("缺少成文日期")
    if doc.status == "published" or (
        doc.external_id and PolicyDocumentPage.objects.filter(source_key=doc.external_id, source_version__gte=doc.version).exists()
    ):
        reasons.append("该文件的此版本已经公开，无需重复公开")
    return reasons


def _organs(doc):
    from publishing.models import Organ

    organs = []
    for name in doc.issuers or []:
        organ, _ = Organ.objects.get_or_create(name=name)
        organs.append(organ)
    return organs


def _library():
    from cms.models import PolicyLibraryPage

    library = PolicyLibraryPage.objects.live().first() or PolicyLibraryPage.objects.first()
    if library is None:
        raise PublishRefused(["站点中没有“政策文件库”栏目，请先创建"])
    return library


def publish(doc, by=None, *, automatic=False):
    """一键公开: create or update the policy page, stamp the publication, record it, enqueue indexing."""
    from importers.models import ImportedDocument

    try:
        with transaction.atomic():
            doc = ImportedDocument.objects.select_for_update().get(pk=doc.pk)
            reasons = reasons_not_to_publish(doc)
            if reasons:
                raise PublishRefused(reasons)
            page = _write_page(doc)
            record = _record(doc, page)
            _enqueue_index(page)
            doc.status = "published"
            doc.save(update_fields=["status"])
            log(instance=doc, action="gongkai.publish", user=by,
                data={"mode": "自动公开" if automatic else "一键公开", "record": record.pk, "page": page.pk})
            transaction.on_commit(_kick_outbox)
    except PublishRefused as exc:
        log(instance=doc, action="gongkai.publish_refused", user=by, data={"reasons": exc.reasons})
        raise
    return page


def _write_page(doc):
    from cms.models import PolicyDocumentPage

    now = timezone.now()
    organs = _organs(doc)
    page = PolicyDocumentPage.objects.filter(source_key=doc.external_id).first() if doc.external_id else None
    fields = dict(
        title=doc.title[:255], doc_number=doc.doc_number, formed_on=doc.formed_on,
        doc_type=(doc.parsed or {}).get("doc_type") or "", body=doc.body_html, disclosure="主动公开",
        source_version=doc.version,
    )
    if page is None:
        page = PolicyDocumentPage(source_key=doc.external_id or f"import-{doc.pk}", **fields)
        _library().add_child(instance=page)
        page.published_at = now
        if organs:
            from publishing.index_numbers import next_index_number

            page.index_number = next_index_number(organs[0], now.date())
    else:
        for key, value in fields.items():
            setattr(page, key, value)
    page.issuers.set(organs)
    page.save()
    page.save_revision().publish()
    return page


def _record(doc, page):
    from publishing.models import PublicationRecord

    now = timezone.now()
    today = timezone.localdate()
    formed = doc.changed_on or doc.formed_on
    deadline = doc.deadline or deadlines.create_proactive(formed)
    deadline.done_on = today
    deadline.save(update_fields=["done_on"])
    try:
        taken = workdays.working_days_between(formed, today)
    except workdays.CalendarNotAvailable:
        taken = workdays.get_default_calendar().working_days_between_provisional(formed, today)
    status = deadline_status(deadline.due_on, today, today)
    organs = list(page.issuers.all())
    return PublicationRecord.objects.create(
        title=page.title, doc_type="policy", department=organs[0] if organs else None, page=page,
        source_key=doc.external_id or f"import-{doc.pk}", version=doc.version, formed_on=formed,
        received_at=doc.received_at, checks_passed_at=now, published_at=now, deadline=deadline,
        due_on=deadline.due_on, working_days_taken=taken, status=status.code,
    )


def _enqueue_index(page):
    from publishing.models import SearchOutbox

    SearchOutbox.objects.create(page=page, object_key=f"page-{page.pk}", action="index")


def _kick_outbox():
    from publishing.tasks import process_outbox

    try:
        process_outbox.delay()
    except Exception:  # noqa: BLE001 — broker down: the beat retry picks the rows up later
        logger.warning("could not enqueue outbox processing; beat will retry")


WITHDRAW = "withdraw"
VALIDITY_CHANGES = {"失效", "废止"}


def withdraw(page, by=None, *, reason, kind=WITHDRAW, replaced_by=None, effective_on=None):
    """撤回 (published in error: unpublish, a notice stays at the URL) or 失效/废止 (the page stays, bannered).

    Both are audited and both reach the search index through the outbox.
    """
    if not reason:
        raise ValueError("撤回或变更有效性必须填写理由")
    from publishing.models import SearchOutbox

    page = page.specific
    with transaction.atomic():
        if kind == WITHDRAW:
            page.withdrawn_reason = reason
            page.withdrawn_at = timezone.now()
            page.save(update_fields=["withdrawn_reason", "withdrawn_at"])
            page.unpublish(user=by, log_action=None)
            SearchOutbox.objects.create(page=page, object_key=f"page-{page.pk}", action="delete")
            from importers.models import ImportedDocument

            ImportedDocument.objects.filter(external_id=page.source_key).update(status="withdrawn")
        elif kind in VALIDITY_CHANGES:
            page.validity = kind
            page.validity_changed_on = effective_on or timezone.localdate()
            if replaced_by is not None:
                page.replaced_by = replaced_by
            page.save_revision(user=by, log_action=False).publish(user=by, log_action=False)
            _enqueue_index(page)
        else:
            raise ValueError(f"未知的操作：{kind}")
        log(instance=page, action="gongkai.withdraw", user=by, data={"kind": kind, "reason": reason})
        transaction.on_commit(_kick_outbox)
    return page


PERSONAL_DATA_CODES = {"personal_id_number", "mobile_number", "bank_card_number"}


def _is_site_admin(user):
    from cms.roles import SITE_ADMIN

    return bool(user and (user.is_superuser or user.groups.filter(name=SITE_ADMIN).exists()))


def override_check(doc, code, by, reason):
    """Clear one check with a logged reason.

    A *warn* may be overridden by any officer who can publish. A *block* can only be cleared by fixing the
    source, except a false-positive personal-data hit, which an administrator may clear.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("处理检查项必须填写理由")
    check = next((c for c in doc.checks if c.get("code") == code), None)
    if check is None:
        raise ValueError("该文件没有这项检查结果")
    if check["severity"] == "block":
        if code not in PERSONAL_DATA_CODES:
            raise ValueError("该项属于禁止公开的情形，只能修改源文件后重新导入")
        if not _is_site_admin(by):
            raise ValueError("个人信息误报只能由站点管理员确认解除")
    elif not (by and by.has_perm("importers.publish_importeddocument")):
        raise ValueError("没有处理检查提醒的权限")
    with transaction.atomic():
        doc.overrides = [o for o in doc.overrides or [] if o.get("code") != code] + [
            {"code": code, "by": by.get_username(), "reason": reason, "at": timezone.now().isoformat()}
        ]
        if doc.status == "blocked" and not _active_blocks(doc):
            doc.status = "ready"
        doc.save(update_fields=["overrides", "status"])
        log(instance=doc, action="gongkai.override", user=by, data={"code": code, "reason": reason, "message": check["message"]})
    return doc
