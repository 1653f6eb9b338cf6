"""Each program keeps its own HR contacts per organisation: copied from the shared registry."""

from django.db import migrations, models


def copy_hr_emails(apps, schema_editor):
    Participation = apps.get_model("programs", "Participation")
    for participation in Participation.objects.select_related("organisation").only(
        "pk", "organisation__hr_emails"
    ):
        Participation.objects.filter(pk=participation.pk).update(
            hr_emails=participation.organisation.hr_emails
        )


def copy_back(apps, schema_editor):
    Participation = apps.get_model("programs", "Participation")
    Organisation = apps.get_model("programs", "Organisation")
    for organisation in Organisation.objects.all():
        first = Participation.objects.filter(organisation=organisation).order_by("pk").first()
        if first is not None:
            Organisation.objects.filter(pk=organisation.pk).update(hr_emails=first.hr_emails)


class Migration(migrations.Migration):
    dependencies = [("programs", "0007_merge_20261130_2023")]

    operations = [
        migrations.AddField(
            model_name="participation",
            name="hr_emails",
            field=models.TextField(
                blank=True,
                help_text="One e-mail address per line. New applications are announced here.",
                verbose_name="local HR contact addresses",
            ),
        ),
        migrations.RunPython(copy_hr_emails, copy_back),
        migrations.RemoveField(model_name="organisation", name="hr_emails"),
    ]
