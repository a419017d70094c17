"""python manage.py catalogue_export FILE.xlsx [--column NAME ...] [--domain NAME ...]"""
from django.core.management.base import BaseCommand, CommandError

from openness_catalog.excel import export_bytes
from openness_catalog.models import CatalogueItem


class Command(BaseCommand):
    help = "导出基层政务公开标准目录（.xlsx），导出的文件可原样再导入"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--column", action="append", default=[], help="只导出这些栏目（可重复）")
        parser.add_argument("--domain", action="append", default=[], help="只导出这些领域（可重复）")

    def handle(self, path, column=(), domain=(), **options):
        items = CatalogueItem.objects.all()
        if column:
            items = items.filter(column__name__in=column)
        if domain:
            items = items.filter(domain__name__in=domain)
        try:
            with open(path, "wb") as fh:
                fh.write(export_bytes(items))
        except OSError as exc:
            raise CommandError(f"无法写入文件：{path}（{exc.strerror}）") from exc
        self.stdout.write(f"已导出{items.count()}条事项到 {path}")
