"""
A single number that changes whenever editors change any content.

Cached pages and ETags include it, so an edit shows on the very next request on
every instance that shares the cache, however long pages are otherwise cached.
"""

import time

from django.core.cache import cache

CONTENT_VERSION_KEY = "content-version"


def content_version() -> str:
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        # add() rather than set(): when two requests race, the first value wins.
        cache.add(CONTENT_VERSION_KEY, version, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, version)
    return version


def bump_content_version() -> None:
    cache.set(CONTENT_VERSION_KEY, str(time.time_ns()), timeout=None)
