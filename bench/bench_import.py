#!/usr/bin/env python3
"""Benchmark the 公文 importer (plain Python, no Django).

    .venv/bin/python bench/bench_import.py [--rounds 5]

Prints one JSON object:
  * docx/pdf throughput (documents per second) of read_document + parse + run_checks
    over the committed fixtures;
  * overhead ratios against the bare libraries on the same files in the same run
    (python-docx paragraph text / pdfplumber extract_text) -- target <= 1.3;
  * peak RSS (resource.getrusage in a fresh subprocess) while importing a generated
    200-page PDF -- target <= 300 MB.  The PDF is made once with LibreOffice from a
    long generated .docx and cached under bench/.cache/ (not committed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIX = ROOT / "tests" / "fixtures" / "gongwen"
CACHE = Path(__file__).resolve().parent / ".cache"

from importers.gongwen import parse  # noqa: E402
from importers.readers import read_document  # noqa: E402
from publishing.checks import run_checks  # noqa: E402


def ours(path: Path) -> None:
    run_checks(parse(read_document(path)), today=date.today())


def bare_docx(path: Path) -> None:
    import docx

    d = docx.Document(str(path))
    "\n".join(p.text for p in d.paragraphs)


def bare_pdf(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        "\n".join(page.extract_text() or "" for page in pdf.pages)


def timed(fn, files, rounds):
    """Median over rounds of the time to process all files once."""
    runs = []
    for _ in range(rounds):
        t = time.perf_counter()
        for f in files:
            fn(f)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def compare(files, bare, rounds):
    ours(files[0]), bare(files[0])  # warm imports and caches
    t_ours, t_bare = [], []
    for _ in range(rounds):  # interleave so machine noise hits both alike
        t_ours.append(timed(ours, files, 1))
        t_bare.append(timed(bare, files, 1))
    mo, mb = statistics.median(t_ours), statistics.median(t_bare)
    return {
        "files": len(files),
        "docs_per_s": round(len(files) / mo, 1),
        "bare_docs_per_s": round(len(files) / mb, 1),
        "ratio_vs_bare": round(mo / mb, 3),
    }


def long_pdf(pages: int = 200) -> Path:
    """A >= 200-page 公文 PDF, generated once with LibreOffice and cached."""
    out = CACHE / f"long_{pages}.pdf"
    if out.exists():
        return out
    CACHE.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    import make_gongwen_fixtures as mk  # noqa: E402
    import pdfplumber

    spec = dict(mk.SPECS[0], id="long")
    paras = pages * 5
    for _ in range(4):
        src = CACHE / "long.docx"
        mk.build_docx(spec, src, extra_paragraphs=paras)
        mk.soffice_convert([src], CACHE)
        with pdfplumber.open(str(CACHE / "long.pdf")) as pdf:
            n = len(pdf.pages)
        if n >= pages:
            break
        paras = int(paras * pages / max(n, 1) * 1.05) + 10
    (CACHE / "long.pdf").rename(out)
    return out


PEAK = """
import resource, sys, time
sys.path.insert(0, {root!r})
from datetime import date
from importers.readers import read_document
from importers.gongwen import parse
from publishing.checks import run_checks
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
doc = read_document({path!r})
p = parse(doc)
run_checks(p, today=date.today())
el = time.perf_counter() - t
hwm = 0
try:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
except OSError:
    pass
print(base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, doc.page_count, len(p.body_text), el, hwm)
"""


def peak_rss(path: Path) -> dict:
    code = PEAK.format(root=str(ROOT), path=str(path))
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    base_kb, peak_kb, pages, chars, el, hwm = int(out[0]), int(out[1]), int(out[2]), int(out[3]), float(out[4]), int(out[5])
    return {
        "pages": pages,
        "body_chars": chars,
        "seconds": round(el, 2),
        "pages_per_s": round(pages / el, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "rss_after_imports_mb": round(base_kb / 1024, 1),
        "vm_hwm_mb": round(hwm / 1024, 1) if hwm else None,
        "target_peak_rss_mb": 300,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-long-pdf", action="store_true", help="skip the 200-page PDF (needs soffice the first time)")
    args = ap.parse_args(argv)
    docx_files = sorted(FIX.glob("*.docx"))
    pdf_files = sorted(FIX.glob("*.pdf"))
    result = {}
    if not args.no_long_pdf:
        # first, while this process is still small: Linux carries a parent's peak RSS
        # into ru_maxrss of a fork+exec'd child, which would inflate the measurement
        try:
            result["pdf_200_pages"] = peak_rss(long_pdf(200))
        except (SystemExit, Exception) as exc:  # soffice missing etc.
            result["pdf_200_pages"] = {"error": f"{type(exc).__name__}: {exc}"}
    result["docx"] = compare(docx_files, bare_docx, args.rounds)
    result["pdf"] = compare(pdf_files, bare_pdf, args.rounds)
    result["target_ratio"] = 1.3
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
