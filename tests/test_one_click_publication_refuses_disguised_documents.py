"""一键公开 re-checks the stored submission: a disguised problem that import found is still refused at publication,
and a clean document of the attack corpus publishes (issue 17, part 1)."""
import json
from pathlib import Path

import pytest

from cms.policies.models import PolicyDocumentPage
from importers.services import import_file
from publishing.gate import PublishRefused
from publishing.models import PublicationRecord
from tests.artifacts_log import record
from tests.factories.importers import publish_document as publish

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "fixtures" / "attack" / "documents"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
# What a refusal says for each code, so the officer knows what to fix.
SAYS = {"personal_id_number": "身份证号码", "mobile_number": "手机号码", "bank_card_number": "银行卡号", "secrecy_marking": "密级",
        "disclosure_not_public": "公开"}


def imported(name):
    return import_file(CORPUS / name, source="upload").document


@pytest.mark.parametrize("name, declared", [("p50_note_inline_end.txt", "不予公开"), ("p51_note_inline_end.docx", "依申请公开")])
def test_a_note_at_the_end_of_the_last_paragraph_refuses_one_click_publication(demo, name, declared):
    doc = imported(name)
    assert doc.submission.disclosure == declared
    with pytest.raises(PublishRefused) as refused:
        publish(doc)
    assert any(declared in reason for reason in refused.value.reasons)
    assert not PolicyDocumentPage.objects.filter(title=doc.title).exists()
    assert not PublicationRecord.objects.filter(title=doc.title).exists()


def test_every_disguised_document_imported_is_refused_at_publication(demo):
    refused = {}
    for name, codes in EXPECTED.items():
        if not codes:
            continue
        doc = imported(name)
        with pytest.raises(PublishRefused) as caught:
            publish(doc)
        refused[name] = any(SAYS[codes[0]] in reason for reason in caught.value.reasons)
    published = PolicyDocumentPage.objects.filter(source_key__startswith="import-").count()
    record("one_click", {"documents_tried": len(refused), "refused_with_reason": sum(refused.values()),
                         "forbidden_publications": published}, artifact="gate")
    assert len(refused) >= 45 and all(refused.values()), [n for n, ok in refused.items() if not ok]
    assert published == 0


@pytest.mark.parametrize("name", ["n03_masked_numbers.txt", "n07_table_figures.docx", "n09_law_quotes.txt",
                                  "n10_secrecy_in_prose.docx", "n13_note_quoted_in_prose.txt", "n18_redacted_note.txt"])
def test_a_clean_document_of_the_corpus_publishes(demo, client, name):
    doc = imported(name)
    page = publish(doc)
    assert page.live and client.get(page.url).status_code == 200
