"""一件事 gains are computed from the guides' own data, never typed in."""
from cms.bundle_metrics import GuideFacts, compute_gains, normalise_material

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
    gains = compute_gains(BIRTH, promised_days=2, visits=1)
    assert (gains.days_before, gains.days_after, gains.days_reduction) == (4, 2, 50)
    assert (gains.visits_before, gains.visits_after, gains.visits_reduction) == (4, 1, 75)


def test_editor_confirmed_merges_reduce_further():
    merges = {normalise_material("结婚证"): normalise_material("户口簿")}
    assert compute_gains(BIRTH, merges=merges).materials_after == 4


def test_no_promise_means_no_reduction_claimed():
    gains = compute_gains(BIRTH)
    assert gains.days_after is None and gains.days_reduction is None
