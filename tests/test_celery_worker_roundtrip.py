"""A real task travels through Redis to the running Celery worker and changes the database."""
import uuid

import pytest
from django.conf import settings

from cms.celery import app
from publishing.models import Organ
from publishing.tasks import ping_task


@pytest.fixture
def real_worker():
    if not settings.CELERY_BROKER_URL:
        pytest.fail("CELERY_BROKER_URL 未设置：请用 `make test` 运行，它会启动 Redis 和 Celery worker")
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = eager


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_task_sent_through_redis_is_executed_by_the_worker(real_worker):
    marker = f"worker-roundtrip-{uuid.uuid4().hex[:8]}"
    result = ping_task.delay(marker)
    organ_pk = result.get(timeout=60)
    assert Organ.objects.get(pk=organ_pk).name == marker
    # The worker is a different process: the task id went through the broker, not a local call.
    assert result.backend.__class__.__name__ == "RedisBackend"
