"""An entry is published through the publication service: refused with reasons first (secrets and personal
data block, as for documents); otherwise a system-stamped time, a PublicationRecord with its deadline, a search
outbox row in the same transaction, and the entry becomes findable; withdrawal takes it off again."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from openness_catalog.models import Entry
from openness_catalog.services import publish_entry, reasons_not_to_publish, withdraw_entry
from publishing.gate import PublishRefused
from publishing.models import PublicationRecord
from search.models import SearchOutbox
from search.outbox import drain
from tests.factories import catalogue as f
from tests.factories.search import drop, refresh, use_engine

pytestmark = pytest.mark.django_db


def test_publishing_stamps_records_and_enqueues(django_capture_on_commit_callbacks):
    formed = date(2025, 9, 26)  # 20 working days cross 国庆 2025 and both 调休 Saturdays (9-28, 10-11)
    entry = f.draft_entry(formed_on=formed)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=False):
        publish_entry(entry)
        assert SearchOutbox.objects.filter(object_key=f"catalogue_entry:{entry.pk}", action="index").exists()
    entry.refresh_from_db()
    assert entry.status == Entry.PUBLISHED and entry.published_at >= before
    record = PublicationRecord.objects.get(source_key=f"catalogue_entry:{entry.pk}")
    assert record.doc_type == "catalogue_entry" and record.formed_on == formed and record.published_at == entry.published_at
    assert record.due_on == date(2025, 10, 30) and record.deadline.due_on == record.due_on
    assert record.department.name == "芙蓉区人力资源和社会保障局" and entry.unit == record.department.name
    assert record.status == "late"  # published today, long after 2025-10-30
    entry.item.refresh_from_db()
    assert entry.item.last_published_at == entry.published_at


def test_published_at_cannot_be_set_by_editors():
    assert not Entry._meta.get_field("published_at").editable
    from openness_catalog.wagtail_hooks import EntryViewSet

    assert "published_at" not in EntryViewSet.edit_handler.bind_to_model(Entry).get_form_options()["fields"]


@pytest.mark.parametrize("body, expected", [
    ("秘密★1年\n关于某事项的内部意见", "密级"),
    ("申请人王某，身份证号430102199001011238，补贴3000元。", "身份证号码"),
    ("联系人手机13812345678。", "手机号码"),
])
def test_secrets_and_personal_data_block_publication(body, expected):
    entry = f.draft_entry(body=body)
    with pytest.raises(PublishRefused) as refused:
        publish_entry(entry)
    assert any(expected in r for r in refused.value.reasons)
    entry.refresh_from_db()
    assert entry.status == Entry.DRAFT and entry.published_at is None
    assert not PublicationRecord.objects.filter(source_key=f"catalogue_entry:{entry.pk}").exists()
    assert not SearchOutbox.objects.filter(object_key=f"catalogue_entry:{entry.pk}").exists()


def test_every_reason_is_listed_before_acting():
    entry = f.draft_entry(title="", body="", formed_on=timezone.localdate() + timedelta(days=3))
    reasons = reasons_not_to_publish(entry)
    assert "缺少标题" in reasons and "正文和附件至少填写一项" in reasons
    assert any("晚于今天" in r for r in reasons)


@pytest.mark.parametrize("engine", ["database", "opensearch"])
def test_published_entry_is_searchable_and_withdrawal_removes_it(client, settings, engine):
    use_engine(settings, engine)
    entry = f.draft_entry(title="芙蓉区创业担保贷款贴息公告", body="创业担保贷款贴息申领办法。")
    publish_entry(entry)
    drain()
    refresh()
    found = client.get("/api/search", {"q": "创业担保贷款贴息", "type": "catalogue_entry"}).json()
    assert any(r["url"] == entry.get_absolute_url() for r in found["results"])
    assert client.get(entry.get_absolute_url()).status_code == 200

    with pytest.raises(PublishRefused):
        withdraw_entry(entry, reason="")
    withdraw_entry(entry, reason="内容有误，更正后重新发布")
    drain()
    refresh()
    found = client.get("/api/search", {"q": "创业担保贷款贴息", "type": "catalogue_entry"}).json()
    assert not any(r["url"] == entry.get_absolute_url() for r in found["results"])
    gone = client.get(entry.get_absolute_url())
    assert gone.status_code == 410 and "内容有误" in gone.content.decode()
    assert PublicationRecord.objects.filter(source_key=f"catalogue_entry:{entry.pk}").count() == 1
    drop()


def test_republishing_after_withdrawal_is_a_new_version():
    entry = f.draft_entry()
    publish_entry(entry)
    withdraw_entry(entry, reason="更正")
    entry.refresh_from_db()
    publish_entry(entry)
    versions = list(PublicationRecord.objects.filter(source_key=f"catalogue_entry:{entry.pk}").values_list("version", flat=True))
    assert sorted(versions) == [1, 2]


def test_publishing_twice_is_refused():
    entry = f.draft_entry()
    publish_entry(entry)
    with pytest.raises(PublishRefused) as refused:
        publish_entry(entry)
    assert "该信息已经发布，无需重复发布" in refused.value.reasons
