from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Content editors"
CONTENT_MODELS = [
    "degreeprogram",
    "jobtitle",
    "programpathway",
    "responsibility",
    "role",
    "roleskill",
    "skill",
    "source",
    "sourcenote",
    "worksetting",
]


def create_content_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so
    # the group can be given them in the same run.
    app_config = apps.get_app_config("roles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    permissions = Permission.objects.filter(
        content_type__app_label="roles", content_type__model__in=CONTENT_MODELS
    )
    group.permissions.add(*permissions)


def remove_content_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_content_editors, remove_content_editors)]
