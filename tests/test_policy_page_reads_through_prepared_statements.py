"""A policy page reads its row, issuers, related pages and versions through statements that PostgreSQL prepares once
per connection (portal/prepared.py). What a citizen sees stays the same: versions in Beijing time, issuers by name,
links to what the policy cites and to what cites it."""
from datetime import date, datetime, timezone

import pytest
from django.db import connection

from tests.factories.search import search_site, use_engine

pytestmark = pytest.mark.django_db

NUMBER = "长政发〔2024〕3号"


@pytest.fixture
def policy(settings):
    from cms.models import PolicyDocumentPage, PolicyReference
    from publishing.models import PublicationRecord

    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    use_engine(settings, "database")
    search_site()
    policy = PolicyDocumentPage.objects.get(doc_number=NUMBER)
    for version, formed_on, published_at in (
        (1, date(2024, 3, 5), datetime(2024, 3, 8, 1, 30, tzinfo=timezone.utc)),
        (2, date(2024, 5, 30), datetime(2024, 5, 31, 16, 30, tzinfo=timezone.utc)),  # 6月1日 00:30 in Beijing
    ):
        PublicationRecord.objects.create(page=policy, title=policy.title, version=version, formed_on=formed_on, published_at=published_at)
    citing = PolicyDocumentPage.objects.get(doc_number="长政办发〔2023〕12号")
    PolicyReference.objects.create(source=citing, doc_number=NUMBER)
    cited = PolicyDocumentPage.objects.get(doc_number="长人社发〔2019〕8号")
    PolicyReference.objects.create(source=policy, doc_number=cited.doc_number)
    return policy


def test_policy_page_shows_versions_issuers_and_links_both_ways(client, policy):
    first = client.get(policy.url).content.decode()
    page = client.get(policy.url).content.decode()  # the second request runs the prepared statements
    assert page == first
    assert "第1版：形成/变更 2024-03-05，发布 2024-03-08 09:30" in page
    assert "第2版：形成/变更 2024-05-30，发布 2024-06-01 00:30" in page
    assert '<meta name="PubDate"' in page and "长沙市人民政府" in page
    assert "本文件引用" in page and "长人社发〔2019〕8号" in page
    assert "引用本文件" in page and "长政办发〔2023〕12号" in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_the_page_statements_are_prepared_once_per_connection(client, policy):
    for _ in range(3):
        assert client.get(policy.url).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
        runs = {statement: count for statement, count in cursor.fetchall()}
    for table in ("cms_interpretationpage", "publishing_organ", "publishing_publicationrecord", "cms_policydocumentpage"):
        assert any(table in statement and count >= 3 for statement, count in runs.items()), (table, runs)
