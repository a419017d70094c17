"""A published policy shows 主题分类 and 主题词 (suggested from its text, editable before and after publishing) and
offers a download of the published text — never the private archived original."""
import io

import pytest
from django.urls import reverse
from docx import Document

from cms.policies.models import PolicyDocumentPage
from cms.site import roles
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.importers import import_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, demo):
    user = make_user("topic-officer", roles.OFFICER)
    client.login(username="topic-officer", password=PASSWORD)
    return user


def docx_text(content):
    doc = Document(io.BytesIO(content))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def test_topics_are_suggested_at_import_and_shown_on_the_published_page(client, officer):
    doc = import_fixture("01_tongzhi_basic.docx")
    assert doc.submission.topic_path == "工业、交通\\交通" and "交通安全" in doc.submission.keywords
    client.post(reverse("publishing_publish_one", args=[doc.pk]))
    page = PolicyDocumentPage.objects.get(title=doc.title)
    client.logout()
    html = client.get(page.url).content.decode()
    assert "工业、交通\\交通" in html and "交通安全" in html


def test_the_officer_edits_topics_before_and_after_publishing(client, officer):
    doc = import_fixture("01_tongzhi_basic.docx")
    topics = reverse("publishing_topics", args=[doc.pk])
    client.post(topics, {f"topic_path-{doc.pk}": "市场监管、安全生产监管\\安全生产监管", f"keywords-{doc.pk}": "道路 安全 管理"})
    client.post(reverse("publishing_publish_one", args=[doc.pk]))
    page = PolicyDocumentPage.objects.get(title=doc.title)
    assert str(page.topic) == "市场监管、安全生产监管\\安全生产监管" and page.keywords == "道路 安全 管理"
    client.post(topics, {f"topic_path-{doc.pk}": "工业、交通\\交通", f"keywords-{doc.pk}": "交通 整治"})
    page.refresh_from_db()
    assert str(page.topic) == "工业、交通\\交通" and page.keywords == "交通 整治" and page.live
    client.logout()
    assert "交通 整治" in client.get(page.url).content.decode()


def test_unknown_topics_and_forbidden_keywords_are_refused_in_chinese(client, officer):
    doc = import_fixture("01_tongzhi_basic.docx")
    topics = reverse("publishing_topics", args=[doc.pk])
    html = client.post(topics, {f"topic_path-{doc.pk}": "不存在\\分类", f"keywords-{doc.pk}": ""}, follow=True).content.decode()
    assert "未知的主题分类" in html
    client.post(topics, {f"topic_path-{doc.pk}": "", f"keywords-{doc.pk}": "联系人 13912345678"})
    refused = client.post(reverse("publishing_publish_one", args=[doc.pk]), follow=True).content.decode()
    assert "未公开" in refused and "手机" in refused  # 主题词 are public text: the gate reads them


def test_the_published_page_offers_a_working_download_of_its_published_text(client, officer):
    doc = import_fixture("01_tongzhi_basic.docx")
    client.post(reverse("publishing_publish_one", args=[doc.pk]))
    page = PolicyDocumentPage.objects.get(title=doc.title)
    client.logout()
    html = client.get(page.url).content.decode()
    assert f'href="{page.url}download/"' in html
    response = client.get(page.url + "download/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert doc.title in text and page.index_number in text and "统筹发展和安全" in text
    assert response.content != doc.original.open("rb").read()


def test_a_blocked_or_withdrawn_document_has_no_public_download(client, officer):
    secret = import_fixture("10_secret_notice.docx")
    assert not PolicyDocumentPage.objects.filter(title=secret.title).exists()
    doc = import_fixture("01_tongzhi_basic.docx")
    client.post(reverse("publishing_publish_one", args=[doc.pk]))
    page = PolicyDocumentPage.objects.get(title=doc.title)
    client.post(reverse("publishing_withdraw", args=[page.pk]), {f"kind-{page.pk}": "withdraw", f"reason-{page.pk}": "误发"})
    client.logout()
    assert client.get(page.url + "download/").status_code in (404, 410)
    assert client.get(reverse("importers_original", args=[secret.pk])).status_code in (302, 403)
