"""Audit labels become pseudonymous: "user #<id>" for an account, no e-mail addresses."""

from django.db import migrations


def relabel(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    for entry in AuditEntry.objects.exclude(actor_id=None).iterator():
        AuditEntry.objects.filter(pk=entry.pk).update(actor_label=f"user #{entry.actor_id}")
    for entry in AuditEntry.objects.filter(actor_id=None, actor_label__contains="@").iterator():
        label = "manager" if entry.actor_label.startswith("manager ") else "former user"
        AuditEntry.objects.filter(pk=entry.pk).update(actor_label=label)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_merge_20261130_1932")]

    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
