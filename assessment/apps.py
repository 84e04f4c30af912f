from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = "Self-assessment"

    def ready(self):
        from . import checks  # noqa: F401
