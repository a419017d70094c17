"""Published rows in the inbox offer 撤回 and 新版本, not 一键公开/定时公开; 撤回 needs a reason, is audited, and
takes the page off the public site and out of search through the ordinary unpublish path."""
import re

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.policies.models import PolicyDocumentPage
from cms.site import roles
from publishing.models import Submission
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.importers import import_fixture
from tests.factories.search import use_engine

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, demo, settings):
    use_engine(settings, "database")
    user = make_user("withdraw-officer", roles.OFFICER)
    client.login(username="withdraw-officer", password=PASSWORD)
    return user


def found(client, q):
    return [r["title"] for r in client.get("/api/search", {"q": q}).json()["results"]]


def published_row(client, title):
    html = client.get(reverse("publishing_inbox"), {"status": "published"}).content.decode()
    return next(r for r in re.findall(r"<tr>.*?</tr>", html, flags=re.DOTALL) if title in r)


def test_a_published_row_offers_withdraw_and_new_version_not_publish(client, officer):
    doc = import_fixture("01_tongzhi_basic.docx")
    client.post(reverse("publishing_publish_one", args=[doc.pk]))
    row = published_row(client, doc.title)
    assert "撤回</button>" in row and "新版本" in row and "查看页面" in row
    assert "一键公开" not in row and "定时公开" not in row and 'name="ids"' not in row


def test_withdraw_removes_the_page_from_the_site_and_from_search(client, officer, django_capture_on_commit_callbacks):
    doc = import_fixture("02_yijian_joint2.docx")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("publishing_publish_one", args=[doc.pk]))
    page = PolicyDocumentPage.objects.get(title=doc.title)
    url = page.url
    client.logout()
    assert client.get(url).status_code == 200 and doc.title in found(client, "财政资金管理")

    client.login(username="withdraw-officer", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publishing_withdraw", args=[page.pk]),
                               {f"kind-{page.pk}": "withdraw", f"reason-{page.pk}": "附件版本有误，撤回后更正"}, follow=True)
    assert f"《{doc.title}》已撤回" in response.content.decode()
    client.logout()
    assert client.get(url).status_code in (404, 410)
    assert doc.title not in found(client, "财政资金管理")
    doc.submission.refresh_from_db()
    assert doc.submission.status == Submission.WITHDRAWN
    entry = PageLogEntry.objects.get(page=page, action="gongkai.withdraw")
    assert entry.user == officer and entry.data["reason"] == "附件版本有误，撤回后更正"


def test_withdraw_without_a_reason_is_refused_and_the_page_stays(client, officer):
    doc = import_fixture("01_tongzhi_basic.docx")
    client.post(reverse("publishing_publish_one", args=[doc.pk]))
    page = PolicyDocumentPage.objects.get(title=doc.title)
    html = client.post(reverse("publishing_withdraw", args=[page.pk]), {f"kind-{page.pk}": "withdraw", f"reason-{page.pk}": " "},
                       follow=True).content.decode()
    assert "撤回必须填写理由" in html
    page.refresh_from_db()
    assert page.live
