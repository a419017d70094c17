"""python manage.py load_content FILE.jsonl [--dry-run]  (design §2.7)

Exit status 0 only when every line loaded; 1 when any line was refused (the good lines are still loaded, and a
summary counts refusals by reason, with the first lines of each) or a loaded document could not be written to the
search index (named by its title; it stays in the search outbox, which the beat retries). --dry-run validates every line — the publication
gate included — and writes nothing (database, search outbox and index, page cache). A second run of the same file
reports its lines as unchanged and changes nothing. Progress goes to stderr (a bar on a terminal)."""
from django.core.management.base import BaseCommand, CommandError

from importers.content_loader import load_lines
from publishing.load_report import finish, nothing_written, progress, ticking

OUTCOMES = (("created", "新增"), ("updated", "更新"), ("unchanged", "未变化"))


def headline(report, dry_run):
    kinds = "，".join(f"{kind} {n} 条" for kind, n in report.loaded.items()) or "没有加载任何内容"
    outcomes = "，".join(f"{label} {report.outcomes.get(key, 0)} 条" for key, label in OUTCOMES)
    return f"{'可加载' if dry_run else '已加载'}：{kinds}（{outcomes}）"


class Command(BaseCommand):
    help = "加载内容交换文件（JSON Lines：guide、bundle、policy、catalogue_entry）"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="只校验（含发布检查），不写入")

    def handle(self, *args, file, dry_run=False, **options):
        try:
            with open(file, encoding="utf-8-sig") as fh:
                total = sum(1 for _ in fh)
                fh.seek(0)
                with progress(self.stderr, desc="加载内容", total=total) as tick, nothing_written(dry_run):
                    report = load_lines(ticking(fh, tick))
        except FileNotFoundError as exc:
            raise CommandError(f"文件不存在：{file}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"文件不是 UTF-8 编码：{file}") from exc
        finish(self, headline=headline(report, dry_run), refused=report.errors, warnings=report.warnings,
               dry_run=dry_run)
