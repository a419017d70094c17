"""Fuzz read_document + parse with mutated real fixtures: only ImportFailed may escape.

Run without Django:  .venv/bin/python -m pytest -p no:django tests/test_parser_fuzz.py
"""

import io
import os
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.errors import ImportFailed
from importers.gongwen import parse
from importers.readers import Block, ExtractedDocument, read_document
from publishing.checks import run_checks

FIX = Path(__file__).resolve().parent / "fixtures" / "gongwen"
SOURCES = {
    name: (FIX / name).read_bytes()
    for name in ("01_tongzhi_basic.docx", "06_tonggao_textbox.docx", "02_yijian_joint2.docx", "01_tongzhi_basic.pdf",
                 "09_ling_order.pdf", "01_tongzhi_basic.txt", "01_tongzhi_basic.flat.txt", "12_gonggao_pii.txt")
}
TODAY = __import__("datetime").date(2024, 7, 1)

mutation = st.tuples(
    st.sampled_from(["flip", "truncate", "insert", "delete", "xml"]),
    st.floats(min_value=0, max_value=1, allow_nan=False),
    st.binary(min_size=1, max_size=64),
)


def mutate(name: str, data: bytes, ops) -> bytes:
    for op, where, blob in ops:
        if op == "xml" and name.endswith(".docx"):
            data = _mutate_xml(data, where, blob)
            continue
        i = int(where * max(len(data) - 1, 0))
        if op == "flip":
            b = bytearray(data)
            for k, x in enumerate(blob):
                if i + k < len(b):
                    b[i + k] ^= x or 0xFF
            data = bytes(b)
        elif op == "truncate":
            data = data[: max(i, 1)]
        elif op == "insert":
            data = data[:i] + blob + data[i:]
        elif op in ("delete", "xml"):
            data = data[:i] + data[i + len(blob):]
    return data


def _mutate_xml(data: bytes, where: float, blob: bytes) -> bytes:
    """Mutate word/document.xml *inside* the zip, so the XML walker sees odd (but inflatable) input."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for info in src.infolist():
                part = src.read(info)
                if info.filename == "word/document.xml":
                    i = int(where * len(part))
                    part = part[:i] + blob + part[i + len(blob):]
                zf.writestr(info.filename, part)
        return out.getvalue()
    except Exception:
        return data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(SOURCES)), ops=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_fixtures_only_raise_importfailed(name, ops):
    data = mutate(name, SOURCES[name], ops)
    fd, path = tempfile.mkstemp(suffix=Path(name).suffix.replace(".flat", ""))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            doc = read_document(path)
        except ImportFailed as e:
            assert e.message and e.code
            return
        parsed = parse(doc)
        assert isinstance(parsed.to_json(), dict)
        run_checks(parsed, today=TODAY)
    finally:
        os.unlink(path)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.text(alphabet=st.sampled_from(list(
    "云溪市人民政府文件关于的通知函令第号〔〕[]()（）【】：:，、。；年月日一二三四五六七八九十〇○0123456789 \n"
    "抄送印发附件此件公开依申请不予秘密机密绝密★特急加急签发人")), max_size=80), max_size=30))
def test_parse_never_crashes_on_arbitrary_text(lines):
    blocks = [Block(t) for t in lines]
    for kind in ("txt", "docx"):
        parsed = parse(ExtractedDocument(kind=kind, blocks=blocks))
        parsed.to_json()
        run_checks(parsed, today=TODAY)
    parse(ExtractedDocument(kind="txt", blocks=[Block(" ".join(lines))])).to_json()
