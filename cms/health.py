from django.conf import settings
from kombu import Connection


def tasks_health():
    if not settings.CELERY_BROKER_URL:
        return {"broker": "in-process", "status": "ok"}
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return {"broker": "redis", "status": "ok"}
    except Exception:  # noqa: BLE001 — any failure to reach the broker means "down"
        return {"broker": "redis", "status": "down"}
