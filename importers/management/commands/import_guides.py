"""python manage.py import_guides FILE.xlsx|FILE.csv [--dry-run] — load a 事项清单 (one row per guide).

The header spellings of the provincial 政务服务网 exports are understood (importers.guide_excel.HEADER_ALIASES);
columns it does not know are reported as a warning. A row that cannot load (no 事项名称 or 事项编码, a bad code,
refused by the publication gate…) is reported with its Excel row number and the others still load. Exit status 0
only when every row loaded, 1 otherwise (with a summary by reason). --dry-run validates every row, the publication
gate included, and writes nothing. Re-running the same file reports every row as unchanged."""
from django.core.management.base import BaseCommand, CommandError

from importers.guide_excel import SheetError, import_workbook
from publishing.load_report import finish, nothing_written, progress


class Command(BaseCommand):
    help = "从事项清单（Excel .xlsx 或 CSV）导入办事指南（按事项编码更新，可重复执行）"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="只校验（含发布检查），不写入")

    def handle(self, *args, file, dry_run=False, **options):
        try:
            with progress(self.stderr, desc="导入事项清单") as tick, nothing_written(dry_run):
                report = import_workbook(file, progress=tick)
        except FileNotFoundError as exc:
            raise CommandError(f"文件不存在：{file}") from exc
        except SheetError as exc:
            raise CommandError(str(exc)) from exc
        headline = (f"{'可导入' if dry_run else '已导入'}：新增 {report.created} 条，更新 {report.updated} 条，"
                    f"未变化 {report.unchanged} 条")
        finish(self, headline=headline, refused=report.errors, warnings=report.warnings, dry_run=dry_run)
