"""The real client's address behind the site's own proxies, and no uploads."""

import ipaddress

from django.conf import settings
from django.core.exceptions import BadRequest


def forwarded_client_address(*, forwarded_for: str, remote_addr: str, trusted_hops: int) -> str:
    """
    The client's address, given X-Forwarded-For and the number of proxies we run in front.

    Each proxy appends the address it saw, so the Nth entry from the right was written by our
    own first proxy; anything further left came from the client and may be forged. With no
    trusted proxy, or a header that is too short or not an address, REMOTE_ADDR stands.
    """
    if trusted_hops < 1:
        return remote_addr
    entries = [entry.strip() for entry in forwarded_for.split(",") if entry.strip()]
    if len(entries) < trusted_hops:
        return remote_addr
    candidate = entries[-trusted_hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


class TrustedProxyMiddleware:
    """
    Put the real client's address in REMOTE_ADDR, so that axes, the assessment's rate limit
    and the logs all read one value. Set TRUSTED_PROXY_HOPS to the number of proxies in front
    of the site (1 for the nginx of deploy/); at 0 the header is ignored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hops = settings.TRUSTED_PROXY_HOPS
        if hops:  # with no proxy of ours in front, every request leaves REMOTE_ADDR alone
            request.META["REMOTE_ADDR"] = forwarded_client_address(
                forwarded_for=request.META.get("HTTP_X_FORWARDED_FOR", ""),
                remote_addr=request.META.get("REMOTE_ADDR", ""),
                trusted_hops=hops,
            )
        return self.get_response(request)


class RefuseMultipartMiddleware:
    """
    No form on the site takes files (the admin's neither), so a multipart body is refused
    with the site's 400 page before it is read: nothing is parsed, spooled or written to disk.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.content_type == "multipart/form-data":
            raise BadRequest("This site takes no file uploads.")
        return self.get_response(request)
