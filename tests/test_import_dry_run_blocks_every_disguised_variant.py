"""`import_documents --dry-run --json` over the attack corpus: every disguised problem blocks with its code, nothing
clean is blocked (issue 17, part 1). The corpus and its manifest come from tests/fixtures/attack/make_corpus.py.

The figures (files tried, variants detected, negatives passed) go to tests/artifacts/attack_detectors.json for
docs/security.md."""
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "fixtures" / "attack" / "documents"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "attack_detectors.json"


def dry_run(*paths):
    out = StringIO()
    call_command("import_documents", "--dry-run", "--json", *map(str, paths), stdout=out)
    results = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    return {Path(r["source"]).name: r for r in results}


def blocking(result):
    return sorted({c["code"] for c in result["checks"] if c["severity"] == "block"})


def test_the_corpus_covers_every_variant_the_issue_names():
    names = set(EXPECTED)
    assert len(names) >= 60 and {n.rsplit(".", 1)[1] for n in names} == {"txt", "docx"}
    assert names == {p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".docx")}
    for needed in ("id_spaces", "id_dashes", "id_fullwidth", "mobile_fullwidth", "card_fullwidth", "secret_mid_document",
                   "secret_spaced", "secret_level_field", "note_benjian", "note_gongkai_fangshi", "note_inline_end"):
        assert any(needed in n and EXPECTED[n] for n in names), needed
    assert sum(1 for codes in EXPECTED.values() if not codes) >= 15


def test_dry_run_blocks_every_positive_with_its_code_and_passes_every_negative():
    results = dry_run(CORPUS)
    assert set(results) == set(EXPECTED)
    assert all(r["error"] is None for r in results.values()), {n: r["error"] for n, r in results.items() if r["error"]}
    wrong = {name: {"expected": codes, "found": blocking(results[name])} for name, codes in EXPECTED.items()
             if blocking(results[name]) != sorted(codes)}
    positives = [n for n, codes in EXPECTED.items() if codes]
    negatives = [n for n, codes in EXPECTED.items() if not codes]
    figures = {
        "files_tried": len(results),
        "positives": len(positives),
        "positives_detected": sum(1 for n in positives if set(EXPECTED[n]) <= set(blocking(results[n]))),
        "negatives": len(negatives),
        "negatives_passed": sum(1 for n in negatives if not blocking(results[n])),
        "by_code": {code: sum(1 for n in positives if EXPECTED[n] == [code] and code in blocking(results[n]))
                    for code in sorted({c for codes in EXPECTED.values() for c in codes})},
        "missed_or_wrong": wrong,
    }
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nattack corpus: {figures['files_tried']} files, {figures['positives_detected']}/{figures['positives']} disguised "
          f"variants blocked, {figures['negatives_passed']}/{figures['negatives']} clean documents passed")
    assert wrong == {}


def test_the_block_names_what_was_found_without_repeating_the_number():
    results = dry_run(CORPUS / "p05_id_dots.txt", CORPUS / "p44_note_cijian.docx", CORPUS / "p34_secret_spaced_top.docx")
    id_message = next(c["message"] for c in results["p05_id_dots.txt"]["checks"] if c["code"] == "personal_id_number")
    assert "430102********106X" in id_message and "1990" not in id_message
    assert results["p44_note_cijian.docx"]["disclosure"] == "不予公开"
    assert results["p34_secret_spaced_top.docx"]["secrecy"] == "秘密"
