"""python manage.py pull_documents [--url URL] [--max-pages N] [--json]  (design §2.6)

Pulls approved documents from the OA system once and prints a Chinese summary. Exits non-zero when
IMPORT_SOURCE_URL is unset or the source cannot be reached.
"""
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from importers.oa_client import OASourceError
from importers.sync import pull_documents


class Command(BaseCommand):
    help = "从办文平台（OA）拉取已批准的公文（文件交换协议 v1）"

    def add_arguments(self, parser):
        parser.add_argument("--url", help="办文平台地址，默认使用 IMPORT_SOURCE_URL")
        parser.add_argument("--max-pages", type=int, default=None, help="最多读取的页数")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出同步报告")

    def handle(self, *args, url=None, max_pages=None, json: bool = False, **options):
        as_json = json
        base = url or getattr(settings, "IMPORT_SOURCE_URL", None)
        if not base:
            raise CommandError("未配置办文平台地址：请设置环境变量 IMPORT_SOURCE_URL，或使用 --url 指定")
        try:
            report = pull_documents(base, max_pages=max_pages)
        except OASourceError as exc:
            partial = getattr(exc, "report", None)
            if partial is not None and (partial.imported or partial.rejected):
                self.stderr.write(partial.summary())
            raise CommandError(f"同步失败：{exc.message}") from None
        if as_json:
            self.stdout.write(_dumps(report.as_dict()))
        else:
            self.stdout.write(report.summary())
        if report.rejected:
            self.stderr.write(self.style.WARNING(f"有 {len(report.rejected)} 份公文被拒收，将在下次同步时重试"))


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False)
