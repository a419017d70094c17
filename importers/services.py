"""Turn a file (plus optional OA metadata) into a stored ImportedDocument: archive, read, parse, check.

Nothing here publishes. A file that cannot be read is still archived and stored with a Chinese error,
so nothing is lost and the officer sees why.
"""
import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from importers.errors import ImportFailed

log = logging.getLogger("gongkai.importers")


def local_date(value):
    """The calendar day of an OA timestamp where the site is (Asia/Shanghai): an approval at 00:30 Beijing time is
    16:30 UTC the day before, and the 20-working-day clock starts on the local day."""
    text = str(value)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return date.fromisoformat(text[:10])
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


@dataclass
class ImportResult:
    source: str
    data: dict = field(default_factory=dict)
    error: str | None = None
    document: object = None

    def as_json(self):
        return {"source": self.source, **self.data, "error": self.error}


EMPTY_FIELDS = {
    "title": None, "doc_number": None, "issuers": [], "formed_on": None, "recipients": [], "doc_type": None,
    "secrecy": None, "urgency": None, "disclosure": None, "signers": [], "attachments": [], "cc": [],
    "printed_by": None, "printed_on": None, "checks": [],
}


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sensitive_words():
    from importers.models import SensitiveWord

    return [(w.word, w.severity) for w in SensitiveWord.objects.filter(active=True)]


def known_doc_numbers(exclude_external_id=""):
    from importers.models import ImportedDocument

    qs = ImportedDocument.objects.exclude(doc_number="")
    if exclude_external_id:
        qs = qs.exclude(external_id=exclude_external_id)
    return {dn: str(pk) for dn, pk in qs.values_list("doc_number", "pk")}


def analyse(path, *, oa_disclosure=None, attachment_files=(), external_id="", today=None):
    """Read, parse and check one file. Returns (fields dict, parsed object) or raises ImportFailed."""
    from importers.checks import run_checks
    from importers.gongwen import parse
    from importers.readers import read_document

    parsed = parse(read_document(path))
    checks = run_checks(
        parsed,
        oa_disclosure=oa_disclosure,
        sensitive_words=sensitive_words(),
        known_doc_numbers=known_doc_numbers(external_id),
        own_id=external_id or None,
        attachment_files=list(attachment_files),
        today=today or timezone.localdate(),
    )
    data = dict(EMPTY_FIELDS)
    data.update(parsed.to_json())
    data["checks"] = [{"code": c.code, "severity": c.severity, "message": c.message} for c in checks]
    return data, parsed


def import_file(path, *, source="cli", user=None, dry_run=False, oa_meta=None, extra_files=()):
    """Import one file. Never raises for bad input: the result carries the Chinese error instead."""
    path = Path(path)
    oa_meta = oa_meta or {}
    result = ImportResult(source=str(path))
    parsed = None
    try:
        data, parsed = analyse(
            path,
            oa_disclosure=oa_meta.get("disclosure"),
            attachment_files=[f.get("name", "") for f in extra_files],
            external_id=oa_meta.get("id", ""),
        )
        result.data = data
    except ImportFailed as exc:
        result.data = dict(EMPTY_FIELDS)
        result.error = exc.message
    except Exception:  # noqa: BLE001 — an unexpected parser failure must not lose the file either
        log.exception("unexpected failure importing %s", path)
        result.data = dict(EMPTY_FIELDS)
        result.error = "文件解析时发生未预期的错误，原始文件已保存，请联系管理员。"
    if not dry_run:
        result.document = store(path, result, parsed, source=source, user=user, oa_meta=oa_meta, extra_files=extra_files)
        if source == "oa":
            from publishing.services import maybe_auto_publish

            maybe_auto_publish(result.document)
    return result


@transaction.atomic
def store(path, result, parsed, *, source, user, oa_meta, extra_files):
    from importers.models import ImportedDocument, ImportedFile

    data = result.data
    blocked = any(c["severity"] == "block" for c in data.get("checks", []))
    formed_on = oa_meta.get("formed_on") or data.get("formed_on")
    doc = ImportedDocument(
        source=source,
        external_id=oa_meta.get("id", ""),
        version=oa_meta.get("version", 1),
        original_name=path.name,
        sha256=sha256_of(path),
        title=(oa_meta.get("title") or data.get("title") or "")[:300],
        doc_number=(oa_meta.get("doc_number") or data.get("doc_number") or "")[:60],
        issuers=oa_meta.get("issuers") or data.get("issuers") or [],
        formed_on=date.fromisoformat(formed_on) if isinstance(formed_on, str) else formed_on,
        oa_disclosure=oa_meta.get("disclosure", "") or "",
        parsed=data,
        body_html=getattr(parsed, "body_html", "") or "",
        checks=data.get("checks", []),
        error=result.error or "",
        status="failed" if result.error else ("blocked" if blocked else "ready"),
        imported_by=user,
    )
    approved_at = oa_meta.get("approved_at")
    if doc.version > 1 and approved_at:
        doc.changed_on = local_date(approved_at)
    clock_start = doc.changed_on or doc.formed_on
    if clock_start:
        from publishing.deadlines import create_proactive

        doc.deadline = create_proactive(clock_start)
    with open(path, "rb") as fh:
        doc.original.save(path.name, File(fh), save=False)
    doc.save()
    for extra in extra_files:
        with open(extra["path"], "rb") as fh:
            stored = ImportedFile(document=doc, role=extra.get("role", "attachment"), name=extra["name"], sha256=extra["sha256"])
            stored.file.save(extra["name"], File(fh), save=False)
            stored.save()
    return doc
