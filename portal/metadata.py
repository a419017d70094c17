"""Machine-readable metadata for public pages: gov.cn <meta> tags and schema.org JSON-LD."""
from django.utils import timezone

from cms.guides.models import ServiceGuidePage
from cms.policies.models import InterpretationPage, PolicyDocumentPage
from cms.site.models import SiteIdentity
from portal import site_facts
from portal.models import PortalSettings


def _settings(request):
    if request is None:
        return SiteIdentity(), PortalSettings()
    facts = site_facts.for_request(request)
    return facts.identity, facts.portal


def _local(dt):
    return timezone.localtime(dt) if dt else None


def gov_meta(page, request=None):
    """(name, content) pairs in the order gov.cn pages use them; empty values are left out."""
    identity, portal = _settings(request)
    column = page.get_parent().specific if page.pk and page.depth > 1 else None
    parent = (column.title, getattr(column, "intro", "") or "") if column is not None else None
    published = _local(getattr(page, "published_at", None) or page.first_published_at)
    tags = [
        ("SiteName", portal.site_name),
        ("SiteDomain", portal.site_domain),
        ("SiteIDCode", identity.site_code),
        ("ColumnName", parent[0] if parent else ""),
        ("ColumnDescription", parent[1] if parent else ""),
        ("ColumnKeywords", parent[0] if parent else ""),
        ("ColumnType", {PolicyDocumentPage: "政策文件", InterpretationPage: "政策解读"}.get(type(page), page._meta.verbose_name)),
        ("ArticleTitle", page.title),
        ("PubDate", published.strftime("%Y-%m-%d %H:%M") if published else ""),
    ]
    if isinstance(page, PolicyDocumentPage):
        tags += [
            ("ContentSource", page.issuer_names),
            ("Keywords", page.keywords),
            ("Description", page.search_description or page.title),
            ("Url", request.build_absolute_uri(page.get_url(request)) if request else page.url or ""),
        ]
    else:
        tags += [("ContentSource", identity.sponsor), ("Description", page.search_description or page.title)]
    return [(k, v) for k, v in tags if v]


def json_ld(page, request=None):
    """schema.org Legislation for policies, GovernmentService for service guides, else None."""
    identity, portal = _settings(request)
    url = page.get_url(request) if page.pk else None
    url = request.build_absolute_uri(url) if request and url else url
    if isinstance(page, PolicyDocumentPage):
        published = _local(page.published_at)
        data = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": page.title,
            "url": url,
            "inLanguage": "zh-CN",
            "legislationIdentifier": page.doc_number or None,
            "legislationDate": page.formed_on.isoformat() if page.formed_on else None,
            "datePublished": published.isoformat() if published else None,
            "legislationPassedBy": [{"@type": "GovernmentOrganization", "name": o.name} for o in page.issuer_list],
            "legislationLegalForce": {"有效": "InForce", "失效": "NotInForce", "废止": "NotInForce"}[page.validity],
            "legislationType": page.doc_type or None,
            "keywords": page.keywords or None,
            "identifier": page.index_number or None,
            "publisher": {"@type": "GovernmentOrganization", "name": identity.sponsor},
        }
        if page.replaced_by_id and page.replaced_by and page.replaced_by.live:
            data["supersededBy"] = request.build_absolute_uri(page.replaced_by.url) if request else page.replaced_by.url
        return {k: v for k, v in data.items() if v not in (None, "", [])}
    if isinstance(page, ServiceGuidePage):
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": page.title,
            "url": url,
            "identifier": page.code,
            "serviceType": page.item_type or None,
            "provider": {"@type": "GovernmentOrganization", "name": page.department} if page.department else None,
            "areaServed": identity.sponsor.replace("人民政府办公厅", "").replace("人民政府", "") or None,
            "availableChannel": [
                c for c in (
                    {"@type": "ServiceChannel", "name": "现场办理", "availableLanguage": "zh-CN",
                     "servicePhone": {"@type": "ContactPoint", "telephone": page.phone} if page.phone else None,
                     "serviceLocation": {"@type": "Place", "address": page.location} if page.location else None},
                    {"@type": "ServiceChannel", "name": "网上办理", "serviceUrl": page.online_url} if page.online_url else None,
                ) if c
            ],
        }
        for channel in data["availableChannel"]:
            for key in [k for k, v in channel.items() if v is None]:
                del channel[key]
        return {k: v for k, v in data.items() if v not in (None, "", [])}
    return None
