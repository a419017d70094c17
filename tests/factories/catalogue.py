"""Catalogue entries for portal tests (feeds, API), made through the ORM the way the catalogue admin saves them."""
from datetime import date

from django.utils import timezone


def published_entry(column_name="芙蓉区", domain_name="重大建设项目", title="芙蓉区2024年重大建设项目批准结果", **extra):
    from openness_catalog.models import CatalogueItem, Column, Domain, Entry

    column, _ = Column.objects.get_or_create(name=column_name)
    domain, _ = Domain.objects.get_or_create(name=domain_name)
    item, _ = CatalogueItem.objects.get_or_create(column=column, domain=domain, level1="批准服务信息", defaults={"level2": "审批结果"})
    fields = {"formed_on": date(2024, 5, 6), "published_at": timezone.now(), "body": "项目名称：某道路提质改造工程。", "unit": f"{column_name}发展和改革局"}
    if any(f.name == "status" for f in Entry._meta.get_fields()):
        fields["status"] = getattr(Entry, "PUBLISHED", "published")
    fields.update(extra)
    return Entry.objects.create(item=item, title=title, **fields)
