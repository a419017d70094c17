"""A year's 政府信息公开工作年度报告 published on the site: a page of the 政府信息公开年报 column (条例 Art. 49, 50).

The page's 正文 is the report as the admin previews it (the official tables of 国办公开办函〔2021〕30号), rendered
when it is published; it goes live through the publication gate like every page, and its 发布日期 is stamped by
the system. Publishing again after the register changed replaces the text (a new revision of the same page).
A report is refused while its 勾稽 checks fail or while section five still holds the placeholder."""
from django.template.loader import render_to_string
from django.utils.text import slugify

from cms.site import group_names, skeleton
from cms.site.models import SectionPage
from publishing import services
from publishing.gate import PublishRefused
from timeliness import annual_report, consistency, report_render
from timeliness.models import AnnualReport

COLUMN_SLUG = "xxgknb"


def column(organ=None):
    """The 政府信息公开年报 sub-column of the organ's site — a district organ's report goes to the district's site
    (站群) — made with the statutory skeleton when it is missing."""
    openness = skeleton.ensure_openness(group_names.home_for_issuers([organ.name]) if organ is not None else None)
    return openness.get_children().filter(slug=COLUMN_SLUG).specific().first() or skeleton.ensure_child(
        openness, SectionPage, COLUMN_SLUG, title="政府信息公开年报", intro="本机关政府信息公开工作年度报告。")


def slug_for(year, organ=None):
    return f"{year}" if organ is None else slugify(f"{year}-{organ.pk}")


def body_html(data):
    return render_to_string("timeliness/_annual_report_body.html", {**report_render.context(data), "show_draft_note": False})


def refusals(data, organ=None):
    """Why this report may not be published yet (Chinese sentences), before anything is written."""
    reasons = [f"勾稽检查未通过：{f.cell}：{f.message}" for f in consistency.check(data)]
    manual = AnnualReport.objects.filter(year=data["year"], organ=organ).first()
    if not (manual and manual.problems.strip()):
        reasons.append("请先在“年度报告”中填写“五、存在的主要问题及改进情况”，再发布到网站")
    return reasons


def published_page(year, organ=None):
    return column(organ).get_children().filter(slug=slug_for(year, organ)).specific().first()


def publish_report(year, organ=None, *, by=None, mode="editor"):
    """The report's page, created or updated and published; raises PublishRefused with every reason otherwise."""
    data = annual_report.build(year, organ)
    reasons = refusals(data, organ)
    if reasons:
        raise PublishRefused(reasons)
    page = published_page(year, organ)
    if page is None:
        page = SectionPage(slug=slug_for(year, organ), title=data["title"], intro=f"{data['organ_label']}{year}年度",
                           body=body_html(data))
        services.publish(page, by=by, mode=mode, parent=column(organ))
        return page
    page.title, page.draft_title, page.body = data["title"], data["title"], body_html(data)
    services.publish(page, by=by, mode=mode)
    return page
