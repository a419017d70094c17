"""Publication services (Whitehall style): each lists its refusal reasons before it acts.

``publish(obj, by=, mode=)`` is the one way content goes live: one-click, bulk, automatic and scheduled publication
of documents, the loaders, guides, bundles, catalogue entries and interpretations all call it. The Wagtail editor's
own publish button reaches the same gate and the same record through ``GatedPageForm``, the page-published listener
and the backstop (publishing.gate). Bulk mode is ``with events.bulk():`` around many calls, not another path.
"""
import logging
from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.signals import page_published

from publishing import events, gate, records, submissions
from publishing.gate import Publication, PublishRefused
from publishing.models import MODE_CHOICES, Override, Submission

logger = logging.getLogger("gongkai.publishing")

__all__ = ["PublishRefused", "publish", "withdraw", "override", "stamp_of", "system_user", "add_draft"]

MODES = dict(MODE_CHOICES)
AUTO_PUBLISH_USERNAME = "auto-publish"


def stamp_of(published_on):
    """The publication moment for information already published elsewhere on `published_on` (09:00 that day).

    Only loaders and the demo pass such a day; it may not lie in the future."""
    if published_on is None:
        return None
    if published_on > timezone.localdate():
        raise PublishRefused([f"发布日期{published_on:%Y年%m月%d日}晚于今天：发布日期由系统记录，不能预先填写"])
    return timezone.make_aware(datetime.combine(published_on, time(9, 0)))


def add_draft(parent, page):
    """Put a new page in the tree as a draft; only publish() makes it live."""
    page.live = False
    page.has_unpublished_changes = True
    parent.add_child(instance=page)
    return page


def publish(obj, *, by=None, mode="one_click", published_at=None, record=None, overrides=(), log_action=True, parent=None):
    """Make obj live through the gate: refuse with every reason, or publish, record and announce it.

    obj: a Wagtail page (in the tree, live or draft; or new, with its parent) or an object with ``go_live()``
    (catalogue entries).
    parent: for a page not yet in the tree; it is created live under parent (nothing is added if it is refused).
    published_at: only for information already published elsewhere (see stamp_of).
    record: extra facts for the publication record (received_at, deadline, formed_on, version).
    overrides: (code, evidence) pairs decided on the submission this page is made from.
    Returns the publication record, or None for content that is not measured (guides, bundles, sections).
    """
    if mode not in MODES:
        raise ValueError(f"unknown publication mode {mode!r}")
    publication = Publication(mode=mode, by=by, published_at=published_at, record=dict(record or {}), overrides=tuple(overrides))
    with transaction.atomic(), gate.publishing(publication):
        reasons = gate.refusals(obj)
        if reasons:
            raise PublishRefused(reasons)
        # What was just checked is what Wagtail saves (the revision is serialised from obj): the backstop need not
        # read it again. Any other save during this publication is still checked.
        publication.checked.add((obj._meta.label, obj.pk))
        if isinstance(obj, Page) and obj.pk is None:
            if parent is None:
                raise ValueError("a new page is published with its parent: publish(page, parent=…)")
            _create_live(parent, obj, publication, log_action)
            return publication.written
        if isinstance(obj, Page):
            # clean=False: publishing the revision saves the page built from it, and that save runs full_clean.
            revision = obj.save_revision(user=by, log_action=log_action, clean=False)
            revision.publish(user=by, log_action=log_action, skip_permission_checks=True)  # announced by the listener
            obj.refresh_from_db()  # Wagtail published a copy built from the revision; the caller holds the original
            return publication.written
        publication.published_at = published_at or timezone.now()  # one stamp for the object and its record
        obj.go_live(published_at=publication.published_at)
        written = records.write(obj, obj.publication_facts() if hasattr(obj, "publication_facts") else None, publication)
        if log_action:
            log(instance=obj, action="gongkai.publish", user=by, data={"mode": MODES[mode], "record": getattr(written, "pk", None)})
        events.announce_published(obj, mode=mode, by=by, record=written)
        return written


