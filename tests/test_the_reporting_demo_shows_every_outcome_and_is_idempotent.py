"""The demo's 信息报送 (reporting.demo.load, after load_demo): districts' reports adopted on the city site, one
returned with its reason, one waiting in the city's queue; loading it again changes nothing. In the admin the demo
user `furong` sees their site's reports and may report the article left for them; `siteadmin` sees the queue."""
import json
import re

import pytest

from cms.site.models import NewsPage
from reporting import demo as reporting_demo
from reporting.models import ACCEPTED, PENDING, RETURNED, Report

pytestmark = pytest.mark.django_db


def menu(html):
    """(label, url) of the sidebar's items (Wagtail passes the menu as JSON props)."""
    props = json.loads(re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.DOTALL).group(1))
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("url"), str) and isinstance(node.get("label"), str):
                found.append((node["label"], node["url"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return found


def test_the_demo_reports_adopts_returns_and_waits(group_demo, client):
    from publishing import events

    with events.bulk():  # as load_demo runs its loaders
        reporting_demo.load(home=group_demo)
    statuses = sorted(Report.objects.values_list("status", flat=True))
    assert statuses.count(ACCEPTED) == 4 and statuses.count(RETURNED) == 1 and statuses.count(PENDING) == 1
    returned = Report.objects.get(status=RETURNED)
    assert returned.return_reason == reporting_demo.RETURN_REASON
    for report in Report.objects.filter(status=ACCEPTED):
        adopted = report.adopted_page.specific
        assert isinstance(adopted, NewsPage) and adopted.live and adopted.url_path.startswith(group_demo.url_path + "gzdt/")
        assert client.get(adopted.url, HTTP_HOST="localhost").status_code == 200
    assert Report.objects.filter(kind="policy", status=ACCEPTED).exists()
    count = Report.objects.count()
    reporting_demo.load(home=group_demo)
    assert Report.objects.count() == count

    assert client.login(username="furong", password="gongkai-demo")
    text = client.get("/admin/reporting/").content.decode()
    assert "本站点的报送" in text and "已采用" in text and "天心区" not in text
    assert "报送上级" in text and "芙蓉区政务服务中心推出“一件事一次办”延时服务" in text
    assert ("信息报送", "/admin/reporting/") in menu(client.get("/admin/").content.decode())

    client.logout()
    assert client.login(username="siteadmin", password="gongkai-demo")
    text = client.get("/admin/reporting/").content.decode()
    assert "待审核（1）" in text and "开福区" in text
    text = client.get("/admin/reporting/stats/").content.decode()
    assert "芙蓉区" in text and "岳麓区" in text
