"""python manage.py catalogue_import FILE.xlsx [--dry-run] [--user USERNAME]"""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from openness_catalog.excel import WorkbookUnreadable, import_workbook


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
            with open(path, "rb") as fh:
                report = import_workbook(fh, by=by, dry_run=dry_run)
        except FileNotFoundError as exc:
            raise CommandError(f"文件不存在：{path}") from exc
        except WorkbookUnreadable as exc:
            raise CommandError(str(exc)) from exc
        for number, message in report.errors:
            self.stdout.write(f"第{number}行：{message}")
        self.stdout.write(report.summary())
