"""The Celery app. Without CELERY_BROKER_URL, tasks run in-process (task_always_eager)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.broker_url = app.conf.broker_url or "memory://"
app.autodiscover_tasks()
