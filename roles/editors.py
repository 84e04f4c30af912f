"""The "Content editors" group: may edit every piece of content, but not users or groups."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

CONTENT_EDITORS = "Content editors"
CONTENT_APPS = ("roles", "assessment")
# Rows the site writes itself: editors may look at them but not change them.
VIEW_ONLY_MODELS = {"roles.seededitem", "assessment.result", "assessment.resulttally"}


def content_editor_permissions():
    permissions = Permission.objects.none()
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            opts = model._meta
            actions = ["view"] if opts.label_lower in VIEW_ONLY_MODELS else opts.default_permissions
            permissions |= Permission.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                codename__in=[f"{action}_{opts.model_name}" for action in actions],
            )
    return permissions


def sync_content_editors_group(**kwargs):
    """Create the group if needed and grant it every content permission (post_migrate)."""
    group, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    group.permissions.add(*content_editor_permissions())
