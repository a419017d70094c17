"""`load_content` refuses policy, catalogue-entry and guide lines that carry disguised personal numbers, a 密级
marking or a 不予公开 note (design §2.7): exit status 1, nothing of them live or searchable, the clean lines load.
A guide's own published contact number is not a citizen's personal data: it loads, with a warning to look at it."""
import json
from io import StringIO

import pytest
from django.core.management import call_command

from cms.guides.models import ServiceGuidePage
from cms.policies.models import PolicyDocumentPage
from openness_catalog.models import Entry
from publishing import gate
from tests.factories.search import use_engine

pytestmark = pytest.mark.django_db

ID = "43010219900101106X"  # valid GB 11643 check character
CARD = "6222021903001234560"  # passes Luhn


def full_width(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def policy(title, body, n):
    return {"kind": "policy", "title": title, "doc_number": f"临政办发〔2026〕{n}号", "issuers": ["临江区人民政府办公室"],
            "formed_on": "2026-11-20", "published_on": "2026-11-23", "body": body}


def entry(title, body):
    return {"kind": "catalogue_entry", "column": "芙蓉区", "domain": "就业", "item": "就业创业政策", "title": title,
            "published_on": "2026-11-23", "body": body}


def guide(code, name, **fields):
    return {"kind": "guide", "code": code, "name": name, "department": "临江区人力资源和社会保障局",
            "conditions": "在本区首次创办小微企业并正常经营6个月以上。", "materials": [{"name": "营业执照"}], **fields}


FORBIDDEN = [
    policy("临江区供暖补贴发放名单公示", f"经审核，补贴对象如下：\n王某，身份证号{ID[:6]}.{ID[6:10]}.{ID[10:14]}.{ID[14:]}。", 1),
    policy("临江区物业维修资金使用情况通报", "各街道要加强物业维修资金监管。\n秘 密★1年\n具体使用情况见附表。", 2),
    policy("临江区老旧小区改造进度通报", "截至11月底，全区已完成改造小区42个。（此件不予公开）", 3),
    entry("芙蓉区创业担保贷款贴息名单", f"贴息对象：李某，联系电话{full_width('139-0731-5566')}。"),
    entry("芙蓉区就业见习补贴拨付情况", "本月拨付就业见习补贴12.6万元。\n（公开方式：不予公开）"),
    guide("430100-RS-GG-0101", "一次性创业补贴申领（退款）",
          basis=f"补贴退回账户：{chr(0x200b).join(CARD[i:i + 4] for i in range(0, len(CARD), 4))}"),
]
CLEAN = [
    policy("临江区冬季供暖服务保障公告", "各供热企业要按时供暖。\n对依申请公开的信息，申请人可以通过信函提出申请。", 4),
    entry("芙蓉区创业补贴申领指南更新", "申领人身份证号已脱敏：430102********106X，电话138****5678。"),
    guide("430100-RS-GG-0102", "就业困难人员认定", phone="0731-84512345", complaint_phone="12345"),
]
HOTLINE = guide("430100-RS-GG-0103", "灵活就业社会保险补贴申领", phone="139 0731 2468")


def write(tmp_path, objs):
    path = tmp_path / "content.jsonl"
    path.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in objs) + "\n", encoding="utf-8")
    return path


def titles(objs):
    return [o.get("title") or o.get("name") for o in objs]


def live_titles():
    return (set(PolicyDocumentPage.objects.live().values_list("title", flat=True))
            | set(ServiceGuidePage.objects.live().values_list("title", flat=True))
            | set(Entry.objects.filter(published_at__isnull=False).values_list("title", flat=True)))


def found(client, title):
    return [r["title"] for r in client.get("/api/search", {"q": title}).json()["results"]]


@pytest.fixture
def loaded(tmp_path, demo, settings, django_capture_on_commit_callbacks):
    use_engine(settings, "database")
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(SystemExit) as exited:
        call_command("load_content", str(write(tmp_path, FORBIDDEN + CLEAN + [HOTLINE])), stdout=out)
    return exited.value.code, out.getvalue()


def test_forbidden_lines_make_the_load_exit_with_status_one_and_say_why(loaded):
    status, output = loaded
    assert status == 1
    for number in range(1, len(FORBIDDEN) + 1):
        assert f"第{number}行：不能发布" in output
    assert "身份证号码" in output and "密级" in output and "不予公开" in output and "手机号码" in output and "银行卡号" in output
    assert ID not in output and CARD not in output
    assert f"共 {len(FORBIDDEN)} 行被拒绝" in output


def test_no_forbidden_line_is_live_or_searchable_and_the_clean_lines_are(loaded, client):
    live = live_titles()
    for title in titles(FORBIDDEN):
        assert title not in live
        assert title not in found(client, title)
    assert not PolicyDocumentPage.objects.filter(title__in=titles(FORBIDDEN)).exists()
    assert not Entry.objects.filter(title__in=titles(FORBIDDEN)).exists()
    assert not ServiceGuidePage.objects.filter(title__in=titles(FORBIDDEN)).exists()
    for title in titles(CLEAN + [HOTLINE]):
        assert title in live
    assert "临江区冬季供暖服务保障公告" in found(client, "临江区冬季供暖服务保障公告")


def test_a_mobile_number_as_a_guides_own_hotline_loads_with_a_warning_to_check_it(loaded):
    hotline = ServiceGuidePage.objects.get(code="430100-RS-GG-0103")
    assert hotline.live and hotline.phone == "139 0731 2468"
    warnings = [c for c in gate.findings(hotline) if c.code == "contact_mobile_number"]
    assert [c.severity for c in warnings] == ["warn"] and "咨询电话" in warnings[0].message and "139****2468" in warnings[0].message
    assert gate.refusals(hotline) == []
    clean = ServiceGuidePage.objects.get(code="430100-RS-GG-0102")
    assert not [c for c in gate.findings(clean) if c.code == "contact_mobile_number"]


def test_the_same_mobile_number_in_a_guides_text_is_refused(tmp_path, demo):
    moved = guide("430100-RS-GG-0104", "失业保险金申领", conditions="请联系经办人手机139 0731 2468。")
    with pytest.raises(SystemExit) as exited:
        call_command("load_content", str(write(tmp_path, [moved])), stdout=StringIO())
    assert exited.value.code == 1
    assert not ServiceGuidePage.objects.filter(code="430100-RS-GG-0104").exists()
