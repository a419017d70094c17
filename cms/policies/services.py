"""Policy pages from submissions and loaders, and changes of 有效性. Every publication goes through
publishing.services.publish (the gate); this module only knows what a policy page is made of.

    publish_submission(sub, by=, mode=)   一键公开 / 批量 / 自动 / 定时: the submission's exact text becomes the page
    maybe_auto_publish(sub)               自动公开 for departments that switched it on
    publish_due_scheduled()               beat: scheduled submissions whose time has come
    upsert_policy(...)                    load_content and the demo
    change_validity(page, kind, ...)      失效 / 废止 (the page stays, bannered)
"""
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from cms.policies.crossrefs import cited_numbers, link_numbers
from cms.policies.models import (
    VALIDITY_CHOICES,
    InterpretationPage,
    PolicyDocumentPage,
    PolicyLibraryPage,
    PolicyReference,
    Topic,
)
from cms.policies.topics import PATHS
from cms.site import group_names, skeleton
from publishing import gate, services, submissions, workdays
from publishing.gate import PublishRefused
from publishing.html import sanitise_html
from publishing.models import Organ, Override, Submission

logger = logging.getLogger("gongkai.policies")

INTERPRETATION_WORKING_DAYS = 3  # 郑州 practice; a national rule was not found (domain §3), so it is a setting
VALIDITY_CHANGES = {"失效", "废止"}


LIBRARY_SLUG = "zcwjk"
LIBRARY_INTRO = "现行有效及已失效、废止的政策文件。"


def ensure_library(*, mode="loader", intro=LIBRARY_INTRO, home=None):
    """政策文件库 under 政府信息公开 (both made if missing: design §2.7, §2.11), of the default site or of `home`."""
    return skeleton.ensure_child(skeleton.ensure_openness(home, mode=mode), PolicyLibraryPage, LIBRARY_SLUG, mode=mode,
                                 title="政策文件库", intro=intro)


def library(home=None):
    """The policy library of the default site (or of `home`); a site without one (a freshly migrated database) gets it
    through the site skeleton."""
    return skeleton.find_section(PolicyLibraryPage, home, ensure_library)


def organs(names):
    return [Organ.objects.get_or_create(name=name.strip()[:100])[0] for name in names if isinstance(name, str) and name.strip()]


def organs_or_site(names):
    """The issuing organs; with none named, the organ the site speaks for, so the policy still gets its 索引号."""
    found = organs(names)
    if not found:
        organ = skeleton.site_organ()
        found = [organ] if organ is not None else []
    return found


def _linked_body(body, own_number, exclude_pk=None):
    """The body with every cited 发文字号 Gongkai has linked to its page."""
    numbers = cited_numbers(body, own=own_number)
    targets = PolicyDocumentPage.objects.live().filter(doc_number__in=numbers)
    if exclude_pk:
        targets = targets.exclude(pk=exclude_pk)
    return link_numbers(body, {p.doc_number: p.url for p in targets if p.url}), numbers


def _store_references(page, numbers):
    PolicyReference.objects.filter(source=page).exclude(doc_number__in=numbers).delete()
    for number in numbers:
        PolicyReference.objects.get_or_create(source=page, doc_number=number)


def _relink_citers(page, by, mode):
    """Earlier policies citing this one's 发文字号 now link to it (each republished through the gate)."""
    if not (page.doc_number and page.url):
        return
    for citer in PolicyDocumentPage.objects.live().filter(outgoing_references__doc_number=page.doc_number).exclude(pk=page.pk):
        relinked = link_numbers(citer.body, {page.doc_number: page.url})
        if relinked == citer.body:
            continue
        citer.body = relinked
        try:
            with transaction.atomic():
                services.publish(citer, by=by, mode=mode)
        except PublishRefused as exc:
            logger.warning("citing policy %s not relinked: %s", citer.pk, exc.reasons)


def _page_for(sub):
    page = PolicyDocumentPage.objects.filter(source_key=sub.source_key).first()
    if page is None:
        home = group_names.home_for_issuers(sub.issuers or [])  # a district's document: the district's library
        page = services.add_draft(library(home=home), PolicyDocumentPage(title=(sub.title or "未命名文件")[:255], source_key=sub.source_key))
    return page


