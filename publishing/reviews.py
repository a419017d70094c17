"""保密审查: a reviewer's conclusion on a blocked submission, and the one thing a positive conclusion may lift.

    record(sub, by=, conclusion=, reason=, reviewed_on=)   signed, audited; refuses without the permission or a reason
    latest(sub)                                            the conclusion in force (the last one recorded)
    lifted_pairs(subject)                                  what the gate no longer counts for that subject

A review is a person's judgement about the 公开属性 (依申请公开/不予公开 marked by mistake). It can never make a
密级 marking or unmasked personal data publishable: those findings stay, and only a 脱敏 new version, checked again
by the gate, can go live (docs/adr/0006-secrecy-review-lifts-the-attribute-only.md).
"""
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from publishing.models import SecrecyReview, Submission
from publishing.status import REVIEW_AGREE, REVIEW_PARTIAL, REVIEW_REFUSE

PERMISSION = "publishing.review_secrecy"
CONCLUSIONS = (REVIEW_AGREE, REVIEW_PARTIAL, REVIEW_REFUSE)
# The only finding a review may lift. Secrecy markings, personal data and forbidden words never are.
LIFTABLE = frozenset({"disclosure_not_public"})
SUBJECT_PREFIX = "submission-"


class ReviewRefused(ValueError):
    """Bad input or no permission: the message is a Chinese sentence for the person who asked."""


def latest(sub):
    return sub.reviews.order_by("-recorded_at", "-id").first() if sub.pk else None


def record(sub, *, by, conclusion, reason, reviewed_on=None):
    """Record a 保密审查 conclusion. With 同意公开, the 公开属性 findings present now are lifted for this submission
    (named by what was found, so a different attribute added later is checked again); nothing else is."""
    from publishing import gate, submissions  # the gate reads reviews; reviews read the gate's findings

    reason = (reason or "").strip()
    if not (by and by.has_perm(PERMISSION)):
        raise ReviewRefused("没有保密审查权限：请由具有保密审查权限的人员审查")
    if conclusion not in CONCLUSIONS:
        raise ReviewRefused("请选择审查结论：" + " / ".join(CONCLUSIONS))
    if not reason:
        raise ReviewRefused("保密审查必须填写理由")
    if sub.status not in (Submission.BLOCKED, Submission.READY):
        raise ReviewRefused(f"该文件当前状态为“{sub.get_status_display()}”，不需要审查")
    reviewed_on = reviewed_on or timezone.localdate()
    if reviewed_on > timezone.localdate():
        raise ReviewRefused("审查日期不能晚于今天")
    lifted = []
    if conclusion == REVIEW_AGREE:
        lifted = sorted({(c.code, c.evidence) for c in gate.findings(sub) if c.code in LIFTABLE})
    with transaction.atomic():
        review = SecrecyReview.objects.create(submission=sub, reviewer=by, reviewed_on=reviewed_on, conclusion=conclusion,
                                              reason=reason[:300], lifted=[list(p) for p in lifted])
        log(instance=sub, action="gongkai.secrecy_review", user=by, data={
            "conclusion": conclusion, "reason": review.reason, "reviewed_on": reviewed_on.isoformat(),
            "lifted": [f"{code}:{evidence}" for code, evidence in lifted],
        })
        submissions.refresh_status(sub)
    return review


def lifted_pairs(subject):
    """(code, evidence) pairs lifted by the review in force for this gate subject; only ever LIFTABLE codes."""
    if not subject or not subject.startswith(SUBJECT_PREFIX) or not subject[len(SUBJECT_PREFIX):].isdigit():
        return set()
    review = SecrecyReview.objects.filter(submission_id=int(subject[len(SUBJECT_PREFIX):])).order_by("-recorded_at", "-id").first()
    if review is None or review.conclusion != REVIEW_AGREE:
        return set()
    return {(code, evidence) for code, evidence in review.lifted if code in LIFTABLE}
