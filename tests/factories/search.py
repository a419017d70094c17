"""Search test helpers: pick an engine for a test, and wait for OpenSearch to show what was indexed."""
import json
import uuid

from django.conf import settings
from django.test import TestCase


def use_engine(settings_fixture, name):
    """Point the project at one engine; OpenSearch gets a fresh index prefix per test."""
    if name == "database":
        settings_fixture.OPENSEARCH_URL = None
        return
    if not settings_fixture.OPENSEARCH_URL:
        raise AssertionError("OPENSEARCH_URL 未设置：请用 `make test` 运行，它会启动 OpenSearch")
    settings_fixture.OPENSEARCH_INDEX_PREFIX = f"{settings.OPENSEARCH_INDEX_PREFIX}-{uuid.uuid4().hex[:8]}"


def refresh():
    """Make OpenSearch's latest writes visible (no-op on the embedded engine)."""
    from search.engines import get_engine

    engine = get_engine()
    if engine.name == "opensearch":
        engine.ensure_index()
        engine.refresh()


def drop():
    from search.engines import get_engine

    engine = get_engine()
    if engine.name == "opensearch":
        engine.drop_index()


def policy_obj(title, doc_number, validity="有效", formed_on="2024-03-01", body="", issuers=("长沙市人民政府办公厅",)):
    return {"kind": "policy", "title": title, "doc_number": doc_number, "issuers": list(issuers), "formed_on": formed_on,
            "published_on": formed_on, "body": body or title, "validity": validity}


GUIDES = [
    {"kind": "guide", "code": "430100-WS-GG-0001", "name": "出生医学证明首次签发", "department": "长沙市卫生健康委员会",
     "item_type": "公共服务", "conditions": "在本市助产机构内出生的新生儿。", "basis": "《中华人民共和国母婴保健法》第二十三条",
     "materials": [{"name": "父母双方有效身份证件"}, {"name": "分娩记录"}], "promised_limit_days": 1, "visits": 1},
    {"kind": "guide", "code": "430100-GA-XK-0002", "name": "出生登记（户口登记）", "department": "长沙市公安局",
     "item_type": "行政确认", "conditions": "婴儿出生后一个月以内，向婴儿常住地户口登记机关申报出生登记。",
     "basis": "《中华人民共和国户口登记条例》第七条", "materials": [{"name": "出生医学证明"}, {"name": "户口簿"}]},
    {"kind": "guide", "code": "430100-YB-GG-0003", "name": "城乡居民基本医疗保险参保登记（新生儿）", "department": "长沙市医疗保障局",
     "conditions": "已办理出生登记的新生儿。", "materials": [{"name": "户口簿"}, {"name": "出生医学证明"}]},
    {"kind": "guide", "code": "430100-WS-GG-0004", "name": "预防接种证办理", "department": "长沙市卫生健康委员会",
     "conditions": "儿童出生后一个月内。", "materials": [{"name": "出生医学证明"}], "online_url": "https://zwfw.example.gov.cn/"},
    {"kind": "guide", "code": "430100-MZ-GG-0005", "name": "最低生活保障申请", "department": "长沙市民政局",
     "conditions": "共同生活的家庭成员人均收入低于当地最低生活保障标准。", "materials": [{"name": "居民身份证"}, {"name": "家庭收入证明"}]},
    {"kind": "bundle", "code": "YJS-XSECS", "name": "新生儿出生一件事", "lead_department": "长沙市卫生健康委员会",
     "guides": ["430100-WS-GG-0001", "430100-GA-XK-0002", "430100-YB-GG-0003", "430100-WS-GG-0004"]},
    {"kind": "policy", "title": "长沙市人民政府办公厅关于印发《长沙市最低生活保障审核确认办法》的通知", "doc_number": "长政办发〔2023〕12号",
     "issuers": ["长沙市人民政府办公厅"], "formed_on": "2023-06-16", "published_on": "2023-06-20", "validity": "有效",
     "body": "最低生活保障审核确认办法。申请最低生活保障以家庭为单位，由申请人向户籍所在地乡镇人民政府（街道办事处）提出书面申请。"},
    {"kind": "policy", "title": "长沙市人力资源和社会保障局关于企业职工退休审批有关事项的通知", "doc_number": "长人社发〔2019〕8号",
     "issuers": ["长沙市人力资源和社会保障局"], "formed_on": "2019-04-12", "published_on": "2019-04-15", "validity": "失效",
     "body": "为规范企业职工退休审批工作，企业职工正常退休由参保地人力资源和社会保障部门审批，基本养老保险待遇按月发放。"},
    {"kind": "policy", "title": "长沙市人民政府关于进一步优化营商环境的若干意见", "doc_number": "长政发〔2024〕3号",
     "issuers": ["长沙市人民政府"], "formed_on": "2024-03-05", "published_on": "2024-03-08", "validity": "有效",
     "body": "全面推进一件事一次办改革。推动高频政务服务事项全程网上办理，2024年底前实现一网通办。"},
]


def search_site():
    """A small realistic site (guides, a bundle, policies) loaded through the content exchange, so it is
    published and indexed exactly as production content is."""
    import json

    from cms.guides.models import ServiceGuidePage
    from cms.policies.models import PolicyLibraryPage
    from importers.content_loader import load_lines
    from search import vocabulary
    from tests.factories.guides import guide_site

    vocabulary.bump()  # an earlier test's synonyms were rolled back; its analyzer may still be this process's
    home, _ = guide_site()
    if not PolicyLibraryPage.objects.exists():
        library = PolicyLibraryPage(title="政策文件库", slug="zcwjk")
        home.add_child(instance=library)
        library.save_revision().publish()
    # Tests run inside a transaction that never commits; run what the commit would (the batched indexing).
    with TestCase.captureOnCommitCallbacks(execute=True):
        report = load_lines([json.dumps(o, ensure_ascii=False) for o in GUIDES])
    assert not report.errors, report.errors
    refresh()
    return ServiceGuidePage.objects.get(code="430100-WS-GG-0004")


def load_indexed(objs):
    """load_content lines (dicts), indexed as after the commit; every line must load."""
    from importers.content_loader import load_lines

    with TestCase.captureOnCommitCallbacks(execute=True):
        report = load_lines([json.dumps(o, ensure_ascii=False) for o in objs])
    assert not report.errors, report.errors
    return report


def search_site_with(objs):
    """:func:`search_site` plus these load_content lines, indexed and visible."""
    search_site()
    load_indexed(objs)
    refresh()


def api_search(client, q, **params):
    """/api/search's answer for ``q`` (HTTP 200 asserted)."""
    response = client.get("/api/search", {"q": q, **params})
    assert response.status_code == 200, response.content.decode()
    return response.json()
