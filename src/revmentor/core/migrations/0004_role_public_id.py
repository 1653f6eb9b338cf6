import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    Role = apps.get_model("core", "Role")
    for role in Role.objects.all().only("pk"):
        Role.objects.filter(pk=role.pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("core", "0003_sign_in_security")]

    operations = [
        migrations.AddField("role", "public_id", models.UUIDField(null=True, editable=False)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            "role", "public_id", models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
        ),
    ]
