"""Publication services (Whitehall style): each lists its refusal reasons before it acts.

``publish(obj, by=, mode=)`` is the one way content goes live: one-click, bulk, automatic and scheduled publication
of documents, the loaders, guides, bundles, catalogue entries and interpretations all call it. The Wagtail editor's
own publish button reaches the same gate and the same record through ``GatedPageForm``, the page-published listener
and the backstop (publishing.gate). Bulk mode is ``with events.bulk():`` around many calls, not another path;
``publish_new_pages(parent, pages)`` is publish(page, parent=parent) for a list: the same gate per page, batched writes.
"""
import logging
from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import CharField, F, OuterRef, Subquery, prefetch_related_objects
from django.db.models.functions import Cast
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from treebeard.exceptions import PathOverflow
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published

from publishing import events, gate, records, submissions
from publishing.gate import Publication, PublishRefused
from publishing.models import MODE_CHOICES, Override, Submission

logger = logging.getLogger("gongkai.publishing")

__all__ = ["PublishRefused", "publish", "publish_new_pages", "withdraw", "override", "stamp_of", "system_user", "add_draft"]

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


def publish(obj, *, by=None, mode="one_click", published_at=None, record=None, overrides=(), log_action=True, parent=None,
            reviewed=()):
    """Make obj live through the gate: refuse with every reason, or publish, record and announce it.

    obj: a Wagtail page (in the tree, live or draft; or new, with its parent) or an object with ``go_live()``
    (catalogue entries).
    parent: for a page not yet in the tree; it is created live under parent (nothing is added if it is refused).
    published_at: only for information already published elsewhere (see stamp_of).
    record: extra facts for the publication record (received_at, deadline, formed_on, version).
    overrides: (code, evidence) pairs decided on the submission this page is made from.
    reviewed: (code, evidence) pairs a 保密审查 lifted on that submission (the gate accepts only the 公开属性).
    Returns the publication record, or None for content that is not measured (guides, bundles, sections).
    """
    if mode not in MODES:
        raise ValueError(f"unknown publication mode {mode!r}")
    publication = Publication(mode=mode, by=by, published_at=published_at, record=dict(record or {}), overrides=tuple(overrides),
                              reviewed=tuple(reviewed))
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


def publish_new_pages(parent, pages, *, by=None, mode="loader", log_action=True):
    """``publish(page, parent=parent)`` for many new pages under one parent (bulk loads): the same gate, fewer writes.

    Every page is checked on exactly what will be stored (its fields and child rows, as publish() checks it) before
    anything is written; a refused page is left out with its reasons and nothing of it is stored. The others are
    validated, given consecutive tree paths under parent (one numchild update), saved live one by one (the backstop
    sees every save), their first revisions written in one insert, 'wagtail.create'/'wagtail.publish' logged in one
    insert, and page_published sent for each, so each page is left as publish() leaves it. Use it inside
    ``events.bulk()``: indexing and purges are then done once for the batch.
    Returns a list parallel to pages: [] for a page now live, otherwise the reasons it was refused.
    A page that fails validation (or a database constraint) raises and nothing of the batch is stored."""
    if mode not in MODES:
        raise ValueError(f"unknown publication mode {mode!r}")
    outcome, accepted = [], []
    with transaction.atomic(), gate.one_dictionary():
        for page in pages:
            if not isinstance(page, Page) or page.pk is not None:
                raise ValueError("publish_new_pages takes pages not yet in the tree")
            with gate.publishing(Publication(mode=mode, by=by)):
                try:
                    reasons = gate.refusals(page)
                except PublishRefused as exc:  # e.g. an attachment that cannot be read
                    reasons = exc.reasons
            outcome.append(list(reasons))
            if not reasons:
                accepted.append(page)
        if accepted:
            _create_live_many(parent, accepted, mode, by, log_action)
    return outcome


