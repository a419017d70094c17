"""load_content, import_guides and catalogue_import work without the demo: on a freshly migrated database (the loader
makes the sections it needs, design §2.7) and on a site made by init_site (§2.11); every loaded policy has a 索引号."""
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from cms.guides.models import BundlePage, GuideIndexPage, ServiceGuidePage
from cms.policies.models import PolicyDocumentPage, PolicyLibraryPage
from openness_catalog import standard
from openness_catalog.models import CatalogueItem, Entry
from tests.factories.guides import excel_row, guide_workbook

pytestmark = pytest.mark.django_db

NAME = "湘江新区管理委员会"
CODE = "12430100MB1A2B3C43"


def lines(column):
    return [
        {"kind": "guide", "code": "430100-CS-GG-0101", "name": "测试事项甲", "department": "甲局",
         "materials": [{"name": "身份证", "copies": 1}], "promised_limit_days": 5, "visits": 1},
        {"kind": "guide", "code": "430100-CS-GG-0102", "name": "测试事项乙", "department": "乙局",
         "materials": [{"name": "申请表"}], "promised_limit_days": 10, "visits": 1},
        {"kind": "bundle", "code": "B-0101", "name": "测试一件事", "guides": ["430100-CS-GG-0101", "430100-CS-GG-0102"]},
        {"kind": "policy", "title": "关于开展测试工作的通知", "doc_number": "湘新管发〔2025〕1号", "issuers": [NAME],
         "formed_on": "2025-01-06", "published_on": "2025-01-08", "body": "第一段\n第二段", "validity": "有效"},
        {"kind": "policy", "title": "关于公布测试名单的公告", "issuers": [], "formed_on": "2025-02-03",
         "published_on": "2025-02-05", "body": "名单如下。"},
        {"kind": "catalogue_entry", "column": column, "domain": "就业", "item": "就业创业政策",
         "title": "2025年就业补贴公示", "published_on": "2025-03-01", "body": "补贴名单"},
    ]


def load(tmp_path, objs):
    path = tmp_path / "content.jsonl"
    path.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in objs) + "\n", encoding="utf-8")
    out = StringIO()
    call_command("load_content", str(path), stdout=out)  # exit status 1 would raise SystemExit
    return out.getvalue()


def assert_loaded_and_served(client):
    for page in [*ServiceGuidePage.objects.all(), *BundlePage.objects.all(), *PolicyDocumentPage.objects.all()]:
        assert page.live and client.get(page.url).status_code == 200, page.title
    assert ServiceGuidePage.objects.count() == 2 and BundlePage.objects.count() == 1
    assert PolicyDocumentPage.objects.count() == 2
    assert all(p.get_parent().specific_class is PolicyLibraryPage for p in PolicyDocumentPage.objects.all())
    assert all(g.get_parent().specific_class is GuideIndexPage for g in ServiceGuidePage.objects.all())
    assert Entry.objects.get(title="2025年就业补贴公示").published_at is not None


def test_load_content_on_a_freshly_migrated_database(tmp_path, client):
    assert not PolicyLibraryPage.objects.exists() and not GuideIndexPage.objects.exists()
    load(tmp_path, lines("芙蓉区"))
    assert_loaded_and_served(client)
    assert client.get("/zfxxgk/zcwjk/").status_code == 200 and client.get("/bsfw/").status_code == 200
    numbers = list(PolicyDocumentPage.objects.values_list("index_number", flat=True))
    assert all(re.fullmatch(r"2025-\d{5}", n) for n in numbers), numbers  # no organ code known: the period and serial
    assert len(set(numbers)) == len(numbers)  # issuers without a code share the site organ's sequence: never a repeat

    pages = PolicyDocumentPage.objects.count() + ServiceGuidePage.objects.count()
    load(tmp_path, lines("芙蓉区"))  # the sections are there now: nothing doubles
    assert PolicyDocumentPage.objects.count() + ServiceGuidePage.objects.count() == pages
    assert PolicyLibraryPage.objects.count() == 1 and GuideIndexPage.objects.count() == 1


def test_load_content_on_an_init_site_site_numbers_policies_with_the_org_code(tmp_path, client):
    call_command("init_site", "--name", NAME, "--org-code", CODE, stdout=StringIO())
    load(tmp_path, lines(NAME))
    assert_loaded_and_served(client)
    numbers = list(PolicyDocumentPage.objects.order_by("formed_on").values_list("index_number", flat=True))
    assert numbers == [f"{CODE}/2025-00001", f"{CODE}/2025-00002"]  # named issuer, and no issuer: the site's organ
    assert PolicyLibraryPage.objects.count() == 1 and GuideIndexPage.objects.count() == 1


def test_import_guides_on_an_init_site_site(tmp_path, client):
    call_command("init_site", "--name", NAME, "--org-code", CODE, stdout=StringIO())
    path = guide_workbook(tmp_path / "清单.xlsx", [excel_row("430100-MZ-QR-0801", "结婚登记")])
    out = StringIO()
    call_command("import_guides", str(path), stdout=out)
    guide = ServiceGuidePage.objects.get(code="430100-MZ-QR-0801")
    assert guide.live and guide.url.startswith("/bsfw/") and client.get(guide.url).status_code == 200


def test_catalogue_import_on_an_init_site_site(tmp_path, client):
    call_command("init_site", "--name", NAME, "--org-code", CODE, stdout=StringIO())
    wb = Workbook()
    ws = wb.active
    ws.append(standard.EXCEL_HEADERS)
    row = {"栏目": NAME, "领域": "就业", "序号": 1, "一级事项": "就业创业政策", "二级事项": "就业补贴",
           "公开内容（要素）": "政策文件、办理条件、结果", "公开依据": "《中华人民共和国政府信息公开条例》",
           "公开时限": "信息形成（变更）之日起20个工作日内", "公开主体": "社会事务局", "公开渠道和载体": "政府网站",
           "公开对象": "全社会", "公开方式": "主动", "公开层级": "县级"}
    ws.append([row[h] for h in standard.EXCEL_HEADERS])
    path = tmp_path / "目录.xlsx"
    wb.save(path)
    call_command("catalogue_import", str(path), stdout=StringIO())
    item = CatalogueItem.objects.get(column__name=NAME, domain__name="就业", level1="就业创业政策")
    assert item.level2 == "就业补贴"
    assert client.get(f"/jczwgk/item/{item.pk}/").status_code == 200


def test_a_misspelt_column_on_a_real_site_is_refused_not_created(tmp_path):
    from openness_catalog.models import Column

    call_command("init_site", "--name", NAME, "--org-code", CODE, stdout=StringIO())
    columns = set(Column.objects.values_list("name", flat=True))
    out = StringIO()
    with pytest.raises(SystemExit) as exited:
        path = tmp_path / "typo.jsonl"
        path.write_text(json.dumps(lines("湘江新区管委会")[-1], ensure_ascii=False) + "\n", encoding="utf-8")
        call_command("load_content", str(path), stdout=out)
    assert exited.value.code == 1
    assert "栏目不存在：湘江新区管委会" in out.getvalue() and NAME in out.getvalue()
    assert set(Column.objects.values_list("name", flat=True)) == columns
