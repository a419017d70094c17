"""Pre-publication checks: each code fires on its case and stays quiet on the near-miss.

Run without Django:  .venv/bin/python -m pytest -p no:django tests/test_content_checks.py
"""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from importers.gongwen import ParsedDocument, parse
from importers.readers import read_document
from publishing.checks import is_valid_id_number, luhn_ok, run_checks

TODAY = date(2024, 7, 10)
FIX = Path(__file__).resolve().parent / "fixtures" / "gongwen"


def _id(first17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(c) * x for c, x in zip(first17, w)) % 11]


VALID_ID = _id("11010519491231002")  # 11010519491231002X
BAD_CHECK_ID = VALID_ID[:17] + ("1" if VALID_ID[17] != "1" else "2")


def _luhn_fix(body):
    for d in "0123456789":
        if luhn_ok(body + d):
            return body + d


GOOD_CARD = _luhn_fix("622202020011234567")
BAD_CARD = GOOD_CARD[:-1] + str((int(GOOD_CARD[-1]) + 1) % 10)


def base(**kw):
    p = ParsedDocument(
        title="云溪市人民政府关于测试工作的通知", doc_number="云政发〔2024〕3号", issuers=["云溪市人民政府"],
        formed_on=date(2024, 7, 1), recipients=["各部门"], doc_type="通知", attachments=[],
        body_text="为做好测试工作，现通知如下。", paragraphs=[("第1段", "为做好测试工作，现通知如下。")],
    )
    return replace(p, **kw)


def body(*paras):
    return dict(body_text="\n".join(paras), paragraphs=[(f"第{i}段", t) for i, t in enumerate(paras, start=1)])


def codes(parsed, **kw):
    kw.setdefault("today", TODAY)
    return [c.code for c in run_checks(parsed, **kw)]


def test_clean_document_has_no_checks():
    assert run_checks(base(), today=TODAY) == []


def test_check_shape():
    c = run_checks(base(title=None), today=TODAY)[0]
    assert (c.code, c.severity) == ("missing_title", "block")
    assert c.to_dict() == {"code": "missing_title", "severity": "block", "message": c.message}
    assert "标题" in c.message


# ---- secrecy
def test_secrecy_marking_blocks():
    cs = run_checks(base(secrecy="秘密", secrecy_marking="秘密★1年"), today=TODAY)
    assert [c.code for c in cs] == ["secrecy_marking"]
    assert cs[0].severity == "block" and "秘密★1年" in cs[0].message


def test_secrecy_marking_in_header_lines_or_first_line():
    assert "secrecy_marking" in codes(base(header_lines=["机密", "云溪市人民政府文件"]))
    assert "secrecy_marking" in codes(base(**body("绝密★启用前", "正文。")))


def test_secrecy_words_in_prose_do_not_block():
    p = base(**body("各单位要保守国家秘密，依法保护商业秘密。", "机密文件的管理按有关规定执行。"))
    assert "secrecy_marking" not in codes(p)


def test_secret_fixture_blocks_and_prose_fixture_words_do_not_leak():
    p = parse(read_document(FIX / "10_secret_notice.docx"))
    assert "保守国家秘密" in p.body_text
    cs = run_checks(p, today=TODAY)
    assert [c for c in cs if c.code == "secrecy_marking"][0].message.count("秘密★1年") == 1
    p2 = parse(read_document(FIX / "01_tongzhi_basic.docx"))
    assert "secrecy_marking" not in codes(p2)


# ---- disclosure
@pytest.mark.parametrize("oa,hint,fires", [
    ("不予公开", None, True), ("依申请公开", None, True), (None, "不予公开", True), (None, "依申请公开", True),
    ("主动公开", "不予公开", True), ("主动公开", None, False), (None, "主动公开", False), (None, None, False),
])
def test_disclosure_not_public(oa, hint, fires):
    assert ("disclosure_not_public" in codes(base(disclosure=hint), oa_disclosure=oa)) is fires


# ---- personal data
def test_id_validator():
    assert is_valid_id_number(VALID_ID)
    assert not is_valid_id_number(BAD_CHECK_ID)
    assert not is_valid_id_number(_id("11010520991231002"), today=TODAY)  # born in the future
    assert not is_valid_id_number(_id("11010519491331002"))  # month 13
    assert not is_valid_id_number(_id("99010519491231002"))  # no such province


def test_personal_id_number_blocks_with_masked_message():
    cs = run_checks(base(**body("名单如下。", "张三", f"身份证号：{VALID_ID}。")), today=TODAY)
    c = [c for c in cs if c.code == "personal_id_number"]
    assert len(c) == 1 and c[0].severity == "block"
    assert c[0].message == "正文含未脱敏的身份证号码 110105********002X（第3段）"
    assert VALID_ID not in c[0].message


@pytest.mark.parametrize("text", [
    "身份证号：430102********1234。",  # masked
    f"身份证号：{BAD_CHECK_ID}。",  # wrong check digit
    f"编号{VALID_ID}9。",  # inside a longer digit run
    f"编号1{VALID_ID}。",
])
def test_personal_id_number_near_misses(text):
    assert "personal_id_number" not in codes(base(**body(text)))


def test_mobile_number():
    c = run_checks(base(**body("联系电话：13912345678。")), today=TODAY)
    assert [x.code for x in c] == ["mobile_number"]
    assert c[0].message == "正文含未脱敏的手机号码 139****5678（第1段）"
    assert "mobile_number" in codes(base(**body("电话 139-1234-5678")))


@pytest.mark.parametrize("text", ["联系电话：138****5678。", "座机0731-82345678。", "编号213912345678。", "编号139123456789。",
                                  "共12345678901人"])
