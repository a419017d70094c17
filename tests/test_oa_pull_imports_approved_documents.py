"""OA pull (design §2.6) against a real HTTP server speaking exchange protocol v1 (tests/oa_server.py)."""
import re

import pytest

from importers.models import ImportedDocument, ImportedFile, SyncCursor
from importers.oa_client import OAClient, OASourceError
from importers.sync import pull_documents
from tests.oa_server import oa_server  # noqa: F401  (pytest fixture)

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_SOURCE_RETRY_BACKOFF = 0


def client(oa, sleeps=None):
    return OAClient(oa.url, sleep=(sleeps.append if sleeps is not None else (lambda s: None)))


def pull(oa, **kw):
    return pull_documents(oa.url, client=client(oa), **kw)


def five_documents(oa):
    oa.add_document("OA-1", fixture="01_tongzhi_basic.docx", title="云溪市人民政府关于加强城市道路交通安全管理工作的通知",
                    doc_number="云政发〔2024〕3号")
    oa.add_document("OA-2", fixture="02_yijian_joint2.pdf", title="关于进一步加强基层财政资金管理的意见",
                    doc_number="云政办发〔2023〕15号", issuers=["云溪市人民政府办公室", "云溪市财政局"], formed_on="2023-11-20")
    oa.add_document("OA-3", fixture="09_ling_order.txt", title="云溪市城市绿化管理办法", doc_number="云溪市人民政府令第5号",
                    formed_on="2024-03-15")
    oa.add_document("OA-4")
    oa.add_document("OA-5")


def cursor(oa):
    row = SyncCursor.objects.filter(source_url=oa.url).first()
    return row.cursor if row else None


def stored():
    return sorted(ImportedDocument.objects.values_list("external_id", "version"))


def test_pagination_imports_everything_and_keeps_the_cursor(oa_server):
    oa_server.page_size = 2
    five_documents(oa_server)

    report = pull(oa_server)

    assert report.pages == 3 and report.fetched == 5 and report.imported == 5 and not report.rejected
    assert stored() == [("OA-1", 1), ("OA-2", 1), ("OA-3", 1), ("OA-4", 1), ("OA-5", 1)]
    doc = ImportedDocument.objects.get(external_id="OA-2")
    assert doc.source == "oa" and doc.oa_disclosure == "主动公开"
    assert doc.issuers == ["云溪市人民政府办公室", "云溪市财政局"]
    assert doc.original.read()[:4] == b"%PDF" and doc.original_name == "02_yijian_joint2.pdf"
    assert ImportedDocument.objects.get(external_id="OA-1").doc_number == "云政发〔2024〕3号"
    # every request asked for approved documents and followed next_cursor
    listings = [q for p, q in oa_server.requests if p == "/documents"]
    assert all(q["status"] == "approved" for q in listings)
    assert [q.get("since") for q in listings] == [None, "2", "4"]
    # the cursor is kept: the next pull starts where this one stopped
    assert cursor(oa_server) == report.cursor == "4"
    oa_server.requests.clear()
    pull(oa_server)
    assert oa_server.requests[0] == ("/documents", {"status": "approved", "since": "4"})


def test_a_second_pull_imports_nothing_new(oa_server):
    oa_server.page_size = 2
    five_documents(oa_server)
    pull(oa_server)
    oa_server.requests.clear()

    again = pull(oa_server)

    assert again.imported == 0 and not again.rejected
    assert again.skipped_existing == again.fetched
    assert ImportedDocument.objects.count() == 5
    assert not [p for p, _ in oa_server.requests if p.startswith("/files/")], "nothing is downloaded twice"


def test_a_new_version_becomes_a_new_imported_document(oa_server):
    oa_server.add_document("OA-7", approved_at="2024-03-05T09:00:00+08:00")
    pull(oa_server)
    oa_server.add_version("OA-7", approved_at="2024-04-10T15:30:00+08:00")

    report = pull(oa_server)

    assert report.imported == 1
    assert stored() == [("OA-7", 1), ("OA-7", 2)]
    v2 = ImportedDocument.objects.get(external_id="OA-7", version=2)
    assert v2.changed_on.isoformat() == "2024-04-10"  # the new version starts a new clock
    assert ImportedDocument.objects.get(external_id="OA-7", version=1).changed_on is None


def test_a_wrong_hash_stores_nothing_and_is_retried_later(oa_server):
    oa_server.page_size = 2
    oa_server.add_document("OA-1")
    oa_server.add_document("OA-2", attachments=[("附件1.txt", "附件内容".encode())])
    oa_server.add_document("OA-3")
    oa_server.corrupt("OA-2", role="attachment")  # one bad attachment rejects the whole document
    files_before = ImportedFile.objects.count()

    report = pull(oa_server)

    assert stored() == [("OA-1", 1), ("OA-3", 1)]
    assert ImportedFile.objects.count() == files_before
    [rejected] = report.rejected
    assert rejected["id"] == "OA-2" and "SHA-256" in rejected["reason"] and "附件1.txt" in rejected["reason"]
    assert CJK.search(rejected["reason"]) and "拒收" in report.summary()
    # the cursor did not move past the page holding OA-2, so it is fetched again
    assert report.cursor_held and cursor(oa_server) == ""  # page 1 was stored, the cursor stayed at the start

    still_bad = pull(oa_server)
    assert [r["id"] for r in still_bad.rejected] == ["OA-2"] and still_bad.imported == 0

    oa_server.fix("OA-2")
    fixed = pull(oa_server)
    assert fixed.imported == 1 and not fixed.rejected
    assert stored() == [("OA-1", 1), ("OA-2", 1), ("OA-3", 1)]
    doc = ImportedDocument.objects.get(external_id="OA-2")
    assert [(f.role, f.name) for f in doc.files.all()] == [("attachment", "附件1.txt")]
    assert fixed.cursor == "2" and not fixed.cursor_held


