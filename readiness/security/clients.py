"""Who is asking: the client address that rate limits and the admin lock-out count against."""

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest


@cache
def _networks(addresses: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(address, strict=False) for address in addresses)


def is_trusted_proxy(address: str | None) -> bool:
    """Whether `address` is one of TRUSTED_PROXY_ADDRESSES (addresses or networks)."""
    try:
        peer = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(peer in network for network in _networks(tuple(settings.TRUSTED_PROXY_ADDRESSES)))


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the address the outermost of
    them saw. X-Forwarded-For is believed only when the request comes straight from one of the
    TRUSTED_PROXY_ADDRESSES (anyone reaching the app server directly could type it), and then
    read from the right, because everything left of what our own proxies appended is typed by
    the client."""
    # None when there is no peer (a request built in code): axes stores it in an IP column.
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0 or not is_trusted_proxy(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # Fewer hops than proxies declared: the request bypassed them; count the direct peer.
        return remote
    return forwarded[-proxies]
