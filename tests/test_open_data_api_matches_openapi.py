"""The read-only open-data API returns what its OpenAPI document promises, for real demo content."""
import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate

from tests.factories.catalogue import published_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)  # a valid OpenAPI 3.1 document
    return document


def check(spec, path, status, body):
    """Validate a response body against the schema the document declares for (path, status)."""
    operation = spec["paths"][path]["get"]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    root = {**schema, "components": spec["components"]}
    errors = sorted(Draft202012Validator(root, format_checker=FormatChecker()).iter_errors(body), key=str)
    assert not errors, f"{path} {status}: " + "; ".join(e.message for e in errors[:5])


def test_every_list_and_item_endpoint_matches_the_document(client, demo, spec):
    published_entry()
    for list_path, kind in [("/api/v1/policies", "policies"), ("/api/v1/guides", "guides"), ("/api/v1/bundles", "bundles"),
                            ("/api/v1/catalogue/entries", "entries")]:
        response = client.get(list_path)
        assert response.status_code == 200
        body = response.json()
        check(spec, list_path, 200, body)
        assert body["count"] >= 1 and body["results"], f"{kind}: demo content should be listed"
        item_path = list_path + "/{id}"
        item = client.get(f"{list_path}/{body['results'][0]['id']}")
        assert item.status_code == 200
        check(spec, item_path, 200, item.json())
        missing = client.get(f"{list_path}/999999")
        assert missing.status_code == 404
        check(spec, item_path, 404, missing.json())


def test_policy_filters_and_content(client, demo, spec):
    from cms.policies.models import PolicyDocumentPage

    body = client.get("/api/v1/policies", {"year": "2024", "validity": "有效", "size": "50"}).json()
    check(spec, "/api/v1/policies", 200, body)
    expected = PolicyDocumentPage.objects.live().filter(formed_on__year=2024, validity="有效")
    assert body["count"] == expected.count() > 0
    assert {r["title"] for r in body["results"]} == set(expected.values_list("title", flat=True))
    assert all(r["formed_on"].startswith("2024") for r in body["results"])
    with_interpretation = next(p for p in PolicyDocumentPage.objects.live() if p.interpretations)
    detail = client.get(f"/api/v1/policies/{with_interpretation.pk}").json()
    assert detail["doc_number"] == with_interpretation.doc_number
    assert detail["interpretations"][0]["title"] == with_interpretation.interpretations.first().title
    assert "<p>" in detail["body_html"]


def test_bad_parameters_get_a_chinese_400_and_never_a_500(client, demo, spec):
    for params in [{"page": "x"}, {"page": "0"}, {"size": "1000"}, {"year": "二〇二四"}, {"validity": "作废"}]:
        response = client.get("/api/v1/policies", params)
        assert response.status_code == 400, params
        check(spec, "/api/v1/policies", 400, response.json())
        assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["error"])
    assert client.post("/api/v1/policies").status_code == 405


def test_withdrawn_policy_leaves_the_api(client, demo):
    from cms.policies.models import PolicyDocumentPage
    from publishing.services import withdraw

    page = PolicyDocumentPage.objects.live().first()
    before = client.get("/api/v1/policies", {"size": "100"}).json()
    withdraw(page, reason="发布有误")
    after = client.get("/api/v1/policies", {"size": "100"}).json()
    assert after["count"] == before["count"] - 1
    assert page.pk not in {r["id"] for r in after["results"]}
    assert client.get(f"/api/v1/policies/{page.pk}").status_code == 404


def test_entries_filter_by_column(client, demo, spec):
    published_entry(column_name="芙蓉区", title="芙蓉区公开信息")
    published_entry(column_name="天心区", title="天心区公开信息")
    body = client.get("/api/v1/catalogue/entries", {"column": "天心区"}).json()
    check(spec, "/api/v1/catalogue/entries", 200, body)
    titles = [r["title"] for r in body["results"]]
    assert "天心区公开信息" in titles and "芙蓉区公开信息" not in titles
    assert {r["column"] for r in body["results"]} == {"天心区"}
    assert json.dumps(body, ensure_ascii=False).count("芙蓉区公开信息") == 0
