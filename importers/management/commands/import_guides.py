"""python manage.py import_guides FILE.xlsx — load a 事项清单 (one row per guide); errors per row."""
from django.core.management.base import BaseCommand, CommandError

from importers.guide_excel import SheetError, import_workbook


class Command(BaseCommand):
    help = "从 Excel 事项清单（.xlsx）导入办事指南（按事项编码更新，可重复执行）"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            report = import_workbook(file)
        except FileNotFoundError as exc:
            raise CommandError(f"文件不存在：{file}") from exc
        except SheetError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"已导入：新增 {report.created} 条，更新 {report.updated} 条，未变化 {report.unchanged} 条"
        ))
        for number, message in report.errors:
            self.stdout.write(self.style.ERROR(f"第{number}行：{message}"))
        if report.errors:
            self.stdout.write(self.style.WARNING(f"共 {len(report.errors)} 行有错误，已跳过；其余行已导入。"))
