"""Wagtail creates its tree root and root collection named "Root"; the admin shows them ("浏览: Root"), so they get
Chinese names. Only the stock names are changed: a name someone chose is kept."""
from django.db import migrations

NAMES = {"page": ("Root", "全部站点"), "collection": ("Root", "全部文件")}


def rename(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    old, new = NAMES["page"]
    Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)
    old, new = NAMES["collection"]
    Collection.objects.filter(depth=1, name=old).update(name=new)


def restore(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    new, old = NAMES["page"][1], NAMES["page"][0]
    Page.objects.filter(depth=1, title=new).update(title=old, draft_title=old)
    Collection.objects.filter(depth=1, name=NAMES["collection"][1]).update(name=NAMES["collection"][0])


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0040_page_draft_title")]  # the first state with both fields renamed here
    operations = [migrations.RunPython(rename, restore)]
