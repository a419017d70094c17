"""A blocked document is replaced by a 脱敏 new version: parsed and checked again by the gate, the old version kept
and linked, the statutory deadline unchanged; everything audited and shown on the document's admin page."""
import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.policies.models import PolicyDocumentPage
from importers.models import ImportedDocument
from publishing.models import Submission
from tests.factories.accounts import PASSWORD
from tests.factories.importers import import_fixture
from tests.factories.reviews import desensitised, make_reviewer

pytestmark = pytest.mark.django_db
SECRET = "10_secret_notice.txt"


@pytest.fixture
def officer(client, demo):
    user = make_reviewer("version-officer")
    client.login(username=user.username, password=PASSWORD)
    return user


def upload_version(client, doc, upload, reason="已脱敏：删除密级标志"):
    return client.post(reverse("publishing_new_version", args=[doc.pk]),
                       {f"file-{doc.pk}": upload, f"version_reason-{doc.pk}": reason}, follow=True)


def test_a_desensitised_version_passes_the_gate_is_published_and_the_old_one_is_linked(client, officer):
    old = import_fixture(SECRET)
    assert old.submission.status == Submission.BLOCKED
    html = upload_version(client, old, desensitised(SECRET, drop=("秘密★1年",))).content.decode()
    assert "第2版已导入并重新检查，可以公开" in html
    new = ImportedDocument.objects.exclude(pk=old.pk).get(title=old.title)
    old.submission.refresh_from_db()
    assert old.submission.status == Submission.SUPERSEDED
    assert new.submission.replaces == old.submission and new.submission.version == 2
    assert new.submission.source_key == old.submission.source_key
    assert new.submission.deadline.due_on == old.submission.deadline.due_on  # blocking does not restart the clock
    assert new.original.name != old.original.name  # the old original is kept as it was

    response = client.post(reverse("publishing_publish_one", args=[new.pk]), follow=True)
    assert "已公开" in response.content.decode()
    page = PolicyDocumentPage.objects.get(source_key=old.submission.source_key)
    assert page.source_version == 2 and "秘密★1年" not in page.body

    admin_page = client.get(reverse("wagtailsnippets_importers_importeddocument:inspect", args=[new.pk])).content.decode()
    old_link = reverse("wagtailsnippets_importers_importeddocument:inspect", args=[old.pk])
    assert old_link in admin_page and "第1版" in admin_page and "已被新版本取代" in admin_page and "已脱敏：删除密级标志" in admin_page
    entry = ModelLogEntry.objects.for_instance(new.submission).get(action="gongkai.new_version")
    assert entry.user == officer and entry.data["reason"] == "已脱敏：删除密级标志"
    client.logout()
    assert client.get(page.url).status_code == 200


def test_a_new_version_that_still_carries_the_marking_stays_blocked(client, officer):
    old = import_fixture(SECRET)
    html = upload_version(client, old, desensitised(SECRET, replace=(("各单位要教育", "各单位要教育"),))).content.decode()
    assert "仍不能公开" in html and "秘密" in html
    new = ImportedDocument.objects.exclude(pk=old.pk).get(title=old.title)
    assert new.submission.status == Submission.BLOCKED
    refused = client.post(reverse("publishing_publish_one", args=[new.pk]), follow=True).content.decode()
    assert "未公开" in refused
    assert not PolicyDocumentPage.objects.filter(source_key=old.submission.source_key).exists()


def test_personal_data_needs_a_masked_version(client, officer):
    old = import_fixture("12_gonggao_pii.txt")
    masked = desensitised("12_gonggao_pii.txt", replace=(("11010519491231002X", "110105********002X"), ("13912345678", "139****5678")))
    html = upload_version(client, old, masked, reason="身份证号和手机号已脱敏").content.decode()
    assert "可以公开" in html, html
    new = ImportedDocument.objects.exclude(pk=old.pk).get(title=old.title)
    client.post(reverse("publishing_publish_one", args=[new.pk]))
    assert PolicyDocumentPage.objects.get(source_key=old.submission.source_key).live


def test_a_new_version_needs_a_file_and_a_reason(client, officer):
    old = import_fixture(SECRET)
    assert "必须说明理由" in upload_version(client, old, desensitised(SECRET), reason="").content.decode()
    html = client.post(reverse("publishing_new_version", args=[old.pk]), {f"version_reason-{old.pk}": "x"}, follow=True).content.decode()
    assert "请选择新版本的文件" in html
    assert ImportedDocument.objects.count() == 1
    old.submission.refresh_from_db()
    assert old.submission.status == Submission.BLOCKED
