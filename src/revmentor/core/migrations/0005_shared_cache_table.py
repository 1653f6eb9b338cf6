"""The table of the shared database cache (settings.CACHES), created with the schema."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_role_public_id")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
