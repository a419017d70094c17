"""保密审查 has a home: the site administrators' group holds publishing.review_secrecy (also on a database that
existed before the permission did, through the cms migration that syncs the roles), plain officers do not, and the
officer's home counts only the blocked documents nobody has reviewed yet — a reviewed one waiting for its 脱敏
version is no longer "待审查"."""
import importlib
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from cms.site import roles
from publishing import reviews
from publishing.models import Submission
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.importers import import_fixture

pytestmark = pytest.mark.django_db


def review_permission():
    return Permission.objects.get(content_type__app_label="publishing", codename="review_secrecy")


def blocked_on_home(client, user):
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    match = re.search(r"<strong>([^<]*)</strong><span>禁止公开，待审查</span>", html)
    assert match, "the officer's home shows no 禁止公开，待审查 figure"
    return int(match.group(1))


def test_a_site_administrator_records_a_review_and_a_plain_officer_may_not(client, demo):
    doc = import_fixture("01_tongzhi_basic.docx", oa_meta={"id": "OA-ROLE", "version": 1, "disclosure": "依申请公开"})
    officer = make_user("role-officer", roles.OFFICER)
    admin = make_user("role-admin", roles.SITE_ADMIN)
    assert not officer.has_perm(reviews.PERMISSION) and admin.has_perm(reviews.PERMISSION)
    client.login(username="role-admin", password=PASSWORD)
    html = client.post(reverse("publishing_review", args=[doc.pk]), {
        f"conclusion-{doc.pk}": "同意公开", f"review_reason-{doc.pk}": "公开属性误标，经审查应主动公开",
        f"reviewed_on-{doc.pk}": "2024-05-06"}, follow=True).content.decode()
    assert "已记录保密审查结论“同意公开”" in html
    doc.submission.refresh_from_db()
    assert doc.submission.status == Submission.READY


def test_an_existing_database_gets_its_reviewers_from_the_migration(demo):
    group = Group.objects.get(name=roles.SITE_ADMIN)
    group.permissions.remove(review_permission())  # as on a database migrated before publishing 0004
    assert not Group.objects.filter(permissions=review_permission()).exists()
    migration = importlib.import_module("cms.site.migrations.0006_secrecy_reviewers")
    migration.grant_secrecy_review(None, None)
    assert list(Group.objects.filter(permissions=review_permission()).values_list("name", flat=True)) == [roles.SITE_ADMIN]


def test_the_officers_home_counts_only_blocked_documents_not_yet_reviewed(client, demo):
    officer = make_user("home-officer", roles.OFFICER)
    before = blocked_on_home(client, officer)  # whatever the demo leaves waiting
    partial = import_fixture("10_secret_notice.docx")
    waiting = import_fixture("12_gonggao_pii.docx")
    assert {partial.submission.status, waiting.submission.status} == {Submission.BLOCKED}
    assert blocked_on_home(client, officer) == before + 2
    reviews.record(partial.submission, by=make_user("home-admin", roles.SITE_ADMIN), conclusion="部分公开（需脱敏）",
                   reason="删除密级标志后可公开")
    partial.submission.refresh_from_db()
    assert partial.submission.status == Submission.BLOCKED  # still blocked, but waiting for a 脱敏 version now
    assert blocked_on_home(client, officer) == before + 1
