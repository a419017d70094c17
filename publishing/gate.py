"""The publication gate: nothing becomes visible to the public unless its stored content passes the checks.

Every path to live ends here (docs/adr/0001-publication-gate.md):

* ``refusals(obj)`` lists why ``obj`` may not go live now, re-running the checks (publishing.checks) on the exact
  text and metadata it holds — title, every text field, child rows (a guide's materials), attachments and linked
  documents, the declared 公开属性 — minus findings an authorised person overrode (an ``Override``).
* Services call it before they act (publishing.services.publish, the catalogue, the loaders), so the person gets
  every reason at once.
* The Wagtail editor's forms call it when the publish button was pressed (``GatedPageForm``), so the editor sees the
  reasons beside the content, nothing lost.
* ``_before_save`` is the backstop: a page saved while live, or a guarded object saved while public (catalogue
  items and entries, documents), is re-checked whatever path it came by, and refused with ``PublishRefused``.

Content apps tell the gate about themselves by duck typing, so publishing imports none of them:
``gate_metadata()`` (the 公开属性), ``gate_contact_fields`` (official phone fields), ``gate_content()`` (content that
is not in model fields, e.g. a submission), ``gate_subject()`` (the key overrides are kept under).
"""
import contextvars
import logging
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.db.models.signals import pre_save
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.models import COMMENTS_RELATION_NAME, Page

from publishing import checks, reviews, text
from publishing.index_numbers import next_index_number
from publishing.models import Override, SensitiveWord

logger = logging.getLogger("gongkai.publishing")

NEVER_OVERRIDDEN = {"secrecy_marking", "disclosure_not_public", "sensitive_word_block"}
PERSONAL_DATA = {"personal_id_number", "mobile_number", "bank_card_number"}
# Fields that name or address the object rather than say something: never shown as text, or identifiers whose long
# digit runs (a 实施编码 carries an organ's 统一社会信用代码) are not personal data.
NOT_TEXT = {"slug", "code", "url_path", "path", "draft_title", "index_number", "source_key", "missing_elements"}
READABLE_SUFFIXES = (".docx", ".pdf", ".txt")


class PublishRefused(Exception):
    """The gate (or a service) refuses; ``reasons`` are Chinese sentences for the person who asked."""

    def __init__(self, reasons):
        super().__init__("；".join(reasons))
        self.reasons = list(reasons)


# --------------------------------------------------------------------------------------------- the context


@dataclass
class Publication:
    """Set by publishing.services.publish for the duration of one publication; read by the backstop and the
    record writer. Outside it (an editor pressing publish) the defaults apply: now, by the editor."""

    mode: str = "editor"
    by: object = None
    published_at: datetime | None = None  # a past date, only for information already published elsewhere (loaders)
    record: dict = field(default_factory=dict)  # overrides for the record: received_at, deadline, formed_on …
    overrides: tuple = ()  # (code, evidence) pairs carried from a submission to the page it becomes
    reviewed: tuple = ()  # (code, evidence) pairs a 保密审查 lifted on that submission (publishing.reviews.LIFTABLE only)
    written: object = None  # the PublicationRecord this publication wrote (set by the record writer)
    checked: set = field(default_factory=set)  # (model label, pk) the service checked; Wagtail saves exactly that
    # A list during a batch of new pages (publishing.services.publish_new_pages): each new page's in-memory child rows
    # are taken into it as (page, {relation: rows}) when the page is saved, and the service inserts them per model.
    children: list | None = None


_publication = contextvars.ContextVar("gongkai_publication", default=None)


@contextmanager
def publishing(publication):
    token = _publication.set(publication)
    try:
        yield publication
    finally:
        _publication.reset(token)


def current():
    return _publication.get()


# --------------------------------------------------------------------------------------------- attachments

_readers = []


def register_text_reader(reader):
    """reader(path) -> str: the text of a .docx, .pdf or .txt file (importers registers its document reader)."""
    if reader not in _readers:
        _readers.append(reader)


