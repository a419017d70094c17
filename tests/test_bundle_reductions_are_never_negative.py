"""一件事 reductions are computed and shown only when their inputs exist, never negative, and always say why when
absent; a bundle promising fewer days than one of its guides is flagged to editors and not advertised as-is."""
import re

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from cms.guides.bundle_metrics import GuideFacts, compute_gains
from cms.guides.models import BundlePage
from importers.content_loader import load_bundle, load_guide
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.guides import bundle_obj, guide_obj, guide_site

maybe_days = st.one_of(st.none(), st.integers(min_value=0, max_value=40))
maybe_visits = st.one_of(st.none(), st.integers(min_value=0, max_value=6))
guides = st.lists(
    st.builds(GuideFacts, st.text(min_size=1, max_size=4), st.sampled_from(["公安局", "卫健委", ""]),
              st.lists(st.sampled_from(["身份证", "户口簿", "出生医学证明（复印件）", "出生医学证明"]), max_size=4).map(tuple),
              maybe_days, maybe_visits),
    max_size=5,
)


@given(guides, maybe_days, maybe_visits)
def test_reductions_are_never_negative_and_absent_ones_say_why(facts, promised, visits):
    gains = compute_gains(facts, promised_days=promised, visits=visits)
    for value, note in ((gains.materials_reduction, gains.materials_note), (gains.days_reduction, gains.days_note),
                        (gains.visits_reduction, gains.visits_note)):
        assert value is None or 0 <= value <= 100
        assert (value is None) == bool(note), (value, note)
    if gains.days_reduction is not None:  # only with every input present and a promise no guide exceeds
        assert promised is not None and all(g.promised_days is not None and g.promised_days <= promised for g in facts)
    if gains.visits_reduction is not None:
        assert visits is not None and all(g.visits is not None for g in facts)
    known = [g.promised_days for g in facts if g.promised_days is not None]
    assert bool(gains.promise_conflicts) == (promised is not None and any(d > promised for d in known))


def make_bundle(code, guide_specs, **bundle_extra):
    guide_site()
    objs = [guide_obj(**spec) for spec in guide_specs]
    with transaction.atomic():
        for obj in objs:
            load_guide(obj)
        load_bundle(bundle_obj(code, [o["code"] for o in objs], **bundle_extra))
    return BundlePage.objects.get(code=code)


@pytest.mark.django_db
def test_a_guide_without_a_promise_gives_no_time_reduction_instead_of_minus_400_percent(client):
    bundle = make_bundle("YJS-N1", [{"name": "甲事项", "promised_limit_days": 1}, {"name": "乙事项", "promised_limit_days": None}],
                         promised_limit_days=5, visits=1)
    html = client.get(bundle.url).content.decode()
    assert not re.search(r"-\d+%", html) and "压缩-" not in html
    assert "乙事项未标注承诺期限，不计算" in html
    assert "办理时限压缩" not in bundle.gains_summary


@pytest.mark.django_db
def test_no_form_fields_means_no_one_form_claim(client):
    bundle = make_bundle("YJS-N2", [{"name": "甲事项"}, {"name": "乙事项"}], promised_limit_days=5, visits=1)
    html = client.get(bundle.url).content.decode()
    assert "共 0 项" not in html and "打印申请表" not in html
    assert "所含事项尚未登记申请表字段" in html


@pytest.mark.django_db
def test_a_promise_shorter_than_a_guide_is_flagged_in_the_admin_and_not_advertised(client):
    bundle = make_bundle("YJS-N3", [{"name": "营业执照", "promised_limit_days": 5}, {"name": "刻章备案", "promised_limit_days": 1}],
                         promised_limit_days=3, visits=1)
    assert bundle.gains.promise_conflicts == (("营业执照", 5),)
    public = client.get(bundle.url).content.decode()
    assert "承诺时限：3个工作日" not in public and "3 个工作日" not in public
    assert "以所含事项承诺期限为准（最长5个工作日）" in public and "办理时限压缩" not in public
    assert "所含事项“营业执照”需5个工作日，长于一件事承诺时限" in public  # the 减少 column says why
    assert "编辑提示" not in public  # the editors' note is for the preview and the admin only
    make_user("chief", is_superuser=True)
    client.login(username="chief", password=PASSWORD)
    edit = client.get(f"/admin/pages/{bundle.pk}/edit/").content.decode()
    assert "承诺时限待核实" in edit and "“营业执照”（5个工作日）" in edit
    consistent = make_bundle("YJS-N4", [{"name": "刻章", "promised_limit_days": 1}, {"name": "税务", "promised_limit_days": 2}],
                             promised_limit_days=2, visits=1)
    assert "承诺时限待核实" not in client.get(f"/admin/pages/{consistent.pk}/edit/").content.decode()
    assert "办理时限压缩33%" in client.get(consistent.url).content.decode()


@pytest.mark.django_db
def test_editing_a_guide_is_not_affected_by_the_bundle_check(client):
    bundle = make_bundle("YJS-N5", [{"name": "营业执照", "promised_limit_days": 5}], promised_limit_days=3, visits=1)
    make_user("chief", is_superuser=True)
    client.login(username="chief", password=PASSWORD)
    guide = bundle.guides[0]
    response = client.get(f"/admin/pages/{guide.pk}/edit/")
    assert response.status_code == 200 and "承诺时限待核实" not in response.content.decode()
