"""PublicationRecords, disclosure requests and review cases with the dates a test needs.

Records get their deadline from the real deadline engine and their working days taken from
publishing.workdays, exactly as the publish service stamps them."""
from datetime import datetime, time

from django.utils import timezone

from publishing import deadlines, workdays
from publishing.models import Organ, PublicationRecord
from publishing.status import deadline_status


def organ(name):
    return Organ.objects.get_or_create(name=name)[0]


def record(formed_on, published_on=None, *, department=None, doc_type="policy", title=None):
    deadline = deadlines.create_proactive(formed_on)
    published_at = taken = None
    status = "pending"
    if published_on is not None:
        published_at = timezone.make_aware(datetime.combine(published_on, time(10, 30)))
        taken = workdays.working_days_between(formed_on, published_on)
        deadline.done_on = published_on
        deadline.save(update_fields=["done_on"])
        status = deadline_status(deadline.due_on, published_on, published_on).code
    return PublicationRecord.objects.create(
        title=title or f"{department.name if department else '无部门'} {formed_on} 形成的文件",
        doc_type=doc_type, department=department, formed_on=formed_on, published_at=published_at,
        deadline=deadline, due_on=deadline.due_on, working_days_taken=taken, status=status,
    )


def disclosure_request(received_on, *, applicant_type="natural", outcome="", replied_on=None, organ=None, **extra):
    from timeliness.models import DisclosureRequest

    req = DisclosureRequest(organ=organ, subject=extra.pop("subject", "申请公开某项目审批文件"), received_on=received_on,
                            applicant_type=applicant_type, outcome=outcome, replied_on=replied_on, **extra)
    req.full_clean()
    req.save()
    return req


def review_case(filed_on, kind="review", *, result="", concluded_on=None, organ=None):
    from timeliness.models import ReviewCase

    case = ReviewCase(kind=kind, filed_on=filed_on, result=result, concluded_on=concluded_on, organ=organ)
    case.full_clean()
    case.save()
    return case
