"""Giving a rating: one service for the page form and the API. It refuses with a listed reason (Chinese message),
and a 差评 (levels 1–2) opens its follow-up case in the same transaction."""
import re
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from cms.guides.models import BundlePage, ServiceGuidePage
from portal import cache as page_cache
from ratings import rules
from ratings.models import CaseEvent, FollowUpCase, Rating

COMMENT_MAX = 500
CONTACT_MAX = 100


class RatingRefused(Exception):
    """A rating that cannot be taken; .reason is one of REASONS, str() the Chinese message."""

    def __init__(self, reason):
        self.reason = reason
        super().__init__(REASONS[reason])


REASONS = {
    "no_target": "请指明要评价的办事事项（事项编码）",
    "unknown_target": "未找到该办事事项，请核对事项编码",
    "bad_level": "评价等级应为1到5的整数：5 非常满意、4 满意、3 基本满意、2 不满意、1 非常不满意",
    "comment_too_long": f"评价内容不能超过{COMMENT_MAX}字",
    "contact_too_long": f"联系方式不能超过{CONTACT_MAX}字",
    "bad_contact": "联系方式格式不正确：请填写手机号码、固定电话或电子邮箱",
    "bad_channel": "评价渠道不正确",
}
CONTACT = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|[^@\s]+@[^@\s]+\.[^@\s]+)$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def find_target(code, kind=None):
    """The live guide (or, when kind allows, bundle) with this code, or None."""
    code = (code or "").strip() if isinstance(code, str) else ""
    if not code or len(code) > 100:
        return None
    if kind in (None, "guide"):
        guide = ServiceGuidePage.objects.live().filter(code=code).first()
        if guide is not None or kind == "guide":
            return guide
    return BundlePage.objects.live().filter(code=code).first()


def step_days(step):
    names = {rules.VERIFY: "RATING_VERIFY_WORKING_DAYS", rules.RECTIFY: "RATING_RECTIFY_WORKING_DAYS",
             rules.EXPLAIN: "RATING_EXPLAIN_WORKING_DAYS", rules.REVISIT: "RATING_REVISIT_WORKING_DAYS"}
    return int(getattr(settings, names[step], rules.DEFAULT_DAYS[step]))


@sensitive_variables("contact")
def submit(*, code, level, comment="", contact="", channel="web", kind=None):
    """Store a rating; raises RatingRefused. kind="guide" (the API, design §2.14) or None (guide or 一件事)."""
    if not isinstance(code, str) or not code.strip():
        raise RatingRefused("no_target")
    target = find_target(code, kind)
    if target is None:
        raise RatingRefused("unknown_target")
    level = rules.parse_level(level)
    if level is None:
        raise RatingRefused("bad_level")
    comment = CONTROL.sub("", comment if isinstance(comment, str) else "").strip()
    if len(comment) > COMMENT_MAX:
        raise RatingRefused("comment_too_long")
    contact = CONTROL.sub("", contact if isinstance(contact, str) else "").strip().replace(" ", "")
    if len(contact) > CONTACT_MAX:
        raise RatingRefused("contact_too_long")
    if contact and not CONTACT.match(contact):
        raise RatingRefused("bad_contact")
    if channel not in dict(Rating._meta.get_field("channel").choices):
        raise RatingRefused("bad_channel")
    is_bundle = isinstance(target, BundlePage)
    with transaction.atomic():
        rating = Rating.objects.create(
            guide=None if is_bundle else target, bundle=target if is_bundle else None,
            target_kind="bundle" if is_bundle else "guide", target_code=target.code, target_title=target.title,
            department=(target.lead_department if is_bundle else target.department) or "",
            level=level, comment=comment, contact=contact, channel=channel,
        )
        if rules.is_bad(level):
            open_case(rating)
        transaction.on_commit(lambda: purge_public(rating))
    return rating


def public_paths(rating):
    """The cached public pages that show a rating's figures: its guide or 一件事 page and the /hcp/ pages."""
    paths = {reverse("ratings_index"), reverse("ratings_target", args=[rating.target_code])}
    if rating.department:
        paths.add(reverse("ratings_department", args=[rating.department]))
    page = rating.guide or rating.bundle
    try:
        url = page.get_url() if page is not None else None
    except Exception:  # noqa: BLE001 — a page without a site has no URL to purge
        url = None
    if url:
        paths.add(urlparse(url).path)
    return paths | {unquote(p) for p in paths}  # the cache keys on the decoded path Django sees


def purge_public(rating):
    """A new rating or a closed case changes figures on cached pages: drop them (portal's anonymous page cache)."""
    page_cache.purge_paths(public_paths(rating))


def open_case(rating):
    today = timezone.localdate()
    due = rules.step_due(today, step_days(rules.VERIFY))
    case = FollowUpCase.objects.create(rating=rating, department=rating.department, step=rules.VERIFY, opened_on=today,
                                       due_on=due.on, provisional=due.provisional)
    CaseEvent.objects.create(case=case, step=rules.VERIFY, action="差评自动立案",
                             note=f"{rating.get_level_display()}；核实期限 {due.on:%Y-%m-%d}")
    return case
