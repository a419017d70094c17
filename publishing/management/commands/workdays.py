"""python manage.py workdays due START N [--explain] | between START END | is DATE"""
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from publishing import workdays
from publishing.calendar_sync import sync_calendar
from publishing.deadlines import compute, explain_text


def parse_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value}") from exc


class Command(BaseCommand):
    help = "按法定工作日（含节假日与调休）计算期限"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        due = sub.add_parser("due", help="START 之后第 N 个工作日")
        due.add_argument("start")
        due.add_argument("n", type=int)
        due.add_argument("--explain", action="store_true", help="列出跨越的节假日与调休上班日")
        between = sub.add_parser("between", help="(START, END] 之间的工作日数")
        between.add_argument("start")
        between.add_argument("end")
        is_ = sub.add_parser("is", help="是否为工作日")
        is_.add_argument("day")

    def handle(self, *args, action, **options):
        sync_calendar()
        try:
            if action == "due":
                start, n = parse_date(options["start"]), options["n"]
                if n < 0:
                    raise CommandError("工作日数不能为负数")
                result = compute(start, n)
                self.stdout.write(result.due_on.isoformat() + ("（暂定）" if result.provisional else ""))
                if options["explain"]:
                    self.stdout.write(explain_text(result.explanation))
            elif action == "between":
                self.stdout.write(str(workdays.working_days_between(parse_date(options["start"]), parse_date(options["end"]))))
            else:
                self.stdout.write("工作日" if workdays.is_working_day(parse_date(options["day"])) else "休息日")
        except workdays.CalendarNotAvailable as exc:
            raise CommandError(str(exc)) from exc
