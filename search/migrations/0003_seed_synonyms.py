"""Seed the admin-editable synonyms from search/data/synonyms.txt (everyday wording → official terms)."""
from pathlib import Path

from django.db import migrations

SYNONYMS = Path(__file__).resolve().parent.parent / "data" / "synonyms.txt"


def seed(apps, schema_editor):
    Synonym = apps.get_model("gongkai_search", "Synonym")
    for line in SYNONYMS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            Synonym.objects.get_or_create(rule=line[:300])


def unseed(apps, schema_editor):
    apps.get_model("gongkai_search", "Synonym").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("gongkai_search", "0002_fulltext")]
    operations = [migrations.RunPython(seed, unseed)]
