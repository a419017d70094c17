import django.db.models.deletion
from django.db import migrations, models


def copy_to_submissions(apps, schema_editor):
    """Every readable imported document becomes a publishing Submission carrying its state, schedule, deadline and
    overrides (which used to live on the imported document)."""
    ImportedDocument = apps.get_model("importers", "ImportedDocument")
    Submission = apps.get_model("publishing", "Submission")
    Override = apps.get_model("publishing", "Override")
    policy_model = None
    for label in ("policies", "cms"):  # wherever the policy page is in the migration state at this point
        try:
            policy_model = apps.get_model(label, "PolicyDocumentPage")
            break
        except LookupError:
            continue
    for doc in ImportedDocument.objects.filter(error="").order_by("pk"):
        parsed = doc.parsed or {}
        source_key = doc.external_id or f"import-{doc.pk}"
        if Submission.objects.filter(source_key=source_key, version=doc.version).exists():
            continue
        status = {"failed": "blocked"}.get(doc.status, doc.status) if doc.status else "ready"
        if status == "ready" and doc.scheduled_at:
            status = "scheduled"
        page = policy_model.objects.filter(source_key=source_key).first() if policy_model is not None else None
        sub = Submission.objects.create(
            source_key=source_key, version=doc.version, origin=doc.source, title=doc.title, doc_number=doc.doc_number,
            issuers=doc.issuers or [], doc_type=parsed.get("doc_type") or "", formed_on=doc.formed_on, changed_on=doc.changed_on,
            disclosure=doc.oa_disclosure or parsed.get("disclosure") or "", notes=[], header_lines=[], body_html=doc.body_html,
            received_at=doc.received_at, deadline_id=doc.deadline_id, status=status, scheduled_at=doc.scheduled_at,
            scheduled_by_id=doc.scheduled_by_id, page_id=page.pk if page is not None and status == "published" else None,
        )
        for done in doc.overrides or []:
            Override.objects.get_or_create(subject=f"submission-{sub.pk}", code=done.get("code", ""), evidence="",
                                           defaults={"reason": (done.get("reason") or "")[:300], "carried_from": f"importeddocument-{doc.pk}"})
        doc.submission_id = sub.pk
        doc.save(update_fields=["submission"])


class Migration(migrations.Migration):
    """Publication state leaves the ingest model: status, schedule, deadline and overrides move to publishing's
    Submission; the gate's dictionary (SensitiveWord) moves to publishing too (publishing 0002 and 0003)."""

    dependencies = [
        ("importers", "0003_schedule_and_references"),
        ("publishing", "0002_gate_submissions_and_records"),
        ("wagtailcore", "0098_apitoken"),
        ("cms", "0004_guides_full_elements"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="SensitiveWord")]),
        migrations.AddField(
            model_name="importeddocument",
            name="submission",
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                       related_name="imported_document", to="publishing.submission", verbose_name="待公开文件"),
        ),
        migrations.RunPython(copy_to_submissions, migrations.RunPython.noop),
        migrations.RemoveField(model_name="importeddocument", name="deadline"),
        migrations.RemoveField(model_name="importeddocument", name="overrides"),
        migrations.RemoveField(model_name="importeddocument", name="scheduled_at"),
        migrations.RemoveField(model_name="importeddocument", name="scheduled_by"),
        migrations.RemoveField(model_name="importeddocument", name="status"),
        migrations.AlterModelOptions(
            name="importeddocument",
            options={"ordering": ["-received_at"], "verbose_name": "导入的公文", "verbose_name_plural": "导入的公文"},
        ),
        migrations.AlterField(
            model_name="importeddocument",
            name="checks",
            field=models.JSONField(blank=True, default=list, help_text="仅供参考：公开时由发布闸门按公开内容重新检查", verbose_name="导入时的检查结果"),
        ),
    ]
