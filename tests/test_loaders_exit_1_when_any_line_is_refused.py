"""The four loaders are honest: exit 0 only when everything loaded, 1 when any line/row/file was refused (the good
ones still load, a summary names each reason with its first lines); --dry-run validates everything and writes
nothing (pages, revisions, outbox rows, archived files, page cache); a second run of the same input changes nothing."""
import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page, Revision

from importers.models import ImportedDocument
from openness_catalog.models import CatalogueItem
from portal.cache import EPOCH_KEY
from search.models import SearchOutbox
from tests.factories.guides import excel_row, guide_obj, guide_site, guide_workbook
from tests.factories.importers import FIXTURES
from tests.test_catalogue_excel_round_trip import good_row, place, workbook  # noqa: F401 — `place` is a fixture

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=StringIO())
        status = 0
    except SystemExit as exited:
        status = exited.code
    return status, out.getvalue()


def files_under(root):
    root = Path(root)
    return sorted(str(p) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def footprint():
    return {
        "pages": Page.objects.count(), "revisions": Revision.objects.count(), "outbox": SearchOutbox.objects.count(),
        "documents": ImportedDocument.objects.count(), "catalogue": CatalogueItem.objects.count(),
        "media": files_under(settings.MEDIA_ROOT), "private": files_under(settings.PRIVATE_MEDIA_ROOT),
        "page_cache_epoch": cache.get(EPOCH_KEY),
    }


def write_jsonl(path, objs):
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), encoding="utf-8")
    return path


def assert_refusal_summary(output, where):
    assert "被拒绝" in output and "按原因：" in output
    assert where in output.split("按原因：", 1)[1]  # the summary cites the first refused lines of the reason


def test_load_content(tmp_path):
    guide_site()
    good = [guide_obj("430100-CS-GG-5101"), guide_obj("430100-CS-GG-5102")]
    good_file = write_jsonl(tmp_path / "good.jsonl", good)
    mixed_file = write_jsonl(tmp_path / "mixed.jsonl", good + [dict(guide_obj("430100-CS-GG-5103"), name="")])

    before = footprint()
    status, output = run("load_content", str(mixed_file), "--dry-run")
    assert status == 1 and "试运行" in output
    assert footprint() == before

    status, output = run("load_content", str(mixed_file))
    assert status == 1
    assert "第3行：缺少或无效的字段“name”" in output
    assert_refusal_summary(output, "缺少或无效的字段“name”：1 行（第3行）")
    loaded = footprint()
    assert loaded["pages"] == before["pages"] + 2
    assert loaded["page_cache_epoch"] != before["page_cache_epoch"]  # a real load purges the page cache

    status, output = run("load_content", str(good_file))
    assert status == 0 and "未变化 2 条" in output and "新增 0 条" in output
    again = footprint()
    assert again["pages"] == loaded["pages"] and again["revisions"] == loaded["revisions"]


def test_import_guides(tmp_path):
    guide_site()
    rows = [excel_row("430100-MZ-QR-5201", "收养登记"), excel_row("430100-MZ-QR-5202", "补领婚姻登记证")]
    good_file = guide_workbook(tmp_path / "good.xlsx", rows)
    mixed_file = guide_workbook(tmp_path / "mixed.xlsx", rows + [excel_row("430100-MZ-QR-5203", "")])

    before = footprint()
    status, output = run("import_guides", str(mixed_file), "--dry-run")
    assert status == 1 and "可导入：新增 2 条" in output
    assert footprint() == before

    status, output = run("import_guides", str(mixed_file))
    assert status == 1 and "第4行：缺少“事项名称”" in output
    assert_refusal_summary(output, "缺少“事项名称”：1 行（第4行）")
    loaded = footprint()
    assert loaded["pages"] == before["pages"] + 2

    status, output = run("import_guides", str(good_file))
    assert status == 0 and "新增 0 条，更新 0 条，未变化 2 条" in output
    again = footprint()
    assert again["pages"] == loaded["pages"] and again["revisions"] == loaded["revisions"]


def test_catalogue_import(tmp_path, place):  # noqa: F811
    rows = [good_row(2), good_row(3)]
    good_file = tmp_path / "good.xlsx"
    good_file.write_bytes(workbook(rows).getvalue())
    bad = dict(good_row(4), 栏目="火星区")
    mixed_file = tmp_path / "mixed.xlsx"
    mixed_file.write_bytes(workbook(rows + [bad]).getvalue())

    before = footprint()
    status, output = run("catalogue_import", str(mixed_file), "--dry-run")
    assert status == 1 and "新增2条" in output
    assert footprint() == before

    status, output = run("catalogue_import", str(mixed_file))
    assert status == 1 and "第4行：栏目“火星区”不存在" in output
    assert_refusal_summary(output, "1 行（第4行）")
    assert CatalogueItem.objects.count() == before["catalogue"] + 2

    status, output = run("catalogue_import", str(good_file))
    assert status == 0 and "新增0条，更新0条，未变化2条，错误0行" in output
    assert CatalogueItem.objects.count() == before["catalogue"] + 2


def test_import_documents(tmp_path):
    good = FIXTURES / "01_tongzhi_basic.docx"
    unreadable = FIXTURES / "bad" / "encrypted.pdf"

    before = footprint()
    status, output = run("import_documents", str(good), str(unreadable), "--dry-run")
    assert status == 1 and "encrypted.pdf" in output
    assert footprint() == before  # no record and no archived original

    status, output = run("import_documents", str(good), str(unreadable))
    assert status == 1
    assert_refusal_summary(output, "encrypted.pdf")
    loaded = footprint()
    assert loaded["documents"] == before["documents"] + 2  # the unreadable original is archived too, never lost
    assert len(loaded["private"]) >= len(before["private"]) + 2

    status, output = run("import_documents", str(good))
    assert status == 0 and "内容相同已跳过 1 个" in output
    assert footprint()["documents"] == loaded["documents"]
    assert footprint()["private"] == loaded["private"]


def test_all_good_input_exits_0(tmp_path):
    guide_site()
    status, _ = run("load_content", str(write_jsonl(tmp_path / "ok.jsonl", [guide_obj("430100-CS-GG-5301")])))
    assert status == 0
    status, _ = run("import_guides", str(guide_workbook(tmp_path / "ok.xlsx", [excel_row("430100-MZ-QR-5302", "收养登记")])))
    assert status == 0
    status, _ = run("import_documents", str(FIXTURES / "01_tongzhi_basic.docx"))
    assert status == 0
