"""python manage.py search_index rebuild|check|drain — keep the search index true (docs/search.md)."""
from django.core.management.base import BaseCommand, CommandError

from search import dense, indexing, outbox


class Command(BaseCommand):
    help = "搜索索引：rebuild 重建（新索引+别名切换，零停机），check 一致性检查，drain 处理待索引队列"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check", "drain"])
        parser.add_argument("--engine", choices=["all", "database", "opensearch"], default="all")

    def handle(self, *args, action, engine, **options):
        targets = [e for e in indexing.engines() if engine in ("all", e.name)]
        if not targets:
            raise CommandError(f"未配置搜索引擎：{engine}（OpenSearch 需要设置 OPENSEARCH_URL）")
        if action == "drain":
            total = 0
            while True:
                n = outbox.drain()
                total += n
                if not n:
                    break
            self.stdout.write(f"已处理 {total} 条索引任务")
            return
        if action == "rebuild":
            for e in targets:
                n = indexing.rebuild(e)[e.name]
                self.stdout.write(self.style.SUCCESS(f"{e.name}：已重建，共 {n} 条"))
            names = dense.warm()
            if names:
                self.stdout.write(f"服务名称语义向量：{names} 条就绪")
            return
        drift = False
        for e in targets:
            report = indexing.check(e)
            self.stdout.write(indexing.describe(report))
            drift = drift or not report["ok"]
        if drift:
            raise CommandError("索引与数据库不一致")
