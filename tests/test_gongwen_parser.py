"""The 公文 parser gets every field right on every fixture (docx, pdf, txt, flattened txt).

Fixtures and expected.json come from tests/fixtures/make_gongwen_fixtures.py (one spec table).
Run without Django:  .venv/bin/python -m pytest -p no:django tests/test_gongwen_parser.py
"""

import json
from datetime import date
from pathlib import Path

import pytest

from importers.gongwen import normalise_doc_number, parse, parse_date
from importers.readers import Block, ExtractedDocument, read_document

FIX = Path(__file__).resolve().parent / "fixtures" / "gongwen"
MANIFEST = json.loads((FIX / "expected.json").read_text(encoding="utf-8"))
CASES = [(fx, kind, fn) for fx in MANIFEST["fixtures"] for kind, fn in fx["files"].items()]
FIELDS = ["title", "doc_number", "issuers", "formed_on", "recipients", "doc_type", "secrecy", "urgency", "disclosure",
          "signers", "attachments", "cc", "printed_by", "printed_on"]


def test_manifest_covers_the_brief():
    fx = MANIFEST["fixtures"]
    assert len(fx) >= 15
    types = {f["expected"]["doc_type"] for f in fx}
    assert {"通知", "意见", "决定", "批复", "函", "通告", "请示", "报告", "令", "通报", "公告", "纪要"} <= types
    assert {f["expected"]["disclosure"] for f in fx} >= {"主动公开", "依申请公开", "不予公开", None}
    assert any(len(f["expected"]["issuers"]) == 3 for f in fx)
    assert any(f["expected"]["signers"] for f in fx)
    assert any(f["expected"]["secrecy"] == "秘密" for f in fx)
    kinds = {k for f in fx for k in f["files"]}
    assert kinds == {"docx", "pdf", "txt", "txt_flat"}


@pytest.fixture(scope="module")
def parsed_cache():
    return {}


def _parsed(cache, fn):
    if fn not in cache:
        cache[fn] = parse(read_document(FIX / fn))
    return cache[fn]


@pytest.mark.parametrize("fx,kind,fn", CASES, ids=[c[2] for c in CASES])
def test_every_field(fx, kind, fn, parsed_cache):
    got = _parsed(parsed_cache, fn).to_json()
    assert list(got) == FIELDS
    want = fx["expected"]
    diffs = {k: (got[k], want[k]) for k in FIELDS if got[k] != want[k]}
    assert not diffs, diffs


@pytest.mark.parametrize("fx,kind,fn", CASES, ids=[c[2] for c in CASES])
def test_body_and_bracket_warning(fx, kind, fn, parsed_cache):
    p = _parsed(parsed_cache, fn)
    for s in fx["body_contains"]:
        assert s in p.body_text
    # the body holds neither the 版头, the 署名/日期 nor the 版记
    assert not p.body_text.rstrip().endswith("印发")
    assert all(parse_date(line) is None or len(line) > 20 for line in p.body_text.split("\n"))
    assert not p.body_text.startswith(fx["expected"]["title"] or "\x00")
    if fx["expected"]["cc"]:
        assert "抄送" not in p.body_text
    warned = [c for c, _ in p.warnings if c == "doc_number_brackets"]
    assert bool(warned) == fx["bracket_warning"]


@pytest.mark.parametrize("fx", [f for f in MANIFEST["fixtures"] if f["headings"]], ids=lambda f: f["id"])
def test_heading_levels_in_html(fx, parsed_cache):
    for kind in ("docx", "pdf"):
        p = _parsed(parsed_cache, fx["files"][kind])
        h = p.body_html
        assert f"<h2>{fx['headings']['h2']}</h2>" in h
        assert '<p class="gw-l2"><strong class="gw-h">（一）加强组织领导。</strong>' in h
        assert f'<p class="gw-l3"><strong class="gw-h">{fx["headings"]["h4"]}' in h
        assert '<p class="gw-l4">（2）每季度末开展一次督促检查。</p>' in h


def test_table_in_body_html(parsed_cache):
    p = _parsed(parsed_cache, "15_yijian_fullwidth_table.docx")
    assert '<table class="gw-table"><thead><tr><th>区县</th>' in p.body_html
    assert p.body_html.count("<tr>") == 3
    assert "东湖县\t800\t1500" in p.body_text


def test_html_is_escaped():
    ext = ExtractedDocument(kind="txt", blocks=[Block("云溪市人民政府文件"), Block("云政发〔2024〕1号"),
                                                 Block("关于<script>的通知"), Block("各部门："),
                                                 Block("一、<b>标题</b>&"), Block("正文<img src=x onerror=alert(1)>。")])
    p = parse(ext)
    assert "<script>" not in p.body_html and "<img" not in p.body_html and "<b>" not in p.body_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in p.body_html
    assert p.title == "关于<script>的通知"


