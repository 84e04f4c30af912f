from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Career paths"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks, signals  # noqa: F401
        from .editors import sync_content_editors_group

        # Also after a test flush, and whenever a new content model brings new permissions.
        post_migrate.connect(sync_content_editors_group)
