from django.conf import settings

from roles.page_cache import site_origin


def site(request):
    """Site-wide names and the absolute origin used for canonical and Open Graph links."""
    origin = site_origin(request)
    return {
        "site_name": settings.SITE_NAME,
        "site_origin": origin,
        "canonical_url": origin + request.path,
    }
