"""python manage.py pull_documents against the fake OA server (tests/oa_server.py)."""
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from importers.models import ImportedDocument
from importers.tasks import pull_documents_task
from tests.oa_server import oa_server  # noqa: F401  (pytest fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_SOURCE_RETRY_BACKOFF = 0


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("pull_documents", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_prints_a_chinese_summary(oa_server, settings):
    settings.IMPORT_SOURCE_URL = oa_server.url
    oa_server.page_size = 1
    oa_server.add_document("OA-1")
    oa_server.add_document("OA-2")
    oa_server.add_document("OA-3")
    oa_server.corrupt("OA-3")

    out, err = run()

    assert "读取 3 页，收到 3 份；新导入 2 份" in out and "拒收 1 份" in out
    assert "拒收 OA-3 第1版" in out and "SHA-256" in out
    assert "游标未前移" in out and "将在下次同步时重试" in err
    assert ImportedDocument.objects.count() == 2

    out, _ = run("--json")
    report = json.loads(out)
    # the cursor stayed before the page holding OA-3: only that page is fetched again
    assert report["fetched"] == 1 and report["imported"] == 0 and report["rejected"][0]["id"] == "OA-3"
    assert report["cursor"] == "2" and report["cursor_held"] is True


def test_url_option_overrides_the_setting(oa_server, settings):
    settings.IMPORT_SOURCE_URL = None
    oa_server.add_document("OA-1")
    out, _ = run("--url", oa_server.url)
    assert "新导入 1 份" in out


def test_unset_source_url_is_a_clear_error(settings):
    settings.IMPORT_SOURCE_URL = None
    with pytest.raises(CommandError, match="IMPORT_SOURCE_URL"):
        run()
    assert "IMPORT_SOURCE_URL" in pull_documents_task()["skipped"]


def test_unreachable_source_is_a_clear_error(settings):
    settings.IMPORT_SOURCE_URL = "http://127.0.0.1:9"
    with pytest.raises(CommandError, match="同步失败：办文平台暂时无法访问.*无法连接"):
        run()
    assert "无法连接" in pull_documents_task()["error"]


def test_the_task_pulls(oa_server, settings):
    settings.IMPORT_SOURCE_URL = oa_server.url
    oa_server.add_document("OA-1")
    assert pull_documents_task.delay().get()["imported"] == 1
    assert pull_documents_task.delay().get()["imported"] == 0
