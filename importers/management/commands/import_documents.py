"""python manage.py import_documents PATH... [--dry-run] [--json]  (design §2.5)"""
import json
from pathlib import Path

from django.core.management.base import BaseCommand

from importers.services import EMPTY_FIELDS, import_file

SUPPORTED = {".docx", ".pdf", ".txt"}


def expand(paths):
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
        else:
            yield path


class Command(BaseCommand):
    help = "导入公文文件（docx/pdf/txt）或目录：解析公文要素并进行发布前检查"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="只解析和检查，不写入任何数据")
        parser.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")

    def handle(self, *args, paths, dry_run, json: bool, **options):
        as_json = json
        for path in expand(paths):
            if not path.exists():
                result = {"source": str(path), "error": f"文件不存在：{path}"}
                self._emit(result, as_json)
                continue
            outcome = import_file(path, source="cli", dry_run=dry_run)
            self._emit(outcome.as_json(), as_json)

    def _emit(self, result, as_json):
        if as_json:
            full = {"source": result["source"], **EMPTY_FIELDS, **result}
            self.stdout.write(_dumps(full))
            return
        if result.get("error"):
            self.stdout.write(self.style.ERROR(f"✗ {result['source']}：{result['error']}"))
            return
        blocks = [c for c in result.get("checks", []) if c["severity"] == "block"]
        warns = [c for c in result.get("checks", []) if c["severity"] == "warn"]
        mark = "⛔" if blocks else "✓"
        self.stdout.write(f"{mark} {result['source']}：{result.get('title') or '（无标题）'} {result.get('doc_number') or ''}")
        for check in blocks + warns:
            self.stdout.write(f"    [{'禁止' if check['severity'] == 'block' else '提醒'}] {check['message']}")


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False, default=str)
