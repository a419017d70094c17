"""A small published site for the self-inspection tests, built through the publication gate, and the planted problems
(legacy rows written directly, as data from before the gate existed would be)."""
import json
from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

ID_NUMBER = "43010219900101106X"  # a valid GB 11643 check character


def _section(parent, slug, title, body=""):
    from cms.site.models import SectionPage
    from publishing import services

    page = services.add_draft(parent, SectionPage(slug=slug, title=title, body=body))
    services.publish(page, mode="loader")
    return SectionPage.objects.get(pk=page.pk)


def clean_site():
    """home → 办事服务 (one complete guide), 政策文件库 (one policy published two days ago), 工作动态 and 通知公告 (one
    fresh article each, linking to each other and to the guide), the statutory columns filled in. Every indicator passes."""
    from cms.guides.models import ServiceGuidePage
    from cms.site.models import SectionPage
    from importers.content_loader import load_lines
    from tests.factories.guides import guide_obj, guide_site

    home, _ = guide_site()
    recent = (timezone.localdate() - timedelta(days=2)).isoformat()
    lines = [
        guide_obj(code="430100-CS-GG-9001", name="居住证办理"),
        {"kind": "policy", "title": "测试市人民政府关于做好居住证服务工作的通知", "doc_number": "测政发〔2026〕1号",
         "issuers": ["测试市人民政府"], "formed_on": recent, "published_on": recent, "validity": "有效",
         "body": "<p>各区县人民政府：现就做好居住证服务工作通知如下。</p>"},
    ]
    with TestCase.captureOnCommitCallbacks(execute=True):
        report = load_lines([json.dumps(o, ensure_ascii=False) for o in lines])
    assert not report.errors, report.errors
    guide = ServiceGuidePage.objects.get(code="430100-CS-GG-9001")
    news = _section(home, "gzdt", "工作动态")
    notices = _section(home, "tzgg", "通知公告")
    _section(news, "dt1", "我市召开居住证服务工作会议", f'<p>会议部署居住证服务，详见<a linktype="page" id="{guide.pk}">办事指南</a>。</p>')
    _section(notices, "gg1", "关于居住证集中办理的公告", '<p>办理时间见<a href="/gzdt/dt1/">工作动态</a>。</p>')
    # the statutory columns the loader made carry only a one-line 栏目说明 until the office fills them in
    for column in SectionPage.objects.filter(body="").exclude(pk__in=[news.pk, notices.pk]).exclude(depth__lte=3, slug="zfxxgk"):
        make_legacy(column, body=f"<p>{column.title}的内容。</p>")
    return home


def make_legacy(page, **fields):
    """Write fields straight into a published page's row, as a page published before the gate would hold them."""
    type(page).objects.filter(pk=page.pk).update(**fields)
    page.refresh_from_db()
    return page


def age(page, days):
    """A page first published `days` ago (legacy data: the publication stamp is the system's, never editable)."""
    from wagtail.models import Page

    when = timezone.now() - timedelta(days=days)
    Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