def test_mobile_near_misses(text):
    assert "mobile_number" not in codes(base(**body(text)))


def test_bank_card():
    c = run_checks(base(**body(f"请汇入账号{GOOD_CARD}。")), today=TODAY)
    assert [x.code for x in c] == ["bank_card_number"]
    assert GOOD_CARD[:4] in c[0].message and GOOD_CARD[-4:] in c[0].message and GOOD_CARD not in c[0].message
    spaced = " ".join(GOOD_CARD[i:i + 4] for i in range(0, len(GOOD_CARD), 4))
    assert "bank_card_number" in codes(base(**body(f"卡号 {spaced}")))


@pytest.mark.parametrize("text", [
    f"请汇入账号{BAD_CARD}。",  # Luhn fails
    "账号6222********5678。",  # masked
    f"编号{GOOD_CARD}12。",  # inside a longer run (21 digits)
])
def test_bank_card_near_misses(text):
    assert "bank_card_number" not in codes(base(**body(text)))


def test_valid_id_number_is_not_also_a_bank_card():
    for first17 in ("11010519491231002", "43010219800101123", "44030619991231456"):
        cs = codes(base(**body(f"身份证{_id(first17)}")))
        assert "personal_id_number" in cs and "bank_card_number" not in cs


def test_pii_fixture():
    for fn in ("12_gonggao_pii.docx", "12_gonggao_pii.pdf", "12_gonggao_pii.txt"):
        cs = run_checks(parse(read_document(FIX / fn)), today=TODAY)
        ids = [c for c in cs if c.code == "personal_id_number"]
        mobiles = [c for c in cs if c.code == "mobile_number"]
        assert len(ids) == 2, (fn, [c.message for c in cs])  # table row + prose; the masked one passes
        assert len(mobiles) == 2, fn
        assert all("110105********002X" in c.message for c in ids)
        assert not [c for c in cs if c.code == "bank_card_number"]


def test_note_with_mobile_is_found():
    assert "mobile_number" in codes(base(notes=["（联系人：王芳，电话：13812345678）"]))


# ---- sensitive words
def test_sensitive_words():
    p = base(**body("这是第一段。", "含有某禁词的一段。", "需要复核的旧提法。"))
    cs = run_checks(p, sensitive_words=[("某禁词", "block"), ("旧提法", "warn"), ("不存在", "block")], today=TODAY)
    assert [(c.code, c.severity) for c in cs] == [("sensitive_word_block", "block"), ("sensitive_word_warn", "warn")]
    assert "某禁词" in cs[0].message and "第2段" in cs[0].message


# ---- required metadata
@pytest.mark.parametrize("field,value,code", [
    ("title", None, "missing_title"), ("issuers", [], "missing_issuer"), ("formed_on", None, "missing_formed_on"),
])
def test_missing(field, value, code):
    cs = run_checks(base(**{field: value}), today=TODAY)
    assert [(c.code, c.severity) for c in cs] == [(code, "block")]


# ---- 发文字号
@pytest.mark.parametrize("dn,fires", [
    ("云政发〔2024〕3号", False), ("国令第672号", False), ("云溪市人民政府令第5号", False),
    ("云政发〔06〕3号", True), ("云政发〔2024〕003号", True), ("云政发〔1992〕字第36号", True), ("云政发2024年3号", True),
])
def test_doc_number_malformed(dn, fires):
    assert ("doc_number_malformed" in codes(base(doc_number=dn))) is fires


def test_doc_number_brackets_from_parser():
    p = parse(read_document(FIX / "03_jueding_cn_date_square.docx"))
    cs = run_checks(p, today=date(2012, 5, 1))
    c = [c for c in cs if c.code == "doc_number_brackets"]
    assert len(c) == 1 and c[0].severity == "warn" and "云政发[2012]8号" in c[0].message and "〔2012〕" in c[0].message
    p2 = parse(read_document(FIX / "01_tongzhi_basic.docx"))
    assert "doc_number_brackets" not in codes(p2, today=date(2024, 3, 10))


def test_doc_number_duplicate():
    known = {"云政发〔2024〕3号": "doc-17"}
    c = run_checks(base(), known_doc_numbers=known, today=TODAY)
    assert [x.code for x in c] == ["doc_number_duplicate"] and "doc-17" in c[0].message
    assert codes(base(), known_doc_numbers=known, own_id="doc-17") == []
    assert codes(base(), known_doc_numbers={"云政发〔2024〕4号": "x"}) == []


# ---- dates
def test_formed_on_future_and_old():
    assert codes(base(formed_on=date(2024, 7, 11))) == ["formed_on_future"]
    assert codes(base(formed_on=date(2024, 7, 10))) == []
    assert codes(base(formed_on=date(2023, 7, 11))) == []  # 365 days
    assert codes(base(formed_on=date(2023, 7, 10))) == ["formed_on_old"]  # 366 days


# ---- attachments
def test_attachment_missing():
    p = base(attachments=["云溪市道路交通安全责任清单", "云溪市交通安全重点路段名单"])
    cs = run_checks(p, attachment_files=["/tmp/附件1：云溪市道路交通安全责任清单.xlsx"], today=TODAY)
    assert [(c.code, c.severity) for c in cs] == [("attachment_missing", "warn")]
    assert "重点路段名单" in cs[0].message
    ok = ["附件1 云溪市道路交通安全责任清单.xlsx", "2.云溪市交通安全重点路段名单.pdf"]
    assert codes(p, attachment_files=ok) == []
    assert codes(p) == ["attachment_missing", "attachment_missing"]
