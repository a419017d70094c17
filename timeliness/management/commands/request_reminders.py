from django.core.management.base import BaseCommand

from timeliness import request_queue


class Command(BaseCommand):
    help = "依申请公开每日处理：逾期未补正的视为放弃申请，提醒承办人员即将到期和已超期的申请"

    def handle(self, *args, **options):
        r = request_queue.daily()
        self.stdout.write(f"视为放弃 {r['abandoned']} 件；已超期 {r['overdue']} 件；即将到期 {r['due_soon']} 件；提醒邮件 {r['mailed']} 人")
