"""信息报送 services (Whitehall style): each lists every reason it refuses before it acts, in Chinese.

    submit(page, by) -> Report           a district's live 工作动态 or policy, reported to the site its unit reports to
    accept(report, by) -> Report         采用: a 工作动态 article on the parent site, published through the gate
    return_report(report, by, reason)    退回 with a reason the district sees

Who may do what (sitegroup.roles, cms.site.roles): `reporting.add_report` and a site of one's own units to submit;
`reporting.decide_report` and the target site among one's units to adopt or return (站点管理员, superusers).
Adoption publishes with publishing.services.publish, the one publication gate: a refusal leaves the report 待审核
and its reasons are the gate's own.
"""
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Page

from cms.policies.models import PolicyDocumentPage
from cms.site import skeleton
from cms.site.models import NewsPage, SectionPage
from publishing import services as publishing
from publishing.gate import PublishRefused
from reporting.models import ACCEPTED, PENDING, RETURNED, Report
from sitegroup import roles as site_roles
from sitegroup import services as group
from sitegroup.models import SiteUnit

SUBMIT = "reporting.add_report"
VIEW = "reporting.view_report"
DECIDE = "reporting.decide_report"
NEWS_SLUG = "gzdt"
NEWS_TITLE = "工作动态"
REASON_MAX = 500
KINDS = {NewsPage: "news", PolicyDocumentPage: "policy"}


class ReportRefused(Exception):
    """A reporting service refuses; ``reasons`` are Chinese sentences for the person who asked."""

    def __init__(self, reasons):
        super().__init__("；".join(reasons))
        self.reasons = list(reasons)


# --------------------------------------------------------------------------------------------- who sees what


def user_units(user):
    """The units this user works on (sitegroup.roles.units_for_user)."""
    if not user.is_authenticated:
        return []
    return site_roles.units_for_user(user, SiteUnit.objects.select_related("site", "parent"))


def user_site_ids(user):
    return {unit.site_id for unit in user_units(user)}


def visible_reports(user):
    """The reports this user may read: those sent from or to a site of their units."""
    if not user.has_perm(VIEW):
        return Report.objects.none()
    sites = user_site_ids(user)
    return Report.objects.filter(Q(source_site_id__in=sites) | Q(target_site_id__in=sites))


def can_decide(user, report=None):
    if not user.is_authenticated or not user.has_perm(DECIDE):
        return False
    return report is None or report.target_site_id in user_site_ids(user)


def decidable_reports(user):
    if not can_decide(user):
        return Report.objects.none()
    return Report.objects.filter(target_site_id__in=user_site_ids(user))


def reportable_pages(user):
    """The live 工作动态 and policies of the user's district sites that may be reported now (none open or adopted)."""
    if not user.is_authenticated or not user.has_perm(SUBMIT):
        return []
    pages = []
    for unit in user_units(user):
        if unit.parent_id is None:
            continue
        root = unit.site.root_page
        taken = set(Report.objects.filter(source_site=unit.site, target_site_id=unit.parent_id, status__in=[PENDING, ACCEPTED])
                    .values_list("source_page_id", flat=True))
        for model in KINDS:
            for page in model.objects.live().descendant_of(root).order_by("-first_published_at", "-id")[:200]:
                if page.pk not in taken:
                    pages.append((unit, page))
    return pages


# --------------------------------------------------------------------------------------------- submit


def unit_of(page):
    site = group.site_of_page(page)
    return group.unit_for_site(site) if site is not None else None


def submit_refusals(page, by):
    reasons = []
    page = page.specific if page is not None else None
    if page is None or type(page) not in KINDS:
        return ["只能报送工作动态或政策文件"]
    if not page.live:
        reasons.append("该信息尚未发布，发布后才能报送")
    if isinstance(page, PolicyDocumentPage) and (page.withdrawn_at or page.validity != "有效"):
        reasons.append("该政策文件已撤回或不再有效，不能报送")
    unit = unit_of(page)
    if unit is None or unit.parent_id is None:
        reasons.append("该信息所在站点没有上级站点，无需报送")
        return reasons
    if not by.is_authenticated or not by.has_perm(SUBMIT) or unit.site_id not in user_site_ids(by):
        reasons.append(f"您不是{unit.name}站点的编辑，只能报送本站点的信息")
    existing = Report.objects.filter(source_page=page, target_site_id=unit.parent_id)
    if existing.filter(status=PENDING).exists():
        reasons.append("该信息已经报送，正在等待上级审核，请勿重复报送")
    if existing.filter(status=ACCEPTED).exists():
        reasons.append("该信息已被上级站点采用，不能重复报送")
    return reasons