def publish_submission(sub, *, by=None, mode="one_click", published_on=None):
    """The submission's exact text becomes a live policy page (new, or a new version of its page).
    published_on: only the demo's simulated history (cms.demo.history); services.stamp_of refuses a future day."""
    try:
        with transaction.atomic():
            sub = Submission.objects.select_for_update().get(pk=sub.pk)
            reasons = submissions.refusals(sub)
            if reasons:
                raise PublishRefused(reasons)
            page = _page_for(sub)
            body, numbers = _linked_body(sanitise_html(sub.body_html), sub.doc_number, exclude_pk=page.pk)
            page.title, page.doc_number, page.formed_on = sub.title[:255], sub.doc_number, sub.formed_on
            page.doc_type, page.body, page.disclosure, page.source_version = sub.doc_type or "", body, "主动公开", sub.version
            page.issuers.set(organs(sub.issuers))
            if sub.topic_path or sub.keywords:  # what the officer confirmed (or the import suggested) for this version
                page.topic, page.keywords = topic_for(sub.topic_path) or page.topic, sub.keywords or page.keywords
            carried = tuple(Override.objects.filter(subject=gate.subject_of(sub)).values_list("code", "evidence"))
            reviewed = tuple(gate.reviewed(gate.subject_of(sub)))
            record = services.publish(
                page, by=by, mode=mode, overrides=carried, reviewed=reviewed, published_at=services.stamp_of(published_on),
                record={"received_at": sub.received_at, "deadline": sub.deadline, "formed_on": sub.changed_on or sub.formed_on,
                        "version": sub.version},
            )
            services.carry_overrides(gate.subject_of(sub), page)
            _store_references(page, numbers)
            _relink_citers(page, by, mode)
            _publish_interpretations(sub, page, by, mode, carried)
            submissions.mark_published(sub, page, record, by=by, mode=mode)
    except PublishRefused as exc:
        log(instance=sub, action="gongkai.publish_refused", user=by, data={"reasons": exc.reasons, "mode": mode})
        raise
    return page


def _publish_interpretations(sub, page, by, mode, carried):
    """An OA file with role `interpretation` becomes the 解读 of its main document (checked with it)."""
    for item in sub.interpretations or []:
        slug = f"jd-{page.pk}-{item.get('key', '1')}"
        if InterpretationPage.objects.filter(slug=slug).exists():
            continue
        interpretation = services.add_draft(page.get_parent(), InterpretationPage(
            title=(item.get("title") or f"《{page.title}》政策解读")[:255], slug=slug, policy=page, body=sanitise_html(item.get("body_html", "")),
        ))
        services.publish(interpretation, by=by, mode=mode, overrides=carried)


def maybe_auto_publish(sub):
    """Automatic mode per department: an OA document marked 主动公开 that passes every check publishes on arrival."""
    if sub.origin != "oa" or sub.disclosure != "主动公开" or sub.status != Submission.READY:
        return None
    if gate.open_warnings(sub):
        return None  # a warning needs a person to look
    lead = (sub.issuers or [None])[0]
    if not lead or not Organ.objects.filter(name=lead, auto_publish=True).exists():
        return None
    try:
        return publish_submission(sub, by=services.system_user(), mode="automatic")
    except PublishRefused:
        return None


def publish_due_scheduled(now=None):
    """Run by beat every 30 s. Returns (published, refused) counts."""
    published = refused = 0
    for sub in submissions.due(now):
        try:
            publish_submission(sub, by=sub.scheduled_by, mode="scheduled")
            published += 1
        except PublishRefused as exc:
            refused += 1
            submissions.unschedule(sub, exc.reasons)
    return published, refused


def topic_for(path):
    """“上级\\分类” (or “上级/分类”) as a Topic, created when missing."""
    if not path:
        return None
    parts = [p.strip() for p in str(path).replace("/", "\\").split("\\") if p.strip()]
    if not parts:
        return None
    topic, _ = Topic.objects.get_or_create(name=parts[0][:60], parent=None)
    if len(parts) > 1:
        topic, _ = Topic.objects.get_or_create(name=parts[1][:60], parent=topic)
    return topic