def _create_live_many(parent, pages, mode, by, log_action):
    parent = Page.objects.select_for_update().get(pk=parent.pk)  # lock the parent row, as treebeard's add_child does
    depth = parent.depth + 1
    last = Page.objects.filter(path__startswith=parent.path, depth=depth).order_by("-path").only("path").first()
    start = (last._get_lastpos_in_path() + 1) if last is not None else 1
    max_length = Page._meta.get_field("path").max_length
    slugs = set()
    now = timezone.now()
    for n, page in enumerate(pages):
        page.depth, page.numchild = depth, 0
        page.path = Page._get_path(parent.path, depth, start + n)
        if len(page.path) > max_length or len(page.path) != len(parent.path) + Page.steplen:
            raise PathOverflow(f"栏目“{parent.title}”下的页面过多，无法再添加")
        page._cached_parent_obj = parent
        page._is_site_root = False  # a page being created is no site's root (Wagtail's own annotation)
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = page.latest_revision_created_at = now
        page.draft_title = page.title
        if page.locale_id is None:  # Page.get_default_locale: the parent's, read once per batch instead of per page
            page.locale_id = parent.locale_id
        # what Page.save(clean=True) runs for a live page; unique fields are left to the database, and slugs are
        # checked against the siblings (Page.clean) and within the batch
        page.full_clean(exclude=[f.name for f in page._meta.concrete_fields if f.is_relation],
                        validate_unique=False, validate_constraints=False)
        if page.slug in slugs:
            raise ValidationError({"slug": f"同一批次中有重复的页面别名：{page.slug}"})
        slugs.add(page.slug)
    children = []
    for page in pages:
        publication = Publication(mode=mode, by=by, children=children)
        publication.checked.add((page._meta.label, None))  # checked above, on these very objects
        with gate.publishing(publication):
            page.save(clean=False, log_action=None)  # the backstop sees a live page: checked, so it only stamps it
    _insert_child_rows(children)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    # the child rows are stored and the relations read SQL again: read them once for the revisions
    for model in {type(page) for page in pages}:
        prefetch_related_objects([p for p in pages if type(p) is model],
                                 *[rel.get_accessor_name() for rel in get_all_child_relations(model)])
    revisions = [
        Revision(content_type=ContentType.objects.get_for_model(page), base_content_type=page.get_base_content_type(),
                 object_id=str(page.pk), user=by, created_at=now, content=page.serializable_data(), object_str=str(page))
        for page in pages
    ]
    Revision.objects.bulk_create(revisions)
    if any(r.pk is None for r in revisions):  # a database that returns no ids from a bulk insert
        revisions = list(Revision.objects.filter(content_type__in={r.content_type_id for r in revisions},
                                                 object_id__in=[r.object_id for r in revisions], created_at=now).order_by("pk"))
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
    # each page's own revision, found by the database (a CASE with a branch per page costs more to build and run)
    pointer = Subquery(Revision.objects.filter(base_content_type=pages[0].get_base_content_type(),
                                               object_id=Cast(OuterRef("pk"), output_field=CharField()),
                                               created_at=now).order_by("-pk").values("pk")[:1])
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(latest_revision=pointer, live_revision=pointer)
    if log_action:
        uuid = get_active_log_context().uuid
        entries = []
        for page in pages:
            content_type, label = ContentType.objects.get_for_model(page, for_concrete_model=False), page.get_admin_display_title()
            entries += [
                PageLogEntry(content_type=content_type, label=label, action="wagtail.create", timestamp=now, data={},
                             user=by or page.owner, uuid=uuid, page=page, content_changed=True),
                PageLogEntry(content_type=content_type, label=label, action="wagtail.publish", timestamp=now, data={},
                             user=by, uuid=uuid, page=page, revision=page.live_revision, content_changed=True),
            ]
        PageLogEntry.objects.bulk_create(entries)
    with events.batch():
        for page in pages:
            with gate.publishing(Publication(mode=mode, by=by)):
                page_published.send(sender=type(page), instance=page, revision=page.live_revision)


def _insert_child_rows(children):
    """The child rows the backstop took off the new pages (gate.Publication.children), one insert per child model.
    They get the save signals a one-by-one save sends (rich-text sanitising, the backstop), around the insert."""
    by_model = {}
    for page, relations in children:
        for relation, rows in relations.items():
            for row in rows:
                setattr(row, relation.field.name, page)
                by_model.setdefault(relation.related_model, []).append(row)
    for model, rows in by_model.items():
        using = router.db_for_write(model)
        for row in rows:
            pre_save.send(sender=model, instance=row, raw=False, using=using, update_fields=None)
        model.objects.bulk_create(rows)
        for row in rows:
            post_save.send(sender=model, instance=row, created=True, raw=False, using=using, update_fields=None)


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
