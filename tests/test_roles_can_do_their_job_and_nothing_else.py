"""Each role, as a Wagtail group created by migration, can do what it should and cannot do the rest."""
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.policies.models import PolicyDocumentPage
from cms.site import roles
from cms.site.models import HomePage
from tests.factories.accounts import PASSWORD, make_user
from cms.site.skeleton import default_home

pytestmark = pytest.mark.django_db


def snippet_url(app, model, view="list"):
    return reverse(f"wagtailsnippets_{app}_{model}:{view}")


def login(client, username, role):
    make_user(username, role)
    assert client.login(username=username, password=PASSWORD)
    return client


def allowed(response):
    return response.status_code == 200


def test_the_four_roles_exist_after_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        roles.OFFICER, roles.CATALOGUE_EDITOR, roles.EVALUATOR, roles.SITE_ADMIN,
    }


def test_document_officer_imports_and_publishes_policies_only(client, demo):
    login(client, "o1", roles.OFFICER)
    user = Group.objects.get(name=roles.OFFICER).user_set.get(username="o1")
    assert user.has_perm("publishing.publish_submission")
    assert allowed(client.get(snippet_url("importers", "importeddocument")))
    assert allowed(client.get(reverse("importers_upload")))
    assert allowed(client.get(reverse("publishing_inbox")))
    # the archive of what was imported is read-only, for officers as for everyone
    assert not allowed(client.get(snippet_url("importers", "importeddocument", "add")))
    policy = PolicyDocumentPage.objects.first()
    assert allowed(client.get(reverse("wagtailadmin_pages:edit", args=[policy.pk])))
    # ...but not the home page, the catalogue or the timeliness figures.
    assert not allowed(client.get(reverse("wagtailadmin_pages:edit", args=[default_home().pk])))
    assert not allowed(client.get(snippet_url("openness_catalog", "entry", "add")))
    assert not user.has_perm("publishing.view_timeliness")


def test_catalogue_editor_edits_catalogue_but_not_policies(client, demo):
    login(client, "e1", roles.CATALOGUE_EDITOR)
    user = Group.objects.get(name=roles.CATALOGUE_EDITOR).user_set.get(username="e1")
    assert allowed(client.get(snippet_url("openness_catalog", "entry")))
    assert allowed(client.get(snippet_url("openness_catalog", "entry", "add")))
    assert user.has_perm("openness_catalog.change_catalogueitem")
    assert not allowed(client.get(snippet_url("importers", "importeddocument")))
    policy = PolicyDocumentPage.objects.first()
    assert not allowed(client.get(reverse("wagtailadmin_pages:edit", args=[policy.pk])))
    assert not user.has_perm("publishing.publish_submission")


def test_evaluator_reads_records_and_changes_nothing(client, demo):
    login(client, "v1", roles.EVALUATOR)
    user = Group.objects.get(name=roles.EVALUATOR).user_set.get(username="v1")
    assert user.has_perm("publishing.view_timeliness")
    assert allowed(client.get(snippet_url("publishing", "publicationrecord")))
    assert not allowed(client.get(snippet_url("publishing", "publicationrecord", "add")))
    assert not allowed(client.get(snippet_url("importers", "importeddocument")))
    policy = PolicyDocumentPage.objects.first()
    assert not allowed(client.get(reverse("wagtailadmin_pages:edit", args=[policy.pk])))
    writes = [p for p in user.get_all_permissions() if p.split(".")[1].startswith(("add_", "change_", "delete_", "publish_"))]
    assert writes == []


def test_site_administrator_manages_pages_users_and_calendar(client, demo):
    login(client, "s1", roles.SITE_ADMIN)
    assert allowed(client.get(reverse("wagtailadmin_pages:edit", args=[default_home().pk])))
    assert allowed(client.get(reverse("wagtailusers_users:index")))
    assert allowed(client.get(snippet_url("publishing", "holidaynotice", "add")))
    assert allowed(client.get(snippet_url("openness_catalog", "entry", "add")))


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