@pytest.mark.parametrize("text,expected", [
    ("2024年3月5日", date(2024, 3, 5)),
    ("二〇一二年四月十六日", date(2012, 4, 16)),
    ("二○一二年九月三日", date(2012, 9, 3)),
    ("二零二三年十二月二十日", date(2023, 12, 20)),
    ("二〇一二年十二月三十一日", date(2012, 12, 31)),
    ("２０２４年１０月１日", date(2024, 10, 1)),
    ("2024 年 3 月 5 日", date(2024, 3, 5)),
    ("2024年2月30日", None),
    ("无日期", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("raw,norm,irregular", [
    ("国办发〔2019〕54号", "国办发〔2019〕54号", False),
    ("云政发[2012]8号", "云政发〔2012〕8号", True),
    ("云政函(2012)21号", "云政函〔2012〕21号", True),
    ("云政办发（2012）7号", "云政办发〔2012〕7号", True),
    ("云发改【2024】88号", "云发改〔2024〕88号", True),
    ("云政发〔2012)30号", "云政发〔2012〕30号", True),
    ("国令第672号", "国令第672号", False),
    ("云政发〔2012〕字第36号", "云政发〔2012〕字第36号", False),
])
def test_normalise_doc_number(raw, norm, irregular):
    assert normalise_doc_number(raw) == (norm, irregular)


def _txt(*lines):
    return parse(ExtractedDocument(kind="txt", blocks=[Block(x) for x in lines]))


@pytest.mark.parametrize("note,expected", [
    ("（此件公开发布）", "主动公开"), ("(此件公开发布)", "主动公开"), ("（此件主动公开）", "主动公开"),
    ("（此件社会公开）", "主动公开"), ("（此件依申请公开）", "依申请公开"), ("(此件依申请公开)", "依申请公开"),
    ("（此件不予公开）", "不予公开"), ("（联系人：张三，电话：12345678）", None),
])
def test_disclosure_note_variants(note, expected):
    p = _txt("云溪市人民政府文件", "云政发〔2024〕1号", "云溪市人民政府关于测试的通知", "各部门：", "正文。",
             "云溪市人民政府", "2024年3月5日", note)
    assert p.disclosure == expected


@pytest.mark.parametrize("marking,level", [("秘密★1年", "秘密"), ("机密", "机密"), ("绝密★启用前", "绝密"), ("秘密", "秘密")])
def test_secrecy_variants(marking, level):
    p = _txt("000012", marking, "特急", "云溪市人民政府文件", "云政发〔2024〕1号", "云溪市人民政府关于测试的通知",
             "各部门：", "正文。", "云溪市人民政府", "2024年3月5日")
    assert (p.secrecy, p.urgency, p.copy_number) == (level, "特急", "000012")
    assert p.secrecy_marking == marking


def test_secrecy_words_in_prose_are_not_a_marking():
    p = _txt("云溪市人民政府文件", "云政发〔2024〕1号", "云溪市人民政府关于保守国家秘密的通知", "各部门：",
             "秘密", "要保守国家秘密，保护商业秘密。机密文件要妥善保管。", "云溪市人民政府", "2024年3月5日")
    assert p.secrecy is None


def test_flattened_without_any_spaces_still_finds_the_core_fields():
    flat = ("云溪市人民政府文件云政发〔2024〕9号云溪市人民政府关于做好防汛工作的通知各区县人民政府，市政府各部门："
            "为做好防汛工作，现通知如下。一、加强值守。各地要严格值班。二、及时报告。云溪市人民政府2024年5月6日"
            "（此件公开发布）抄送：市委办公室，市人大常委会办公室。云溪市人民政府办公室2024年5月7日印发")
    p = parse(ExtractedDocument(kind="txt", blocks=[Block(flat)]))
    assert p.doc_number == "云政发〔2024〕9号"
    assert p.disclosure == "主动公开"
    assert p.cc == ["市委办公室", "市人大常委会办公室"]
    assert p.printed_on == date(2024, 5, 7)
    assert p.printed_by == "云溪市人民政府办公室"


def test_bare_ling_number():
    p = _txt("国务院令", "国令第672号", "《某某条例》已经国务院第1次常务会议通过，现予公布。", "总理　李某", "2016年1月1日")
    assert p.doc_number == "国令第672号"
    assert p.doc_type == "令"
    assert p.title == "某某条例"
