"""Periodic import work (Celery beat, design §1/§2.6). Each task is small and idempotent.

* ``pull_documents_task`` — pull approved documents from IMPORT_SOURCE_URL (every 5 minutes);
* ``scan_inbox_task``     — import files dropped into IMPORT_INBOX_DIR (every minute).

With the setting empty they do nothing and say so. An unreachable OA source is logged and reported in
the return value, not raised: the next beat tick simply tries again (the cursor has not moved).
"""
import logging

from celery import shared_task
from django.conf import settings

from importers.inbox import scan_inbox
from importers.oa_client import OASourceError
from importers.sync import pull_documents

log = logging.getLogger("gongkai.importers")


@shared_task
def pull_documents_task():
    if not getattr(settings, "IMPORT_SOURCE_URL", None):
        return {"skipped": "未配置 IMPORT_SOURCE_URL，不同步办文平台"}
    try:
        report = pull_documents()
    except OASourceError as exc:
        log.warning("OA pull failed: %s", exc.message)
        partial = getattr(exc, "report", None)
        return {"error": exc.message, **({"partial": partial.as_dict()} if partial else {})}
    return report.as_dict()


@shared_task
def scan_inbox_task():
    inbox = getattr(settings, "IMPORT_INBOX_DIR", None)
    if not inbox:
        return {"skipped": "未配置 IMPORT_INBOX_DIR，不扫描收件目录"}
    try:
        outcomes = scan_inbox(inbox)
    except (FileNotFoundError, ValueError) as exc:
        log.warning("inbox scan failed: %s", exc)
        return {"error": str(exc)}
    return {
        "imported": [str(o.moved_to) for o in outcomes if o.ok],
        "failed": [{"file": str(o.moved_to or o.path), "error": o.error} for o in outcomes if not o.ok],
    }
