"""python manage.py inspect_site [--json] [--external] [--site HOST] (design §2.15)

Checks the site against the 国办秘函〔2019〕19号 indicators and stores the run. With --json it prints one object
{"checked_at", "veto", "indicators": [{"code", "name", "status", "count", "items": [{"url", "detail"}]}]}.
Exit status 0 whether or not problems were found; 2 if the inspection cannot run. Internal links are checked through
Django's test client, or on the served copy named by INSPECT_BASE_URL; external links only with --external (the
nightly task checks them). In a site group (站群) --site names the site to inspect; without it, the default site."""
import json as _json
import logging

from django.core.management.base import BaseCommand, CommandError

from inspection import indicators, runner

logger = logging.getLogger("gongkai.inspection")


class Command(BaseCommand):
    help = "网站自查：按国办秘函〔2019〕19号指标检查本站并保存结果"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
        parser.add_argument("--external", action="store_true", help="同时检查外部链接（需要联网）")
        parser.add_argument("--site", metavar="HOST", default="", help="站群中要自查的站点域名（默认：默认站点）")

    def handle(self, *args, json: bool = False, external: bool = False, site: str = "", **options):
        chosen = runner.site_by_hostname(site)
        if site and chosen is None:
            raise CommandError(f"未找到域名为“{site}”的站点，请检查 --site 参数", returncode=2)
        try:
            run = runner.run(external=external, site=chosen)
        except Exception as exc:
            logger.exception("inspect_site failed")
            raise CommandError(f"网站自查无法运行：{exc}", returncode=2) from exc
        if json:
            self.stdout.write(_json.dumps(run.as_json(), ensure_ascii=False))
            return
        self.stdout.write(f"网站自查{run.site_label}（{run.started_at:%Y-%m-%d %H:%M}）：检查页面 {run.pages_checked} 个，链接 {run.links_checked} 个")
        for r in run.results:
            veto = "（单项否决）" if r["status"] == indicators.FAIL and indicators.BY_CODE[r["code"]].veto else ""
            self.stdout.write(f"  {r['name']}：{indicators.STATUS_NAMES[r['status']]}{veto}，{r['count']} 项")
            for item in r["items"][:5]:
                self.stdout.write(f"    {item['url']}  {item['detail']}")
            if r["count"] > 5:
                self.stdout.write(f"    …… 共 {r['count']} 项，完整结果见后台“网站自查”")
        verdict = "不合格（存在单项否决问题）" if run.veto else "未发现单项否决问题"
        self.stdout.write(self.style.ERROR(f"结论：{verdict}") if run.veto else self.style.SUCCESS(f"结论：{verdict}"))

