"""The watched inbox folder: good files end in done/, bad ones in failed/ with a Chinese .error.txt."""
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from importers.inbox import scan_inbox
from importers.models import ImportedDocument
from importers.tasks import scan_inbox_task

pytestmark = pytest.mark.django_db
FIX = Path(__file__).resolve().parent / "fixtures" / "gongwen"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def inbox(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def drop(inbox, fixture, name=None):
    target = inbox / (name or fixture)
    shutil.copyfile(FIX / fixture, target)
    return target


def test_a_good_file_moves_to_done_and_is_imported(inbox):
    drop(inbox, "01_tongzhi_basic.docx")

    [outcome] = scan_inbox(inbox, min_age=0)

    assert outcome.ok and outcome.moved_to == inbox / "done" / "01_tongzhi_basic.docx"
    assert outcome.moved_to.read_bytes() == (FIX / "01_tongzhi_basic.docx").read_bytes()
    assert not (inbox / "01_tongzhi_basic.docx").exists()
    doc = ImportedDocument.objects.get()
    assert doc.source == "inbox" and doc.status in ("ready", "blocked")
    assert doc.doc_number == "云政发〔2024〕3号" and doc.original_name == "01_tongzhi_basic.docx"
    assert scan_inbox(inbox, min_age=0) == []  # done/ is never scanned again


@pytest.mark.parametrize("name,content", [
    ("empty.docx", b""),
    ("corrupt.pdf", b"%PDF-1.7\nthis is not really a pdf"),
    ("broken.docx", b"PK\x03\x04 not a zip at all"),
    ("notes.xlsx", b"whatever"),
])
def test_a_bad_file_moves_to_failed_with_a_chinese_error_and_keeps_its_original(inbox, name, content):
    (inbox / name).write_bytes(content)

    [outcome] = scan_inbox(inbox, min_age=0)

    assert not outcome.ok and CJK.search(outcome.error)
    moved = inbox / "failed" / name
    assert outcome.moved_to == moved and moved.read_bytes() == content
    error_txt = inbox / "failed" / f"{name}.error.txt"
    text = error_txt.read_text(encoding="utf-8")
    assert "导入失败" in text and outcome.error in text and name in text
    doc = ImportedDocument.objects.get()
    assert doc.status == "failed" and doc.source == "inbox" and doc.error == outcome.error
    assert doc.original.read() == content  # the archived original is kept too


def test_mixed_folder_and_name_clashes_never_lose_a_file(inbox):
    drop(inbox, "09_ling_order.txt")
    (inbox / "bad.txt").write_bytes(b"")
    scan_inbox(inbox, min_age=0)
    # the same names again: nothing is overwritten, the new ones get a timestamp suffix
    drop(inbox, "09_ling_order.txt")
    (inbox / "bad.txt").write_bytes(b"")
    (inbox / "done" / "untouched.txt").write_text("x")  # files already in done/ and failed/ are left alone
    (inbox / ".hidden").write_text("x")
    (inbox / "~$lock.docx").write_text("x")

    outcomes = scan_inbox(inbox, min_age=0)

    assert len(outcomes) == 2
    done = sorted(p.name for p in (inbox / "done").iterdir())
    failed = sorted(p.name for p in (inbox / "failed").iterdir())
    assert len([n for n in done if n.startswith("09_ling_order")]) == 2 and "untouched.txt" in done
    assert len([n for n in failed if n.endswith(".error.txt")]) == 2
    assert len([n for n in failed if not n.endswith(".error.txt")]) == 2
    assert any(re.match(r"bad-\d{8}-\d{6}(-\d+)?\.txt$", n) for n in failed)
    assert (inbox / ".hidden").exists() and (inbox / "~$lock.docx").exists()
    assert ImportedDocument.objects.count() == 4


def test_a_file_still_being_copied_waits_for_the_next_scan(inbox):
    path = drop(inbox, "09_ling_order.txt")
    assert scan_inbox(inbox, min_age=60) == []
    old = time.time() - 120
    os.utime(path, (old, old))
    assert [o.ok for o in scan_inbox(inbox, min_age=60)] == [True]


def test_the_task_does_nothing_without_a_folder_and_scans_with_one(inbox, settings):
    settings.IMPORT_INBOX_DIR = None
    assert "IMPORT_INBOX_DIR" in scan_inbox_task()["skipped"]
    settings.IMPORT_INBOX_DIR = str(inbox)
    path = drop(inbox, "09_ling_order.txt")
    old = time.time() - 120
    os.utime(path, (old, old))
    result = scan_inbox_task.delay().get()
    assert result["imported"] == [str(inbox / "done" / "09_ling_order.txt")] and result["failed"] == []
