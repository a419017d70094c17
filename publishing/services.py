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
            _link_references(page)
            _attach_interpretation(doc, page)
            record = _record(doc, page)
            _enqueue_index(page)
            doc.status = "published"
            doc.save(update_fields=["status"])
            log(instance=doc, action="gongkai.publish", user=by,
                data={"mode": "自动公开" if automatic else "一键公开", "record": record.pk, "page": page.pk})
            _kick_after_commit(page)
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


def _link_references(page):
    """Store the 发文字号 this body cites, link the ones Gongkai has, and re-link earlier citers of this page."""
    from cms.models import PolicyDocumentPage, PolicyReference
    from publishing.crossrefs import cited_numbers, link_numbers

    numbers = cited_numbers(page.body, own=page.doc_number)
    PolicyReference.objects.filter(source=page).exclude(doc_number__in=numbers).delete()
    for number in numbers:
        PolicyReference.objects.get_or_create(source=page, doc_number=number)
    targets = {p.doc_number: p.url for p in PolicyDocumentPage.objects.live().filter(doc_number__in=numbers) if p.url}
    linked = link_numbers(page.body, targets)
    if linked != page.body:
        page.body = linked
        page.save(update_fields=["body"])
        page.save_revision().publish()
    if page.doc_number and page.url:
        for citer in PolicyDocumentPage.objects.live().filter(outgoing_references__doc_number=page.doc_number).exclude(pk=page.pk):
            relinked = link_numbers(citer.body, {page.doc_number: page.url})
            if relinked != citer.body:
                citer.body = relinked
                citer.save_revision().publish()


def _attach_interpretation(doc, page):
    """An OA file with role `interpretation` becomes the 解读 of its main document."""
    from cms.models import InterpretationPage
    from importers.errors import ImportFailed
    from importers.gongwen import parse
    from importers.readers import read_document

    for stored in doc.files.filter(role="interpretation"):
        if InterpretationPage.objects.filter(policy=page, slug=f"jd-{page.pk}-{stored.pk}").exists():
            continue
        try:
            parsed = parse(read_document(stored.file.path))
            title, body = parsed.title or f"《{page.title}》政策解读", parsed.body_html
        except ImportFailed as exc:
            logger.warning("interpretation %s unreadable: %s", stored.pk, exc.message)
            continue
        interp = InterpretationPage(title=title[:255], slug=f"jd-{page.pk}-{stored.pk}", policy=page, body=body)
        page.get_parent().add_child(instance=interp)
        interp.published_at = timezone.now()
        interp.save_revision().publish()
        _enqueue_index(interp)


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
    from search.outbox import enqueue

    enqueue(f"page-{page.pk}", "index", page)  # one pending row per page (the publish signal may have written it)


def _kick_after_commit(page):
    from search.outbox import kick

    kick(f"page-{page.pk}", dedupe=True)  # the page-publish signal may already have asked for a drain


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
    from search.outbox import enqueue

    page = page.specific
    with transaction.atomic():
        if kind == WITHDRAW:
            page.withdrawn_reason = reason
            page.withdrawn_at = timezone.now()
            page.save(update_fields=["withdrawn_reason", "withdrawn_at"])
            page.unpublish(user=by, log_action=None)
            enqueue(f"page-{page.pk}", "delete", page)
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
        _kick_after_commit(page)
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



AUTO_PUBLISH_USERNAME = "auto-publish"


def system_user():
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=AUTO_PUBLISH_USERNAME, defaults={"first_name": "自动公开", "is_active": False}
    )
    return user


def maybe_auto_publish(doc):
    """Automatic mode per department: an OA document marked 主动公开 that passes every check publishes on arrival."""
    from publishing.models import Organ

    if doc.source != "oa" or doc.oa_disclosure != "主动公开" or doc.status != "ready":
        return None
    if any(c.get("severity") == "warn" for c in doc.checks or []):
        return None  # a warning needs a person to look
    lead = (doc.issuers or [None])[0]
    if not lead or not Organ.objects.filter(name=lead, auto_publish=True).exists():
        return None
    try:
        return publish(doc, by=system_user(), automatic=True)
    except PublishRefused:
        return None


def schedule(doc, when, by):
    """定时公开: refuse now if it could not be published, otherwise publish within a minute of `when`."""
    reasons = reasons_not_to_publish(doc)
    if reasons:
        raise PublishRefused(reasons)
    if when <= timezone.now():
        raise PublishRefused(["定时公开的时间必须晚于当前时间"])
    doc.scheduled_at, doc.scheduled_by = when, by
    doc.save(update_fields=["scheduled_at", "scheduled_by"])
    log(instance=doc, action="gongkai.schedule", user=by, data={"at": when.isoformat()})
    return doc


def publish_due_scheduled(now=None):
    """Run by beat every minute. Returns (published, refused) counts."""
    from importers.models import ImportedDocument

    now = now or timezone.now()
    published = refused = 0
    for doc in ImportedDocument.objects.filter(scheduled_at__lte=now, status__in=["ready", "blocked"]):
        try:
            publish(doc, by=doc.scheduled_by)
            published += 1
        except PublishRefused:
            refused += 1
            ImportedDocument.objects.filter(pk=doc.pk).update(scheduled_at=None)
    return published, refused


def overdue_scheduled_count(now=None, grace_seconds=60):
    """Whitehall-style gauge: scheduled items whose time has passed by more than a minute but are not live."""
    from datetime import timedelta

    from importers.models import ImportedDocument

    now = now or timezone.now()
    return ImportedDocument.objects.filter(
        scheduled_at__lt=now - timedelta(seconds=grace_seconds), status__in=["ready", "blocked"]
    ).count()


INTERPRETATION_WORKING_DAYS = 3  # 郑州 practice; a national rule was not found (domain §3), so it is a setting


def policies_missing_interpretation(today=None):
    """Major policies published more than N working days ago that still have no 解读 (officer dashboard flag)."""
    from django.conf import settings

    from cms.models import InterpretationPage, PolicyDocumentPage

    limit = getattr(settings, "INTERPRETATION_WORKING_DAYS", INTERPRETATION_WORKING_DAYS)
    today = today or timezone.localdate()
    explained = InterpretationPage.objects.live().values_list("policy_id", flat=True)
    flagged = []
    for page in PolicyDocumentPage.objects.live().filter(major=True).exclude(pk__in=explained).exclude(published_at=None):
        published_on = timezone.localtime(page.published_at).date()
        try:
            taken = workdays.working_days_between(published_on, today)
        except workdays.CalendarNotAvailable:
            taken = workdays.get_default_calendar().working_days_between_provisional(published_on, today)
        if taken > limit:
            flagged.append((page, taken))
    return flagged
