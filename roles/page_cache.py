"""
Whole-page caching of the public pages for anonymous visitors, on Django's cache framework.

Pages live in the "pages" cache under a key made of the release (a hash of the code, templates
and static files), the site's origin, the address the view answers (PATH_INFO) and the query
parameters the page uses, read through a generation number in the same cache
(`cache.get(key, version=generation)`). Every write to content resets the generation
(roles/signals.py and ContentQuerySet), so the next request on every instance that shares the
cache renders afresh and nothing needs invalidating one by one.

Django's own cache middleware keys pages on the whole address with SCRIPT_NAME and every query
parameter, and stores a copy per Accept-Encoding; this one keys on what the view reads, keeps one
gzipped copy, and treats a cache that fails as a miss.

`cache_public_page` marks a view as cacheable; `PageCacheMiddleware`, right after WhiteNoise,
answers visitors without a session cookie from the cache before the rest of the stack runs.
"""

import gzip
import hashlib
import logging
import secrets
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, URLResolver, get_resolver, get_urlconf
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

CACHEABLE_METHODS = {"GET", "HEAD"}
GENERATION_KEY = "page-generation"
new_generation = partial(secrets.token_hex, 8)
# Compressing smaller bodies saves too little to be worth it.
GZIP_MIN_LENGTH = 1024
RELEASE_FOLDERS = ("hcsite", "roles", "assessment", "templates", "static")


@dataclass(frozen=True)
class CachePolicy:
    # Query parameters the page reads, each with the values it answers to; any other
    # parameter or value is answered from the entry of the bare address.
    variants: Mapping[str, Collection[str]] = field(default_factory=dict)
    # Parameters that make the view do something else (a form's input): never cached.
    bypass: Collection[str] = ()


class PageNumbers:
    """The values of a page-number parameter (?p=2): a number of up to six digits."""

    def __contains__(self, value) -> bool:
        return isinstance(value, str) and value.isdigit() and len(value) <= 6


def cache_public_page(
    view: Callable | None = None,
    *,
    variants: Mapping[str, Collection[str]] | None = None,
    bypass: Collection[str] = (),
):
    """
    Let anonymous visitors get the view's 200 responses from the page cache. Visitors with a
    session cookie reach the view itself: signed-in staff (who may see drafts) get a fresh
    page for them alone, anyone else the cached page.
    """

    def decorator(view):
        policy = CachePolicy(variants or {}, frozenset(bypass))

        @wraps(view)
        def cacheable_view(request, *args, **kwargs):
            if request.method not in CACHEABLE_METHODS or not _has_session_cookie(request):
                return view(request, *args, **kwargs)
            if request.user.is_authenticated:
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, no_store=True)
                return response
            # Read only: pages are stored by the middleware, with every header the
            # middleware below it adds.
            return cached_page(request, policy, lambda: view(request, *args, **kwargs), store=False)

        cacheable_view.cache_policy = policy
        return cacheable_view

    return decorator(view) if view is not None else decorator


class PageCacheMiddleware:
    """Serves cached public pages before the rest of the stack, and keeps new ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in CACHEABLE_METHODS or _has_session_cookie(request):
            return self.get_response(request)
        policy = _policy_at(get_resolver(get_urlconf()), request.path_info)
        if policy is None:  # not a cacheable page
            return self.get_response(request)
        return cached_page(request, policy, lambda: self.get_response(request))


def cached_page(
    request: HttpRequest, policy: CachePolicy, render: Callable[[], HttpResponse], *, store=True
) -> HttpResponse:
    """The page from the cache, or rendered (and kept, when it may be) on a miss."""
    key = page_key(request, policy)
    generation = current_generation() if key else None
    entry = _get(key, generation) if generation else None
    if entry is None:
        response = render()
        if not _keepable(response):
            return response
        entry = as_entry(response)
        if store and generation and settings.PAGE_CACHE_SECONDS > 0:
            _set(key, entry, generation)
    return from_entry(request, entry)


# ------------------------------------------------------------------------------
# Keys and freshness
# ------------------------------------------------------------------------------
def page_key(request: HttpRequest, policy: CachePolicy) -> str | None:
    """The page's key, or None when this request must not share an entry with others."""
    # A SCRIPT_NAME that a client can send (as a header through gunicorn) changes every link
    # on the page; only the deployment's own prefix, if any, shares the cache.
    prefix = (settings.FORCE_SCRIPT_NAME or "").rstrip("/")
    if request.path != prefix + request.path_info:
        return None
    # Most requests carry no query string: no need to parse one.
    query = request.GET if request.META.get("QUERY_STRING") else {}
    if policy.bypass & query.keys():
        return None
    variant = "&".join(
        f"{name}={query[name]}"
        for name in sorted(policy.variants)
        if query.get(name) in policy.variants[name]
    )
    address = f"{release()}|{site_origin(request)}|{request.path_info}?{variant}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


