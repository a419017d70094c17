"""Resolve dev_queries_source.txt to dev_queries.jsonl (guide/bundle name → its district code; 发文字号 as is).

The DEV set on the national corpus: written 2026-12-06 by a helper session after reading corpus.jsonl, before its
search changes (issue 19 part 1); tuned on. Run: python bench/relevance/national/build_dev_queries.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
DISTRICT = "-320509000000-"


def main():
    codes, numbers = {}, set()
    for line in (HERE / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d["kind"] == "guide" and DISTRICT in d["code"]:
            codes.setdefault(d["name"], d["code"])
        elif d["kind"] == "bundle":
            codes[d["name"]] = d["code"]
        elif d["kind"] == "policy":
            numbers.add(d["doc_number"])
    out = []
    for raw in (HERE / "dev_queries_source.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        q, kind, judged = raw.split("\t")
        relevant = {}
        for part in judged.split(";"):
            title, grade = part.rsplit("=", 1)
            key = codes.get(title) or (title if title in numbers else None)
            if key is None:
                raise SystemExit(f"unknown title {title!r} in {q!r}")
            relevant[key] = int(grade)
        out.append(json.dumps({"q": q, "kind": kind, "relevant": relevant}, ensure_ascii=False))
    (HERE / "dev_queries.jsonl").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(len(out), "queries")


if __name__ == "__main__":
    main()
