"""Demo data for the timeliness dashboard and the annual report (idempotent).

- each organ's pace (PACE), used by cms.demo.history, whose documents pass through the real import and one-click
  pipeline (the publication records behind the dashboard are theirs);
- a 2025 依申请公开 register (with cases carried over from 2024 and into 2026), review/litigation cases,
  and the 2025 annual report's manual rows (narrative left blank, so the generated draft is used).
"""
from datetime import date, datetime, time

from django.utils import timezone

from publishing.models import Organ
from timeliness import annual_publication
from timeliness.models import AnnualReport, DisclosureRequest, ReviewCase

KEY = "demo-timeliness"
DEMO_YEAR = 2025
# Each department's typical pace: (weights for fast / normal / slow / late)
PACE = {
    "长沙市人民政府办公厅": (6, 3, 1, 0), "长沙市人民政府": (4, 4, 1, 0.3), "长沙市财政局": (2, 4, 3, 0.8),
    "长沙市人力资源和社会保障局": (3, 5, 2, 0.5), "长沙市卫生健康委员会": (3, 4, 2, 0.4), "长沙市公安局": (2, 4, 3, 1),
    "长沙市医疗保障局": (4, 4, 1, 0.2), "长沙市教育局": (3, 5, 1, 0.3), "长沙市民政局": (3, 4, 2, 0.6),
}
TITLES = ["关于做好{}工作的通知", "关于印发{}实施方案的通知", "{}情况公示", "关于{}有关事项的公告", "{}工作要点"]
SUBJECTS = ["政务公开", "营商环境", "社会救助", "医疗保障", "义务教育招生", "安全生产", "财政预算", "就业创业", "养老服务", "城市更新"]


def _taken(rng, pace):
    band = rng.choices(["fast", "normal", "slow", "late"], weights=pace)[0]
    return {"fast": rng.randint(1, 4), "normal": rng.randint(5, 9), "slow": rng.randint(10, 20), "late": rng.randint(21, 30)}[band]


def _at(day, rng):
    return timezone.make_aware(datetime.combine(day, time(rng.randint(9, 17), rng.choice([0, 15, 30, 45]))))


# (received, applicant, channel, outcome, replied, correction (requested, received) or None, extension days)
REQUESTS = [
    (date(2024, 12, 16), "natural", "online", "open", date(2025, 1, 8), None, 0),
    (date(2024, 12, 26), "commercial", "letter", "partial", date(2025, 2, 12), None, 15),
    (date(2024, 12, 30), "natural", "online", "unable_1", date(2025, 1, 20), None, 0),
    (date(2025, 1, 6), "natural", "online", "open", date(2025, 1, 22), None, 0),
    (date(2025, 1, 15), "natural", "in_person", "open", date(2025, 2, 18), None, 0),
    (date(2025, 2, 10), "legal_service", "email", "partial", date(2025, 3, 7), None, 0),
    (date(2025, 2, 24), "natural", "online", "withhold_4", date(2025, 3, 14), None, 0),
    (date(2025, 3, 3), "natural", "online", "unable_3", date(2025, 4, 9), (date(2025, 3, 6), date(2025, 3, 20)), 0),
    (date(2025, 3, 17), "research", "online", "open", date(2025, 4, 3), None, 0),
    (date(2025, 4, 7), "natural", "letter", "reject_1", date(2025, 4, 21), None, 0),
    (date(2025, 4, 22), "natural", "online", "withhold_6", date(2025, 5, 20), None, 0),
    (date(2025, 5, 12), "commercial", "online", "open", date(2025, 5, 29), None, 0),
    (date(2025, 6, 3), "natural", "online", "reject_2", date(2025, 6, 10), None, 0),
    (date(2025, 6, 16), "public_welfare", "email", "open", date(2025, 7, 8), None, 0),
    (date(2025, 7, 1), "natural", "online", "unable_2", date(2025, 7, 25), None, 0),
    (date(2025, 7, 21), "natural", "online", "other_1", date(2025, 9, 5), (date(2025, 7, 24), None), 0),
    (date(2025, 8, 11), "other_org", "online", "open", date(2025, 8, 29), None, 0),
    (date(2025, 9, 1), "natural", "online", "withhold_1", date(2025, 9, 26), None, 0),
    (date(2025, 9, 22), "natural", "in_person", "open", date(2025, 11, 4), None, 10),
    (date(2025, 10, 20), "commercial", "online", "partial", date(2025, 11, 14), None, 0),
    (date(2025, 11, 10), "natural", "online", "reject_3", date(2025, 11, 20), None, 0),
    (date(2025, 12, 1), "natural", "online", "open", date(2025, 12, 19), None, 0),
    (date(2025, 12, 15), "research", "online", "open", date(2026, 1, 9), None, 0),
    (date(2025, 12, 26), "natural", "letter", "unable_1", date(2026, 1, 21), None, 0),
    (date(2026, 1, 12), "natural", "online", "open", date(2026, 2, 3), None, 0),
]
CASES = [
    ("review", date(2025, 3, 10), "upheld", date(2025, 5, 9)),
    ("review", date(2025, 6, 2), "corrected", date(2025, 7, 30)),
    ("review", date(2025, 11, 17), "", None),
    ("suit_direct", date(2025, 5, 6), "upheld", date(2025, 10, 15)),
    ("suit_after_review", date(2025, 8, 18), "", None),
]


def registers():
    organ = Organ.objects.filter(name="长沙市人民政府").first()
    created = 0
    for i, (received, applicant, channel, outcome, replied, correction, extension) in enumerate(REQUESTS, start=1):
        reference = f"YSQ-{received.year}-{i:03d}"
        if DisclosureRequest.objects.filter(reference=reference).exists():
            continue
        req = DisclosureRequest(
            organ=organ, reference=reference, applicant_type=applicant, channel=channel, received_on=received,
            subject=f"申请公开{SUBJECTS[i % len(SUBJECTS)]}相关文件", outcome=outcome, replied_on=replied,
            correction_requested_on=correction[0] if correction else None, correction_received_on=correction[1] if correction else None,
            extension_days=extension, extension_approver="市政府办公厅负责人" if extension else "",
            extension_reason="需要调取档案、协调相关部门" if extension else "",
        )
        req.full_clean()
        req.save()
        created += 1
    for i, (kind, filed, result, concluded) in enumerate(CASES, start=1):
        ReviewCase.objects.get_or_create(reference=f"FY-{filed.year}-{i:03d}", defaults={
            "organ": organ, "kind": kind, "filed_on": filed, "result": result, "concluded_on": concluded})
    AnnualReport.objects.get_or_create(year=DEMO_YEAR, organ=organ, defaults={
        "licensing_decisions": 1326, "penalty_decisions": 512, "enforcement_decisions": 37, "fees_wan_yuan": "86.3200",
        "problems": "一是部分部门政策解读形式较为单一；二是个别部门主动公开不够及时。\n下一步将加强培训、完善考核，提升公开质量。",
    })
    return created


def load(home=None, stdout=None):
    requests = registers()
    if stdout is not None and requests:
        stdout.write(f"时效演示数据：依申请公开登记 {requests} 件（发布记录来自公开历史：load_demo --history）")
    organ = Organ.objects.filter(name="长沙市人民政府").first()
    if organ is not None and annual_publication.published_page(DEMO_YEAR, organ) is None:
        page = annual_publication.publish_report(DEMO_YEAR, organ, mode="demo")  # the 政府信息公开年报 column's report
        if stdout is not None:
            stdout.write(f"年度报告已发布：{page.title}")
