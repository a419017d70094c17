"""Periodic 差评整改 work (Celery beat, daily): reminders about overdue and soon-due cases (ratings.cases.daily)."""
from celery import shared_task

from ratings import cases


@shared_task
def daily_cases():
    return cases.daily()