def _create_live(parent, page, publication, log_action):
    """A new page goes live in one full save and leaves what Wagtail's add_child + save_revision + revision.publish
    leave: a live page whose first revision is its live revision, 'wagtail.create' and 'wagtail.publish' in its
    history, and page_published sent, so the record is written by the same listener as for every publication.
    Bulk loads create thousands of pages; this halves their queries (docs/benchmarks.md, guides)."""
    now = timezone.now()
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = now
    page.draft_title = page.title
    parent.add_child(instance=page)  # the backstop sees a live page: checked above, so it only stamps it
    publication.checked.add((page._meta.label, page.pk))
    revision = page.save_revision(user=publication.by, log_action=False, clean=False)
    Page.objects.filter(pk=page.pk).update(live_revision=revision, has_unpublished_changes=False)
    page.live_revision, page.has_unpublished_changes = revision, False
    if log_action:
        log(instance=page, action="wagtail.publish", user=publication.by, revision=revision, content_changed=True)
    page_published.send(sender=type(page), instance=page, revision=revision)


def after_page_published(page, revision=None):
    """Every page publication, whatever its path (publishing.apps connects it to Wagtail's page_published)."""
    publication = gate.current() or Publication(mode="editor", by=getattr(revision, "user", None))
    facts = page.publication_facts() if hasattr(page, "publication_facts") else None
    written = records.write(page, facts, publication, page=page)
    publication.written = written
    events.announce_published(page, mode=publication.mode, by=publication.by, record=written)


def withdraw(obj, *, by=None, reason):
    """撤回: off the public site (a page keeps a notice at its URL if it has ``mark_withdrawn``). Audited."""
    reason = (reason or "").strip()
    if not reason:
        raise PublishRefused(["撤回必须填写理由"])
    with transaction.atomic():
        if isinstance(obj, Page):
            obj = obj.specific
            if hasattr(obj, "mark_withdrawn"):
                obj.mark_withdrawn(reason)
            obj.unpublish(user=by, log_action=None)  # announced by the page-unpublished listener
        else:
            obj.go_dark(reason=reason)
            events.announce_withdrawn(obj)
        log(instance=obj, action="gongkai.withdraw", user=by, data={"kind": "withdraw", "reason": reason})
    return obj


def may_override(user, check):
    """A warning may be cleared by anyone who may publish; a block only when it is a personal-data false positive,
    and only by an administrator. Secrecy markings and 不予公开/依申请公开 can never be overridden."""
    if check.code in gate.NEVER_OVERRIDDEN or (check.severity == "block" and check.code not in gate.PERSONAL_DATA):
        return "该项属于禁止公开的情形，只能修改源文件后重新导入"
    if check.severity == "block" and not (user and user.has_perm("publishing.override_personal_data")):
        return "个人信息误报只能由站点管理员确认解除"
    if check.severity != "block" and not (user and user.has_perm("publishing.publish_submission")):
        return "没有处理检查提醒的权限"
    return None


def override(obj, code, *, by, reason, evidence=None):
    """Clear one finding of the gate for obj, with a logged reason. Returns the Override.

    evidence picks one finding when a check found several (e.g. two numbers); by default the first."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("处理检查项必须填写理由")
    found = [c for c in gate.findings(obj) if c.code == code and (evidence is None or c.evidence == evidence)]
    if not found:
        raise ValueError("该对象没有这项检查结果")
    check = found[0]
    refusal = may_override(by, check)
    if refusal:
        raise ValueError(refusal)
    with transaction.atomic():
        done, _ = Override.objects.update_or_create(
            subject=gate.subject_of(obj), code=code, evidence=check.evidence,
            defaults={"message": check.message[:300], "reason": reason[:300], "by": by, "at": timezone.now()},
        )
        log(instance=obj, action="gongkai.override", user=by, data={"code": code, "reason": reason, "message": check.message})
        if isinstance(obj, Submission):
            submissions.refresh_status(obj)
    return done


def carry_overrides(from_subject, to_obj):
    """A submission's overrides apply to the page it became (audited as carried)."""
    subject = gate.subject_of(to_obj)
    for done in Override.objects.filter(subject=from_subject):
        Override.objects.get_or_create(
            subject=subject, code=done.code, evidence=done.evidence,
            defaults={"message": done.message, "reason": done.reason, "by": done.by, "at": done.at, "carried_from": from_subject},
        )


def system_user():
    user, _ = get_user_model().objects.get_or_create(
        username=AUTO_PUBLISH_USERNAME, defaults={"first_name": "自动公开", "is_active": False}
    )
    return user
