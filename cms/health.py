from django.conf import settings


def tasks_health():
    if not settings.CELERY_BROKER_URL:
        return {"broker": "in-process", "status": "ok"}
    from cms.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return {"broker": "redis", "status": "ok"}
    except Exception:  # noqa: BLE001
        return {"broker": "redis", "status": "down"}
