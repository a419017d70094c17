"""A policy page shows its versions in Beijing time, its issuers by name, links to what it cites and to what cites
it — with a fixed, small number of queries however many versions and citations it has (plain select/prefetch, no
private database internals)."""
from datetime import date, datetime, timezone

import pytest
from django.db import connection

from tests.factories.search import search_site, use_engine

pytestmark = pytest.mark.django_db

NUMBER = "长政发〔2024〕3号"


@pytest.fixture
def policy(settings):
    from cms.policies.models import PolicyDocumentPage, PolicyReference
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
    page = client.get(policy.url).content.decode()
    assert "第1版：形成/变更 2024-03-05，发布 2024-03-08 09:30" in page
    assert "第2版：形成/变更 2024-05-30，发布 2024-06-01 00:30" in page
    assert '<meta name="PubDate"' in page and "长沙市人民政府" in page
    assert "本文件引用" in page and "长人社发〔2019〕8号" in page
    assert "引用本文件" in page and "长政办发〔2023〕12号" in page


def test_query_count_is_fixed_whatever_the_policy_shows(client, policy, settings):
    from cms.policies.models import PolicyDocumentPage, PolicyReference
    from publishing.models import PublicationRecord

    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 0  # count a full render, not a cached fragment
    client.get(policy.url)  # warm Wagtail's per-process site caches
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        assert client.get(policy.url).status_code == 200
    for n in range(3, 8):
        PublicationRecord.objects.create(page=policy, title=policy.title, version=n, formed_on=date(2024, 6, n),
                                         published_at=datetime(2024, 6, n, 2, tzinfo=timezone.utc))
    for other in PolicyDocumentPage.objects.live().exclude(pk=policy.pk):
        PolicyReference.objects.get_or_create(source=other, doc_number=NUMBER)
    with CaptureQueriesContext(connection) as after:
        assert client.get(policy.url).status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries)
    assert len(after.captured_queries) <= 25, [q["sql"][:120] for q in after.captured_queries]
