"""python manage.py load_content FILE.jsonl  (design §2.7)"""
from django.core.management.base import BaseCommand, CommandError

from importers.content_loader import load_lines


class Command(BaseCommand):
    help = "加载内容交换文件（JSON Lines：guide、bundle、policy、catalogue_entry）"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8-sig") as fh:
                report = load_lines(fh)
        except FileNotFoundError as exc:
            raise CommandError(f"文件不存在：{file}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"文件不是 UTF-8 编码：{file}") from exc
        summary = "，".join(f"{kind} {n} 条" for kind, n in report.loaded.items()) or "没有加载任何内容"
        self.stdout.write(self.style.SUCCESS(f"已加载：{summary}"))
        for number, message in report.errors:
            self.stdout.write(self.style.ERROR(f"第{number}行：{message}"))
        if report.errors:
            self.stdout.write(self.style.WARNING(f"共 {len(report.errors)} 行有错误，已跳过；其余内容已加载。"))