def site_origin(request: HttpRequest) -> str:
    """The origin pages print their absolute links on: SITE_URL, else the normalised host."""
    if settings.SITE_URL:
        return settings.SITE_URL
    host = request.get_host().lower()  # validated against ALLOWED_HOSTS
    default_port = ":443" if request.is_secure() else ":80"
    return f"{request.scheme}://{host.removesuffix(default_port)}"


@cache
def release() -> str:
    """A hash of the code, templates and static files: a deploy of any of them changes it."""
    digest = hashlib.sha256()
    for folder in RELEASE_FOLDERS:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def current_generation() -> str | None:
    """The pages' generation, or None when the cache cannot say (then nothing is shared)."""
    try:
        # A new one is add()ed, then read again: when two requests race, the first value wins.
        return caches["pages"].get_or_set(GENERATION_KEY, new_generation, timeout=None)
    except Exception:  # any backend's failure (Redis down, disk full) is a miss
        logger.warning("The page cache is not answering; pages are rendered afresh.")
        return None


def kept_until_content_changes[T](name: str, build: Callable[[], T]) -> T:
    """
    What `build()` returns, kept in the pages cache under the pages' generation: every write
    to content leaves it behind with the pages, on every instance that shares the cache.
    """
    generation = current_generation()
    if generation is None:
        return build()
    key = f"content:{release()}:{name}"
    value = _get(key, generation)
    if value is None:
        value = build()
        _set(key, value, generation)
    return value


def reset_generation() -> None:
    """Leave every stored page behind: the next request renders afresh everywhere."""
    try:
        # delete() works even on a full Redis, where a set() is refused.
        caches["pages"].delete(GENERATION_KEY)
    except Exception:
        logger.exception("Could not reset the page cache's generation.")


def content_changed(*, using: str) -> None:
    """Call on every write to content: the next request renders afresh."""
    reset_generation()
    # Until the write commits, a request in another process still reads the rows as they
    # were and may store them under the new generation; resetting again once it commits
    # makes the next request read what was saved.
    transaction.on_commit(reset_generation, using=using)


# ------------------------------------------------------------------------------
# Entries
# ------------------------------------------------------------------------------
@lru_cache(maxsize=1024)
def _policy_at(resolver: URLResolver, path: str) -> CachePolicy | None:
    # Kept per address and URLconf: resolving was a fifth of a cache hit's work (make bench).
    try:
        match = resolver.resolve(path)
    except Resolver404:
        return None
    return getattr(match.func, "cache_policy", None)


def _has_session_cookie(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _keepable(response: HttpResponse) -> bool:
    # A page that sets a cookie (a CSRF token, say) is someone's own. Deleting a stale
    # session cookie is not, but the deletion itself is never kept.
    return (
        response.status_code == 200
        and not response.streaming
        and not response.has_header("Content-Encoding")
        and not any(morsel.value for morsel in response.cookies.values())
    )


def as_entry(response: HttpResponse) -> tuple[bytes, bool, dict]:
    """The body (gzipped once when sizeable), whether it is gzipped, and the headers."""
    if callable(getattr(response, "render", None)):
        response = response.render()
    content = response.content
    compressed = len(content) >= GZIP_MIN_LENGTH
    if compressed:
        # mtime=0 keeps the bytes the same for the same page, whichever process made them.
        content = gzip.compress(content, compresslevel=6, mtime=0)
    headers = response.headers
    headers["ETag"] = f'W/"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    # Browsers and proxies may keep the page but must ask first; the ETag makes asking cheap.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    # Signed-in staff get other responses from the same addresses.
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"] if compressed else ["Cookie"])
    return content, compressed, dict(headers)


def from_entry(request: HttpRequest, entry: tuple[bytes, bool, dict]) -> HttpResponse:
    content, compressed, headers = entry
    response = HttpResponse(headers=headers)
    if compressed and accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response.headers["Content-Encoding"] = "gzip"
    elif compressed:
        content = gzip.decompress(content)
    response.content = content
    response.headers["Content-Length"] = str(len(content))
    return get_conditional_response(request, etag=headers["ETag"], response=response)


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip: "gzip;q=0" and "*;q=0" refuse it."""
    weights = {}
    for item in accept_encoding.split(","):
        coding, _, params = item.strip().partition(";")
        quality = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        weights[coding.strip().lower()] = quality
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0


def _get(key: str, generation: str):
    try:
        return caches["pages"].get(key, version=generation)
    except Exception:
        logger.warning("The page cache is not answering; pages are rendered afresh.")
        return None


def _set(key: str, entry, generation: str) -> None:
    try:
        caches["pages"].set(key, entry, settings.PAGE_CACHE_SECONDS, version=generation)
    except Exception:  # a full cache keeps nothing more; the page was still served
        logger.warning("The page cache refused a page; it is served uncached.")
