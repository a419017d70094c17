"""New guides load in batches (publishing.services.publish_new_pages), and the batch still passes every line through
the gate: forbidden guides in the middle of a batch are refused with their reasons and nothing of them is stored, the
others are live with their first revision as live revision and their history, the tree stays valid, the pages are
served and searchable, and a second load of the same file changes nothing."""
import json

import pytest
from django.test import TestCase
from wagtail.models import Page, PageLogEntry

from cms.guides.models import GuideMaterial, ServiceGuidePage
from importers.content_loader import load_lines
from publishing.models import SensitiveWord
from search.engines import database_engine
from tests.factories.guides import guide_obj, guide_site

pytestmark = pytest.mark.django_db

ID = "43010219900101106X"  # valid GB 11643 check character


def codes(n):
    return [f"430100-BL-GG-{i:04d}" for i in range(1, n + 1)]


def lines_with_forbidden():
    objs = [guide_obj(code=c, name=f"批量事项{i}") for i, c in enumerate(codes(12), start=1)]
    objs[3]["conditions"] = f"申请人王某，身份证号{ID}。"  # unmasked personal data
    objs[6]["basis"] = "本指南内容：\n机密★5年"  # a secrecy marking
    objs[9]["materials"].append({"name": "绝不能写的禁词材料"})  # a blocking word, in a child row
    return [json.dumps(o, ensure_ascii=False) for o in objs]


def load(lines):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return load_lines(lines)


def test_a_batch_refuses_its_forbidden_lines_and_publishes_the_rest(client):
    _, index = guide_site()
    SensitiveWord.objects.create(word="绝不能写的禁词", severity="block", active=True)
    before = ServiceGuidePage.objects.count()

    report = load(lines_with_forbidden())

    refused = dict(report.errors)
    assert sorted(refused) == [4, 7, 10], report.errors
    assert "身份证" in refused[4] and "不能发布" in refused[4]
    assert "密" in refused[7]
    assert "绝不能写的禁词" in refused[10]
    assert report.loaded == {"guide": 9}

    forbidden = {codes(12)[i] for i in (3, 6, 9)}
    assert not ServiceGuidePage.objects.filter(code__in=forbidden).exists()
    assert not GuideMaterial.objects.filter(name="绝不能写的禁词材料").exists()
    live = ServiceGuidePage.objects.live().filter(code__in=set(codes(12)) - forbidden)
    assert live.count() == 9 and ServiceGuidePage.objects.count() == before + 9

    # the tree is valid: consecutive paths, the parent's numchild counts them, Wagtail finds no problem
    assert not any(Page.find_problems())
    index.refresh_from_db()
    assert index.numchild == index.get_children().count()
    for page in live:
        assert page.live_revision_id and page.live_revision_id == page.latest_revision_id
        assert page.live_revision.content["code"] == page.code
        assert not page.has_unpublished_changes and page.first_published_at
        actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
        assert {"wagtail.create", "wagtail.publish"} <= actions
        assert page.materials.count() == 1

    # served, and searchable; the refused ones are neither
    page = live.first()
    response = client.get(page.url)
    assert response.status_code == 200 and page.title in response.content.decode()
    searchable = set(database_engine().stamps())
    assert {f"page-{p.pk}" for p in live} <= searchable
    assert client.get(f"/bsfw/{codes(12)[3].lower()}/").status_code == 404

    # idempotent: the same file again changes nothing and refuses the same lines
    again = load(lines_with_forbidden())
    assert sorted(dict(again.errors)) == [4, 7, 10]
    assert again.loaded == {"guide": 9}
    assert ServiceGuidePage.objects.count() == before + 9
    assert not any(Page.find_problems())


def test_a_batch_after_existing_children_continues_their_paths_and_a_repeated_code_updates():
    _, index = guide_site()
    load([json.dumps(guide_obj(code="430100-BL-GG-0900", name="先有的事项"), ensure_ascii=False)])
    objs = [guide_obj(code=c) for c in codes(5)]
    objs.append(guide_obj(code=codes(5)[1], name="同一批次再次出现的事项"))  # same code again: an update of line 2

    report = load([json.dumps(o, ensure_ascii=False) for o in objs])

    assert not report.errors, report.errors
    assert not any(Page.find_problems())
    assert ServiceGuidePage.objects.get(code=codes(5)[1]).title == "同一批次再次出现的事项"
    index.refresh_from_db()
    assert index.numchild == 6
    paths = list(index.get_children().values_list("path", flat=True))
    assert len(paths) == len(set(paths)) == 6
