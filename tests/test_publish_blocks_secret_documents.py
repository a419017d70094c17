"""Never publish what must not be published: secrecy, 不予公开 and unmasked personal data block, with reasons."""
import pytest

from cms.policies.models import PolicyDocumentPage
from publishing.gate import PublishRefused
from publishing.models import PublicationRecord
from tests.factories.importers import import_fixture
from tests.factories.importers import publish_document as publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fixture, reason",
    [
        ("10_secret_notice.docx", "秘密"),
        ("11_tongbao_bugongkai.docx", "不予公开"),
        ("12_gonggao_pii.docx", "身份证"),
    ],
)
def test_blocked_document_is_imported_shown_with_reason_and_never_published(demo, fixture, reason):
    doc = import_fixture(fixture)
    assert doc.status == "blocked"
    assert any(reason in c["message"] for c in doc.checks if c["severity"] == "block")
    with pytest.raises(PublishRefused) as refused:
        publish(doc)
    assert any(reason in r for r in refused.value.reasons)
    assert not PolicyDocumentPage.objects.filter(source_key=f"import-{doc.pk}").exists()
    assert doc.title and not PublicationRecord.objects.filter(title=doc.title).exists()


def test_oa_disclosure_other_than_proactive_blocks_even_a_clean_file(demo):
    doc = import_fixture("01_tongzhi_basic.docx", oa_meta={"id": "OA-1", "version": 1, "disclosure": "依申请公开"})
    with pytest.raises(PublishRefused) as refused:
        publish(doc)
    assert any("依申请公开" in r for r in refused.value.reasons)


def test_refusal_is_in_the_audit_log_with_the_user(demo, django_user_model):
    from wagtail.models import ModelLogEntry

    officer = django_user_model.objects.get(username="officer")
    doc = import_fixture("10_secret_notice.docx")
    with pytest.raises(PublishRefused):
        publish(doc, by=officer)
    entry = ModelLogEntry.objects.get(action="gongkai.publish_refused")
    assert entry.user == officer and entry.object_id == str(doc.submission.pk)
