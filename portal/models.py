"""Portal site settings that SiteIdentity (cms) does not hold: the gov.cn <meta> facts and footer links."""
from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="globe")
class PortalSettings(BaseSiteSetting):
    """主办单位, 网站标识码, ICP and 公安 numbers stay on SiteIdentity; this adds what the portal needs besides."""

    site_name = models.CharField("网站名称", max_length=100, default="长沙市人民政府门户网站",
                                 help_text="用于页面 SiteName 元数据和订阅源标题")
    site_domain = models.CharField("网站域名", max_length=100, blank=True, default="www.changsha.gov.cn",
                                   help_text="用于页面 SiteDomain 元数据，不含 http://")
    organizer = models.CharField("承办单位", max_length=100, blank=True, default="长沙市数据资源管理局")
    icp_url = models.URLField("ICP备案查询地址", blank=True, default="https://beian.miit.gov.cn/")
    police_url = models.URLField("公安备案查询地址", blank=True, default="https://beian.mps.gov.cn/")
    feed_items = models.PositiveSmallIntegerField("订阅源条目数", default=20)

    class Meta:
        verbose_name = "门户与开放接口"
