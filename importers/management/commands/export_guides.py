"""python manage.py export_guides FILE.xlsx [--site HOSTNAME] — write the published 事项清单 (one row per live guide,
the columns of the import template), which `import_guides` reads back unchanged; --site: one site of the group only."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from importers.guide_excel import export_workbook_bytes, published_guides


class Command(BaseCommand):
    help = "导出已发布的办事指南为事项清单（Excel .xlsx，可用 import_guides 再导入）"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--site", help="只导出站群中这一站点（域名）的办事指南")

    def handle(self, *args, file, site=None, **options):
        try:
            guides = list(published_guides(site))
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        try:
            Path(file).write_bytes(export_workbook_bytes(guides))
        except OSError as exc:
            raise CommandError(f"无法写入文件 {file}：{exc.strerror or exc}") from exc
        self.stdout.write(f"已导出 {len(guides)} 个办事指南：{file}")
