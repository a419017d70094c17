"""python manage.py refresh_catalogue — recompute 待更新 due dates (e.g. after a holiday notice was entered)."""
from django.core.management.base import BaseCommand

from openness_catalog.services import refresh_items


class Command(BaseCommand):
    help = "重新计算基层政务公开目录事项的最近更新和应更新日期"

    def handle(self, *args, **options):
        self.stdout.write(f"已更新{refresh_items()}条事项")
