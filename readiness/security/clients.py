"""Who is asking: the client address that rate limits and the admin lock-out count against."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the address the outermost
    of them saw. X-Forwarded-For is trusted only when proxies are declared, and then read from
    the right, because everything left of what our own proxies appended is typed by the client."""
    # None when there is no peer (a request built in code): axes stores it in an IP column.
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # Fewer hops than proxies declared: the request bypassed them; count the direct peer.
        return remote
    return forwarded[-proxies]
