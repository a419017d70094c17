"""The OpenSearch engine (production). Text is segmented in Python (search.analysis) and indexed
pre-tokenised with the whitespace analyzer, so both engines share exactly one analysis."""
from opensearchpy import OpenSearch
from opensearchpy.exceptions import OpenSearchException


INDEX_SETTINGS = {
    "settings": {"number_of_shards": 1, "number_of_replicas": 0},
    "mappings": {
        "properties": {
            "type": {"type": "keyword"},
            "title": {"type": "text", "analyzer": "whitespace"},
            "title_raw": {"type": "keyword"},
            "body": {"type": "text", "analyzer": "whitespace"},
            "url": {"type": "keyword", "index": False},
            "department": {"type": "keyword"},
            "year": {"type": "integer"},
            "validity": {"type": "keyword"},
            "updated_at": {"type": "date"},
        }
    },
}


class OpenSearchEngine:
    name = "opensearch"

    def __init__(self, url, prefix="gongkai", timeout=5):
        self.client = OpenSearch(hosts=[url], timeout=timeout, max_retries=0, retry_on_timeout=False)
        self.index = f"{prefix}-content"

    def health(self):
        try:
            status = self.client.cluster.health(request_timeout=2)["status"]
        except (OpenSearchException, OSError, ValueError):
            return "down"
        return "ok" if status in ("green", "yellow") else "down"

    def ensure_index(self):
        if not self.client.indices.exists(index=self.index):
            self.client.indices.create(index=self.index, body=INDEX_SETTINGS)

    def drop_index(self):
        self.client.indices.delete(index=self.index, ignore_unavailable=True)

    def index_document(self, key, doc, refresh=False):
        from search.segment import default_analyzer

        analyzer = default_analyzer()
        body = dict(doc)
        body["title_raw"] = doc.get("title", "")
        body["title"] = analyzer.segment_for_index(doc.get("title", ""))
        body["body"] = analyzer.segment_for_index(doc.get("body", ""))
        self.ensure_index()
        self.client.index(index=self.index, id=key, body=body, refresh=refresh)

    def delete_document(self, key):
        self.client.delete(index=self.index, id=key, ignore=[404])

    def search(self, query, size=10):
        from search.segment import default_analyzer

        groups = default_analyzer().query_tokens(query)
        must = []
        for group in groups:
            should = [
                {"match_phrase": {field: " ".join(alt)}} for alt in group for field in ("title", "body")
            ]
            must.append({"bool": {"should": should, "minimum_should_match": 1}})
        body = {"query": {"bool": {"must": must}} if must else {"match_none": {}}, "size": size}
        response = self.client.search(index=self.index, body=body)
        hits = response["hits"]["hits"]
        return [{"key": h["_id"], "title": h["_source"]["title_raw"], "url": h["_source"].get("url", "")} for h in hits]
