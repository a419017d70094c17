"""The officer's inbox shows deadlines and check results; one click publishes; overrides follow the rules."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.policies.models import PolicyDocumentPage
from cms.site import roles
from importers.models import ImportedDocument
from publishing.gate import PublishRefused
from publishing.models import Override
from publishing.services import override
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.importers import fixture, import_fixture
from tests.factories.importers import publish_document as publish


def override_check(doc, code, by, reason):
    return override(doc.submission, code, by=by, reason=reason)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, demo):
    user = make_user("inbox-officer", roles.OFFICER)
    client.login(username="inbox-officer", password=PASSWORD)
    return user


def test_inbox_lists_documents_with_deadline_and_block_reasons(client, officer):
    import_fixture("01_tongzhi_basic.docx")
    import_fixture("10_secret_notice.docx")
    html = client.get(reverse("publishing_inbox")).content.decode()
    assert "云溪市人民政府关于加强城市道路交通安全管理工作的通知" in html
    assert "已超期" in html  # formed in 2024, far past 20 working days
    assert "⛔" in html and "秘密" in html
    assert html.count("一键公开</button>") == 1  # only the clean document offers the button


def test_one_click_in_the_inbox_publishes_and_the_page_is_public(client, officer):
    doc = import_fixture("01_tongzhi_basic.docx")
    response = client.post(reverse("publishing_publish_one", args=[doc.pk]), follow=True)
    assert "已公开" in response.content.decode()
    page = PolicyDocumentPage.objects.get(title=doc.title)
    client.logout()
    assert client.get(page.url).status_code == 200
    entry = ModelLogEntry.objects.for_instance(doc.submission).get(action="gongkai.publish")
    assert entry.user == officer and entry.data["mode"] == "one_click"


def test_bulk_publish_reports_refusals_with_reasons(client, officer):
    ok = import_fixture("01_tongzhi_basic.docx")
    secret = import_fixture("10_secret_notice.docx")
    response = client.post(reverse("publishing_publish_bulk"), {"ids": [ok.pk, secret.pk]}, follow=True)
    html = response.content.decode()
    assert "已公开 1 份文件" in html and "未公开" in html and "秘密" in html


def test_preview_shows_the_page_as_citizens_will_see_it(client, officer):
    doc = import_fixture("02_yijian_joint2.docx")
    html = client.get(reverse("publishing_preview", args=[doc.pk])).content.decode()
    assert doc.title in html and doc.doc_number in html and "发文机关" in html
    assert not PolicyDocumentPage.objects.filter(title=doc.title).exists()


def test_evaluator_cannot_publish_from_the_inbox(client, demo):
    doc = import_fixture("01_tongzhi_basic.docx")
    make_user("inbox-evaluator", roles.EVALUATOR)
    client.login(username="inbox-evaluator", password=PASSWORD)
    response = client.post(reverse("publishing_publish_one", args=[doc.pk]))
    assert response.status_code in (302, 403) and "/admin/inbox/" not in response.get("Location", "")
    doc.refresh_from_db()
    assert doc.status == "ready"


def test_officer_overrides_a_warning_with_a_logged_reason(officer):
    doc = import_fixture("03_jueding_cn_date_square.docx")
    override_check(doc, "doc_number_brackets", officer, "原件括号误用，已核对")
    assert Override.objects.get(subject=f"submission-{doc.submission.pk}").reason == "原件括号误用，已核对"
    assert ModelLogEntry.objects.filter(action="gongkai.override", user=officer).exists()


def test_secrecy_block_cannot_be_overridden_by_anyone(officer, django_user_model):
    doc = import_fixture("10_secret_notice.docx")
    admin = django_user_model.objects.get(username="admin")
    with pytest.raises(ValueError, match="只能修改源文件"):
        override_check(doc, "secrecy_marking", admin, "我确定")


def test_personal_data_false_positive_needs_an_administrator(officer, django_user_model):
    doc = import_fixture("12_gonggao_pii.docx")
    with pytest.raises(ValueError, match="站点管理员"):
        override_check(doc, "personal_id_number", officer, "是示例号码")
    admin = make_user("pii-admin", roles.SITE_ADMIN)
    override_check(doc, "personal_id_number", admin, "系公开的企业登记号码，非身份证号")
    with pytest.raises(PublishRefused):  # the mobile number still blocks
        publish(doc, by=officer)
    override_check(doc, "mobile_number", admin, "系单位值班电话")
    doc.refresh_from_db()
    assert doc.status == "ready"
    assert publish(doc, by=officer).live


def test_upload_several_files_at_once_each_with_its_own_result(client, officer):
    files = [
        SimpleUploadedFile("a.docx", fixture("01_tongzhi_basic.docx").read_bytes()),
        SimpleUploadedFile("b.pdf", b"%PDF-1.4 broken"),
        SimpleUploadedFile("c.txt", b""),
    ]
    response = client.post(reverse("importers_upload"), {"files": files}, HTTP_ACCEPT="application/json")
    results = response.json()["results"]
    assert [r["source"] for r in results] == ["a.docx", "b.pdf", "c.txt"]
    assert results[0]["error"] is None and results[0]["title"]
    assert results[1]["error"] and results[2]["error"]
    assert ImportedDocument.objects.filter(submission=None).exclude(error="").count() == 2  # kept, with their originals


def test_schedule_from_the_inbox(client, officer):
    doc = import_fixture("01_tongzhi_basic.docx")
    response = client.post(reverse("publishing_schedule_one", args=[doc.pk]), {f"when-{doc.pk}": "2099-01-05T09:30"}, follow=True)
    assert "将于 2099-01-05 09:30 自动公开" in response.content.decode()
    doc.refresh_from_db()
    assert doc.submission.scheduled_at is not None and doc.status == "scheduled"


def test_withdrawal_leaves_a_notice_and_expiry_leaves_a_banner(client, officer):
    doc = import_fixture("01_tongzhi_basic.docx")
    page = publish(doc, by=officer)
    url = page.url
    client.post(reverse("publishing_withdraw", args=[page.pk]), {f"reason-{page.pk}": "误发", f"kind-{page.pk}": "withdraw"})
    gone = client.get(url)
    assert gone.status_code == 410 and "已撤回" in gone.content.decode() and "误发" in gone.content.decode()
    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(action="gongkai.withdraw", user=officer, page_id=page.pk).exists()
    other = publish(import_fixture("02_yijian_joint2.docx"), by=officer)
    client.post(reverse("publishing_withdraw", args=[other.pk]), {f"reason-{other.pk}": "已被新文件替代", f"kind-{other.pk}": "废止"})
    html = client.get(other.url).content.decode()
    assert "本文件已废止" in html


def test_withdrawal_needs_a_reason(client, officer):
    page = publish(import_fixture("01_tongzhi_basic.docx"), by=officer)
    response = client.post(reverse("publishing_withdraw", args=[page.pk]), {f"kind-{page.pk}": "withdraw"}, follow=True)
    assert "必须填写理由" in response.content.decode()
    page.refresh_from_db()
    assert page.live
