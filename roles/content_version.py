"""
A single number that changes whenever editors change any content.

Cached pages and ETags include it, so an edit shows on the very next request on
every instance, however long pages are otherwise cached. With Redis the number lives
in the shared cache. Without it (the embedded default), each process has a cache of
its own, so the number is the modification time of a file every process on the
machine reads: an edit handled by one worker is seen at once by all the others.
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

CONTENT_VERSION_KEY = "content-version"


def _version_file() -> Path | None:
    name = getattr(settings, "CONTENT_VERSION_FILE", "")
    return Path(name) if name else None


def content_version() -> str:
    path = _version_file()
    if path is not None:
        try:
            return str(path.stat().st_mtime_ns)
        except FileNotFoundError:
            bump_content_version()
            return str(path.stat().st_mtime_ns)
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        # add() rather than set(): when two requests race, the first value wins.
        cache.add(CONTENT_VERSION_KEY, version, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, version)
    return version


def bump_content_version() -> None:
    path = _version_file()
    if path is None:
        cache.set(CONTENT_VERSION_KEY, str(time.time_ns()), timeout=None)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    now = time.time_ns()
    os.utime(path, ns=(now, now))
