"""Per-client rate limits, counted in the Django cache so several app servers sharing one
cache (Redis) share the counts. Fixed windows: simple, one cache key per client and window,
at worst twice the rate across a window boundary, which is fine against hammering."""

import hashlib
import logging
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render

from readiness.security.clients import client_ip

log = logging.getLogger(__name__)

_UNITS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")

# Views limited by URL name, whatever app they live in: URL name -> setting holding the rate.
LIMITED_VIEWS = {"reports:pdf": "RATE_LIMIT_PDF"}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"rate limited, retry after {retry_after} s")
        self.retry_after = retry_after


def parse_rate(text: str) -> Rate | None:
    """ "30/h", "5/10m", "100/d"; an empty string or "off" means no limit."""
    if text.strip().lower() in {"", "off"}:
        return None
    match = _RATE.match(text)
    if not match:
        raise ImproperlyConfigured(f'A rate looks like "30/h" or "5/10m", not {text!r}')
    count, multiple, unit = match.groups()
    return Rate(count=int(count), seconds=int(multiple or 1) * _UNITS[unit])


def parse_rates(text: str) -> list[Rate]:
    """Several rates, comma-separated, all of which apply: "90/h,240/d"."""
    return [rate for part in text.split(",") if (rate := parse_rate(part)) is not None]


def hit(scope: str, client: str, rate: Rate, now: float | None = None) -> int | None:
    """Count one request of `client` in `scope`. Returns the seconds to wait when the request is
    over the limit, None when it is allowed."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    # The address is hashed so the cache never holds who asked, only how often.
    who = hashlib.sha256(f"{settings.SECRET_KEY}:{client}".encode()).hexdigest()[:24]
    key = f"ratelimit:{scope}:{who}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.count:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))


def enforce(request, scope: str, setting: str) -> None:
    """Count this request against the rate in `setting`; raise RateLimited when it is over."""
    wait = check(scope, client_ip(request) or "unknown", parse_rates(getattr(settings, setting)))
    if wait is not None:
        raise RateLimited(wait)


def check(scope: str, client: str, rates: list[Rate], now: float | None = None) -> int | None:
    """Count one request against every rate; the longest wait among those it is over, or None.
    While the cache is down nothing can be counted, and the request is let in."""
    waits = []
    for rate in rates:
        try:
            wait = hit(f"{scope}:{rate.seconds}", client, rate, now)
        except Exception:  # Redis raises its own connection errors
            log.exception("rate limit %s not counted: the cache does not answer", scope)
            return None
        if wait is not None:
            waits.append(wait)
    return max(waits, default=None)


class RateLimitMiddleware:
    """Limits the views in LIMITED_VIEWS, and turns RateLimited raised anywhere in a view into the
    friendly 429 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        setting = LIMITED_VIEWS.get(match.view_name) if match else None
        if setting is None:
            return None
        try:
            enforce(request, match.view_name, setting)
        except RateLimited as limited:
            return too_many_requests(request, limited.retry_after)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return too_many_requests(request, exception.retry_after)
        return None


def too_many_requests(request, retry_after: int):
    response = render(
        request,
        "429.html",
        {"retry_after_minutes": max(1, math.ceil(retry_after / 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response
