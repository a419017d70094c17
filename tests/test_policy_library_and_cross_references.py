"""The public policy library filters by year and validity; 发文字号 citations link both ways."""
import pytest
from django.utils import timezone

from cms.policies.models import PolicyDocumentPage
from importers.services import import_file
from tests.factories.documents import clean_notice
from tests.factories.importers import publish_document as publish

pytestmark = pytest.mark.django_db


def test_library_filters_by_year_and_validity(client, demo):
    library = "/zfxxgk/zcwjk/"
    html = client.get(library, {"year": "2019"}).content.decode()
    assert "企业职工退休审批" in html and "优化营商环境" not in html
    html = client.get(library, {"validity": "失效"}).content.decode()
    assert "企业职工退休审批" in html and "新生儿出生一件事联办" not in html
    html = client.get(library, {"validity": "有效", "sort": "old"}).content.decode()
    assert html.index("《长沙市最低生活保障审核确认办法》的通知") < html.index("长沙市人民政府关于进一步优化营商环境的若干意见")


def test_a_cited_document_number_links_to_the_policy_both_ways(client, demo, tmp_path):
    cited = PolicyDocumentPage.objects.get(doc_number="长政发〔2024〕3号")
    today = timezone.localdate()
    path = clean_notice(tmp_path, formed_on=today, number=21, body_extra="根据《长沙市人民政府关于进一步优化营商环境的若干意见》（长政发〔2024〕3号）要求。")
    page = publish(import_file(path, source="upload").document)
    page.refresh_from_db()
    assert f'<a href="{cited.url}">长政发〔2024〕3号</a>' in page.body
    html = client.get(page.url).content.decode()
    assert "本文件引用" in html and cited.title in html
    assert "引用本文件" in client.get(cited.url).content.decode()
