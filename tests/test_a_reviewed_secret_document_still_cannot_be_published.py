"""保密审查 gives a blocked document a way forward, but no review makes a 密级 marking or unmasked personal data
publishable: only the 公开属性 can be judged wrong (docs/adr/0006)."""
import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.policies.models import PolicyDocumentPage
from cms.site import roles
from publishing import reviews
from publishing.gate import PublishRefused
from publishing.models import SecrecyReview, Submission
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.importers import import_fixture
from tests.factories.importers import publish_document as publish
from tests.factories.reviews import make_reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(client, demo):
    user = make_reviewer()
    client.login(username=user.username, password=PASSWORD)
    return user


def review(client, doc, conclusion, reason="经保密审查", reviewed_on="2024-05-06"):
    return client.post(reverse("publishing_review", args=[doc.pk]), {
        f"conclusion-{doc.pk}": conclusion, f"review_reason-{doc.pk}": reason, f"reviewed_on-{doc.pk}": reviewed_on,
    }, follow=True)


@pytest.mark.parametrize("fixture, still", [("10_secret_notice.docx", "秘密"), ("12_gonggao_pii.docx", "身份证")])
def test_agreeing_to_publish_a_secret_or_personal_document_does_not_let_it_through(client, reviewer, fixture, still):
    doc = import_fixture(fixture)
    html = review(client, doc, "同意公开", "审查人认为可以公开").content.decode()
    assert "已记录保密审查结论“同意公开”" in html and "仍不能公开" in html
    doc.submission.refresh_from_db()
    assert doc.submission.status == Submission.BLOCKED
    refused = client.post(reverse("publishing_publish_one", args=[doc.pk]), follow=True).content.decode()
    assert "未公开" in refused and still in refused
    with pytest.raises(PublishRefused):
        publish(doc, by=reviewer)
    assert not PolicyDocumentPage.objects.filter(title=doc.title).exists()
    inbox = client.get(reverse("publishing_inbox")).content.decode()
    assert "已阻止·待脱敏新版本" in inbox and "审查不能解除密级标志或个人信息" in inbox


def test_a_wrong_disclosure_attribute_can_be_lifted_by_a_review_with_its_reason(client, reviewer):
    doc = import_fixture("01_tongzhi_basic.docx", oa_meta={"id": "OA-ATTR", "version": 1, "disclosure": "依申请公开"})
    assert doc.submission.status == Submission.BLOCKED
    review(client, doc, "同意公开", "拟稿时公开属性误标为依申请公开，经审查应主动公开")
    doc.submission.refresh_from_db()
    assert doc.submission.status == Submission.READY
    done = SecrecyReview.objects.get(submission=doc.submission)
    assert done.reviewer == reviewer and str(done.reviewed_on) == "2024-05-06" and done.lifted == [["disclosure_not_public", "依申请公开"]]
    client.post(reverse("publishing_publish_one", args=[doc.pk]))
    page = PolicyDocumentPage.objects.get(source_key="OA-ATTR")
    client.logout()
    assert page.live and client.get(page.url).status_code == 200


def test_a_partial_or_negative_review_lifts_nothing(client, reviewer):
    doc = import_fixture("01_tongzhi_basic.docx", oa_meta={"id": "OA-PART", "version": 1, "disclosure": "依申请公开"})
    review(client, doc, "部分公开（需脱敏）", "第二段涉及内部安排，需删除后公开")
    doc.submission.refresh_from_db()
    assert doc.submission.status == Submission.BLOCKED
    assert "已阻止·待脱敏新版本" in client.get(reverse("publishing_inbox")).content.decode()
    review(client, doc, "不予公开", "属于内部管理信息")
    assert "不予公开（已审查）" in client.get(reverse("publishing_inbox")).content.decode()
    with pytest.raises(PublishRefused):
        publish(doc, by=reviewer)


def test_only_a_reviewer_with_the_permission_and_a_reason_can_record_a_review(client, demo):
    doc = import_fixture("10_secret_notice.docx")
    make_user("plain-officer", roles.OFFICER)
    client.login(username="plain-officer", password=PASSWORD)
    html = review(client, doc, "同意公开").content.decode()
    assert "没有保密审查权限" in html and not SecrecyReview.objects.exists()
    reviewer = make_reviewer()
    client.login(username=reviewer.username, password=PASSWORD)
    assert "保密审查必须填写理由" in review(client, doc, "同意公开", reason="  ").content.decode()
    assert "请选择审查结论" in review(client, doc, "随便").content.decode()
    assert "审查日期格式" in review(client, doc, "同意公开", reviewed_on="明天").content.decode()
    assert not SecrecyReview.objects.exists()


def test_the_review_is_audited_and_shown_on_the_documents_admin_page(client, reviewer):
    doc = import_fixture("10_secret_notice.docx")
    review(client, doc, "部分公开（需脱敏）", "删除密级标志后可公开")
    entry = ModelLogEntry.objects.for_instance(doc.submission).get(action="gongkai.secrecy_review")
    assert entry.user == reviewer and entry.data["conclusion"] == "部分公开（需脱敏）" and entry.data["reason"] == "删除密级标志后可公开"
    page = client.get(reverse("wagtailsnippets_importers_importeddocument:inspect", args=[doc.pk])).content.decode()
    assert "部分公开（需脱敏）" in page and "删除密级标志后可公开" in page and "2024-05-06" in page and "保密审查" in page


def test_a_review_cannot_lift_a_secrecy_marking_even_if_stored_by_hand(demo):
    """The gate only accepts the 公开属性 from a review: a forged lifted pair for the marking changes nothing."""
    doc = import_fixture("10_secret_notice.docx")
    reviewer = make_reviewer()
    done = reviews.record(doc.submission, by=reviewer, conclusion="同意公开", reason="测试")
    done.lifted = [["secrecy_marking", "秘密★1年"], ["secrecy_marking", "秘密"]]
    done.save()
    with pytest.raises(PublishRefused) as refused:
        publish(doc, by=reviewer)
    assert any("秘密" in r for r in refused.value.reasons)
