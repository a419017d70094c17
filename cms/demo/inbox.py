"""Documents waiting in the officer's inbox: a few 公文 of the demo's own organs, uploaded by the demo officer through
the real import pipeline (reader, 公文 parser, checks, then the publication gate's hold), formed a few days before
the demo is loaded so their 20-working-day clocks are running: waiting, due soon, and one blocked for review.

Loaded by `load_demo --inbox` (as `make setup` runs it). Idempotent: a document already uploaded under its file
name is not uploaded again.
"""
import tempfile
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from importers.models import ImportedDocument
from importers.services import import_file
from publishing import workdays
from publishing.calendar_sync import sync_calendar

DUE_SOON = None  # formed so that its deadline falls 3 working days from today

# (file name, days before today it was formed (or DUE_SOON), 版头, 文号 prefix and serial, title, addressees, body paragraphs, 署名, 附注)
DOCUMENTS = [
    ("长政办函-元旦春节市场保供.txt", 3, "长沙市人民政府办公厅", ("长政办函", 41),
     "长沙市人民政府办公厅关于做好元旦春节期间市场供应保障工作的通知", "各区县（市）人民政府，市直有关单位：",
     ["为保障元旦春节期间全市生活必需品市场供应充足、价格基本稳定，经市人民政府同意，现将有关事项通知如下。",
      "一、加强货源组织。各区县（市）要督促重点商贸企业增加粮油、肉菜、蛋奶等储备，确保节日期间不断档、不脱销。",
      "二、强化市场监测。市商务局、市发展改革委要每日监测重点商品价格和供应情况，发现异常波动及时报告。",
      "三、做好应急准备。各地要完善应急投放预案，落实应急投放网点，确保遇有突发情况能够及时投放。"],
     "长沙市人民政府办公厅", "（此件公开发布）"),
    ("长人社发-职业技能提升.txt", DUE_SOON, "长沙市人力资源和社会保障局", ("长人社发", 17),
     "长沙市人力资源和社会保障局关于开展新一轮职业技能提升行动的通知", "各区县（市）人力资源社会保障局，各有关单位：",
     ["为贯彻落实就业优先政策，提升劳动者就业创业能力，现就开展新一轮职业技能提升行动通知如下。",
      "一、培训对象。重点面向高校毕业生、农村转移劳动力、就业困难人员和企业在岗职工。",
      "二、培训补贴。取得职业资格证书或职业技能等级证书的，按规定给予职业培训补贴。",
      "三、工作要求。各地要加强组织实施，按月报送培训进度，确保培训质量。"],
     "长沙市人力资源和社会保障局", "（此件主动公开）"),
    ("长民发-低保标准调整.txt", 6, "长沙市民政局", ("长民发", 23),
     "长沙市民政局关于调整城乡最低生活保障标准有关事项的通知", "各区县（市）民政局：",
     ["根据全市经济社会发展水平和居民生活必需品价格变化情况，经研究，决定调整城乡最低生活保障标准。",
      "一、调整标准。城市低保标准和农村低保标准按照市人民政府批复的幅度调整。",
      "二、资金保障。调整所需资金由市、区县（市）两级财政按现行体制分担。",
      "三、执行时间。新标准自下月1日起执行。"],
     "长沙市民政局", "（此件依申请公开）"),
    ("长教-课后服务.txt", 9, "长沙市教育局", ("长教通", 52),
     "长沙市教育局关于进一步做好中小学课后服务工作的通知", "各区县（市）教育局，市直属各学校：",
     ["为切实减轻家长接送负担，满足学生多样化学习需求，现就进一步做好中小学课后服务工作通知如下。",
      "一、服务时间。课后服务结束时间原则上不早于当地正常下班时间。",
      "二、服务内容。以指导学生完成作业、开展文体科普活动为主，不得讲授新课。",
      "三、经费保障。各地要按规定落实课后服务经费，不得向学生家长乱收费。"],
     "长沙市教育局", "（此件公开发布）"),
]


def _cn_date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def formed_on(days_ago, today):
    if days_ago is not DUE_SOON:
        return today - timedelta(days=days_ago)
    sync_calendar()
    calendar = workdays.get_default_calendar()
    target = calendar.add_working_days_provisional(today, 3)[0]
    return next(today - timedelta(days=d) for d in range(1, 60)
                if calendar.add_working_days_provisional(today - timedelta(days=d), 20)[0] <= target)


def text_of(spec, today):
    """The 公文 as its drafting office wrote it (GB/T 9704 layout, one block per line)."""
    _name, days_ago, masthead, (prefix, serial), title, addressees, paragraphs, signer, note = spec
    formed = formed_on(days_ago, today)
    lines = [f"{masthead}文件", f"{prefix}〔{formed.year}〕{serial}号", title, addressees]
    lines += ["　　" + p for p in paragraphs]
    lines += [signer, _cn_date(formed), "　　" + note, f"{masthead}办公室　　　　{_cn_date(formed)}印发"]
    return "\n".join(lines) + "\n"


def load(home=None, stdout=None):
    officer = get_user_model().objects.filter(username="officer").first()
    today = timezone.localdate()
    made = 0
    with tempfile.TemporaryDirectory(prefix="gongkai-demo-inbox-") as tmp:
        for spec in DOCUMENTS:
            name = spec[0]
            if ImportedDocument.objects.filter(original_name=name).exists():
                continue
            path = Path(tmp) / name
            path.write_text(text_of(spec, today), encoding="utf-8")
            result = import_file(path, source="upload", user=officer)
            if result.error:
                raise RuntimeError(f"演示公文《{name}》导入失败：{result.error}")
            made += 1
    if stdout is not None and made:
        stdout.write(f"公文收件箱：{made} 件演示公文待处理")
