"""load_content: a `published_on` in the future, or before the document was formed, is refused with its line number
and a Chinese reason (exit status 1); the good lines still load (design §2.7)."""
import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.policies.models import PolicyDocumentPage
from openness_catalog.models import Entry
from publishing.models import PublicationRecord

pytestmark = pytest.mark.django_db


def policy(n, formed_on, published_on):
    return {"kind": "policy", "title": f"日期校验文件{n}", "doc_number": f"测日发〔2025〕{n}号", "issuers": ["测试市人民政府"],
            "formed_on": formed_on, "published_on": published_on, "body": "正文"}


def entry(n, published_on):
    return {"kind": "catalogue_entry", "column": "芙蓉区", "domain": "就业", "item": "就业创业政策",
            "title": f"日期校验公示{n}", "published_on": published_on, "body": "名单"}


def load(tmp_path, lines, *options):
    path = tmp_path / "dates.jsonl"
    path.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in lines) + "\n", encoding="utf-8")
    out = StringIO()
    try:
        call_command("load_content", str(path), *options, stdout=out)
        status = 0
    except SystemExit as exited:
        status = exited.code
    return status, out.getvalue()


def test_future_and_pre_formation_publication_dates_are_refused_and_good_lines_load(tmp_path, demo):
    today = timezone.localdate()
    tomorrow, last_month = (today + timedelta(days=1)).isoformat(), (today - timedelta(days=30)).isoformat()
    status, output = load(tmp_path, [
        policy(1, "2024-05-06", "2030-01-01"),
        policy(2, last_month, tomorrow),
        policy(3, "2024-05-06", "2024-05-01"),
        entry(4, "2030-01-01"),
        policy(5, "2024-05-06", "2024-05-08"),
        entry(6, last_month),
    ])
    assert status == 1
    assert "第1行：发布日期晚于今天：published_on 为 2030-01-01" in output
    assert f"第2行：发布日期晚于今天：published_on 为 {tomorrow}" in output
    assert "第3行：发布日期早于成文日期：published_on 为 2024-05-01，formed_on 为 2024-05-06" in output
    assert "第4行：发布日期晚于今天：published_on 为 2030-01-01" in output
    assert "按原因：" in output
    assert "发布日期晚于今天：3 行（第1、2、4行）" in output and "发布日期早于成文日期：1 行（第3行）" in output
    assert not PolicyDocumentPage.objects.filter(title__in=["日期校验文件1", "日期校验文件2", "日期校验文件3"]).exists()
    assert not Entry.objects.filter(title="日期校验公示4").exists()
    assert PolicyDocumentPage.objects.get(title="日期校验文件5").live
    assert Entry.objects.get(title="日期校验公示6").published_at is not None


def test_a_dry_run_refuses_the_same_dates(tmp_path, demo):
    status, output = load(tmp_path, [policy(1, "2024-05-06", "2030-01-01")], "--dry-run")
    assert status == 1 and "第1行：发布日期晚于今天" in output


def test_today_and_the_formation_day_itself_are_accepted(tmp_path, demo):
    today = timezone.localdate().isoformat()
    status, output = load(tmp_path, [policy(1, today, today), policy(2, "2024-05-06", "2024-05-06"), entry(3, today)])
    assert status == 0, output


def test_a_historic_date_is_shown_as_the_sources_while_the_system_keeps_its_own_stamp(tmp_path, demo, client):
    """What happens to a past `published_on` (design §2.7: information already published elsewhere): it becomes the
    page's 发布日期, 09:00 that day; the moment Gongkai published it is kept by the system beside it, and a later
    load never moves either."""
    before = timezone.now()
    assert load(tmp_path, [policy(1, "2024-05-06", "2024-05-08")])[0] == 0
    page = PolicyDocumentPage.objects.get(title="日期校验文件1")
    assert timezone.localtime(page.published_at).strftime("%Y-%m-%d %H:%M") == "2024-05-08 09:00"
    assert page.first_published_at >= before  # Wagtail's own stamp: when it went live here
    record = PublicationRecord.objects.get(page=page)
    assert record.published_at == page.published_at and record.checks_passed_at >= before and record.mode == "loader"
    assert "2024年05月08日" in client.get(page.url).content.decode()

    changed = dict(policy(1, "2024-05-06", "2024-05-09"), body="改过的正文")
    assert load(tmp_path, [changed])[0] == 0
    page.refresh_from_db()
    assert timezone.localtime(page.published_at).strftime("%Y-%m-%d") == "2024-05-08"
