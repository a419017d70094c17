"""Writes bench/relevance/test_queries.jsonl from test_queries_source.txt, resolving each judged guide title to the
实施编码 of its district-level implementation in corpus.jsonl (a bundle by its code, a policy by its 发文字号).
Fails loudly on a title that is not in the corpus. HELD-OUT: see bench/relevance/README.md before touching either file.
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
DISTRICT = "-320509000000-"


def main():
    codes, bundles, numbers = {}, set(), set()
    for line in (HERE / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        if obj["kind"] == "guide" and DISTRICT in obj["code"]:
            assert obj["name"] not in codes, obj["name"]
            codes[obj["name"]] = obj["code"]
        elif obj["kind"] == "bundle":
            bundles.add(obj["code"])
        elif obj["kind"] == "policy":
            numbers.add(obj["doc_number"])
    out, kinds = [], {}
    for raw in (HERE / "test_queries_source.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, query, judged = raw.split("|")
        relevant = {}
        for pair in judged.split(";"):
            ref, grade = pair.rsplit("=", 1)
            key = ref if ref in bundles or ref in numbers else codes.get(ref)
            if key is None:
                raise SystemExit(f"not in the corpus: {ref!r} (query {query!r})")
            relevant[key] = max(relevant.get(key, 0), int(grade))
        out.append({"q": query, "kind": kind, "relevant": relevant})
        kinds[kind] = kinds.get(kind, 0) + 1
    (HERE.parent / "test_queries.jsonl").write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out), encoding="utf-8")
    print(json.dumps({"queries": len(out), **kinds}, ensure_ascii=False))


if __name__ == "__main__":
    main()
