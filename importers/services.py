"""Turn a file (plus optional OA metadata) into an ImportedDocument: archive, read, parse, check — then hand a
readable document to publishing as a Submission (publishing.submissions.submit).

Nothing here publishes, except that an OA document from a department in automatic mode is offered to the policy
service, which publishes it through the gate only if it passes. A file that cannot be read is still archived and
stored with a Chinese error, so nothing is lost and the officer sees why.
"""
import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from cms.policies.models import PolicyDocumentPage
from cms.policies.services import maybe_auto_publish
from cms.policies.topics import suggest
from importers.errors import ImportFailed
from importers.filenames import fit_chars
from importers.gongwen import parse
from importers.models import ImportedDocument, ImportedFile
from importers.readers import read_document
from publishing import gate, submissions
from publishing.checks import run_checks
from publishing.html import sanitise_html
from publishing.models import Submission
from publishing.text import html_lines

log = logging.getLogger("gongkai.importers")

# Checks the publication gate runs itself on the submission's content (publishing.checks.check_content).
GATE_CHECKED = {"secrecy_marking", "disclosure_not_public", "personal_id_number", "mobile_number", "bank_card_number",
                "sensitive_word_block", "sensitive_word_warn"}
# Most restrictive first: a document marked 不予公开 anywhere is 不予公开.
DISCLOSURE_ORDER = ("不予公开", "依申请公开", "主动公开")


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


def known_doc_numbers(exclude_external_id="", exclude_source_key=""):
    """{发文字号: “《title》”} of the documents already imported (but this one's earlier versions): a warning names the
    other document, not an id."""
    qs = ImportedDocument.objects.exclude(doc_number="")
    if exclude_external_id:
        qs = qs.exclude(external_id=exclude_external_id)
    if exclude_source_key:
        qs = qs.exclude(submission__source_key=exclude_source_key)
    return {dn: f"《{title or name or '未命名文件'}》" for dn, title, name in qs.values_list("doc_number", "title", "original_name")}


def same_number_as(doc_number, source_key):
    """The other documents (submissions of another source, live policy pages not made from one) with this 发文字号:
    [{title, doc_number, source_key, submission, page}], one per document, its latest version."""
    if not doc_number:
        return []
    found, seen = [], {source_key}
    subs = Submission.objects.filter(doc_number=doc_number).exclude(source_key=source_key).exclude(status=Submission.SUPERSEDED)
    for sub in subs.order_by("source_key", "-version"):
        if sub.source_key in seen:
            continue
        seen.add(sub.source_key)
        found.append({"title": sub.title, "doc_number": sub.doc_number, "source_key": sub.source_key, "submission": sub.pk,
                      "page": sub.page_id})
    for page in PolicyDocumentPage.objects.filter(doc_number=doc_number).exclude(source_key__in=seen).order_by("pk"):
        if page.source_key and page.source_key in seen:
            continue
        found.append({"title": page.title, "doc_number": page.doc_number, "source_key": page.source_key, "submission": None,
                      "page": page.pk})
    return found


def analyse(path, *, oa_disclosure=None, attachment_files=(), external_id="", today=None, source_key=""):
    """Read, parse and check one file. Returns (fields dict, parsed object) or raises ImportFailed."""
    parsed = parse(read_document(path))
    parsed.body_html = sanitise_html(parsed.body_html)  # the inbox record and its submission store allowed HTML only
    checks = run_checks(
        parsed,
        oa_disclosure=oa_disclosure,
        sensitive_words=gate.sensitive_words(),
        known_doc_numbers=known_doc_numbers(external_id, source_key),
        own_id=external_id or None,
        attachment_files=list(attachment_files),
        today=today or timezone.localdate(),
    )
    data = dict(EMPTY_FIELDS)
    data.update(parsed.to_json())
    data["checks"] = [{"code": c.code, "severity": c.severity, "message": c.message} for c in checks]
    return data, parsed


def import_file(path, *, source="cli", user=None, dry_run=False, oa_meta=None, extra_files=(), original_name=None,
                previous=None, version_reason="", changed_on=None):
    """Import one file. Never raises for bad input: the result carries the Chinese error instead. ``original_name``:
    the name people gave the file when ``path`` had to be shortened to fit the file system (uploads, OA pulls).
    ``previous``: the Submission this file is a new version of (e.g. a 脱敏 version); it is checked like any import."""
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
            source_key=previous.source_key if previous is not None else "",
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
        result.document = store(path, result, parsed, source=source, user=user, oa_meta=oa_meta, extra_files=extra_files,
                                original_name=original_name, previous=previous, version_reason=version_reason,
                                changed_on=changed_on)
        submission = result.document.submission
        if submission is not None and source == "oa":
            maybe_auto_publish(submission)
    return result


def _declared_disclosure(oa_value, parsed_value):
    found = [v for v in (oa_value, parsed_value) if v in DISCLOSURE_ORDER]
    return min(found, key=DISCLOSURE_ORDER.index) if found else ""


