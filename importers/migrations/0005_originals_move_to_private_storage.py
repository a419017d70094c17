import logging
import os
import posixpath
import secrets

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.db import migrations, models

import importers.storage
from importers.filenames import safe_name, shorten

log = logging.getLogger("gongkai.importers")


def _move(row, field, public, private):
    """One archived file from MEDIA_ROOT to private storage under a random folder. Idempotent: a row whose name is
    already in private storage is left alone; a file missing from MEDIA_ROOT is logged and skipped."""
    name = getattr(row, field).name
    if not name or private.exists(name):
        return
    if not public.exists(name):
        log.warning("archived file %s of %s %s is missing; not moved", name, row._meta.model_name, row.pk)
        return
    target = posixpath.join(posixpath.dirname(name), secrets.token_hex(16),
                            shorten(safe_name(posixpath.basename(name)), importers.storage.STORED_NAME_BYTES))
    with public.open(name, "rb") as fh:
        stored = private.save(target, File(fh))
    type(row).objects.filter(pk=row.pk).update(**{field: stored})
    os.remove(public.path(name))  # only once the row points at the private copy


def move_originals(apps, schema_editor):
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    private = importers.storage.private_storage()
    for model, field in (("ImportedDocument", "original"), ("ImportedFile", "file")):
        for row in apps.get_model("importers", model).objects.exclude(**{field: ""}).order_by("pk").iterator():
            _move(row, field, public, private)


class Migration(migrations.Migration):
    """Archived originals leave MEDIA_ROOT (which DEBUG and the web server serve to anyone) for private storage."""

    atomic = False  # each row is committed before its public file is removed, so an interruption loses nothing

    dependencies = [
        ("importers", "0004_publication_state_moves_to_publishing"),
    ]

    operations = [
        migrations.AlterField(
            model_name="importeddocument",
            name="original",
            field=models.FileField(blank=True, max_length=255, storage=importers.storage.private_storage,
                                   upload_to=importers.storage.archive_path, verbose_name="原始文件"),
        ),
        migrations.AlterField(
            model_name="importedfile",
            name="file",
            field=models.FileField(max_length=255, storage=importers.storage.private_storage,
                                   upload_to=importers.storage.archive_path),
        ),
        migrations.RunPython(move_originals, migrations.RunPython.noop),
    ]
