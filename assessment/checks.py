from django.conf import settings
from django.core import checks

from .limits import valid_rate

RATE_SETTINGS = ("ASSESSMENT_RATE_LIMIT", "ASSESSMENT_CLIENT_RATE_LIMIT")


@checks.register(checks.Tags.security)
def check_rate_limit(app_configs, **kwargs):
    """Report a malformed submission limit at start-up, not at the first submission."""
    return [
        checks.Error(
            f"{name} is {getattr(settings, name, None)!r}; it must be a number of submissions "
            "per period, such as 10/m, 100/h or 30/5m (units s, m, h or d; at least 1).",
            id="assessment.E001",
        )
        for name in RATE_SETTINGS
        if not valid_rate(getattr(settings, name, None))
    ]
