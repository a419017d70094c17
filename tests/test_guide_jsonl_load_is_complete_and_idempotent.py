"""load_content with guide/bundle lines: every element lands on the page, reloads change nothing, edits update in place."""
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Revision

from cms.guides.models import BundlePage, ServiceGuidePage
from search.models import SearchOutbox
from tests.factories.guides import bundle_obj, guide_obj, guide_site

pytestmark = pytest.mark.django_db

FULL = guide_obj(
    code="430100-GA-XK-0201", name="出生登记", department="某市公安局", item_type="行政确认", service_object="个人",
    life_event="出生", basis="《户口登记条例》第七条", conditions="婴儿出生后一个月以内申报。",
    materials=[
        {"name": "出生医学证明", "form": "原件", "copies": 1, "source": "卫健部门（数据共享）", "paper_required": False, "deferrable": False},
        {"name": "结婚证", "form": "复印件", "copies": 2, "source": "申请人自备", "paper_required": True, "deferrable": True},
    ],
    steps=["申请", "受理", "办结"], legal_limit_days=20, promised_limit_days=0, visits=1, fee="不收费",
    location="户籍派出所", hours="工作日 9:00-17:00", phone="0731-110", complaint_phone="12345",
    online_url="https://zwfw.example.gov.cn/cs", form_fields=["新生儿姓名", "联系电话"],
    faq=[{"q": "超过一个月还能办吗？", "a": "可以，按逾期申报办理。"}],
)


def load(tmp_path, objs, extra=()):
    path = tmp_path / "content.jsonl"
    path.write_text("\n".join([json.dumps(o, ensure_ascii=False) for o in objs] + list(extra)) + "\n", encoding="utf-8")
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):  # what the command's commit runs: the batched indexing
        try:
            call_command("load_content", str(path), stdout=out)
        except SystemExit as exited:  # a refused line: exit status 1 (design §2.7), the good lines still loaded
            assert exited.code == 1
    return out.getvalue()


def test_every_guide_element_is_stored_and_shown(tmp_path, client):
    guide_site()
    load(tmp_path, [FULL])
    page = ServiceGuidePage.objects.get(code="430100-GA-XK-0201")
    assert page.live and page.title == "出生登记" and page.item_type == "行政确认" and page.life_event == "出生"
    assert page.step_list == ["申请", "受理", "办结"] and page.form_field_list == ["新生儿姓名", "联系电话"]
    assert page.faq_pairs == [("超过一个月还能办吗？", "可以，按逾期申报办理。")]
    m = list(page.materials.all())
    assert [(x.name, x.form, x.copies, x.source, x.paper_required, x.deferrable) for x in m] == [
        ("出生医学证明", "原件", 1, "卫健部门（数据共享）", False, False), ("结婚证", "复印件", 2, "申请人自备", True, True),
    ]
    html = client.get(page.url).content.decode()
    for text in ("即办（当场办结）", "20个工作日", "户籍派出所", "工作日 9:00-17:00", "0731-110", "12345", "1次",
                 "可容缺", "超过一个月还能办吗？", "《户口登记条例》第七条", "区划代码：430100", "XK（行政许可）"):
        assert text in html, text
    assert not SearchOutbox.objects.exists()  # indexed once the command returns


def test_reloading_the_same_file_changes_nothing_and_an_edit_updates_in_place(tmp_path):
    guide_site()
    second = guide_obj(code="430100-YB-GG-0202", materials=["户口簿"])
    objs = [FULL, second, bundle_obj("YJS-T1", [FULL["code"], second["code"]], promised_limit_days=0, visits=1)]
    load(tmp_path, objs)
    pages, revisions = ServiceGuidePage.objects.count(), Revision.objects.count()
    load(tmp_path, objs)
    assert (ServiceGuidePage.objects.count(), Revision.objects.count()) == (pages, revisions)
    changed = dict(FULL, promised_limit_days=3, materials=[{"name": "出生医学证明"}])
    load(tmp_path, [changed])
    page = ServiceGuidePage.objects.get(code=FULL["code"])
    assert page.promised_limit_days == 3 and [m.name for m in page.materials.all()] == ["出生医学证明"]
    assert ServiceGuidePage.objects.count() == pages
    assert BundlePage.objects.get(code="YJS-T1").gains.days_before == 3 + second["promised_limit_days"]


