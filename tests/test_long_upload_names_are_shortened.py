"""A file name longer than the file system allows (255 bytes: 85 Chinese characters) is shortened where the file is
stored, keeping its extension; the record keeps the name as given. Upload, inbox and OA pull alike, never a 500."""
import shutil
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cms.site.roles import OFFICER
from importers.filenames import shorten
from importers.inbox import scan_inbox
from importers.models import ImportedDocument
from importers.oa_client import OAClient
from importers.sync import pull_documents
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.importers import fixture
from tests.oa_server import oa_server  # noqa: F401  (pytest fixture)

pytestmark = pytest.mark.django_db
GOOD = "01_tongzhi_basic.docx"
LONG_STEM = "云溪市人民政府关于进一步加强城市道路交通安全管理工作的通知" * 4  # 116 characters, 348 bytes


@pytest.fixture(autouse=True)
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.IMPORT_SOURCE_RETRY_BACKOFF = 0


def nbytes(name):
    return len(name.encode("utf-8"))


def assert_stored_whole(doc, name, content):
    """Stored in private storage under a name that fits, with its extension; the record keeps the given name."""
    stored = Path(doc.original.path)
    assert stored.read_bytes() == content
    assert stored.suffix == Path(name).suffix and nbytes(stored.name) <= 255
    assert doc.original_name == name


@pytest.fixture
def officer_client(client):
    make_user("officer1", OFFICER)
    client.login(username="officer1", password=PASSWORD)
    return client


def test_an_upload_with_a_300_byte_chinese_name_is_imported_and_shown(officer_client):
    name = LONG_STEM + ".docx"
    assert nbytes(name) > 300
    content = fixture(GOOD).read_bytes()

    response = officer_client.post(reverse("importers_upload"), {"files": [SimpleUploadedFile(name, content)]})

    assert response.status_code == 200
    doc = ImportedDocument.objects.get()
    assert not doc.error and doc.doc_number == "云政发〔2024〕3号"  # read as a .docx: the extension survived
    assert_stored_whole(doc, name, content)
    assert name in response.content.decode()
    inspect = officer_client.get(reverse("wagtailsnippets_importers_importeddocument:inspect", args=[doc.pk]))
    assert inspect.status_code == 200 and name in inspect.content.decode()
    download = officer_client.get(reverse("importers_original", args=[doc.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == content


def test_the_json_upload_answers_with_the_name_as_given(officer_client):
    name = LONG_STEM + "（征求意见稿）.docx"
    response = officer_client.post(reverse("importers_upload"), {"files": [SimpleUploadedFile(name, fixture(GOOD).read_bytes())]},
                                   HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    [result] = response.json()["results"]
    assert result["source"] == name and result["error"] is None


def test_the_inbox_shortens_long_names_in_done_and_failed_and_moves_every_file(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = shorten(LONG_STEM, 250 - len(".docx")) + ".docx"  # as long as the file system allows
    bad = shorten(LONG_STEM, 250 - len(".pdf")) + ".pdf"
    shutil.copyfile(fixture(GOOD), inbox / good)
    (inbox / bad).write_bytes(b"%PDF-1.7\nnot really a pdf")

    outcomes = {o.path.name: o for o in scan_inbox(inbox, min_age=0)}

    assert sorted(p.name for p in inbox.iterdir()) == [".scan.lock", "done", "failed"]  # nothing left to re-import
    done, failed = outcomes[good], outcomes[bad]
    assert done.ok and done.moved_to.parent == inbox / "done" and done.moved_to.suffix == ".docx"
    assert done.moved_to.read_bytes() == fixture(GOOD).read_bytes()
    assert not failed.ok and failed.moved_to.parent == inbox / "failed" and failed.moved_to.suffix == ".pdf"
    assert "导入失败" in failed.error_file.read_text(encoding="utf-8")
    assert_stored_whole(done.document, good, fixture(GOOD).read_bytes())
    assert failed.document.original_name == bad and failed.document.error


def test_an_oa_pull_with_long_file_names_imports_the_document_and_its_attachment(oa_server):  # noqa: F811
    main, attachment = LONG_STEM + ".txt", "附件：" + LONG_STEM + "名单.txt"
    oa_server.add_document("OA-LONG", filename=main, attachments=[(attachment, "附件内容".encode())])

    report = pull_documents(oa_server.url, client=OAClient(oa_server.url, sleep=lambda s: None))

    assert report.imported == 1 and not report.rejected and not report.failed
    doc = ImportedDocument.objects.get(external_id="OA-LONG")
    assert_stored_whole(doc, main, oa_server.find("OA-LONG")["files"][0]["content"])
    stored = doc.files.get()
    assert stored.name == attachment and Path(stored.file.path).read_bytes() == "附件内容".encode()
    assert nbytes(Path(stored.file.path).name) <= 255


@pytest.mark.parametrize("name, limit, expected", [
    ("通知.docx", 255, "通知.docx"),
    ("通知通知.docx", 11, "通知.docx"),  # whole characters only: 6 bytes of stem, never half a character
    ("通知通知.docx", 12, "通知.docx"),
    ("abc." + "x" * 300, 20, "abc." + "x" * 16),  # a 300-character "extension" is not one
])
def test_names_are_cut_on_whole_characters_keeping_the_extension(name, limit, expected):
    assert shorten(name, limit) == expected