def document_text(path):
    """Every line of text in a .docx, .pdf or .txt file, tables included (raises ImportFailed). The publication gate
    reads attachments and linked documents with it (registered in importers.apps)."""
    extracted = read_document(path)
    lines = [block.text for block in extracted.blocks]
    lines += [" ".join(cell for cell in row if cell) for table in extracted.tables for row in table]
    return "\n".join(line for line in lines if line)


def _file_text(path):
    """An attachment's text, for the gate to check along with the document; unreadable files carry a note."""
    try:
        return document_text(path)
    except ImportFailed as exc:
        return f"（附件无法读取：{exc.message}）"


def _interpretation(extra, n):
    try:
        parsed = parse(read_document(extra["path"]))
    except ImportFailed as exc:
        log.warning("interpretation %s unreadable: %s", extra["name"], exc.message)
        return None
    return {"key": str(n), "title": parsed.title or "", "body_html": parsed.body_html}


def _lineage(previous, changed_on):
    """source_key, version and clock of a new version of `previous`. A replacement for a version never published
    (a 脱敏 version of a blocked document) keeps the statutory deadline it replaces: blocking is not a reason to
    restart the clock. A new version of a published one is a change (条例 Art. 26): 20 working days from changed_on."""
    fields = {"source_key": previous.source_key, "version": submissions.next_version(previous.source_key), "replaces": previous}
    if previous.status in Submission.OPEN and previous.deadline is not None:
        fields["deadline_start"] = previous.deadline.start_on
        fields["changed_on"] = previous.changed_on
    else:
        fields["changed_on"] = changed_on or timezone.localdate()
    return fields


def _submit(doc, parsed, oa_meta, extra_files, previous=None, version_reason="", changed_on=None):
    """Hand the readable document to publishing: exactly the text that would go live, and its clock."""
    header = list(parsed.header_lines or [])
    if parsed.secrecy_marking and parsed.secrecy_marking not in header:
        header.append(parsed.secrecy_marking)
    interpretations = [i for n, e in enumerate(extra_files, start=1) if e.get("role") == "interpretation"
                       for i in [_interpretation(e, n)] if i]
    attachments = [{"name": e["name"], "text": _file_text(e["path"])} for e in extra_files if e.get("role", "attachment") == "attachment"]
    # The 公文 format warnings (文号, dates, attachments) are the importer's to see; the gate re-checks the content.
    # A duplicate 发文字号 is not a notice but a hold until an officer decides (same_number_as).
    notices = [{"code": c["code"], "message": c["message"], "evidence": ""} for c in doc.checks
               if c["severity"] == "warn" and c["code"] not in GATE_CHECKED and c["code"] != "doc_number_duplicate"]
    lineage = {"source_key": doc.external_id or f"import-{doc.pk}", "version": doc.version, "changed_on": doc.changed_on}
    if previous is not None:
        lineage.update(_lineage(previous, changed_on), version_reason=(version_reason or "")[:300])
    topic_path, keywords = suggest(doc.title, "\n".join(html_lines(parsed.body_html or "")))
    sub = submissions.submit(
        origin=doc.source, received_at=doc.received_at,
        title=doc.title, doc_number=doc.doc_number, issuers=doc.issuers, doc_type=parsed.doc_type or "",
        formed_on=doc.formed_on, disclosure=_declared_disclosure(doc.oa_disclosure, parsed.disclosure),
        header_lines=header, notes=list(parsed.notes or []), body_html=parsed.body_html or "",
        attachments=attachments, interpretations=interpretations, notices=notices,
        topic_path=topic_path, keywords=keywords[:200], same_number_as=same_number_as(doc.doc_number, lineage["source_key"]),
        **lineage,
    )
    if previous is not None:
        submissions.supersede(previous, sub, by=doc.imported_by, reason=version_reason)
    return sub


@transaction.atomic
def store(path, result, parsed, *, source, user, oa_meta, extra_files, original_name=None, previous=None, version_reason="",
          changed_on=None):
    data = result.data
    formed_on = oa_meta.get("formed_on") or data.get("formed_on")
    doc = ImportedDocument(
        source=source,
        external_id=oa_meta.get("id", ""),
        version=oa_meta.get("version", 1),
        original_name=fit_chars(original_name or path.name, ImportedDocument._meta.get_field("original_name").max_length),
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
        imported_by=user,
    )
    approved_at = oa_meta.get("approved_at")
    if doc.version > 1 and approved_at:
        doc.changed_on = local_date(approved_at)
    with open(path, "rb") as fh:
        doc.original.save(path.name, File(fh), save=False)
    doc.save()
    for extra in extra_files:
        with open(extra["path"], "rb") as fh:
            name = fit_chars(extra["name"], ImportedFile._meta.get_field("name").max_length)
            stored = ImportedFile(document=doc, role=extra.get("role", "attachment"), name=name, sha256=extra["sha256"])
            stored.file.save(extra["name"], File(fh), save=False)
            stored.save()
    if parsed is not None and not doc.error:
        doc.submission = _submit(doc, parsed, oa_meta, extra_files, previous, version_reason, changed_on)
        doc.version = doc.submission.version if previous is not None else doc.version
        doc.save(update_fields=["submission", "version"])
    return doc

