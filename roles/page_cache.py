"""
Whole-page caching of the public pages for anonymous visitors.

A page's rendered response is kept in Django's cache under a key made of the content version,
the address and the query variant the page supports (such as ?view=differences). Every edit
bumps the content version (roles/signals.py), so the next request renders afresh on every
instance that shares the cache: nothing ever needs invalidating. A browser that already holds
the page gets "304 Not Modified" from its ETag.

Two pieces share the work:

- `cache_public_page` wraps a view. It says which responses may be kept (200s for anonymous
  visitors, at an address the page answers to) and marks them with their cache key. It also
  serves kept pages to anonymous visitors who carry a session cookie, once the session shows
  that nobody is signed in.
- `PageCacheMiddleware`, right after WhiteNoise, keeps the marked responses with their final
  headers (the security policy and the rest, added on the way out by the middleware below it)
  and a gzipped copy, and answers visitors without a session cookie from the cache before any
  other middleware runs: a cached hit costs less than the simplest view.

Signed-in users (staff previewing drafts) always get a fresh page marked private, no-store.
"""

import gzip
import hashlib
import re
from collections.abc import Callable, Collection, Mapping
from functools import wraps
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from .content_version import content_version

CACHEABLE_METHODS = {"GET", "HEAD"}
# Compressing smaller bodies saves too little to be worth a second copy.
GZIP_MIN_LENGTH = 1024
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def cache_public_page(
    view: Callable | None = None, *, variants: Mapping[str, Collection[str]] | None = None
):
    """
    Let anonymous visitors get the view's 200 responses from the page cache.

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
            variant = _allowed_variant(request, allowed)
            if variant is None:
                return view(request, *args, **kwargs)

            key = page_key(request, variant)
            # PageCacheMiddleware has already looked for visitors without a session cookie.
            if _has_session_cookie(request):
                cached = cached_response(request, key)
                if cached is not None:
                    return cached

            response = view(request, *args, **kwargs)
            if callable(getattr(response, "render", None)):
                response = response.render()
            if response.status_code != 200 or response.streaming:
                return response
            response.page_cache_key = key
            return _public(response, _etag(key))

        return cached_view

    return decorator(view) if view is not None else decorator


class PageCacheMiddleware:
    """Serves cached public pages before the rest of the stack, and keeps new ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in CACHEABLE_METHODS and not _has_session_cookie(request):
            variant = _query_variant(request.META.get("QUERY_STRING", ""))
            cached = cached_response(request, page_key(request, variant))
            if cached is not None:
                return cached
        response = self.get_response(request)
        key = getattr(response, "page_cache_key", None)
        if (
            key is not None
            and settings.PAGE_CACHE_SECONDS > 0
            and response.status_code == 200
            and not _sets_cookies(response)
        ):
            return _gzipped_if_accepted(request, response, store(key, response))
        return response


def cached_response(request: HttpRequest, key: str) -> HttpResponse | None:
    """The cached page (or a 304 when the visitor holds it already), or None on a miss."""
    etag = _etag(key)
    if etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
        return _public(HttpResponseNotModified(), etag)
    entry = cache.get(key)
    if entry is None:
        return None
    content, compressed, headers = entry
    return _gzipped_if_accepted(request, HttpResponse(content, headers=headers), compressed)


def store(key: str, response: HttpResponse) -> bytes | None:
    """
    Keep the response with its final headers, and a gzipped copy of a sizeable body;
    returns the gzipped copy, if any.
    """
    content = response.content
    compressed = None
    if len(content) >= GZIP_MIN_LENGTH and not response.has_header("Content-Encoding"):
        # mtime=0 keeps the bytes the same for the same page, whichever process made them.
        compressed = gzip.compress(content, compresslevel=6, mtime=0)
        patch_vary_headers(response, ["Accept-Encoding"])
    headers = dict(response.headers)
    headers["Content-Length"] = str(len(content))
    cache.set(key, (content, compressed, headers), settings.PAGE_CACHE_SECONDS)
    return compressed


def _gzipped_if_accepted(
    request: HttpRequest, response: HttpResponse, compressed: bytes | None
) -> HttpResponse:
    if compressed is not None and ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response.content = compressed
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Content-Length"] = str(len(compressed))
    return response


def page_key(request: HttpRequest, variant: str) -> str:
    # The scheme and host are part of the key: without SITE_URL, pages print absolute links
    # built from them.
    address = f"{content_version()}|{request.scheme}://{request.get_host()}{request.path}?{variant}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


def _etag(key: str) -> str:
    # Weak, since the same page goes out gzipped or not: the same content either way.
    return f'W/"{key.removeprefix("page:")[:32]}"'


def _has_session_cookie(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _sets_cookies(response: HttpResponse) -> bool:
    # A page that sets a cookie (a CSRF token, say) is someone's own. Deleting a stale
    # session cookie is not: the deletion itself is never kept, only the headers are.
    return any(morsel.value for morsel in response.cookies.values())


def _signed_in(request: HttpRequest) -> bool:
    # Without a session cookie nobody is signed in; looking first spares a session query.
    return _has_session_cookie(request) and request.user.is_authenticated


def _query_variant(query_string: str) -> str:
    """The query string in a stable form: the same for the same parameters in any order."""
    if not query_string:
        return ""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return "&".join(sorted(f"{name}={value}" for name, value in pairs))


def _allowed_variant(request: HttpRequest, allowed: Mapping[str, Collection[str]]) -> str | None:
    """The stable query string, or None if the page does not vary on these parameters."""
    for name, values in request.GET.lists():
        if name not in allowed or len(values) != 1 or values[0] not in allowed[name]:
            return None
    return _query_variant(request.META.get("QUERY_STRING", ""))


def _public(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    # Browsers and proxies may keep the page but must ask first; the ETag makes asking cheap.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    # Signed-in staff get other responses from the same addresses.
    patch_vary_headers(response, ["Cookie"])
    return response