def _file_text(path, name):
    if not str(name).lower().endswith(READABLE_SUFFIXES) or not _readers:
        return None
    try:
        return _readers[0](path)
    except Exception as exc:  # noqa: BLE001 — an unreadable attachment is reported, never silently passed
        logger.warning("attachment %s unreadable: %s", name, exc)
        raise PublishRefused([f"附件《{name}》无法读取，不能确认其内容可以公开"]) from exc


def _attachment_passages(label, path, name):
    found = _file_text(path, name)
    if not found:
        return []
    return [(f"{label}《{name}》第{i}段", line) for i, line in enumerate(text.html_lines(found), start=1)]


def _document_passages(html):
    ids = text.linked_document_ids(html)
    if not ids:
        return []
    passages = []
    for document in get_document_model().objects.filter(pk__in=ids):
        passages += _attachment_passages("链接文档", document.file.path, document.file.name.rsplit("/", 1)[-1])
    return passages


# --------------------------------------------------------------------------------------------- content


def _text_fields(model):
    for f in model._meta.concrete_fields:
        if isinstance(f, (models.CharField, models.TextField)) and f.editable and f.name not in NOT_TEXT and not f.choices:
            yield f


def _field_passages(label, value, rich):
    lines = text.html_lines(value) if rich else [line for line in str(value or "").splitlines() if line.strip()]
    if len(lines) <= 1:
        return [(label, line) for line in lines]
    return [(f"{label}第{i}段", line) for i, line in enumerate(lines, start=1)]


def _values_passages(model, values, prefix=""):
    """(passages, contacts) from {field name: value} of one model's editable text fields."""
    passages, contacts = [], []
    contact_fields = set(getattr(model, "gate_contact_fields", ()))
    for f in _text_fields(model):
        value = values.get(f.name)
        if not value:
            continue
        rich = isinstance(value, str) and "<" in value and ">" in value
        found = _field_passages(prefix + str(f.verbose_name), value, rich)
        (contacts if f.name in contact_fields else passages).extend(found)
        if rich:
            passages += _document_passages(value)
    for f in model._meta.concrete_fields:
        if isinstance(f, models.FileField) and values.get(f.name):
            file = values[f.name]
            label = prefix + str(f.verbose_name)
            stored = getattr(file, "storage", None)
            if stored is not None and file.name and stored.exists(file.name):
                passages += _attachment_passages(label, file.path, file.name.rsplit("/", 1)[-1])
            elif stored is not None and hasattr(file, "file"):  # a file being saved now: read the upload itself
                passages += _upload_passages(label, file.file)
            elif hasattr(file, "temporary_file_path") or hasattr(file, "chunks"):
                passages += _upload_passages(label, file)
    return passages, contacts


def _upload_passages(label, upload):
    """Text of a file uploaded with a form, before it is stored."""
    name = str(getattr(upload, "name", "") or "附件").replace("\\", "/").rsplit("/", 1)[-1]
    if hasattr(upload, "temporary_file_path"):
        return _attachment_passages(label, upload.temporary_file_path(), name)
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    upload.seek(0)
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        upload.seek(0)
        return _attachment_passages(label, tmp.name, name)


def _values_of(obj):
    """The text and file fields of one instance (foreign keys are not followed)."""
    kinds = (models.CharField, models.TextField, models.FileField)
    return {f.name: f.value_from_object(obj) for f in type(obj)._meta.concrete_fields if isinstance(f, kinds)}


