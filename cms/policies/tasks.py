"""Policy work for Celery beat. Each task is small and idempotent."""
from celery import shared_task

from cms.policies.services import publish_due_scheduled


@shared_task
def publish_scheduled():
    """定时公开: scheduled submissions whose time has come go live through the gate (beat, every 30 s)."""
    return publish_due_scheduled()
