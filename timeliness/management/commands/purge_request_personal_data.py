from django.core.management.base import BaseCommand

from timeliness import request_retention


class Command(BaseCommand):
    help = "清除保存期限届满的依申请公开申请人个人信息（REQUEST_PERSONAL_DATA_RETENTION_DAYS）"

    def handle(self, *args, **options):
        count = request_retention.purge()
        self.stdout.write(f"已清除 {count} 件申请的申请人个人信息（保存期限 {request_retention.retention_days()} 日）")
