"""
Whole-page caching of the public pages for anonymous visitors.

A page's rendered response is kept in Django's cache under a key made of the content version,
the address and the query variant the page supports (such as ?view=differences). Every edit
bumps the content version (roles/signals.py), so the next request renders afresh on every
instance that shares the cache: nothing ever needs invalidating. A cached hit does no database
work at all, and a browser that already holds the page gets "304 Not Modified" from its ETag.

Signed-in users (staff previewing drafts) always get a fresh page marked private, no-store.
"""

import hashlib
from collections.abc import Callable, Collection, Mapping
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from .content_version import content_version

CACHEABLE_METHODS = {"GET", "HEAD"}


def cache_public_page(
    view: Callable | None = None, *, variants: Mapping[str, Collection[str]] | None = None
):
    """
    Serve the view's 200 responses to anonymous visitors from the cache.

    `variants` names the query parameters the page answers to and the values it accepts,
    e.g. {"view": {"differences"}}. A request with any other query string is rendered
    afresh and not stored, so made-up query strings cannot fill the cache.
    """
    allowed = variants or {}

    def decorator(view):
        @wraps(view)
        def cached_view(request: HttpRequest, *args, **kwargs):
            if request.method not in CACHEABLE_METHODS:
                return view(request, *args, **kwargs)
            if _signed_in(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, no_store=True)
                return response
            variant = _variant(request, allowed)
            if variant is None:
                return view(request, *args, **kwargs)

            key = _page_key(request, variant)
            etag = f'"{key.removeprefix("page:")[:32]}"'
            if etag in parse_etags(request.headers.get("If-None-Match", "")):
                return _public(HttpResponseNotModified(), etag)

            cached = cache.get(key)
            if cached is not None:
                content, headers = cached
                return _public(HttpResponse(content, headers=headers), etag)

            response = view(request, *args, **kwargs)
            if callable(getattr(response, "render", None)):
                response = response.render()
            if response.status_code != 200 or response.streaming:
                return response
            cache.set(key, (response.content, dict(response.headers)), settings.PAGE_CACHE_SECONDS)
            return _public(response, etag)

        return cached_view

    return decorator(view) if view is not None else decorator


def _signed_in(request: HttpRequest) -> bool:
    # Without a session cookie nobody is signed in; looking first spares a session query.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def _variant(request: HttpRequest, allowed: Mapping[str, Collection[str]]) -> str | None:
    """The query string in a stable form, or None if the page does not vary on it."""
    parts = []
    for name, values in request.GET.lists():
        if name not in allowed or len(values) != 1 or values[0] not in allowed[name]:
            return None
        parts.append(f"{name}={values[0]}")
    return "&".join(sorted(parts))


def _page_key(request: HttpRequest, variant: str) -> str:
    # The scheme and host are part of the key: without SITE_URL, pages print absolute links
    # built from them.
    address = f"{content_version()}|{request.scheme}://{request.get_host()}{request.path}?{variant}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


def _public(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    # Browsers and proxies may keep the page but must ask first; the ETag makes asking cheap.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    # Signed-in staff get other responses from the same addresses.
    patch_vary_headers(response, ["Cookie"])
    return response
