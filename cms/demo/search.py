"""Search demo: a richer corpus of realistic guides, bundles, policies and catalogue entries
(cms/demo/search_corpus.jsonl, design §2.7 format) loaded through the content exchange, then a full index
rebuild so the demo is searchable on either engine. Idempotent: lines whose item exists are skipped."""
import json
from pathlib import Path

from cms.guides.models import BundlePage, ServiceGuidePage
from cms.policies.models import PolicyDocumentPage
from importers.content_loader import load_lines
from search.indexing import rebuild
from search.vocabulary import seed_synonyms

CORPUS = Path(__file__).resolve().parent / "search_corpus.jsonl"


def load(home=None, stdout=None):
    seed_synonyms()
    report = _load_new(CORPUS.read_text(encoding="utf-8").splitlines())
    if stdout is not None and report is not None:
        for number, message in report.errors:
            stdout.write(f"search demo corpus line {number}: {message}\n")
    counts = rebuild()
    if stdout is not None:
        stdout.write("搜索索引已重建：" + "，".join(f"{k} {v} 条" for k, v in counts.items()) + "\n")


def _exists(obj):
    kind = obj.get("kind")
    if kind == "guide":
        return ServiceGuidePage.objects.filter(code=obj.get("code")).exists()
    if kind == "bundle":
        return BundlePage.objects.filter(code=obj.get("code")).exists()
    if kind == "policy":
        if obj.get("doc_number"):
            return PolicyDocumentPage.objects.filter(doc_number=obj["doc_number"]).exists()
        return PolicyDocumentPage.objects.filter(title=obj.get("title")).exists()
    return False


def _load_new(lines):
    """Load only lines whose item does not exist yet: running load_demo twice changes nothing."""
    fresh = [line for line in lines if line.strip() and not _exists(json.loads(line))]
    return load_lines(fresh) if fresh else None
