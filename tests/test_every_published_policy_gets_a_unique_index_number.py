"""索引号 are unique on a site: an issuer with its own code numbers its own sequence; issuers without one, and
information published with no issuer at all (a 办文平台 document whose 发文机关 was not recognised), are numbered in
the sequence of the organ the site speaks for, so two departments never hand out the same number."""
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.policies.models import PolicyDocumentPage
from cms.policies.services import library, organs
from publishing import services

pytestmark = pytest.mark.django_db

SITE = "湘江新区管理委员会"
CODE = "12430100MB1A2B3C43"


def published_policy(title, issuers=()):
    page = services.add_draft(library(), PolicyDocumentPage(title=title, formed_on=date(2026, 11, 2), body="<p>正文</p>"))
    page.issuers.set(organs(issuers))
    services.publish(page, mode="one_click")
    return PolicyDocumentPage.objects.get(pk=page.pk)


@pytest.fixture
def site():
    call_command("init_site", "--name", SITE, "--org-code", CODE, stdout=StringIO())


def test_departments_without_a_code_never_share_a_number(site):
    numbers = [published_policy(f"通知{n}", [department]).index_number
               for n, department in enumerate(["甲局", "乙局", "甲局", "丙局"])]
    year = timezone.localdate().year
    assert len(set(numbers)) == 4, numbers
    assert all(n.startswith(f"{CODE}/{year}-") for n in numbers), numbers


def test_a_document_with_no_issuer_still_gets_the_site_organs_number(site):
    page = published_policy("关于公布名单的公告")
    assert page.issuers.count() == 0
    assert page.live and page.index_number.startswith(f"{CODE}/")


def test_an_issuer_with_its_own_code_keeps_its_own_sequence(site):
    (own,) = organs(["丁局"])
    own.index_prefix = "11430100MB0000001X"
    own.save()
    first, second = published_policy("甲", ["丁局"]), published_policy("乙", ["戊局"])
    year = timezone.localdate().year
    assert first.index_number == f"11430100MB0000001X/{year}-00001"
    assert second.index_number.startswith(f"{CODE}/{year}-")
