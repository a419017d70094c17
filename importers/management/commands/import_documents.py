"""python manage.py import_documents PATH... [--dry-run] [--json]  (design §2.5)

A file that cannot be read (or does not exist) is refused: it is reported, the others still import, and the exit
status is 1 with a summary by reason. A file whose content was already imported (same SHA-256) is skipped as
unchanged, so re-running on the same folder changes nothing. --dry-run parses and checks every file and writes
nothing: no record, no archived original. With --json the summary goes to stderr, stdout keeping one JSON object
per document."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand

from importers.models import ImportedDocument
from importers.services import EMPTY_FIELDS, import_file, sha256_of
from publishing.load_report import finish, nothing_written, progress

SUPPORTED = {".docx", ".pdf", ".txt"}


def expand(paths):
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
        else:
            yield path


class _Summary:
    """finish() writes to command.stdout; with --json that must stay JSON only, so the summary goes to stderr."""

    def __init__(self, command, as_json):
        self.stdout = command.stderr if as_json else command.stdout
        self.style = command.style


class Command(BaseCommand):
    help = "导入公文文件（docx/pdf/txt）或目录：解析公文要素并进行发布前检查"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="只解析和检查，不写入任何数据")
        parser.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")

    def handle(self, *args, paths, dry_run, json: bool, **options):
        as_json = json
        files = list(expand(paths))
        refused, counts = [], {"imported": 0, "unchanged": 0, "blocked": 0}
        with progress(self.stderr, desc="导入公文", total=len(files), unit="个文件", every=100) as tick, \
                nothing_written(dry_run):
            for path in files:
                result = self._one(path, dry_run, counts)
                self._emit(result, as_json, skipped=result.pop("_skipped", False))
                if result.get("error"):
                    refused.append((str(path), result["error"]))
                tick()
        headline = (f"{'可导入' if dry_run else '已导入'} {counts['imported']} 个文件（其中 {counts['blocked']} 个有禁止发布的问题，"
                    f"已进入待办，不会自动公开），内容相同已跳过 {counts['unchanged']} 个")
        finish(_Summary(self, as_json), headline=headline, refused=refused, dry_run=dry_run, unit="个文件")

    def _one(self, path, dry_run, counts):
        if not path.is_file():
            return {"source": str(path), "error": f"文件不存在：{path}"}
        already = ImportedDocument.objects.filter(sha256=sha256_of(path)).exists()
        outcome = import_file(path, source="cli", dry_run=dry_run or already)
        result = outcome.as_json()
        if already and not result.get("error"):
            counts["unchanged"] += 1
            result["_skipped"] = True
        elif not result.get("error"):
            counts["imported"] += 1
            counts["blocked"] += any(c["severity"] == "block" for c in result.get("checks", []))
        return result

    def _emit(self, result, as_json, skipped=False):
        if as_json:
            full = {"source": result["source"], **EMPTY_FIELDS, **result}
            self.stdout.write(_dumps(full))
            return
        if result.get("error"):
            self.stdout.write(self.style.ERROR(f"✗ {result['source']}：{result['error']}"))
            return
        blocks = [c for c in result.get("checks", []) if c["severity"] == "block"]
        warns = [c for c in result.get("checks", []) if c["severity"] == "warn"]
        mark = "=" if skipped else "⛔" if blocks else "✓"
        note = "（已导入过，内容相同，跳过）" if skipped else ""
        self.stdout.write(f"{mark} {result['source']}：{result.get('title') or '（无标题）'} {result.get('doc_number') or ''}{note}")
        for check in blocks + warns:
            self.stdout.write(f"    [{'禁止' if check['severity'] == 'block' else '提醒'}] {check['message']}")


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False, default=str)
