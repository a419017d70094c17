"""Search relevance: success@3 and nDCG@10 over judged citizen queries, per engine and for stock Wagtail search
Target: success@3 ≥ 0.9 and nDCG@10 ≥ 0.8 on OpenSearch; both engines clearly ahead of stock Wagtail search

Loads the demo site (load_demo, incl. search/data/demo_corpus.jsonl) into a fresh PostgreSQL database, then runs
every query of bench/relevance/queries.jsonl through (1) the OpenSearch engine, (2) the embedded database engine
(PostgreSQL tsvector) and (3) stock Wagtail search (wagtail.search database backend, Page.search) on the same data.
Judgments are keyed on stable identifiers: guide/bundle `code`, policy 发文字号. Prints one JSON object.
"""
import json
import math
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchenv import django_setup  # noqa: E402

QUERIES = Path(__file__).resolve().parent / "relevance" / "queries.jsonl"


def identifier(page):
    page = page.specific
    return getattr(page, "code", "") or getattr(page, "doc_number", "") or page.title


def dcg(grades):
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def score(ranked_ids, relevant):
    top3 = ranked_ids[:3]
    success = 1.0 if any(r in relevant for r in top3) else 0.0
    gains = [relevant.get(r, 0) for r in ranked_ids[:10]]
    ideal = dcg(sorted(relevant.values(), reverse=True)[:10])
    return success, (dcg(gains) / ideal if ideal else 0.0)


def evaluate(run, queries):
    by_kind, misses, total_s, total_n = {}, [], 0.0, 0.0
    start = time.perf_counter()
    for item in queries:
        ids = run(item["q"])
        s, n = score(ids, item["relevant"])
        total_s += s
        total_n += n
        k = by_kind.setdefault(item["kind"], [0, 0.0, 0.0])
        k[0] += 1
        k[1] += s
        k[2] += n
        if not s:
            misses.append(item["q"])
    count = len(queries)
    return {"success_at_3": round(total_s / count, 3), "ndcg_at_10": round(total_n / count, 3),
            "by_kind": {kind: {"n": v[0], "success_at_3": round(v[1] / v[0], 3), "ndcg_at_10": round(v[2] / v[0], 3)}
                        for kind, v in sorted(by_kind.items())},
            "misses": misses[:40], "ms_per_query": round((time.perf_counter() - start) * 1000 / count, 1)}


def cjk_baseline(client, keys):
    """The alternative to our Python analysis: OpenSearch's built-in `cjk` analyzer (bigrams, the usual choice
    without plugins) over the raw title/body, BM25 with title ×3. Same documents, same queries."""
    from search.models import SearchDocument

    index = "gongkai-bench-search-relevance-cjk"
    client.indices.delete(index=index, ignore_unavailable=True)
    client.indices.create(index=index, body={"settings": {"number_of_shards": 1, "number_of_replicas": 0},
                                             "mappings": {"properties": {"title": {"type": "text", "analyzer": "cjk"},
                                                                         "body": {"type": "text", "analyzer": "cjk"}}}})
    from opensearchpy import helpers

    helpers.bulk(client, ({"_index": index, "_id": d.key, "_source": {"title": d.title, "body": d.body}}
                          for d in SearchDocument.objects.all()), refresh=True)

    def run(q):
        body = {"query": {"multi_match": {"query": q, "fields": ["title^3", "body"], "minimum_should_match": "60%"}}, "size": 10}
        return [keys.get(h["_id"], h["_id"]) for h in client.search(index=index, body=body)["hits"]["hits"]]

    return run


def main():
    django_setup("postgres", "search_relevance")
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.models import Page

    call_command("load_demo", stdout=open(os.devnull, "w"))
    from search.models import SearchDocument
    from search.service import search as gongkai_search

    keys = {d.key: (d.code or d.doc_number or d.title) for d in SearchDocument.objects.all()}
    url_to_id = {d.url: (d.code or d.doc_number or d.title) for d in SearchDocument.objects.all()}
    queries = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]

    def ours(q):
        out = gongkai_search(q, size=10, log=False)
        return [url_to_id.get(r["url"], r["title"]) for r in out.results]

    def wagtail_stock(q):
        try:
            pages = list(Page.objects.live().specific().search(q)[:10])
        except Exception:  # noqa: BLE001 — stock search may reject odd input; count as no results
            return []
        return [identifier(p) for p in pages]

    result = {"queries": len(queries), "documents": len(keys)}
    if settings.OPENSEARCH_URL:
        from search.engines import get_engine

        get_engine().refresh()
        result["opensearch"] = evaluate(ours, queries)
        result["opensearch_cjk_analyzer"] = evaluate(cjk_baseline(get_engine().client, keys), queries)
    live_url = settings.OPENSEARCH_URL
    settings.OPENSEARCH_URL = None
    result["database"] = evaluate(ours, queries)
    settings.OPENSEARCH_URL = live_url
    result["wagtail_stock"] = evaluate(wagtail_stock, queries)
    base = result["wagtail_stock"]["ndcg_at_10"] or 0.001
    for name in ("opensearch", "database", "opensearch_cjk_analyzer"):
        if name in result:
            result[name]["ndcg_ratio_vs_wagtail"] = round(result[name]["ndcg_at_10"] / base, 2)
    main_engine = result.get("opensearch", result["database"])
    result["target_met"] = main_engine["success_at_3"] >= 0.9 and main_engine["ndcg_at_10"] >= 0.8
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
