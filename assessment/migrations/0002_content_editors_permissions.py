from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Content editors"
EDITABLE_MODELS = ["question", "questionweight", "assessmentsettings"]
VIEW_ONLY_MODELS = ["result"]


def grant_content_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so
    # the group can be given them in the same run.
    app_config = apps.get_app_config("assessment")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    editable = Permission.objects.filter(
        content_type__app_label="assessment", content_type__model__in=EDITABLE_MODELS
    )
    view_only = Permission.objects.filter(
        content_type__app_label="assessment",
        content_type__model__in=VIEW_ONLY_MODELS,
        codename__startswith="view_",
    )
    group.permissions.add(*editable, *view_only)


def revoke_content_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="assessment")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0001_initial"),
        ("roles", "0002_content_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_content_editors, revoke_content_editors)]
