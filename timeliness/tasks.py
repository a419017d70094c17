"""Periodic 依申请公开 work (Celery beat): the daily run of timeliness.request_queue and the retention purge."""
from celery import shared_task

from timeliness import request_queue, request_retention


@shared_task
def daily_requests():
    result = request_queue.daily()
    result["purged"] = request_retention.purge()
    return result
