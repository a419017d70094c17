"""Every kind of bad input gives ImportFailed with a Chinese message -- never another exception.

Bad files are built in tmp_path; the encrypted and the scanned PDF are committed fixtures
(tests/fixtures/gongwen/bad/, made by make_gongwen_fixtures.py with qpdf / LibreOffice).
Run without Django:  .venv/bin/python -m pytest -p no:django tests/test_import_bad_input.py
"""

import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from importers import readers
from importers.errors import ImportFailed
from importers.gongwen import parse
from importers.readers import read_document

FIX = Path(__file__).resolve().parent / "fixtures" / "gongwen"
DOCX = FIX / "01_tongzhi_basic.docx"
PDF = FIX / "01_tongzhi_basic.pdf"
CJK = re.compile(r"[\u4e00-\u9fff]")


def fails(path, code, *words):
    with pytest.raises(ImportFailed) as ei:
        read_document(path)
    e = ei.value
    assert e.code == code, (e.code, e.message)
    assert CJK.search(str(e)) and str(e) == e.message
    for w in words:
        assert w in e.message, e.message
    return e


def test_missing_file(tmp_path):
    fails(tmp_path / "nope.docx", "not_found", "找不到")


@pytest.mark.parametrize("name", ["a.docx", "a.pdf", "a.txt"])
def test_empty_files(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(b"")
    fails(p, "empty", "空")


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "big.pdf"
    with open(p, "wb") as fh:  # sparse: no disk used, and never read
        fh.write(b"%PDF-1.7\n")
        fh.truncate(51 * 1024 * 1024)

    def boom(*a, **k):
        raise AssertionError("must not be parsed")

    monkeypatch.setattr(readers, "_read_pdf", boom)
    fails(p, "too_large", "50 MB")


def _bomb(path, size_mb=300):
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with zipfile.ZipFile(DOCX) as src:
            for info in src.infolist():
                if info.filename != "word/document.xml":
                    zf.writestr(info, src.read(info))
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(size_mb):
                fh.write(chunk)


def test_zip_bomb_ratio(tmp_path):
    p = tmp_path / "bomb.docx"
    _bomb(p)
    assert p.stat().st_size < 2 * 1024 * 1024
    fails(p, "zip_bomb", "压缩")


def test_zip_bomb_total_size(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_COMPRESSION_RATIO", 10 ** 9)
    monkeypatch.setattr(readers, "MAX_UNZIPPED_BYTES", 5 * 1024 * 1024)
    p = tmp_path / "big.docx"
    _bomb(p, size_mb=6)
    fails(p, "zip_bomb", "解压后过大")


def test_docm_extension(tmp_path):
    p = tmp_path / "macro.docm"
    shutil.copy(DOCX, p)
    fails(p, "macro", "宏")


def test_docx_with_vba_project(tmp_path):
    p = tmp_path / "macro.docx"
    shutil.copy(DOCX, p)
    with zipfile.ZipFile(p, "a") as zf:
        zf.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0fake vba")
    fails(p, "macro", "宏")


def test_docx_with_macro_content_type(tmp_path):
    p = tmp_path / "macro2.docx"
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
            zf.writestr(info, data)
    fails(p, "macro", "宏")


def test_truncated_docx(tmp_path):
    data = DOCX.read_bytes()
    p = tmp_path / "cut.docx"
    p.write_bytes(data[: len(data) // 2])
    fails(p, "corrupt_docx", "损坏")


def test_docx_with_broken_xml(tmp_path):
    p = tmp_path / "badxml.docx"
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 3]
            zf.writestr(info, data)
    fails(p, "corrupt_docx", "损坏")


def test_zip_that_is_not_a_word_file(tmp_path):
    p = tmp_path / "other.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "hello")
    fails(p, "type_mismatch", "word/document.xml")


def test_pdf_with_random_bytes(tmp_path):
    p = tmp_path / "rand.pdf"
    p.write_bytes(b"%PDF-1.7\n" + os.urandom(20000))
    fails(p, "corrupt_pdf", "PDF")


def test_truncated_pdf(tmp_path):
    data = PDF.read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[:2000])
    e = pytest.raises(ImportFailed, read_document, p).value
    assert e.code in ("corrupt_pdf", "scanned_pdf") and CJK.search(e.message)


def test_encrypted_pdf():
    fails(FIX / "bad" / "encrypted.pdf", "encrypted_pdf", "加密")


def test_scanned_pdf():
    e = fails(FIX / "bad" / "scanned.pdf", "scanned_pdf")
    assert e.message == "该PDF没有文字层（可能是扫描件），需要先进行OCR文字识别后再导入"


@pytest.mark.parametrize("src,name,words", [
    (PDF, "x.docx", ["PDF"]), (DOCX, "x.pdf", ["Word"]), (PDF, "x.txt", ["PDF"]), (DOCX, "x.txt", ["Word"]),
])
def test_content_does_not_match_extension(tmp_path, src, name, words):
    p = tmp_path / name
    shutil.copy(src, p)
    fails(p, "type_mismatch", *words)


def test_plain_text_named_docx_or_pdf(tmp_path):
    for name in ("t.docx", "t.pdf"):
        p = tmp_path / name
        p.write_text("云溪市人民政府文件", encoding="utf-8")
        fails(p, "type_mismatch", "不是")


def test_ole_container_named_docx(tmp_path):
    p = tmp_path / "enc.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    fails(p, "encrypted_docx", "加密")


@pytest.mark.parametrize("name,code", [("a.doc", "unsupported_type"), ("a.xlsx", "unsupported_type"), ("a", "unsupported_type")])
def test_unsupported_types(tmp_path, name, code):
    p = tmp_path / name
    p.write_bytes(b"whatever")
    fails(p, code)


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,  # binary
    b"\x81\x30\x81" * 100 + b"\xff\xfe\xfd" * 50,  # invalid as UTF-8 and as GB18030
    "正文".encode("utf-8") + b"\0\0\0\1\2\3\4\5" * 40,  # mostly control characters
])
def test_txt_unknown_encoding(tmp_path, data):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    fails(p, "unknown_encoding", "编码")


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_txt_good_encodings(tmp_path, enc):
    text = "云溪市人民政府文件\n云政发〔2024〕3号\n云溪市人民政府关于测试的通知\n各部门：\n正文。\n云溪市人民政府\n2024年3月5日\n"
    p = tmp_path / "ok.txt"
    p.write_bytes(text.encode(enc))
    doc = parse(read_document(p))
    assert doc.doc_number == "云政发〔2024〕3号" and doc.title == "云溪市人民政府关于测试的通知"


def test_only_importfailed_escapes_even_on_unexpected_errors(tmp_path, monkeypatch):
    def boom(p):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(readers, "_read_docx", boom)
    fails(DOCX, "corrupt_docx", "损坏")
