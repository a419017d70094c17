"""Search demo: a richer corpus of realistic guides, bundles, policies and catalogue entries
(search/data/demo_corpus.jsonl, design §2.7 format) loaded with importers.content_loader, then a full index
rebuild so the demo is searchable on either engine. Idempotent: the loader upserts on code/发文字号/title."""
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "data" / "demo_corpus.jsonl"


def seed_synonyms():
    """Rules from search/data/synonyms.txt that the admin table lacks (new shipped rules); edits are kept."""
    from search.analysis import SYNONYMS_FILE
    from search.models import Synonym
    from search.vocabulary import bump

    added = 0
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            added += Synonym.objects.get_or_create(rule=line[:300])[1]
    if added:
        bump()
    return added


def load(home=None, stdout=None):
    from search.indexing import rebuild

    seed_synonyms()
    if CORPUS.exists():
        from importers.content_loader import load_lines

        from django.db import transaction

        with transaction.atomic():
            report = _load_new(CORPUS.read_text(encoding="utf-8").splitlines(), load_lines)
        if stdout is not None and report is not None:
            for number, message in report.errors:
                stdout.write(f"search demo corpus line {number}: {message}\n")
    counts = rebuild()
    if stdout is not None:
        stdout.write("搜索索引已重建：" + "，".join(f"{k} {v} 条" for k, v in counts.items()) + "\n")


def _load_new(lines, load_lines):
    """Load only lines whose item does not exist yet: running load_demo twice changes nothing."""
    import json

    from cms.models import BundlePage, PolicyDocumentPage, ServiceGuidePage

    fresh = []
    for line in lines:
        if not line.strip():
            continue
        obj = json.loads(line)
        kind = obj.get("kind")
        if kind == "guide" and ServiceGuidePage.objects.filter(code=obj.get("code")).exists():
            continue
        if kind == "bundle" and BundlePage.objects.filter(code=obj.get("code")).exists():
            continue
        if kind == "policy":
            qs = PolicyDocumentPage.objects.filter(doc_number=obj["doc_number"]) if obj.get("doc_number") else \
                PolicyDocumentPage.objects.filter(title=obj.get("title"))
            if qs.exists():
                continue
        fresh.append(line)
    return load_lines(fresh) if fresh else None