def test_bad_guide_and_bundle_lines_are_reported_by_number(tmp_path):
    guide_site()
    bad = [
        json.dumps(dict(guide_obj(), materials=[{"name": "身份证", "form": "扫描件"}]), ensure_ascii=False),
        json.dumps(dict(guide_obj(), life_event="上学"), ensure_ascii=False),
        json.dumps(dict(guide_obj(), online_url="zwfw.example.gov.cn"), ensure_ascii=False),
        json.dumps(dict(guide_obj(), visits=-1), ensure_ascii=False),
        json.dumps(dict(guide_obj(), name="长" * 300), ensure_ascii=False),
        json.dumps(bundle_obj("YJS 空格", [FULL["code"]]), ensure_ascii=False),
        json.dumps(bundle_obj("YJS-T2", [FULL["code"]], material_merges=[{"name": "甲"}]), ensure_ascii=False),
    ]
    output = load(tmp_path, [FULL], bad)
    assert "第2行：第1项材料“身份证”的形式应为 原件/复印件/电子：扫描件" in output
    assert "第3行：生命周期阶段应为" in output
    assert "第4行：网上办理地址应以 http:// 或 https:// 开头" in output
    assert "第5行：字段“visits”应为非负整数：-1" in output
    assert "第6行：事项名称过长" in output
    assert "第7行：一件事编码只能包含字母、数字" in output
    assert "第8行：字段“material_merges”应为列表" in output
    assert ServiceGuidePage.objects.filter(code=FULL["code"]).exists()
    assert not BundlePage.objects.exists()


def test_bundle_line_keeps_guide_order_and_confirmed_merges(tmp_path, client):
    guide_site()
    a = guide_obj(code="430100-WS-GG-0301", department="卫健委", materials=["父母身份证", "户口本"], form_fields=["新生儿姓名", "手机号码"])
    b = guide_obj(code="430100-GA-GG-0302", department="公安局", materials=["父母身份证（原件）", "户口簿"], form_fields=["新生儿姓名", "联系电话"])
    bundle = bundle_obj("YJS-T3", [b["code"], a["code"]], promised_limit_days=2, visits=1, life_event="出生",
                        material_merges=[{"name": "户口本", "merged_into": "户口簿"}],
                        field_merges=[{"name": "手机号码", "merged_into": "联系电话"}])
    load(tmp_path, [a, b, bundle])
    page = BundlePage.objects.get(code="YJS-T3")
    assert [g.code for g in page.guides] == [b["code"], a["code"]]
    assert page.material_list == [("父母身份证（原件）", (b["name"], a["name"])), ("户口簿", (b["name"], a["name"]))]
    assert [label for label, _ in page.combined_form] == ["新生儿姓名", "联系电话"]
    assert page.life_event == "出生" and page.live


def test_a_loaded_guide_has_the_history_and_revision_an_editor_expects(tmp_path, admin_client):
    """A new guide is created live in one save (publishing.services); the editor still finds a normal Wagtail page:
    its loaded content as the live revision, 'created' and 'published' in its history, and a form that opens."""
    from wagtail.models import PageLogEntry

    guide_site()
    load(tmp_path, [FULL])
    page = ServiceGuidePage.objects.get(code="430100-GA-XK-0201")
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision_id == page.latest_revision_id is not None
    assert page.live_revision.as_object().title == "出生登记"
    assert [m.name for m in page.live_revision.as_object().materials.all()] == ["出生医学证明", "结婚证"]
    actions = list(PageLogEntry.objects.filter(page=page).order_by("id").values_list("action", flat=True))
    assert actions == ["wagtail.create", "wagtail.publish"]
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200 and "出生登记" in edit.content.decode()
    history = admin_client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "已发布" in history or "Published" in history
