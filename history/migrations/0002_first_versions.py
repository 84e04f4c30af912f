from django.db import migrations

from history.first_versions import record_first_versions


def forwards(apps, schema_editor):
    record_first_versions(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("history", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