def test_transient_500s_are_retried_with_backoff(oa_server):
    oa_server.add_document("OA-1")
    oa_server.fail_next(2, status=500, path="/documents")
    oa_server.fail_next(1, status=503, path="/files/")
    sleeps = []

    report = pull_documents(oa_server.url, client=client(oa_server, sleeps))

    assert report.imported == 1 and stored() == [("OA-1", 1)]
    assert sleeps == [0.5, 1.0, 0.5]  # exponential backoff per request


def test_429_is_retried_too(oa_server):
    oa_server.add_document("OA-1")
    oa_server.fail_next(1, status=429)
    assert pull(oa_server).imported == 1


def test_a_persistent_500_gives_a_clear_error_and_stores_nothing(oa_server):
    oa_server.add_document("OA-1")
    oa_server.fail_next(100, status=500)
    sleeps = []

    with pytest.raises(OASourceError) as ei:
        pull_documents(oa_server.url, client=client(oa_server, sleeps))

    assert "办文平台暂时无法访问" in ei.value.message and "HTTP 500" in ei.value.message and "4 次" in ei.value.message
    assert sleeps == [0.5, 1.0, 2.0]
    assert ImportedDocument.objects.count() == 0 and ImportedFile.objects.count() == 0
    assert cursor(oa_server) is None


def test_a_source_failing_mid_pull_keeps_finished_pages_and_half_stores_nothing(oa_server):
    oa_server.page_size = 2
    oa_server.add_document("OA-1")
    oa_server.add_document("OA-2")
    oa_server.add_document("OA-3", attachments=[("附件.txt", "附件".encode())])
    oa_server.add_document("OA-4")
    oa_server.fail_next(100, status=500, path="/files/3/1/")  # OA-3's attachment never downloads

    with pytest.raises(OASourceError) as ei:
        pull(oa_server)

    assert stored() == [("OA-1", 1), ("OA-2", 1)]  # page 1 committed, nothing of page 2
    assert not ImportedDocument.objects.filter(external_id="OA-3").exists()
    assert cursor(oa_server) == "2"
    assert ei.value.report.imported == 2

    oa_server.clear_failures()
    report = pull(oa_server)
    assert report.imported == 2 and stored() == [("OA-1", 1), ("OA-2", 1), ("OA-3", 1), ("OA-4", 1)]
    assert ImportedDocument.objects.get(external_id="OA-3").files.count() == 1


def test_an_unreachable_source_gives_a_chinese_error():
    with pytest.raises(OASourceError) as ei:
        pull_documents("http://127.0.0.1:9", client=OAClient("http://127.0.0.1:9", sleep=lambda s: None))
    assert "无法连接" in ei.value.message


def test_a_document_not_for_disclosure_is_stored_and_blocked(oa_server):
    oa_server.add_document("OA-9", disclosure="不予公开")

    pull(oa_server)

    doc = ImportedDocument.objects.get(external_id="OA-9")
    assert doc.oa_disclosure == "不予公开" and doc.status == "blocked"
    assert any(c["code"] == "disclosure_not_public" and c["severity"] == "block" for c in doc.checks)


def test_non_approved_documents_are_skipped_even_if_the_source_sends_them(oa_server):
    oa_server.add_document("OA-1")
    oa_server.add_document("OA-DRAFT", status="draft")
    assert pull(oa_server).imported == 1

    oa_server.ignore_status_filter = True  # a buggy source leaks the draft
    report = pull_documents(oa_server.url, client=client(oa_server))  # cursor is still at the start
    assert report.skipped_not_approved == 1 and report.imported == 0
    assert stored() == [("OA-1", 1)]


def test_attachments_and_the_interpretation_are_kept_with_their_roles(oa_server):
    oa_server.add_document(
        "OA-5",
        attachments=[("附件1：责任清单.txt", "清单".encode())],
        interpretation=("政策解读.txt", "解读内容".encode()),
    )

    pull(oa_server)

    doc = ImportedDocument.objects.get(external_id="OA-5")
    roles = {f.role: f for f in doc.files.all()}
    assert set(roles) == {"attachment", "interpretation"}
    assert roles["interpretation"].name == "政策解读.txt"
    assert roles["interpretation"].file.read() == "解读内容".encode()


def test_an_item_without_a_main_file_is_rejected(oa_server):
    record = oa_server.add_document("OA-6")
    record["files"][0]["role"] = "attachment"

    report = pull(oa_server)

    assert not ImportedDocument.objects.exists()
    assert "正文文件" in report.rejected[0]["reason"]


def test_a_new_version_clock_starts_on_the_beijing_day_of_its_approval():
    """An approval at 00:30 Beijing time is 16:30 UTC the day before; the 20-working-day clock starts locally."""
    from datetime import date

    from importers.services import local_date

    assert local_date("2026-11-23T16:30:00+00:00") == date(2026, 11, 24)
    assert local_date("2026-11-23T16:30:00Z") == date(2026, 11, 24)
    assert local_date("2026-11-24T00:30:00+08:00") == date(2026, 11, 24)
    assert local_date("2026-11-24") == date(2026, 11, 24)
