"""python manage.py load_content FILE.jsonl: idempotent, bad lines reported by number, the rest loads."""
import json
from io import StringIO

import pytest
from django.core.management import call_command

from cms.guides.models import BundlePage, ServiceGuidePage
from cms.policies.models import PolicyDocumentPage
from openness_catalog.models import Entry

pytestmark = pytest.mark.django_db

LINES = [
    {"kind": "guide", "code": "430100-CS-GG-0001", "name": "测试事项甲", "department": "甲局", "materials": [{"name": "身份证", "copies": 1}], "promised_limit_days": 5, "visits": 2},
    {"kind": "guide", "code": "430100-CS-GG-0002", "name": "测试事项乙", "department": "乙局", "materials": [{"name": "身份证（复印件）"}, {"name": "申请表"}], "promised_limit_days": 10, "visits": 1},
    {"kind": "bundle", "code": "B-0001", "name": "测试一件事", "guides": ["430100-CS-GG-0001", "430100-CS-GG-0002"], "promised_limit_days": 5, "visits": 1},
    {"kind": "policy", "title": "关于测试的通知", "doc_number": "测政发〔2025〕1号", "issuers": ["测试市人民政府"], "formed_on": "2025-01-06", "body": "第一段\n第二段", "validity": "有效", "topic": "综合政务\\政务公开"},
    {"kind": "catalogue_entry", "column": "芙蓉区", "domain": "就业", "item": "就业创业政策", "title": "芙蓉区2025年就业补贴公示", "published_on": "2025-03-01", "body": "补贴名单"},
]


def write(tmp_path, objs, extra_lines=()):
    path = tmp_path / "content.jsonl"
    path.write_text("\n".join([json.dumps(o, ensure_ascii=False) for o in objs] + list(extra_lines)) + "\n", encoding="utf-8")
    return path


def run(path, refused=False):
    """Exit status 0 only when every line loaded, 1 when any line was refused (design §2.7)."""
    out = StringIO()
    if refused:
        with pytest.raises(SystemExit) as exited:
            call_command("load_content", str(path), stdout=out)
        assert exited.value.code == 1
    else:
        call_command("load_content", str(path), stdout=out)
    return out.getvalue()


def test_every_kind_loads_and_is_published(tmp_path, demo, client):
    output = run(write(tmp_path, LINES))
    assert "已加载" in output
    bundle = BundlePage.objects.get(code="B-0001")
    assert bundle.live and [g.code for g in bundle.guides] == ["430100-CS-GG-0001", "430100-CS-GG-0002"]
    assert bundle.gains.materials_before == 3 and bundle.gains.materials_after == 2
    policy = PolicyDocumentPage.objects.get(doc_number="测政发〔2025〕1号")
    assert policy.live and "<p>第二段</p>" in policy.body and str(policy.topic) == "综合政务\\政务公开"
    assert client.get(policy.url).status_code == 200
    assert Entry.objects.get(title="芙蓉区2025年就业补贴公示").published_at is not None


def test_reloading_is_idempotent(tmp_path, demo):
    path = write(tmp_path, LINES)
    run(path)
    counts = (ServiceGuidePage.objects.count(), BundlePage.objects.count(), PolicyDocumentPage.objects.count(), Entry.objects.count())
    run(path)
    assert (ServiceGuidePage.objects.count(), BundlePage.objects.count(), PolicyDocumentPage.objects.count(), Entry.objects.count()) == counts


def test_bad_lines_are_reported_with_numbers_and_good_lines_still_load(tmp_path, demo):
    bad = [
        "{not json",
        json.dumps({"kind": "guide", "name": "没有编码"}, ensure_ascii=False),
        json.dumps({"kind": "bundle", "code": "B-9", "name": "缺指南", "guides": ["NOPE"]}, ensure_ascii=False),
        json.dumps({"kind": "spaceship"}),
        json.dumps({"kind": "policy", "title": "日期错", "issuers": ["某局"], "formed_on": "2025-13-01"}, ensure_ascii=False),
    ]
    output = run(write(tmp_path, LINES[:2], bad), refused=True)
    assert "第3行：不是有效的 JSON" in output
    assert "第4行：缺少或无效的字段“code”" in output
    assert "第5行：引用了不存在的办事指南编码：NOPE" in output
    assert "第6行：未知的 kind" in output
    assert "第7行：字段“formed_on”不是有效日期" in output
    assert ServiceGuidePage.objects.filter(code__in=["430100-CS-GG-0001", "430100-CS-GG-0002"]).count() == 2
