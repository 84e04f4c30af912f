from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .rate_limit import parse_rate


@checks.register(checks.Tags.security)
def check_rate_limit(app_configs, **kwargs):
    """Report a malformed ASSESSMENT_RATE_LIMIT at start-up, not at the first submission."""
    try:
        parse_rate(getattr(settings, "ASSESSMENT_RATE_LIMIT", None))
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="assessment.E001")]
    return []