def content_of(obj):
    """What ``obj`` would show the public, as checks.Content."""
    if hasattr(obj, "gate_content"):
        return obj.gate_content()
    model = type(obj)
    passages, contacts = _values_passages(model, _values_of(obj))
    for relation in get_all_child_relations(model):
        if relation.get_accessor_name() == COMMENTS_RELATION_NAME:
            continue  # editors' comments on a draft are never shown to the public
        child_model = relation.related_model
        for n, child in enumerate(getattr(obj, relation.get_accessor_name()).all(), start=1):
            more, more_contacts = _values_passages(child_model, _values_of(child), f"{child_model._meta.verbose_name}{n}：")
            passages += more
            contacts += more_contacts
    metadata = obj.gate_metadata() if hasattr(obj, "gate_metadata") else {}
    return checks.Content(passages=passages, contacts=contacts, disclosure=metadata.get("disclosure"))


def content_of_form(form):
    """What a model form (and its child formsets) would publish, from its cleaned data."""
    model = form._meta.model
    passages, contacts = _values_passages(model, form.cleaned_data)
    for formset in getattr(form, "formsets", {}).values():
        child_model = formset.model
        n = 0
        for child_form in formset.forms:
            data = getattr(child_form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            n += 1
            more, more_contacts = _values_passages(child_model, data, f"{child_model._meta.verbose_name}{n}：")
            passages += more
            contacts += more_contacts
    disclosure = form.cleaned_data.get("disclosure") if "disclosure" in form.cleaned_data else None
    return checks.Content(passages=passages, contacts=contacts, disclosure=disclosure)


# --------------------------------------------------------------------------------------------- decisions


def subject_of(obj):
    if hasattr(obj, "gate_subject"):
        return obj.gate_subject()
    if isinstance(obj, Page):
        return f"page-{obj.pk}" if obj.pk else None
    return f"{obj._meta.label_lower}:{obj.pk}" if obj.pk else None


_words = contextvars.ContextVar("gongkai_gate_words", default=None)


@contextmanager
def one_dictionary():
    """Within this block every check reads the sensitive-word dictionary once (a bulk load checks thousands of
    objects against the same dictionary); every object is still checked in full. Nested blocks share the outer one."""
    if _words.get() is not None:
        yield
        return
    token = _words.set([])
    try:
        yield
    finally:
        _words.reset(token)


def sensitive_words():
    cached = _words.get()
    if cached:
        return cached[0]
    words = [(w.word, w.severity) for w in SensitiveWord.objects.filter(active=True)]
    if cached is not None:
        cached.append(words)
    return words


def findings_in(content, today=None):
    return checks.check_content(content, sensitive_words=sensitive_words(), today=today or timezone.localdate())


def findings(obj, today=None):
    """The checks run now on obj's content, plus any stored notices (warnings only) the object carries."""
    found = findings_in(content_of(obj), today)
    if hasattr(obj, "gate_notices"):
        found += [c for c in obj.gate_notices() if c.severity == checks.WARN]
    return found


def cleared(subject):
    """(code, evidence) pairs overridden for this subject, plus those carried by the publication under way."""
    pairs = set(Override.objects.filter(subject=subject).values_list("code", "evidence")) if subject else set()
    publication = current()
    if publication is not None:
        pairs |= set(publication.overrides)
    return pairs


def reviewed(subject):
    """(code, evidence) pairs a 保密审查 lifted for this subject, plus those carried by the publication under way.
    Only the 公开属性 can be lifted (reviews.LIFTABLE): never a 密级 marking, personal data or a forbidden word."""
    pairs = reviews.lifted_pairs(subject)
    publication = current()
    if publication is not None:
        pairs |= set(publication.reviewed)
    return {(code, evidence) for code, evidence in pairs if code in reviews.LIFTABLE}


def open_findings(found, subject):
    """Findings that still count: every block and warning not overridden (blocks of NEVER_OVERRIDDEN always count,
    except a 公开属性 a 保密审查 judged wrong)."""
    done = cleared(subject)
    lifted = reviewed(subject) if any(c.code in reviews.LIFTABLE for c in found) else set()
    # an override without evidence (recorded before evidence was kept) covers every finding of its check
    return [c for c in found
            if (c.code in NEVER_OVERRIDDEN and (c.code, c.evidence) not in lifted)
            or (c.code not in NEVER_OVERRIDDEN and (c.code, c.evidence) not in done and (c.code, "") not in done)]


def refusals_in(found, subject):
    return [c.message for c in open_findings(found, subject) if c.severity == checks.BLOCK]


def refusals(obj, today=None):
    """Why obj may not go live now (empty: it may)."""
    return refusals_in(findings(obj, today), subject_of(obj))


def open_warnings(obj, today=None):
    return [c for c in open_findings(findings(obj, today), subject_of(obj)) if c.severity == checks.WARN]


def ensure_may_go_live(obj):
    reasons = refusals(obj)
    if reasons:
        raise PublishRefused(reasons)


# --------------------------------------------------------------------------------------------- the backstop

_guarded = {}


def guard(model, is_public):
    """Re-check instances of model whenever they are saved while is_public(instance) (non-page public objects)."""
    _guarded[model] = is_public


def _is_public(instance):
    if isinstance(instance, Page):
        return instance.live
    for klass in type(instance).__mro__:
        if klass in _guarded:
            return _guarded[klass](instance)
    return None


def _writes_content(instance, update_fields):
    if update_fields is None:
        return True
    names = {f.name for f in _text_fields(type(instance))} | {"live", "status", "disclosure"}
    names |= {f.name for f in type(instance)._meta.concrete_fields if isinstance(f, models.FileField)}
    return bool(set(update_fields) & names)


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return  # fixtures and loaddata write rows as they are; they are not a publication
    public = _is_public(instance)
    if not public or not _writes_content(instance, update_fields):
        return
    publication = current()
    if publication is None or (instance._meta.label, instance.pk) not in publication.checked:
        ensure_may_go_live(instance)
    if isinstance(instance, Page):
        _stamp(instance)
        if publication is not None and publication.children is not None and instance.pk is None:
            publication.children.append((instance, _take_child_rows(instance)))


def _take_child_rows(page):
    """A new page's in-memory child rows, taken off it just before its row is written: modelcluster would otherwise
    read each child table for rows to delete (a new page has none) and insert every row with its own statement.
    The page's own save has already used them (e.g. a guide's missing key elements). modelcluster keeps the rows
    in ``_cluster_related_objects`` and has no public way to hand them over; without that map nothing is taken."""
    pending = getattr(page, "_cluster_related_objects", None)
    if not isinstance(pending, dict):
        return {}
    taken = {}
    for relation in get_all_child_relations(page):
        rows = pending.pop(relation.get_accessor_name(), None)
        if rows is not None:
            taken[relation] = list(rows)
    return taken


def _stamp(page):
    """System stamps on a page's first going live: 发布日期 and, for information that has one, its 索引号."""
    publication = current()
    if any(f.name == "published_at" for f in page._meta.concrete_fields) and page.published_at is None:
        page.published_at = (publication.published_at if publication and publication.published_at else None) or timezone.now()
    if hasattr(page, "publication_facts") and hasattr(page, "index_number") and not page.index_number:
        facts = page.publication_facts()
        if facts.get("index_number"):  # an issuer without its own code, or none: numbered by the site's organ
            page.index_number = next_index_number(facts.get("department"), timezone.localdate(page.published_at)) or ""


def connect():
    pre_save.connect(_before_save, dispatch_uid="gongkai-publication-gate")


# --------------------------------------------------------------------------------------------- the editor


class GatedPageForm(WagtailAdminPageForm):
    """The page editor's form: pressing 发布 runs the gate on what was typed, and refusals show beside it."""

    def clean(self):
        cleaned = super().clean()
        if "action-publish" in self.data and not self.errors:
            subject = f"page-{self.instance.pk}" if self.instance.pk else None
            try:
                reasons = refusals_in(findings_in(content_of_form(self)), subject)
            except PublishRefused as exc:
                reasons = exc.reasons
            for reason in reasons:
                self.add_error(None, f"不能发布：{reason}")
        return cleaned
