import logging

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseServerError,
)
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

READINESS_CACHE_KEY = "readyz:probe"


@require_safe
def healthz(request):
    """Liveness: answers without touching the database or the cache."""
    return HttpResponse("ok", content_type="text/plain")


def database_is_ready() -> bool:
    """
    Whether the database answers and takes writes. A read-only database still answers a
    SELECT while every submission and session fails, so the check is a write that matches
    no row: free on a working database, refused by a read-only one.
    """
    try:
        with transaction.atomic():
            Session.objects.filter(session_key="").update(session_data="")
    except DatabaseError as error:
        logger.warning("Readiness: the database is not ready: %s", error)
        return False
    return True


def cache_is_ready() -> bool:
    """Whether the shared cache keeps and returns a value."""
    try:
        cache.set(READINESS_CACHE_KEY, "ok", timeout=10)
        return cache.get(READINESS_CACHE_KEY) == "ok"
    # Each cache backend raises its own errors (redis-py's ConnectionError, TimeoutError...);
    # any of them means the cache cannot be used.
    except Exception as error:
        logger.warning("Readiness: the cache is not ready: %s", error)
        return False


@never_cache
@require_safe
def readyz(request):
    """Readiness: 200 when the database and the cache both work, 503 otherwise."""
    checks = {"database": database_is_ready(), "cache": cache_is_ready()}
    body = "".join(f"{name}: {'ok' if ready else 'failing'}\n" for name, ready in checks.items())
    return HttpResponse(
        body, content_type="text/plain", status=200 if all(checks.values()) else 503
    )


# Django's own error views read the CSRF token first, which parses the request body again: a
# body that failed to parse (a latin-1 form, a broken multipart) then fails inside the error
# view, and the client gets the server's bare 500. These error pages need no token, and are
# rendered without the request's context processors, which read the Host header: a request
# refused for its Host would fail again there.


def bad_request(request, exception):
    context = {"site_name": settings.SITE_NAME, "canonical_url": settings.SITE_URL + request.path}
    return HttpResponseBadRequest(loader.render_to_string("400.html", context))


def server_error(request):
    return HttpResponseServerError(loader.render_to_string("500.html"))


def csrf_failure(request, reason=""):
    """
    A refused form (an expired or missing CSRF cookie) in the site's own layout: Django's
    page has an inline style, which the Content Security Policy blocks.
    """
    context = {"site_name": settings.SITE_NAME, "canonical_url": settings.SITE_URL + request.path}
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html", context))
