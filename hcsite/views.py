from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def healthz(request):
    """Liveness: answers without touching the database or the cache."""
    return HttpResponse("ok", content_type="text/plain")
