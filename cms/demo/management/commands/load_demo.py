"""python manage.py load_demo — idempotent demo content, built through each app's own services.

Home, 政府信息公开 and its statutory columns, the policy library with policies and a 解读, the 1+9 catalogue,
demo users, guides and bundles, catalogue entries, timeliness history and the search corpus. Every page and entry
goes live through the publication gate (publishing.services.publish), so the demo has 索引号 and publication
records exactly as real content does.
"""
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo import catalogue, content, guides, history, inbox, ratings, search, sites, statutory, timeliness
from cms.guides.services import ensure_guide_index
from cms.policies.models import InterpretationPage
from cms.policies.services import ensure_library, upsert_policy
from cms.site import roles, skeleton
from openness_catalog.models import Column
from openness_catalog.services import ensure_national_domains
from publishing import events, services
from publishing.models import Organ
from reporting import demo as reporting_demo

DEMO_PASSWORD = "gongkai-demo"
DEMO_USERS = [
    ("admin", "系统管理员", None, True),
    ("siteadmin", "站点管理员", roles.SITE_ADMIN, False),
    ("officer", "信息公开专员", roles.OFFICER, False),
    ("editor", "芙蓉区目录编辑", roles.CATALOGUE_EDITOR, False),
    ("evaluator", "评估员", roles.EVALUATOR, False),
    ("furong", "芙蓉区站点编辑", "芙蓉区站点编辑", False),  # a district site's editor (站群: sitegroup.roles)
]
# Each domain adds its own demo content after the core site exists; each loader is idempotent.
LOADERS = [guides.load, catalogue.load, timeliness.load, ratings.load, reporting_demo.load, search.load]
GROUP_LOADERS = [reporting_demo.load]  # need the district sites (站群)
# The district sites come before the users: the district editor's group is made with its site.


class Command(BaseCommand):
    help = "加载演示内容（可重复执行）"

    def add_arguments(self, parser):
        parser.add_argument("--inbox", action="store_true",
                            help="另在公文收件箱留下几件经导入流程检查、等待公开或审查的演示公文（make setup 使用）")
        parser.add_argument("--history", action="store_true",
                            help="另加载各部门自2025年起的公开历史：公文经导入、检查后一键公开（时效统计据此计算；make setup 使用）")
        parser.add_argument("--city-only", action="store_true",
                            help="只加载市级站点，不建区县站点和信息报送（测试中不涉及站群的场合，加载更快）")

    @transaction.atomic
    def handle(self, *args, **options):
        with events.bulk():  # one publication of the whole demo: index and cache work once, at the end
            self.load(group=not options["city_only"])
            if options["history"]:
                history.load(stdout=self.stdout)
            if options["inbox"]:
                inbox.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("演示内容已加载"))

    def load(self, group=True):
        roles.sync_roles()
        home = skeleton.ensure_home(title="长沙市人民政府门户网站", site_name="长沙市人民政府", mode="demo")
        organs = {name: Organ.objects.get_or_create(name=name, defaults={"short_name": short, "index_prefix": prefix})[0]
                  for name, short, prefix in content.ORGANS}
        # The same skeleton as init_site (cms.setup), with the demo's Changsha wording for the sections it creates.
        intros = {slug: intro for slug, _, intro in content.OPENNESS_SUBCOLUMNS}
        intros["jczwgk"] = "长沙市“1+9”基层政务公开标准目录：1个市级栏目、9个区县（市）栏目。"
        skeleton.ensure_openness(home, mode="demo", intros=intros, bodies=statutory.BODIES)
        library = ensure_library(mode="demo", intro="长沙市现行有效及已失效、废止的政策文件。")
        self.policies(library, organs)
        ensure_guide_index(mode="demo")
        self.catalogue()
        if group:
            sites.load(home=home, stdout=self.stdout)
        self.users()
        for load in LOADERS if group else [lo for lo in LOADERS if lo not in GROUP_LOADERS]:
            load(home=home, stdout=self.stdout)

    def policies(self, library, organs):
        by_slug = {}
        for spec in content.POLICIES:
            page = library.get_children().filter(slug=spec["slug"]).first()
            if page is None:
                changed_on = spec.get("validity_changed_on")
                page, _ = upsert_policy(
                    slug=spec["slug"], title=spec["title"], doc_number=spec["doc_number"], issuers=spec["issuers"],
                    formed_on=date.fromisoformat(spec["formed_on"]), doc_type=spec["doc_type"], topic="\\".join(spec["topic"]),
                    keywords=spec["keywords"], validity=spec["validity"], body_html=spec["body"], mode="demo",
                    published_on=date.fromisoformat(spec["published_on"]),
                    validity_changed_on=date.fromisoformat(changed_on) if changed_on else None,
                )
            by_slug[spec["slug"]] = page.specific
        for spec in content.INTERPRETATIONS:
            if not library.get_children().filter(slug=spec["slug"]).exists():
                page = services.add_draft(library, InterpretationPage(
                    slug=spec["slug"], title=spec["title"], body=spec["body"], policy=by_slug[spec["policy"]]))
                services.publish(page, mode="demo")

    def catalogue(self):
        for order, name in enumerate(content.COLUMNS):
            Column.objects.get_or_create(name=name, defaults={"sort_order": order, "parent": None})
        ensure_national_domains()

    def users(self):
        User = get_user_model()
        for username, first_name, role, superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username, defaults={"first_name": first_name, "email": f"{username}@example.gov.cn"})
            if created:
                user.set_password(DEMO_PASSWORD)
                user.is_superuser = user.is_staff = superuser
                user.save()
            group = Group.objects.filter(name=role).first() if role else None
            if group is not None:  # a district's group exists only with the district sites
                user.groups.add(group)
        editor = User.objects.get(username="editor")
        Column.objects.get(name="芙蓉区").editors.add(editor)
        officer = User.objects.get(username="officer")
        for organ in Organ.objects.all():
            organ.officers.add(officer)
