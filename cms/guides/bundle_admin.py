"""Admin flag for an 一件事 whose promised time limit is shorter than one of its guides' (registered from wagtail_hooks).

The public page then shows the guides' limit instead of the bundle's promise (templates/guides/bundle_page.html);
here the editor opening the bundle is told which guides conflict, so the promise or the guides get corrected."""
from django.contrib import messages
from wagtail import hooks

from cms.guides.models import BundlePage


def conflict_message(page) -> str:
    conflicts = page.gains.promise_conflicts
    if not conflicts:
        return ""
    guides = "、".join(f"“{name}”（{days}个工作日）" for name, days in conflicts)
    return (f"承诺时限待核实：“{page.title}”承诺 {page.promised_limit_days} 个工作日，短于所含事项 {guides}。"
            "公开页面不展示该承诺时限和时限压缩比例；请修改一件事的承诺时限，或先缩短相应事项的承诺期限。")


@hooks.register("before_edit_page")
def flag_bundle_promise(request, page):
    if request.method == "GET" and isinstance(page, BundlePage):
        message = conflict_message(page)
        if message:
            messages.warning(request, message)
