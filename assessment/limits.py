"""
How often the assessment may be submitted, counted by django-ratelimit in the
default cache, so every worker and instance counts against the same budget.

Two budgets, both counted on every submission: one per client address (generous:
a classroom shares one school address) and one per client, keyed on the browser's
CSRF cookie (small: one client repeating itself within seconds). A submission
without the cookie never gets this far: the CSRF check refuses it first.
"""

import logging
import re

from django.conf import settings
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

GROUP = "assessment-submission"
RATE_PATTERN = re.compile(r"^\d+/\d*[smhd]$", re.ASCII)


def valid_rate(value: object) -> bool:
    """Whether `value` is a rate django-ratelimit reads, such as 10/m or 100/5m."""
    return isinstance(value, str) and bool(RATE_PATTERN.match(value)) and value[0] != "0"


def client_address(group: str, request) -> str:
    # REMOTE_ADDR is the client as the site sees it; behind the documented proxy it is
    # set from X-Forwarded-For at the trusted hop, never from a header a client picks.
    return request.META.get("REMOTE_ADDR") or "unknown"


def client_browser(group: str, request) -> str:
    return request.COOKIES.get(settings.CSRF_COOKIE_NAME) or client_address(group, request)


def count_submission(request) -> int:
    """
    Count one submission against both budgets: 0 when it may go on, else the seconds until
    the budget that ran out comes back.
    """
    budgets = [
        (client_address, settings.ASSESSMENT_RATE_LIMIT),
        (client_browser, settings.ASSESSMENT_CLIENT_RATE_LIMIT),
    ]
    waits = [0]
    for key, rate in budgets:
        try:
            usage = get_usage(request, group=GROUP, key=key, rate=rate, increment=True)
        except Exception:  # each cache backend fails in its own way; a visitor never should
            logger.warning("Could not count an assessment submission", exc_info=True)
            continue
        if usage and usage["should_limit"]:
            waits.append(max(1, usage["time_left"]))
    return max(waits)
