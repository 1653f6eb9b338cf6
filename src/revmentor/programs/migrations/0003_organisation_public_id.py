import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    Organisation = apps.get_model("programs", "Organisation")
    for organisation in Organisation.objects.all().only("pk"):
        Organisation.objects.filter(pk=organisation.pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("programs", "0002_participation_nominated")]

    operations = [
        migrations.AddField("organisation", "public_id", models.UUIDField(null=True, editable=False)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            "organisation",
            "public_id",
            models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
    ]
