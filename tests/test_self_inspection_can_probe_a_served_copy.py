"""With INSPECT_BASE_URL naming a served copy of the site, inspect_site asks that server for every link target —
pages included — instead of Django's test client (design §2.15)."""
import json
from io import StringIO

import pytest
from django.core.management import call_command

from cms.site.models import SectionPage
from tests.factories import inspection as site


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_links_are_checked_on_the_served_copy(live_server, monkeypatch):
    site.clean_site()
    article = SectionPage.objects.get(slug="dt1")
    site.make_legacy(article, body='<p><a href="/gzdt/">工作动态</a>、<a href="/gone-for-good/">旧专题</a></p>')
    monkeypatch.setenv("INSPECT_BASE_URL", live_server.url)
    out = StringIO()
    call_command("inspect_site", "--json", stdout=out)
    dead = next(i for i in json.loads(out.getvalue())["indicators"] if i["code"] == "dead_links")
    assert [(i["url"], i["detail"]) for i in dead["items"]] == [("/gzdt/dt1/", "链接“/gone-for-good/”无法访问（HTTP 404）")]

    SectionPage.objects.filter(slug="gzdt").update(live=False)  # the column and its article are gone from the copy
    out = StringIO()
    call_command("inspect_site", "--json", stdout=out)
    dead = next(i for i in json.loads(out.getvalue())["indicators"] if i["code"] == "dead_links")
    assert [(i["url"], i["detail"]) for i in dead["items"]] == [("/tzgg/gg1/", "链接“/gzdt/dt1/”无法访问（HTTP 404）")]
