from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
PER_MACHINE_CACHES = {"django.core.cache.backends.filebased.FileBasedCache"}


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Edits show on the next request only where every worker and instance shares the cache."""
    if settings.DEBUG:
        return []
    warnings = []
    for alias, config in settings.CACHES.items():
        backend = config["BACKEND"]
        if backend in PER_PROCESS_CACHES:
            warnings.append(
                checks.Warning(
                    f"The {alias!r} cache is kept per process ({backend}).",
                    hint="Set REDIS_URL: workers would otherwise serve pages from before an "
                    "edit and count rate limits apart.",
                    id="roles.W001",
                )
            )
        elif backend in PER_MACHINE_CACHES:
            warnings.append(
                checks.Warning(
                    f"The {alias!r} cache is kept on this machine only ({backend}).",
                    hint="Set REDIS_URL when more than one instance serves the site: the "
                    "others would otherwise serve pages from before an edit.",
                    id="roles.W002",
                )
            )
    return warnings
