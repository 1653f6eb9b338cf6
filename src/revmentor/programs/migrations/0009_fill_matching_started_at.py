"""Fill ``matching_started_at`` once from the audit trail, which code no longer reads."""

from django.db import migrations


def fill(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    AuditEntry = apps.get_model("core", "AuditEntry")
    started: dict[int, object] = {}
    for entry in AuditEntry.objects.filter(action="program.status_changed").order_by("at", "id"):
        if (entry.after or {}).get("status") == "matching" and entry.program_id:
            started[entry.program_id] = entry.at
    for pk, at in started.items():
        Program.objects.filter(pk=pk).update(matching_started_at=at)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0008_matching_started_at"),
        ("core", "0004_role_public_id"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
