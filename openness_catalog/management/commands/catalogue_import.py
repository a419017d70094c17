"""python manage.py catalogue_import FILE.xlsx [--dry-run] [--user USERNAME]

Every row is validated and passes the publication gate; good rows load, bad rows are reported with their row number.
Exit status 0 only when every row loaded, 1 otherwise (with a summary by reason and the first rows of each).
--dry-run writes nothing. Re-running the same file reports every row as unchanged."""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from openness_catalog.excel import WorkbookUnreadable, import_workbook
from publishing.load_report import finish, nothing_written, progress


class Command(BaseCommand):
    help = "导入基层政务公开标准目录（.xlsx）：逐行校验，合格的行导入，不合格的行按行号报告"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")
        parser.add_argument("--user", help="按该用户的栏目权限导入（默认不限栏目）")

    def handle(self, path, dry_run=False, user=None, **options):
        by = None
        if user:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"用户不存在：{user}")
        try:
            with open(path, "rb") as fh, progress(self.stderr, desc="导入标准目录") as tick, nothing_written(dry_run):
                report = import_workbook(fh, by=by, dry_run=dry_run, progress=tick)
        except FileNotFoundError as exc:
            raise CommandError(f"文件不存在：{path}") from exc
        except WorkbookUnreadable as exc:
            raise CommandError(str(exc)) from exc
        finish(self, headline=report.summary().removeprefix("（试运行，未写入）"), refused=report.errors, dry_run=dry_run)
