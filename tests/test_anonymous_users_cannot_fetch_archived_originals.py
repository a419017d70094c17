"""Archived originals (secret ones too) live outside MEDIA_ROOT under random names, and only officers can download
them, through a logged admin view. The public site is served the way `make run` serves it: MEDIA_ROOT under /media/."""
import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import re_path, reverse
from django.views.static import serve
from wagtail.models import ModelLogEntry

from cms import urls as site_urls
from cms.site.roles import CATALOGUE_EDITOR, EVALUATOR, OFFICER
from importers.inbox import scan_inbox
from importers.models import ImportedDocument
from importers.oa_client import OAClient
from importers.sync import pull_documents
from publishing.gate import PublishRefused
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.importers import fixture, import_fixture, publish_document
from tests.oa_server import oa_server  # noqa: F401  (pytest fixture)


def media(request, path):
    """cms/urls.py under DEBUG: static(MEDIA_URL, document_root=MEDIA_ROOT), read at request time."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *site_urls.urlpatterns]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "attack_originals.json"
SECRET = "10_secret_notice.docx"
ATTACHMENT = ("附件1：内部名单.txt", "张三 110101199003071234\n李四 13800138000\n".encode())


@pytest.fixture(autouse=True)
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.IMPORT_SOURCE_RETRY_BACKOFF = 0
    return settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def secrets_imported(oa_server, tmp_path):  # noqa: F811
    """A secret 公文 three ways: uploaded through the import service, dropped in the inbox, pulled from the OA
    with an attachment."""
    uploaded = import_fixture(SECRET)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(fixture(SECRET), inbox / "秘密通知.docx")
    [outcome] = scan_inbox(inbox, min_age=0)
    oa_server.add_document("OA-SECRET", fixture=SECRET, disclosure="不予公开", attachments=[ATTACHMENT])
    report = pull_documents(oa_server.url, client=OAClient(oa_server.url, sleep=lambda s: None))
    assert report.imported == 1 and not report.rejected
    pulled = ImportedDocument.objects.get(external_id="OA-SECRET")
    docs = [uploaded, outcome.document, pulled]
    assert all(d.status == "blocked" for d in docs)
    return docs


def guesses(doc):
    """Where an attacker would look: the old predictable path, the real stored name under /media/, a traversal."""
    when = doc.received_at
    names = [f"imports/{when:%Y/%m}/{doc.original_name}", doc.original.name, f"../private/{doc.original.name}"]
    names += [f"imports/{when:%Y/%m}/{f.name}" for f in doc.files.all()] + [f.file.name for f in doc.files.all()]
    paths = ["/media/" + quote(name) for name in names]
    paths += [reverse("importers_original", args=[doc.pk])]
    paths += [reverse("importers_original_file", args=[doc.pk, f.pk]) for f in doc.files.all()]
    return paths


def files_under(root):
    return [p for p in Path(root).rglob("*") if p.is_file()]


def test_anonymous_visitors_get_no_archived_original_anywhere(client, secrets_imported, roots):
    tried = {path: client.get(path).status_code for doc in secrets_imported for path in guesses(doc)}

    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps({
        "paths_tried": len(tried), "answers_2xx": sum(200 <= s < 300 for s in tried.values()),
        "statuses": {str(s): list(tried.values()).count(s) for s in sorted(set(tried.values()))}, "answers": tried,
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    assert not [p for p, s in tried.items() if 200 <= s < 300]
    admin_views = [p for p in tried if p.startswith("/admin/")]
    assert len(admin_views) == 4 and all(tried[p] == 302 for p in admin_views)  # to the admin login
    assert all(client.get(p)["Location"].startswith(reverse("wagtailadmin_login")) for p in admin_views)


def test_blocked_documents_never_have_a_file_under_the_public_media_root(secrets_imported, roots):
    media_root, private_root = roots
    for doc in secrets_imported:
        with pytest.raises(PublishRefused):
            publish_document(doc)

    assert files_under(media_root) == []
    archived = {p.read_bytes() for p in files_under(private_root)}
    assert fixture(SECRET).read_bytes() in archived and ATTACHMENT[1] in archived  # nothing is lost
    for doc in secrets_imported:
        assert re.fullmatch(r"imports/\d{4}/\d{2}/[0-9a-f]{32}/[^/]+\.docx", doc.original.name)


@pytest.mark.parametrize("role", [CATALOGUE_EDITOR, EVALUATOR])
def test_signed_in_users_without_the_import_permission_are_refused(client, secrets_imported, role):
    make_user("someone", role)
    client.login(username="someone", password=PASSWORD)
    pulled = secrets_imported[2]

    assert client.get(reverse("importers_original", args=[pulled.pk])).status_code == 403
    assert client.get(reverse("importers_original_file", args=[pulled.pk, pulled.files.get().pk])).status_code == 403
    assert client.get(reverse("importers_original", args=[999999])).status_code == 403  # no probing what exists
    assert not ModelLogEntry.objects.filter(action="gongkai.view_original").exists()


def test_an_officer_downloads_the_original_and_the_access_is_logged(client, secrets_imported):
    officer = make_user("officer1", OFFICER)
    client.login(username="officer1", password=PASSWORD)
    _uploaded, from_inbox, pulled = secrets_imported

    response = client.get(reverse("importers_original", args=[from_inbox.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == fixture(SECRET).read_bytes()
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote("秘密通知.docx")
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = ModelLogEntry.objects.get(action="gongkai.view_original")
    assert entry.user == officer and entry.object_id == str(from_inbox.pk) and entry.data["file"] == "秘密通知.docx"

    attachment = pulled.files.get()
    response = client.get(reverse("importers_original_file", args=[pulled.pk, attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == ATTACHMENT[1]
    assert quote(ATTACHMENT[0]) in response["Content-Disposition"]
    assert ModelLogEntry.objects.filter(action="gongkai.view_original", object_id=str(pulled.pk), user=officer).count() == 1


def test_the_admin_links_to_the_logged_view_and_the_site_history_lists_each_access(client, secrets_imported):
    make_user("officer1", OFFICER)
    client.login(username="officer1", password=PASSWORD)
    pulled = secrets_imported[2]
    original_url = reverse("importers_original", args=[pulled.pk])

    inspect = client.get(reverse("wagtailsnippets_importers_importeddocument:inspect", args=[pulled.pk])).content.decode()
    inbox = client.get(reverse("publishing_inbox")).content.decode()
    assert original_url in inspect and reverse("importers_original_file", args=[pulled.pk, pulled.files.get().pk]) in inspect
    assert original_url in inbox
    assert "/media/" not in inspect and "/media/" not in inbox

    client.get(original_url)
    history = client.get(reverse("wagtailadmin_reports:site_history"), {"action": "gongkai.view_original"})
    page = history.content.decode()
    assert history.status_code == 200 and "查看原始文件" in page and "officer1" in page and pulled.title in page
