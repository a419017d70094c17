"""Admin: 差评整改 (queue and case pages), 好差评统计 (figures, the ratings behind them, XLSX export), the home panel."""
from django.urls import path, reverse
from wagtail import hooks

from cms.site.admin_menu import PermissionMenuItem
from ratings import admin_views
from ratings.panels import CasesPanel


@hooks.register("register_admin_urls")
def register_ratings_urls():
    return [
        path("ratings/", admin_views.overview, name="ratings_overview"),
        path("ratings/list/", admin_views.rating_list, name="ratings_list"),
        path("ratings/list/export.xlsx", admin_views.export_xlsx, name="ratings_export"),
        path("ratings/cases/", admin_views.case_list, name="ratings_cases"),
        path("ratings/cases/<int:pk>/", admin_views.case_detail, name="ratings_case"),
    ]


@hooks.register("register_admin_menu_item")
def register_cases_menu_item():
    return PermissionMenuItem("差评整改", reverse("ratings_cases"), permission=admin_views.VIEW_CASES, icon_name="warning", order=217)


@hooks.register("register_admin_menu_item")
def register_overview_menu_item():
    return PermissionMenuItem("好差评统计", reverse("ratings_overview"), permission=admin_views.VIEW_RATINGS, icon_name="pick", order=221)


@hooks.register("construct_homepage_panels")
def cases_panel(request, home_panels):
    if request.user.has_perm(admin_views.HANDLE):
        home_panels.append(CasesPanel())
