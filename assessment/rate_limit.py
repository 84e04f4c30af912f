"""
A per-client submission limit, counted in Django's default cache.

The cache is shared by every worker in production (Redis), so the limit holds
across workers; with the local-memory cache of a development run it is per
process. Counting uses fixed windows: simple, and at worst lets a client send
twice the limit across a window boundary, which is fine for slowing down floods.
"""

import logging
import re
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

PERIOD_SECONDS = {"s": 1, "m": 60, "h": 60 * 60, "d": 60 * 60 * 24}
RATE_PATTERN = re.compile(
    r"^\s*(?P<count>\d+)\s*/\s*(?P<multiple>\d*)\s*(?P<unit>[smhd])\s*$", re.ASCII
)


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int  # seconds until the current window ends


def parse_rate(value: str) -> Rate:
    """Read a rate such as "10/m" or "100/5m" (units s, m, h, d) into a count per seconds."""
    match = RATE_PATTERN.match(value) if isinstance(value, str) else None
    count = int(match["count"]) if match else 0
    multiple = int(match["multiple"] or 1) if match else 0
    if count < 1 or multiple < 1:
        raise ImproperlyConfigured(
            f"ASSESSMENT_RATE_LIMIT is {value!r}; it must be a number of submissions per "
            "period, such as 10/m, 100/h or 30/5m (units s, m, h or d; at least 1 per period)."
        )
    return Rate(count=count, seconds=multiple * PERIOD_SECONDS[match["unit"]])


def hit(*, scope: str, client: str, rate: Rate, now: float | None = None) -> Decision:
    """Count one request from `client` and say whether it is within `rate`."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    key = f"rate-limit:{scope}:{client}:{window}"
    try:
        # add() only sets a missing key; incr() is atomic in Redis.
        cache.add(key, 0, timeout=rate.seconds + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add() and incr()
            cache.set(key, 1, timeout=rate.seconds + 1)
            count = 1
    except Exception:  # a cache that fails must not lose the visitor's answers
        logger.warning("The rate limit's cache is not answering; the submission is let through.")
        count = 0
    retry_after = max(1, int((window + 1) * rate.seconds - now))
    return Decision(allowed=count <= rate.count, retry_after=retry_after)


def client_address(request) -> str:
    """
    The client as the site sees it: REMOTE_ADDR. Behind a proxy or load balancer that
    is the proxy, so every visitor shares one budget; X-Forwarded-For is deliberately
    not trusted, since any client can forge it to dodge the limit.
    """
    return request.META.get("REMOTE_ADDR") or "unknown"
