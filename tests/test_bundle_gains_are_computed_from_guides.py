"""一件事 gains are computed from the guides' own data, never typed in."""
from cms.guides.bundle_metrics import GuideFacts, compute_gains, normalise_material

BIRTH = [
    GuideFacts("出生医学证明", "卫健委", ("父母双方有效身份证件", "分娩记录"), 1, 1),
    GuideFacts("户口登记", "公安局", ("出生医学证明", "父母双方有效身份证件（原件）", "户口簿", "结婚证"), 3, 1),
    GuideFacts("医保参保", "医保局", ("户口簿", "出生医学证明（复印件）"), 0, 1),
    GuideFacts("预防接种证", "卫健委", ("出生医学证明复印件", "父母双方 有效身份证件"), 0, 1),
]


def test_materials_are_deduplicated_by_normalised_name():
    assert normalise_material("出生医学证明（复印件）") == normalise_material("出生医学证明")
    assert normalise_material("父母双方 有效身份证件") == normalise_material("父母双方有效身份证件（原件）")
    gains = compute_gains(BIRTH, promised_days=3, visits=1)
    assert gains.materials_before == 10
    assert gains.materials_after == 5  # 身份证件, 分娩记录, 出生医学证明, 户口簿, 结婚证
    assert gains.materials_reduction == 50


def test_departments_are_listed_once_in_order():
    assert compute_gains(BIRTH).departments == ("卫健委", "公安局", "医保局")


def test_time_and_trips_before_are_sums_and_after_is_the_bundle_promise():
    gains = compute_gains(BIRTH, promised_days=3, visits=1)  # not shorter than 户口登记's own 3 days
    assert (gains.days_before, gains.days_after, gains.days_reduction) == (4, 3, 25)
    assert (gains.visits_before, gains.visits_after, gains.visits_reduction) == (4, 1, 75)


def test_editor_confirmed_merges_reduce_further():
    merges = {normalise_material("结婚证"): normalise_material("户口簿")}
    assert compute_gains(BIRTH, merges=merges).materials_after == 4


def test_no_promise_means_no_reduction_claimed():
    gains = compute_gains(BIRTH)
    assert gains.days_after is None and gains.days_reduction is None


def test_merge_chains_are_followed_and_cycles_do_not_hang():
    from cms.guides.bundle_metrics import merged_materials

    chain = {normalise_material("结婚证"): normalise_material("户口簿"), normalise_material("户口簿"): normalise_material("分娩记录")}
    assert compute_gains(BIRTH, merges=chain).materials_after == 3
    cycle = {normalise_material("结婚证"): normalise_material("户口簿"), normalise_material("户口簿"): normalise_material("结婚证")}
    assert compute_gains(BIRTH, merges=cycle).materials_after == 5  # a contradictory (cyclic) merge is ignored
    names = [name for name, _ in merged_materials(BIRTH, chain)]
    assert names == ["父母双方有效身份证件", "分娩记录", "出生医学证明"]


def test_one_set_of_materials_lists_which_guides_need_each():
    from cms.guides.bundle_metrics import merged_materials

    listed = dict(merged_materials(BIRTH))
    assert listed["出生医学证明"] == ("户口登记", "医保参保", "预防接种证")
    assert listed["父母双方有效身份证件"] == ("出生医学证明", "户口登记", "预防接种证")
    assert sum(1 for _ in listed) == compute_gains(BIRTH).materials_after


def test_combined_form_is_the_union_of_fields_with_editor_merges():
    from cms.guides.bundle_metrics import combined_form, normalise_field

    fields = [("甲", ["姓名", "身份证号码*", "联系电话"]), ("乙", ["姓名：", "联系 电话", "手机号"])]
    assert [label for label, _ in combined_form(fields)] == ["姓名", "身份证号码*", "联系电话", "手机号"]
    merged = combined_form(fields, {normalise_field("手机号"): normalise_field("联系电话")})
    assert merged == [("姓名", ("甲", "乙")), ("身份证号码*", ("甲",)), ("联系电话", ("甲", "乙"))]


def test_reductions_round_to_whole_percent_and_need_a_before():
    assert compute_gains([GuideFacts("a", "x", ("甲", "乙", "丙"), 0, 0)], promised_days=0, visits=0).days_reduction is None
    three = [GuideFacts(name, "x", ("甲",), 1, 1) for name in "abc"]
    gains = compute_gains(three, promised_days=1, visits=1)
    assert (gains.days_reduction, gains.visits_reduction) == (67, 67)