def upsert_policy(*, title, doc_number="", issuers=(), formed_on, body_html="", validity="有效", topic=None, published_on=None,
                  slug=None, keywords="", doc_type="", by=None, mode="loader", into=None, **extra):
    """A policy already adopted (and often already published elsewhere), loaded as it is: created or updated by
    发文字号 (or title), published through the gate into `into` (a site's 政策文件库; the default site's when None).
    Returns (page, "created" | "updated" | "unchanged")."""
    if validity not in dict(VALIDITY_CHOICES):
        raise PublishRefused([f"有效性应为 有效/失效/废止：{validity}"])
    published_at = services.stamp_of(published_on)
    body_html = sanitise_html(body_html)
    existing = PolicyDocumentPage.objects.filter(doc_number=doc_number) if doc_number else PolicyDocumentPage.objects.filter(title=title)
    page = existing.first()
    fields = dict(title=title[:255], doc_number=doc_number, formed_on=formed_on, validity=validity, topic=topic_for(topic),
                  keywords=keywords, doc_type=doc_type, **extra)
    issuer_objs = organs_or_site(issuers)
    outcome = "updated"
    if page is None:  # created live in one save under the library (publish with parent), not a draft published after
        page = PolicyDocumentPage(slug=slug, **fields) if slug else PolicyDocumentPage(**fields)
        outcome = "created"
    elif page.live and all(getattr(page, k) == v for k, v in fields.items()) and page.body == body_html and \
            sorted(page.issuers.values_list("pk", flat=True)) == sorted(o.pk for o in issuer_objs) and not page.has_unpublished_changes:
        return page, "unchanged"
    for key, value in fields.items():
        setattr(page, key, value)
    page.body, _ = _linked_body(body_html, doc_number, exclude_pk=page.pk)
    page.issuers.set(issuer_objs)
    if outcome == "created":
        into = into or library(home=group_names.home_for_issuers([o.name for o in issuer_objs]))
        services.publish(page, by=by, mode=mode, published_at=published_at, parent=into)
    else:
        services.publish(page, by=by, mode=mode)
    _store_references(page, cited_numbers(body_html, own=doc_number))
    return page, outcome


def update_topics(page, *, topic_path, keywords, by=None):
    """The officer corrects 主题分类/主题词 of a live policy: republished through the gate (主题词 are public text)."""
    keywords = " ".join((keywords or "").split())
    if len(keywords) > 200:
        raise PublishRefused(["主题词不能超过200个字符"])
    if topic_path and topic_path not in topic_choices():
        raise PublishRefused([f"未知的主题分类：{topic_path}"])
    with transaction.atomic():
        page.topic, page.keywords = topic_for(topic_path), keywords
        services.publish(page, by=by, mode="editor", log_action=False)
        log(instance=page, action="gongkai.topics", user=by, data={"topic": topic_path, "keywords": keywords})
    return page


def topic_choices():
    """Every 主题分类 an officer may pick: the gov.cn vocabulary and the site's own additions."""
    own = [str(t) for t in Topic.objects.select_related("parent")]
    return list(dict.fromkeys(PATHS + own))


def change_validity(page, kind, *, by=None, reason, replaced_by=None, effective_on=None):
    """失效 / 废止: the page stays public with a banner and the date; audited and re-indexed like any publication."""
    if kind not in VALIDITY_CHANGES:
        raise ValueError(f"未知的操作：{kind}")
    if not (reason or "").strip():
        raise ValueError("变更有效性必须填写理由")
    with transaction.atomic():
        page.validity = kind
        page.validity_changed_on = effective_on or timezone.localdate()
        if replaced_by is not None:
            page.replaced_by = replaced_by
        services.publish(page, by=by, mode="editor", log_action=False)
        log(instance=page, action="gongkai.withdraw", user=by, data={"kind": kind, "reason": reason})
    return page


def policies_missing_interpretation(today=None):
    """Major policies published more than N working days ago that still have no 解读 (officer dashboard flag)."""
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
