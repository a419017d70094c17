"""Demo 信息报送 (idempotent: pages already reported are left alone): districts report 工作动态 and a policy to the
city over the last two months through reporting.services — some adopted (live in the city's 工作动态 column), one
returned with its reason, one still 待审核 in the city's queue. 芙蓉区's second article is left for the demo user
`furong` to report."""
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from cms.policies.models import PolicyDocumentPage
from cms.site.models import NewsPage
from reporting import services
from reporting.models import Report
from sitegroup import roles as site_roles
from sitegroup.models import SiteUnit

RETURN_REASON = "内容与市级已发布的同类信息基本相同，请补充本区的具体做法和成效后重新报送。"
# (unit name, what: news slug or "policy", outcome, days ago)
PLAN = [
    ("芙蓉区", "jmzs", "accept", 40),
    ("天心区", "jmzs", "accept", 35),
    ("岳麓区", "bmfw", "return", 30),
    ("雨花区", "policy", "accept", 20),
    ("天心区", "bmfw", "accept", 12),
    ("开福区", "jmzs", None, 3),
]


def _submitter(unit):
    User = get_user_model()
    editor = User.objects.filter(groups__name=site_roles.group_name(unit, site_roles.EDITOR), is_active=True).first()
    return editor or _decider()


def _decider():
    User = get_user_model()
    return (User.objects.filter(Q(groups__name="站点管理员") | Q(is_superuser=True), is_active=True)
            .order_by("-is_superuser", "id").first())


def _page(unit, what):
    root = unit.site.root_page
    if what == "policy":
        return PolicyDocumentPage.objects.live().descendant_of(root).order_by("id").first()
    return NewsPage.objects.live().descendant_of(root).filter(slug=what).first()


def load(home=None, stdout=None):
    decider = _decider()
    if decider is None:
        return
    now = timezone.now()
    units = {u.name: u for u in SiteUnit.objects.select_related("site", "site__root_page").filter(parent__isnull=False)}
    made = 0
    for name, what, outcome, days in PLAN:
        unit = units.get(name)
        page = _page(unit, what) if unit else None
        if page is None or Report.objects.filter(source_page=page).exists():
            continue
        by = _submitter(unit)
        report = services.submit(page, by)
        if outcome == "accept":
            services.accept(report, decider)
        elif outcome == "return":
            services.return_report(report, decider, RETURN_REASON)
        submitted_at = now - timedelta(days=days)
        Report.objects.filter(pk=report.pk).update(
            submitted_at=submitted_at, decided_at=submitted_at + timedelta(days=1) if outcome else None)
        made += 1
    if stdout is not None and made:
        stdout.write(f"信息报送：{made} 条区县报送（已采用、已退回和待审核）")
