"""The admin home of each role counts that role's work: the officer's waiting, due-soon, overdue and blocked
documents, the editor's stale items and entries due in their own columns, the evaluator's month and overdue
records, the site administrator's failed imports and search health. Other roles' panels stay off each home."""
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.site import roles
from importers.models import ImportedDocument
from publishing import submissions, workdays
from publishing.models import Deadline
from search.engines import search_health
from tests.factories import catalogue
from tests.factories.accounts import make_user
from tests.factories.timeliness import organ, record

pytestmark = pytest.mark.django_db

PANELS = ["officer-work", "editor-work", "evaluator-work", "site-admin-work"]


def home_of(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def figures(html, panel):
    """{label: value} of the figures in one panel, as shown."""
    section = re.search(rf'<section[^>]*id="{panel}".*?</section>', html, re.S)
    assert section, f"no {panel} panel"
    return {label: value for value, label in re.findall(r"<strong>([^<]*)</strong><span>([^<]*)</span>", section.group(0))}


def panels_on(html):
    return [p for p in PANELS if f'id="{p}"' in html]


def working_days_ahead(n):
    return workdays.get_default_calendar().add_working_days_provisional(timezone.localdate(), n)[0]


def document(n, *, due_on=None, **fields):
    """A submission as importers hand it to publishing; its stored deadline moved to due_on when given."""
    sub = submissions.submit(source_key=f"dash-{n}", title=f"测试公文{n}", doc_number=f"长政办发〔2026〕{n}号",
                             formed_on=timezone.localdate(), body_html=f"<p>第{n}号文件正文。</p>", **fields)
    if due_on is not None:
        Deadline.objects.filter(pk=sub.deadline_id).update(due_on=due_on)
    return sub


def test_the_officer_sees_waiting_due_overdue_and_blocked_documents(client):
    today = timezone.localdate()
    document(1)  # waiting, due in 20 working days
    document(2, due_on=working_days_ahead(2))  # due soon
    document(3, due_on=today - timedelta(days=3))  # overdue
    blocked = document(4, disclosure="不予公开")  # blocked by the gate: awaiting review
    assert blocked.status == blocked.BLOCKED
    ImportedDocument.objects.create(source="upload", original_name="坏文件.docx", error="无法读取文件")
    html = home_of(client, make_user("o1", roles.OFFICER))
    assert figures(html, "officer-work") == {
        "待公开": "3", "5个工作日内到期": "1", "已超期未公开": "1", "禁止公开，待审查": "1", "导入失败": "1"}
    assert "《测试公文3》" in html and "超期" in html
    assert panels_on(html) == ["officer-work"]


def test_the_editor_sees_stale_items_and_entries_due_in_their_columns_only(client):
    today = timezone.localdate()
    mine, other = catalogue.column("芙蓉区"), catalogue.column("天心区", sort_order=2)
    stale = catalogue.item(mine, level1="就业创业政策")
    fresh = catalogue.item(mine, domain_obj=catalogue.domain("社会救助"), level1="低保")
    elsewhere = catalogue.item(other, level1="天心区就业政策")
    type(stale).objects.filter(pk__in=[stale.pk, elsewhere.pk]).update(update_due_on=today - timedelta(days=10))
    type(fresh).objects.filter(pk=fresh.pk).update(update_due_on=today + timedelta(days=30))
    soon_formed = next(today - timedelta(days=d) for d in range(1, 60)
                       if workdays.get_default_calendar().add_working_days_provisional(today - timedelta(days=d), 20)[0]
                       <= working_days_ahead(3))
    catalogue.draft_entry(stale, title="早已形成的补贴公告", formed_on=today - timedelta(days=90))  # overdue
    catalogue.draft_entry(fresh, title="即将到期的低保名单", formed_on=soon_formed)  # due within 5 working days
    catalogue.draft_entry(fresh, title="今天形成的公告", formed_on=today)  # 20 working days left
    catalogue.draft_entry(elsewhere, title="天心区的公告", formed_on=today - timedelta(days=90))  # not this editor's
    html = home_of(client, catalogue.editor("e1", mine))
    assert figures(html, "editor-work") == {"事项待更新": "1", "信息已超期未发布": "1", "5个工作日内应发布": "1"}
    assert "早已形成的补贴公告" in html and "即将到期的低保名单" in html
    assert "天心区的公告" not in html and "今天形成的公告" not in html
    assert panels_on(html) == ["editor-work"]


def test_the_evaluator_sees_this_months_figures_and_overdue_records(client):
    today = timezone.localdate()
    first = today.replace(day=1)
    bureau = organ("长沙市民政局")
    record(first, today, department=bureau)
    record(first, today, department=bureau)
    record(today, None, department=bureau)  # this month, not yet due
    record(today - timedelta(days=120), None, department=bureau, title="去年形成仍未发布的文件")  # overdue
    record(today - timedelta(days=120), today - timedelta(days=110), department=bureau)  # an old month, published
    html = home_of(client, make_user("v1", roles.EVALUATOR))
    shown = figures(html, "evaluator-work")
    assert shown["本月形成/变更"] == "3" and shown["已发布"] == "2" and shown["按时发布率"] == "100.0%"
    assert shown["已超期未发布（全部）"] == "1"
    assert "去年形成仍未发布的文件" in html and f"{today.year}年{today.month}月发布时效" in html
    assert panels_on(html) == ["evaluator-work"]


def test_the_site_administrator_sees_failed_imports_and_search_health(client):
    ImportedDocument.objects.create(source="inbox", original_name="扫描件.pdf", error="PDF 没有文字层")
    ImportedDocument.objects.create(source="upload", original_name="另一个坏文件.docx", error="无法读取文件")
    html = home_of(client, make_user("s1", roles.SITE_ADMIN))
    assert figures(html, "site-admin-work")["导入失败的文件"] == "2"
    assert "扫描件.pdf" in html and "PDF 没有文字层" in html
    assert ("运行正常" if search_health()["status"] == "ok" else "运行异常") in html
    assert panels_on(html) == ["site-admin-work"]
