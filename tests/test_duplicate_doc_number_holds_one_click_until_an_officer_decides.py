"""A 发文字号 already used by another document holds publication until an officer decides — 这是同一文件的新版本 or
确为不同文件 — and the warning names the other document by title and 文号, with a link to it."""
import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.policies.models import PolicyDocumentPage
from cms.site import roles
from publishing.models import Submission
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.importers import import_fixture

pytestmark = pytest.mark.django_db
TITLE = "云溪市人民政府关于加强城市道路交通安全管理工作的通知"
NUMBER = "云政发〔2024〕3号"


@pytest.fixture
def officer(client, demo):
    user = make_user("number-officer", roles.OFFICER)
    client.login(username="number-officer", password=PASSWORD)
    return user


@pytest.fixture
def first_and_second(client, officer):
    first = import_fixture("01_tongzhi_basic.docx")
    client.post(reverse("publishing_publish_one", args=[first.pk]))
    second = import_fixture("01_tongzhi_basic.txt")
    return first, second


def decide(client, doc, decision, reason="已与办公室核对"):
    return client.post(reverse("publishing_decide_number", args=[doc.pk]),
                       {f"decision-{doc.pk}": decision, f"number_reason-{doc.pk}": reason}, follow=True)


def test_one_click_is_held_and_the_message_links_the_other_document(client, first_and_second):
    first, second = first_and_second
    refused = client.post(reverse("publishing_publish_one", args=[second.pk]), follow=True).content.decode()
    assert "未公开" in refused and f"与《{TITLE}》（{NUMBER}）相同" in refused and "同一文件的新版本" in refused
    html = client.get(reverse("publishing_inbox")).content.decode()
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, flags=re.DOTALL) if f"inbox/{second.pk}/doc-number/" in r)
    link = reverse("wagtailsnippets_importers_importeddocument:inspect", args=[first.pk])
    assert f'<a href="{link}">《{TITLE}》</a>（{NUMBER}）' in row
    assert PolicyDocumentPage.objects.get(source_key=first.submission.source_key).url in row  # its public page too
    assert "暂缓·文号重复待确认" in row and "一键公开</button>" not in row
    assert not re.search(r"（\d+）", row)  # never an internal id
    assert client.get(link).status_code == 200
    second.submission.refresh_from_db()
    assert second.submission.status == Submission.READY and second.submission.page is None


def test_confirming_distinct_documents_releases_the_hold_with_an_audited_reason(client, officer, first_and_second):
    _, second = first_and_second
    assert "必须填写理由" in decide(client, second, "distinct", reason="").content.decode()
    assert "已记录“确为不同文件”" in decide(client, second, "distinct", "两份文件文号系OA误填，已通知更正").content.decode()
    entry = ModelLogEntry.objects.for_instance(second.submission).get(action="gongkai.doc_number_decision")
    assert entry.user == officer and entry.data["reason"] == "两份文件文号系OA误填，已通知更正"
    assert "已公开" in client.post(reverse("publishing_publish_one", args=[second.pk]), follow=True).content.decode()
    assert PolicyDocumentPage.objects.filter(doc_number=NUMBER, live=True).count() == 2


def test_confirming_a_new_version_publishes_it_on_the_same_page_and_links_the_old(client, first_and_second):
    first, second = first_and_second
    decide(client, second, "new_version", "同一文件的更正稿")
    second.submission.refresh_from_db()
    assert second.submission.replaces == first.submission and second.submission.source_key == first.submission.source_key
    assert second.submission.version == 2
    client.post(reverse("publishing_publish_one", args=[second.pk]))
    page = PolicyDocumentPage.objects.get(doc_number=NUMBER)
    assert page.source_version == 2
    first.submission.refresh_from_db()
    assert first.submission.status == Submission.SUPERSEDED


def test_the_import_warning_names_the_other_document_not_an_id(db):
    import_fixture("01_tongzhi_basic.docx")
    second = import_fixture("01_tongzhi_basic.txt")
    [warning] = [c["message"] for c in second.checks if c["code"] == "doc_number_duplicate"]
    assert f"《{TITLE}》" in warning and not re.search(r"（\d+）", warning)
