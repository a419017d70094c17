"""python manage.py annual_report YEAR [--organ X] --format docx|html|json [--output PATH] [--force]"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from publishing.models import Organ
from timeliness import annual_report, consistency, report_render


class Command(BaseCommand):
    help = "生成政府信息公开工作年度报告（国办公开办函〔2021〕30号格式），导出前进行勾稽检查"

    def add_arguments(self, parser):
        parser.add_argument("year", help="报告年度，例如 2025")
        parser.add_argument("--organ", default="", help="报告机关名称或编号；不填为本站机关（全部机关）")
        parser.add_argument("--format", choices=["docx", "html", "json"], default="html")
        parser.add_argument("--output", default="", help="输出文件；html/json 默认写到标准输出，docx 默认 annual-report-YEAR.docx")
        parser.add_argument("--force", action="store_true", help="勾稽检查未通过时仍然导出")

    def handle(self, *args, year, organ, format, output, force, **options):
        try:
            year = int(year)
        except ValueError:
            raise CommandError(f"年度「{year}」不正确，应为四位数字年份，例如 2025") from None
        if not 2000 <= year <= 2100:
            raise CommandError(f"年度 {year} 超出范围")
        organ_obj = None
        if organ:
            organ_obj = (Organ.objects.filter(pk=int(organ)).first() if organ.isdigit() else None) or Organ.objects.filter(name=organ).first()
            if organ_obj is None:
                raise CommandError(f"未找到机关「{organ}」")
        data = annual_report.build(year, organ_obj)
        failures = consistency.check(data)
        for failure in failures:
            self.stderr.write(f"勾稽检查未通过：{failure}")
        for label in annual_report.missing_sources(data):
            self.stderr.write(f"无数据来源：表二「{label}」未填报，年报中注明“无数据来源”")
        if failures and not force:
            raise CommandError(f"勾稽检查未通过（{len(failures)} 处），未导出。修正数据或正文后重试，或加 --force 强制导出。")
        if format == "docx":
            content = report_render.to_docx(data)
            path = Path(output or f"annual-report-{year}{'-' + organ_obj.name if organ_obj else ''}.docx")
            path.write_bytes(content)
            self.stdout.write(f"已生成 {path}（{len(content)} 字节）")
            return
        text = report_render.to_html(data, failures) if format == "html" else report_render.to_json(data, failures)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(f"已生成 {output}")
        else:
            self.stdout.write(text)