def submit(page, by):
    """Report a live page of a district site to its parent site. Raises ReportRefused with every reason."""
    reasons = submit_refusals(page, by)
    if reasons:
        raise ReportRefused(reasons)
    page = page.specific
    unit = unit_of(page)
    try:
        with transaction.atomic():
            return Report.objects.create(
                source_site=unit.site, source_page=page, title=page.title[:255], source_url=page.get_full_url()[:500],
                kind=KINDS[type(page)], target_site_id=unit.parent_id, submitted_by=by, submitted_at=timezone.now())
    except IntegrityError:  # a second submission of the same page at the same moment
        raise ReportRefused(["该信息已经报送，正在等待上级审核，请勿重复报送"]) from None


# --------------------------------------------------------------------------------------------- decide


def _decide_refusals(report, by):
    reasons = []
    if report.status != PENDING:
        reasons.append(f"该报送已处理（{report.get_status_display()}），不能再次审核")
    if not can_decide(by, report):
        reasons.append("只有上级站点的管理员可以采用或退回报送信息")
    return reasons


def _news_column(site):
    home = site.root_page.specific
    return skeleton.ensure_child(home, SectionPage, NEWS_SLUG, mode="editor", title=NEWS_TITLE)


def _free_slug(parent, base):
    base = slugify(base, allow_unicode=True)[:60].strip("-") or "report"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _source_name(unit, original):
    source = (getattr(original, "source", "") or "").strip()
    if isinstance(original, PolicyDocumentPage):
        issuers = [organ.name for organ in original.issuers.all()]
        source = "、".join(issuers) or (unit.organ.name if unit.organ else "")
    if not source:
        return unit.name
    return source[:100] if unit.name in source else f"{unit.name}　{source}"[:100]


def _origin_note(unit, url, title):
    return (f'<p>（本文由{escape(unit.name)}报送。原文：<a href="{escape(url)}">{escape(title)}</a>）</p>')


def adopted_page(report, original, unit):
    """The NewsPage the parent site publishes: a copy of a news article, or, for a policy, a notice that links the
    policy's canonical page on the district site (its 索引号 belongs to the district's catalogue, never copied)."""
    url = original.get_full_url() or report.source_url
    if isinstance(original, PolicyDocumentPage):
        facts = [f"发文机关：{escape(_source_name(unit, original))}"]
        if original.doc_number:
            facts.append(f"发文字号：{escape(original.doc_number)}")
        if original.formed_on:
            facts.append(f"成文日期：{original.formed_on.year}年{original.formed_on.month}月{original.formed_on.day}日")
        body = (f"<p>{escape(unit.name)}印发《{escape(original.title)}》。</p><p>{'；'.join(facts)}。</p>"
                f'<p>全文请见{escape(unit.name)}政府信息公开平台：<a href="{escape(url)}">{escape(original.title)}</a></p>')
    else:
        body = (original.body or "") + _origin_note(unit, url, original.title)
    return NewsPage(title=original.title, source=_source_name(unit, original), body=body,
                    slug=f"{unit.slug}-{original.slug}")


def accept(report, by):
    """采用: publish the adopted article in the parent site's 工作动态 through the gate. A refusal (secrecy marks,
    unmasked personal numbers, blocked words …) raises ReportRefused with the gate's reasons; the report stays 待审核."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        reasons = _decide_refusals(report, by)
        original = report.source_page.specific if report.source_page_id else None
        if original is None or not original.live:
            reasons.append("原文已撤回或删除，不能采用")
        if reasons:
            raise ReportRefused(reasons)
        unit = group.unit_for_site(report.source_site) or SiteUnit(name=report.source_site.site_name, slug="site")
        try:
            with transaction.atomic():
                column = _news_column(report.target_site)
                page = adopted_page(report, original, unit)
                page.slug = _free_slug(column, page.slug)
                publishing.publish(page, by=by, mode="one_click", parent=column)
        except PublishRefused as refused:
            raise ReportRefused([f"发布检查未通过：{reason}" for reason in refused.reasons]) from None
        report.status, report.decided_by, report.decided_at = ACCEPTED, by, timezone.now()
        report.adopted_page = Page.objects.get(pk=page.pk)
        report.return_reason = ""
        report.save(update_fields=["status", "decided_by", "decided_at", "adopted_page", "return_reason"])
    return report


def return_report(report, by, reason):
    """退回 with a reason (required) that the district's editors see beside the report."""
    reason = (reason or "").strip()
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        reasons = _decide_refusals(report, by)
        if not reason:
            reasons.append("请填写退回理由")
        elif len(reason) > REASON_MAX:
            reasons.append(f"退回理由不能超过{REASON_MAX}字")
        if reasons:
            raise ReportRefused(reasons)
        report.status, report.decided_by, report.decided_at, report.return_reason = RETURNED, by, timezone.now(), reason
        report.save(update_fields=["status", "decided_by", "decided_at", "return_reason"])
    return report


def site_label(site):
    unit = group.unit_for_site(site)
    return unit.name if unit else (site.site_name or site.hostname)

