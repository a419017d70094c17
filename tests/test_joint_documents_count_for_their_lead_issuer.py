"""A joint document is measured and shown under its lead issuer (牵头, the first 发文机关), even when a co-issuer's
name sorts first: its publication record, the timeliness figures and the 发文机关 on its page name the lead."""
import pytest

from tests.factories.search import load_indexed, policy_obj, search_site, use_engine

LEAD, OTHER = "长沙市卫生健康委员会", "长沙市公安局"
JOINT = policy_obj(f"{LEAD} {OTHER}关于做好新生儿出生医学证明与户口登记联办工作的通知", "长卫联〔2024〕5号",
                   formed_on="2024-03-01", issuers=(OTHER, LEAD), body="出生医学证明与出生登记一次办结。")


@pytest.fixture
def joint(settings, db):
    from cms.policies.models import PolicyDocumentPage

    use_engine(settings, "database")
    search_site()
    load_indexed([JOINT])
    assert min(LEAD, OTHER) == OTHER  # the co-issuer sorts first by name: the order issuers are read in
    return PolicyDocumentPage.objects.get(doc_number="长卫联〔2024〕5号")


def test_the_publication_record_and_the_figures_count_the_lead_issuer(joint, admin_client):
    from publishing.models import PublicationRecord

    assert PublicationRecord.objects.get(page_id=joint.pk).department.name == LEAD
    figures = admin_client.get("/api/timeliness", {"from": "2024-01-01", "to": "2024-12-31"}).json()
    departments = {row["department"]: row["count"] for row in figures["by_department"]}
    assert departments.get(LEAD) == 1 and OTHER not in departments


def test_the_policy_page_names_the_lead_issuer_first(joint, client):
    page = client.get(joint.url).content.decode()
    assert f'<th scope="row">发文机关</th><td>{LEAD}、{OTHER}</td>' in page
