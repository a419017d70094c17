"""The demo's publication history, made the way a real site makes it: each organ's 公文 are uploaded by the demo
officer through the real import pipeline (reader, 公文 parser, checks, the 20-working-day deadline from the 成文日期),
then published by one click through the gate at the simulated day they went out. The timeliness dashboard, the
annual report's table two and the evaluator's figures are therefore computed from documents the site really shows:
every publication record has its live policy page, and the ones not yet published wait (or are overdue) in the inbox.

Each organ keeps its own pace (PACE in cms.demo.timeliness: mostly within 7 working days, a few late). Deterministic
(one seeded random generator) and idempotent: a document already uploaded under its file name is left alone.
Loaded by `load_demo --history` (what `make setup` runs): tests that need no history stay fast.
"""
import random
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.demo.inbox import _cn_date
from cms.policies.services import publish_submission
from importers.models import ImportedDocument
from importers.services import import_file
from publishing import workdays
from publishing.calendar_sync import sync_calendar
from publishing.models import Organ

FIRST_DAY = (2025, 1, 2)
PREFIX = "history-"
# organ -> (文号 prefix, subjects that organ writes about)
WRITERS = {
    "长沙市人民政府": ("长政发", ["优化营商环境", "城市更新", "安全生产", "防汛抗旱", "乡村振兴"]),
    "长沙市人民政府办公厅": ("长政办发", ["政务公开", "一件事一次办", "政务服务便民热线", "数字政府建设", "节假日值班"]),
    "长沙市财政局": ("长财", ["财政预算执行", "政府采购", "预算绩效管理", "国有资产管理", "惠企资金直达"]),
    "长沙市人力资源和社会保障局": ("长人社发", ["就业创业", "职业技能培训", "工伤保险", "根治欠薪", "人才引进"]),
    "长沙市卫生健康委员会": ("长卫", ["基本公共卫生服务", "托育服务", "医疗机构管理", "传染病防控", "家庭医生签约"]),
    "长沙市公安局": ("长公", ["户籍管理", "道路交通安全", "居住证办理", "电动自行车登记", "反诈宣传"]),
    "长沙市医疗保障局": ("长医保发", ["医保待遇", "异地就医直接结算", "长期护理保险", "医保基金监管", "药品集中带量采购"]),
    "长沙市教育局": ("长教", ["义务教育招生", "课后服务", "学生资助", "校园安全", "职业教育"]),
    "长沙市民政局": ("长民发", ["社会救助", "养老服务", "殡葬管理", "婚姻登记", "社会组织管理"]),
}
TITLES = ["{organ}关于做好{subject}工作的通知", "{organ}关于印发{subject}实施方案的通知", "{organ}关于{subject}有关事项的通知",
          "{organ}关于进一步加强{subject}的意见"]
GAP_DAYS = (30, 60)  # calendar days between one organ's documents


def _text(organ, number, title, formed, subject):
    lines = [f"{organ}文件", number, title, "各区县（市）人民政府，市直有关单位：",
             f"　　为进一步做好{subject}工作，根据有关法律法规和上级部署，结合本市实际，现就有关事项通知如下。",
             f"　　一、提高认识。各地各部门要把{subject}作为重要工作，明确责任分工，抓好贯彻落实。",
             "　　二、狠抓落实。各责任单位要细化工作措施，按时报送工作进展，确保各项任务落到实处。",
             organ, _cn_date(formed), "　　（此件公开发布）", f"{organ}办公室　　　　{_cn_date(formed)}印发"]
    return "\n".join(lines) + "\n"


def plan(today, pace):
    """[(file name, organ, 文号, title, subject, formed_on, published_on or None)], every organ from FIRST_DAY."""
    rng = random.Random(20250102)
    out = []
    for organ, (prefix, subjects) in WRITERS.items():
        day, serial = datetime(*FIRST_DAY).date() + timedelta(days=rng.randint(0, 20)), 0
        while day < today - timedelta(days=2):
            formed = workdays.add_working_days_provisional(day - timedelta(days=1), 1)[0]  # the next working day
            serial += 1
            subject = rng.choice(subjects)
            taken = pace(rng, organ)
            published = workdays.add_working_days_provisional(formed, taken)[0]
            out.append((f"{PREFIX}{prefix}-{formed.year}-{serial}.txt", organ, f"{prefix}〔{formed.year}〕{100 + serial}号",
                        rng.choice(TITLES).format(organ=organ, subject=subject), subject, formed,
                        published if published < today else None))
            day += timedelta(days=rng.randint(*GAP_DAYS))
    for i, (organ, (prefix, subjects)) in enumerate(list(WRITERS.items())[:3]):  # a few that slipped: still unpublished
        formed = today - timedelta(days=40 + 3 * i)
        out.append((f"{PREFIX}{prefix}-{formed.year}-slipped.txt", organ, f"{prefix}〔{formed.year}〕{90 + i}号",
                    f"{organ}关于{subjects[-1]}专项检查情况的通报", subjects[-1], formed, None))
    return out


def load(home=None, stdout=None, pace=None):
    from cms.demo.timeliness import PACE, _taken

    pace = pace or (lambda rng, organ: _taken(rng, PACE[organ]))
    officer = get_user_model().objects.filter(username="officer").first()
    if not Organ.objects.filter(name__in=WRITERS).exists():
        return 0
    sync_calendar()
    today = timezone.localdate()
    done = set(ImportedDocument.objects.filter(original_name__startswith=PREFIX).values_list("original_name", flat=True))
    published = waiting = 0
    with tempfile.TemporaryDirectory(prefix="gongkai-demo-history-") as tmp:
        for name, organ, number, title, subject, formed, published_on in plan(today, pace):
            if name in done:
                continue
            path = Path(tmp) / name
            path.write_text(_text(organ, number, title, formed, subject), encoding="utf-8")
            result = import_file(path, source="upload", user=officer)
            sub = result.document.submission if result.document is not None else None
            if result.error or sub is None:
                raise RuntimeError(f"演示公文《{name}》导入失败：{result.error}")
            # the simulated day it reached the office (the morning after it was formed), not the day the demo loads
            sub.received_at = timezone.make_aware(datetime.combine(formed + timedelta(days=1), time(9, 30)))
            sub.save(update_fields=["received_at"])
            if published_on is None:
                waiting += 1
                continue
            publish_submission(sub, by=officer, mode="demo", published_on=published_on)
            published += 1
    if stdout is not None and (published or waiting):
        stdout.write(f"公开历史：{published} 件公文经导入、检查后一键公开，{waiting} 件仍在收件箱")
    return published
