"""Runs each bench/bench_*.py as its own process (each prints one JSON object) and writes docs/benchmarks.md."""
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHES = [
    ("bench_workdays.py", "Working days: add_working_days(d, 20)", "target ≥ 1,000,000 calls/s; ratio vs a naive day-by-day loop"),
    ("bench_import.py", "Import: parse + checks", "target ratio ≤ 1.3 vs bare text extraction; peak memory ≤ 300 MB on a 200-page pdf"),
]


def discovered():
    """Further bench/bench_*.py files describe themselves: docstring line 1 is the title, line 2 the target."""
    known = {script for script, _, _ in BENCHES}
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        if path.name in known:
            continue
        import ast

        doc = (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or path.stem).strip().splitlines()
        yield path.name, doc[0], (doc[1] if len(doc) > 1 else "")


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return f"{platform.node()} — {cpu}, {os.cpu_count()} cores, {mem}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def flatten(obj, prefix=""):
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from flatten(value, name + ".")
        else:
            yield name, value


HAND_WRITTEN = "<!-- written by hand; make bench keeps this section -->"


def earlier_sections():
    path = ROOT / "docs" / "benchmarks.md"
    if not path.exists():
        return []
    return ["## " + part.rstrip("\n") + "\n" for part in path.read_text(encoding="utf-8").split("\n## ")[1:]]


def hand_written():
    """Sections a person wrote (e.g. before/after comparisons across commits) survive every run."""
    return [s for s in earlier_sections() if HAND_WRITTEN in s]


def merged_with_earlier(sections):
    """A partial run (named scripts) replaces only its own sections; the others keep their earlier measurement."""
    title_of = lambda section: section.split("\n", 1)[0]  # noqa: E731
    fresh = {title_of(s): s for s in sections}
    earlier = [s for s in earlier_sections() if HAND_WRITTEN not in s]
    merged = [fresh.pop(title_of(s), s) for s in earlier]
    return merged + list(fresh.values())


def main():
    only = set(sys.argv[1:])
    sections = []
    for script, title, target in BENCHES + list(discovered()):
        if only and script not in only:
            continue
        path = ROOT / "bench" / script
        if not path.exists():
            sections.append(f"## {title}\n\n_not yet built_ ({target})\n")
            continue
        print(f"running {script} …", flush=True)
        proc = subprocess.run([sys.executable, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=3600)
        if proc.returncode != 0:
            sections.append(f"## {title}\n\nFAILED:\n\n```\n{proc.stderr[-2000:]}\n```\n")
            continue
        out = proc.stdout
        result = json.loads(out[out.index("{"):])
        rows = "\n".join(f"| {k} | {v} |" for k, v in flatten(result))
        stamp = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
        sections.append(f"## {title}\n\n{target}\n\nMeasured {stamp:%Y-%m-%d %H:%M} (UTC+8).\n\n| metric | value |\n|---|---|\n{rows}\n")
        print(json.dumps(result, ensure_ascii=False), flush=True)
    kept = hand_written()
    if only:
        sections = merged_with_earlier(sections)
    sections = kept + sections
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
    text = (
        "# Benchmarks\n\nWritten by `make bench`.\n\n"
        f"- Date: {now:%Y-%m-%d %H:%M} (UTC+8)\n- Machine: {machine()}\n\n" + "\n".join(sections)
    )
    (ROOT / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")
    print("wrote docs/benchmarks.md")


if __name__ == "__main__":
    main()
