"""The admin's lists read as Chinese: a yes/no column says 是/否 (never True/False), a publication record's 发布方式
is named (批量加载, not "loader"), and the 站点 list's column headers are Chinese (not Port / Site name / Root page)."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from openness_catalog.models import Domain
from publishing.models import Organ, PublicationRecord, SensitiveWord
from search.models import Synonym

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("lists-admin", password="pw-lists-1"))
    return client


def table(client, url_name):
    html = client.get(reverse(url_name)).content.decode()
    found = re.search(r"<table[^>]*class=\"[^\"]*listing.*?</table>", html, re.DOTALL)
    assert found, f"{url_name} shows no table"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0)))


def cells(text):
    return set(text.split())


@pytest.mark.parametrize("url_name, make, shown", [
    ("wagtailsnippets_publishing_organ:list",
     lambda: [Organ.objects.create(name="长沙市自动公开局", auto_publish=True), Organ.objects.create(name="长沙市人工公开局")],
     {"自动公开", "是", "否"}),
    ("wagtailsnippets_publishing_sensitiveword:list",
     lambda: [SensitiveWord.objects.create(word="测试停用词", active=False)], {"启用", "否"}),
    ("wagtailsnippets_gongkai_search_synonym:list",
     lambda: [Synonym.objects.create(rule="社保卡, 社会保障卡")], {"启用", "是"}),
    ("wagtailsnippets_openness_catalog_domain:list",
     lambda: [Domain.objects.create(name="测试地方领域", national=False)], {"国家标准领域", "否"}),
])
def test_yes_no_columns_say_shi_or_fou(admin_client, url_name, make, shown):
    make()
    text = table(admin_client, url_name)
    assert shown <= cells(text), text
    assert not {"True", "False"} & cells(text), text


def test_a_publication_records_mode_is_named(admin_client):
    PublicationRecord.objects.create(title="批量加载的测试文件", formed_on=timezone.localdate(), mode="loader")
    PublicationRecord.objects.create(title="一键公开的测试文件", formed_on=timezone.localdate(), mode="one_click")
    text = table(admin_client, "wagtailsnippets_publishing_publicationrecord:list")
    assert {"发布方式", "批量加载", "一键公开"} <= cells(text), text
    assert not {"loader", "one_click"} & cells(text), text


def test_the_sites_list_has_chinese_column_headers(admin_client):
    text = table(admin_client, "wagtailsites:index")
    assert {"端口", "站点名称", "根页面"} <= cells(text), text
    assert not re.search(r"\b(Port|Site name|Root page)\b", text), text


def test_the_guide_listing_names_guides_without_an_english_plural(admin_client):
    html = admin_client.get(reverse("service_guides:index")).content.decode()
    assert "办事指南" in html
    assert not re.search(r"(办事指南|一件事|办事服务|全生命周期导航|申请材料)s\b", html)
