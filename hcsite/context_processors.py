from django.conf import settings


def site(request):
    """Site-wide names and the absolute origin used for canonical and Open Graph links."""
    origin = settings.SITE_URL or f"{request.scheme}://{request.get_host()}"
    return {
        "site_name": settings.SITE_NAME,
        "site_origin": origin,
        "canonical_url": origin + request.path,
    }
