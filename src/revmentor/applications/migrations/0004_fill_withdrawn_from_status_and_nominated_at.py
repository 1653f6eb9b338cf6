"""Fill the new columns once from the audit trail, which code no longer reads."""

from django.db import migrations


def fill(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    AuditEntry = apps.get_model("core", "AuditEntry")
    entries = AuditEntry.objects.filter(
        object_type="applications.Application",
        action__in=["application.withdrawn", "application.decided"],
    ).order_by("at", "id")
    withdrawn_from: dict[int, str] = {}
    nominated_at: dict[int, object] = {}
    for entry in entries.iterator():
        if not str(entry.object_id).isdigit():
            continue
        pk = int(entry.object_id)
        if entry.action == "application.withdrawn":
            withdrawn_from[pk] = str((entry.before or {}).get("status", ""))[:20]
        elif (entry.after or {}).get("status") == "nominated":
            nominated_at[pk] = entry.at
    for pk, status in withdrawn_from.items():
        Application.objects.filter(pk=pk, status="withdrawn").update(withdrawn_from_status=status)
    for pk, at in nominated_at.items():
        Application.objects.filter(pk=pk, nominated_at__isnull=True).update(nominated_at=at)
    # Nominated without an audited decision (registered by hand, demo data): the decision time.
    for application in Application.objects.filter(
        status="nominated", nominated_at__isnull=True, decided_at__isnull=False
    ):
        application.nominated_at = application.decided_at
        application.save(update_fields=["nominated_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_withdrawn_from_status_and_nominated_at"),
        ("core", "0004_role_public_id"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
