"""python manage.py import_documents PATH... [--dry-run] [--json] (design §2.5)."""
import json
from io import StringIO

import pytest
from django.core.management import call_command

from importers.models import ImportedDocument
from tests.factories.importers import FIXTURES

pytestmark = pytest.mark.django_db

KEYS = {"source", "title", "doc_number", "issuers", "formed_on", "recipients", "doc_type", "secrecy", "urgency",
        "disclosure", "signers", "attachments", "cc", "printed_by", "printed_on", "checks", "error"}


def run(*args):
    """The JSON lines printed; a refused file (unreadable, missing) makes the exit status 1 and the others still import."""
    out = StringIO()
    try:
        call_command("import_documents", *args, stdout=out, stderr=StringIO())
        status = 0
    except SystemExit as exited:
        status = exited.code
    rows = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    assert status == (1 if any(r["error"] for r in rows) else 0)
    return rows


def test_json_lines_carry_exactly_the_documented_fields():
    [row] = run(str(FIXTURES / "03_jueding_cn_date_square.docx"), "--json", "--dry-run")
    assert set(row) == KEYS
    assert row["doc_number"].endswith("号") and "〔" in row["doc_number"]
    assert row["formed_on"] == "2012-04-16"  # written 二〇一二年四月十六日
    assert any(c["code"] == "doc_number_brackets" and c["severity"] == "warn" for c in row["checks"])
    assert row["error"] is None


def test_dry_run_writes_nothing():
    run(str(FIXTURES), "--json", "--dry-run")
    assert ImportedDocument.objects.count() == 0


def test_folder_import_stores_every_document_with_its_original():
    rows = run(str(FIXTURES / "bad"), str(FIXTURES / "01_tongzhi_basic.docx"), "--json")
    assert len(rows) == 3
    bad = [r for r in rows if r["error"]]
    assert {r["source"].rsplit("/", 1)[1] for r in bad} == {"encrypted.pdf", "scanned.pdf"}
    assert all("PDF" in r["error"] for r in bad)
    failed = ImportedDocument.objects.filter(submission=None)
    assert failed.count() == 2
    for doc in ImportedDocument.objects.all():
        assert doc.original.storage.exists(doc.original.name)  # nothing is lost


def test_missing_path_is_reported_not_crashed(tmp_path):
    [row] = run(str(tmp_path / "nope.docx"), "--json")
    assert "不存在" in row["error"]
