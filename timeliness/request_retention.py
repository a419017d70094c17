"""Personal data of applicants is kept for settings.REQUEST_PERSONAL_DATA_RETENTION_DAYS after the request is closed,
then erased (the register line stays, for the annual report). The identity proof file is deleted with it."""
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from timeliness.models import DisclosureRequest, RequestApplicant, RequestEvent

DEFAULT_DAYS = 1095
PERSONAL_FIELDS = ["name", "id_type", "id_number", "phone", "email", "address", "org_name", "org_code"]


def retention_days():
    return int(getattr(settings, "REQUEST_PERSONAL_DATA_RETENTION_DAYS", DEFAULT_DAYS))


def purge(today=None):
    today = today or timezone.localdate()
    limit = today - timedelta(days=retention_days())
    due = RequestApplicant.objects.filter(purged_at__isnull=True, request__status__in=DisclosureRequest.CLOSED,
                                          request__replied_on__lt=limit).select_related("request")
    count = 0
    for applicant in due:
        if applicant.proof:
            applicant.proof.delete(save=False)
        for name in PERSONAL_FIELDS:
            setattr(applicant, name, "")
        applicant.purged_at = timezone.now()
        applicant.save()
        RequestEvent.objects.create(request=applicant.request, action="清除申请人个人信息", status=applicant.request.status,
                                    note=f"保存期限{retention_days()}日届满")
        count += 1
    return count
