"""One pass over everything published (reachable pages, published catalogue entries): the gate's detectors on the
text the public reads (personal data, 密级 and 公开属性, the 错敏词 dictionary with its exceptions) and the links
each one carries, collected for the link check."""
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from wagtail.models import Page

from inspection import indicators
from inspection.models import SensitiveWordException
from openness_catalog.models import Entry
from publishing import checks, gate
from publishing.gate import PublishRefused

BATCH = 200
MAX_SOURCES_PER_TARGET = 50  # a dead target linked from thousands of pages is reported on its first 50
PERSONAL = {"personal_id_number", "mobile_number", "bank_card_number"}
SECRETS = {"secrecy_marking", "disclosure_not_public"}


@dataclass
class Found:
    personal: list = field(default_factory=list)
    secrets: list = field(default_factory=list)
    unreadable: list = field(default_factory=list)
    words_block: list = field(default_factory=list)
    words_warn: list = field(default_factory=list)
    targets: dict = field(default_factory=dict)  # indicators.Link -> [(url, page_id)]
    links: int = 0
    pages: int = 0
    objects: int = 0


def _markup_fields(obj):
    for f in type(obj)._meta.concrete_fields:
        if isinstance(f, (models.CharField, models.TextField)):
            value = f.value_from_object(obj)
            if isinstance(value, str) and "<a" in value.lower():
                yield value


def _collect_links(found, obj, url, page_id, hosts):
    for value in _markup_fields(obj):
        for link in indicators.links_in(value, hosts):
            found.links += 1
            sources = found.targets.setdefault(link, [])
            if len(sources) < MAX_SOURCES_PER_TARGET:
                sources.append((url, page_id))


def _check_text(found, obj, url, page_id, words, phrases, today):
    try:
        content = gate.content_of(obj)
    except PublishRefused as exc:
        found.unreadable += [indicators.Item(url, reason, page_id) for reason in exc.reasons]
        return
    if phrases:
        content.passages = [(where, indicators.without_exceptions(text, phrases)) for where, text in content.passages]
    result = checks.check_content(content, sensitive_words=words, today=today)
    if not result:
        return
    for check in gate.open_findings(result, gate.subject_of(obj)):
        item = indicators.Item(url, check.message, page_id)
        if check.code in PERSONAL:
            found.personal.append(item)
        elif check.code in SECRETS:
            found.secrets.append(item)
        elif check.code == "sensitive_word_block":
            found.words_block.append(item)
        elif check.code == "sensitive_word_warn":
            found.words_warn.append(item)


def run(site_map, hosts, today=None):
    today = today or timezone.localdate()
    found = Found()
    phrases = sorted(SensitiveWordException.objects.values_list("phrase", flat=True), key=len, reverse=True)
    with gate.one_dictionary():
        words = gate.sensitive_words()
        ids = list(site_map.pages)
        for start in range(0, len(ids), BATCH):
            for page in Page.objects.filter(pk__in=ids[start:start + BATCH]).specific():
                url = site_map.url_of(page.pk)
                found.pages += 1
                _check_text(found, page, url, page.pk, words, phrases, today)
                _collect_links(found, page, url, page.pk, hosts)
        for entry in Entry.objects.filter(status=Entry.PUBLISHED).iterator(chunk_size=BATCH):
            url = entry.get_absolute_url()
            found.objects += 1
            _check_text(found, entry, url, None, words, phrases, today)
            _collect_links(found, entry, url, None, hosts)
    return found
