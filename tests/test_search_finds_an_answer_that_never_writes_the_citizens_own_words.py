"""“外地人办居住证”: the 居住证 guide never writes 外地人 — the citizen describes themself, not the document. A document
that happens to write both words must not bury it: documents matching part of a query of several words join the
candidates, a step behind full matches, and the better title wins — on BOTH engines."""
import pytest

from tests.factories.guides import guide_obj
from tests.factories.search import load_indexed, refresh, search_site


@pytest.fixture
def site(engine_name, db):
    search_site()
    load_indexed([
        guide_obj(name="居住证（申领）", department="长沙市公安局",
                  conditions="在本市居住半年以上，有合法稳定就业、合法稳定住所或连续就读条件之一。"),
        guide_obj(name="义务教育阶段新生入学（随迁子女入学）", department="长沙市教育局",
                  conditions="在本市就读的外地人子女，凭父母一方的居住证报名。"),
        guide_obj(name="城乡居民基本养老保险参保登记", department="长沙市人力资源和社会保障局",
                  conditions="年满16周岁、不属于职工基本养老保险覆盖范围的城乡居民。"),
    ])
    refresh()


def titles(client, q):
    body = client.get("/api/search", {"q": q}).json()
    return [r["title"] for r in body["results"]], body["total"]


def test_the_permit_guide_comes_first_though_it_never_says_outsider(site, client):
    found, total = titles(client, "外地人办居住证")
    assert found[:2] == ["居住证（申领）", "义务教育阶段新生入学（随迁子女入学）"], found
    assert total == len(found)


def test_a_document_with_every_word_still_leads_when_its_title_answers_as_well(site, client):
    found, _ = titles(client, "随迁子女居住证")
    assert found[0] == "义务教育阶段新生入学（随迁子女入学）", found
    assert "居住证（申领）" in found  # the partial match is listed after it
