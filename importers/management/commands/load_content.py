"""python manage.py load_content FILE.jsonl [--dry-run]  (design §2.7)

Exit status 0 only when every line loaded; 1 when any line was refused (the good lines are still loaded, and a
summary counts refusals by reason). --dry-run validates every line — the publication gate included — and writes
nothing."""
import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from importers.content_loader import load_lines


def reason_of(message):
    """The kind of a refusal for the summary: “不能发布” and its first clause, or the validation message's head."""
    head, _, rest = message.partition("：")
    if head == "不能发布" and rest:
        return f"不能发布（{rest.split('，')[0].split('（')[0][:30]}）"
    return head[:40]


class Command(BaseCommand):
    help = "加载内容交换文件（JSON Lines：guide、bundle、policy、catalogue_entry）"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="只校验（含发布检查），不写入")

    def handle(self, *args, file, dry_run=False, **options):
        try:
            with open(file, encoding="utf-8-sig") as fh:
                if dry_run:
                    with transaction.atomic():
                        report = load_lines(fh)
                        transaction.set_rollback(True)
                else:
                    report = load_lines(fh)
        except FileNotFoundError as exc:
            raise CommandError(f"文件不存在：{file}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"文件不是 UTF-8 编码：{file}") from exc
        summary = "，".join(f"{kind} {n} 条" for kind, n in report.loaded.items()) or "没有加载任何内容"
        self.stdout.write(self.style.SUCCESS(f"{'试运行（未写入），可加载' if dry_run else '已加载'}：{summary}"))
        for number, message in report.errors:
            self.stdout.write(self.style.ERROR(f"第{number}行：{message}"))
        if report.errors:
            counts = Counter(reason_of(message) for _, message in report.errors)
            self.stdout.write(self.style.WARNING(
                f"共 {len(report.errors)} 行被拒绝，已跳过；其余内容{'可以' if dry_run else '已'}加载。按原因："
                + "；".join(f"{reason} {n} 行" for reason, n in counts.most_common())
            ))
            sys.exit(1)
