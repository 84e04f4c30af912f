from django.conf import settings
from django.core import checks

PER_PROCESS = (
    "kept per process",
    "Set REDIS_URL: workers would otherwise serve pages from before an edit and count rate "
    "limits apart.",
    "roles.W001",
)
PER_MACHINE = (
    "kept on this machine only",
    "Set REDIS_URL when more than one instance serves the site: the others would otherwise "
    "serve pages from before an edit.",
    "roles.W002",
)
# Cache backends that not every worker and instance shares: where each keeps its entries.
UNSHARED_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache": PER_PROCESS,
    "django.core.cache.backends.dummy.DummyCache": PER_PROCESS,
    "django.core.cache.backends.filebased.FileBasedCache": PER_MACHINE,
}


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Edits show on the next request only where every worker and instance shares the cache."""
    if settings.DEBUG:
        return []
    warnings = []
    for alias, config in settings.CACHES.items():
        if config["BACKEND"] in UNSHARED_CACHES:
            kept, hint, check_id = UNSHARED_CACHES[config["BACKEND"]]
            message = f"The {alias!r} cache is {kept} ({config['BACKEND']})."
            warnings.append(checks.Warning(message, hint=hint, id=check_id))
    return warnings
