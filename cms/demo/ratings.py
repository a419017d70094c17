"""Demo 好差评 (idempotent: only when there are no ratings yet): ratings of the demo guides and 一件事 over the last
three months, with 差评 cases at each step — one closed after its 回访, one being rectified, one overdue."""
import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.guides.models import BundlePage, ServiceGuidePage
from ratings import cases, services
from ratings.models import CaseEvent, FollowUpCase, Rating

COMMENTS = {5: ["窗口服务热情，一次办好", "网上办理很方便"], 4: ["材料清单清楚"], 3: ["排队时间有点长"],
            2: ["材料要求与指南不一致，跑了两趟"], 1: ["工作人员态度差"]}


def load(home=None, stdout=None):
    if Rating.objects.exists():
        return
    rng = random.Random(23)
    today = timezone.localdate()
    targets = [g.code for g in ServiceGuidePage.objects.live().order_by("code")[:8]]
    targets += [b.code for b in BundlePage.objects.live().order_by("code")[:2]]
    made = []
    for code in targets:
        for _ in range(rng.randint(3, 7)):
            level = rng.choices([5, 4, 3, 2, 1], weights=[6, 4, 2, 1, 0.5])[0]
            rating = services.submit(code=code, level=level, comment=rng.choice(COMMENTS[level]),
                                     contact="13800000000" if level <= 2 else "")
            made.append(rating)
    for rating in made:  # the good ones spread over three months; 差评 are recent, their cases just opened
        if rating.is_bad:
            continue
        day = today - timedelta(days=rng.randint(0, 85))
        at = timezone.make_aware(datetime.combine(day, time(rng.randint(9, 17), rng.choice([0, 20, 40]))))
        Rating.objects.filter(pk=rating.pk).update(created_at=at)
    officer = get_user_model().objects.filter(username="officer").first()
    open_cases = list(FollowUpCase.objects.order_by("id"))
    if len(open_cases) >= 1:
        case = cases.verify(open_cases[0], officer, "经核实，指南材料清单未及时更新", "rectify")
        case = cases.resolve(case, officer, "已更新指南材料清单并培训窗口人员")
        cases.revisit(case, officer, "satisfied", "电话回访，评价人表示满意")
    if len(open_cases) >= 2:
        cases.verify(open_cases[1], officer, "情况属实，正在整改", "rectify")
    if len(open_cases) >= 3:
        late = open_cases[2]
        FollowUpCase.objects.filter(pk=late.pk).update(opened_on=today - timedelta(days=10), due_on=today - timedelta(days=8))
        CaseEvent.objects.filter(case=late).update(note="演示：已超过核实期限")
    if stdout is not None:
        stdout.write(f"好差评演示数据：评价 {len(made)} 条，差评整改 {len(open_cases)} 件")
