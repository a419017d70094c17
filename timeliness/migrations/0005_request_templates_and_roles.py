from django.db import migrations


def forwards(apps, schema_editor):
    from cms.site.roles import sync_roles  # noqa: PLC0415 — the live role rules (officers handle requests)
    from timeliness.reply_texts import DEFAULT_BODIES  # noqa: PLC0415
    from timeliness.request_rules import REMEDIES  # noqa: PLC0415

    ReplyTemplate = apps.get_model("timeliness", "ReplyTemplate")
    for key, body in DEFAULT_BODIES.items():
        ReplyTemplate.objects.get_or_create(reply_type=key, defaults={"body": body, "remedies": REMEDIES})
    DisclosureRequest = apps.get_model("timeliness", "DisclosureRequest")
    DisclosureRequest.objects.filter(replied_on__isnull=False, outcome="other_1").update(status="abandoned")
    DisclosureRequest.objects.filter(replied_on__isnull=False).exclude(outcome="other_1").update(status="replied")
    sync_roles()


class Migration(migrations.Migration):
    dependencies = [("timeliness", "0004_disclosure_request_workflow"), ("cms", "0002_roles")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
