"""python manage.py init_site --name NAME --org-code USCC [--hostname HOST] (design §2.11)
[--parent HOST --slug SLUG [--column NAME]]: a district or county site of the group under the parent site (§2.13)."""
from django.core.management.base import BaseCommand, CommandError

from cms.setup.site import add_district_site, init_site


class Command(BaseCommand):
    help = ("初始化正式站点：栏目骨架（政府信息公开及法定栏目、政策文件库、办事服务、基层政务公开）和角色，"
            "不含演示用户和内容（可重复执行）")

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="机关（站点）名称，例如 某某市人民政府")
        parser.add_argument("--org-code", required=True, help="机关的18位统一社会信用代码（GB 32100），用于索引号")
        parser.add_argument("--hostname", help="站点域名，例如 www.example.gov.cn")
        parser.add_argument("--parent", help="站群：上级站点的域名；给出时新建（或更新）该站点下的区县站点")
        parser.add_argument("--slug", help="区县站点的英文标识，例如 furong（默认域名为 标识.上级域名）")
        parser.add_argument("--column", help="区县站点在“1+9”目录中的栏目名称，例如 芙蓉区（默认为名称去掉“人民政府”）")

    def handle(self, *args, name, org_code, hostname=None, parent=None, slug=None, column=None, **options):
        try:
            if parent:
                changes = add_district_site(name=name, org_code=org_code, parent=parent, slug=slug, column=column,
                                            hostname=hostname)
            else:
                changes = init_site(name=name, org_code=org_code, hostname=hostname)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for change in changes:
            self.stdout.write(change)
        if changes:
            self.stdout.write(self.style.SUCCESS(f"站点“{name.strip()}”已初始化"))
        else:
            self.stdout.write(self.style.SUCCESS(f"站点“{name.strip()}”已是最新，未作更改"))
