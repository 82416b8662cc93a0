"""Per-client rate limits, counted in a table of the shared database, so every worker and every
app server counts against the same numbers. Fixed windows: simple, one row per client and
window, at worst twice the rate across a window boundary, which is fine against hammering.

Each count is one atomic UPDATE, so requests arriving together are all counted. (Django's
database cache reads and then writes a count, and simultaneous requests lost each other's
increments: a script with twenty connections got far past the limit.)"""

import datetime
import hashlib
import logging
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.shortcuts import render

from readiness.security.clients import client_ip
from readiness.security.models import RateCount

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
    # The address is hashed so the table never holds who asked, only how often.
    who = hashlib.sha256(f"{settings.SECRET_KEY}:{client}".encode()).hexdigest()[:24]
    key = f"{scope}:{who}:{window}"
    count = count_one(key, expires_at=(window + 1) * rate.seconds, now=now)
    if count <= rate.count:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))


def count_one(key: str, expires_at: float, now: float) -> int:
    """Add one to the count under `key` and return it."""
    counts = RateCount.objects.filter(key=key)
    if not counts.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RateCount.objects.create(key=key, count=1, expires_at=moment(expires_at))
        except IntegrityError:  # another request created it meanwhile
            counts.update(count=F("count") + 1)
        else:
            # A new window began: forget the windows that are over.
            RateCount.objects.filter(expires_at__lt=moment(now)).delete()
            return 1
    return counts.values_list("count", flat=True).get()


def moment(timestamp: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)


def enforce(request, scope: str, setting: str) -> None:
    """Count this request against the rate in `setting`; raise RateLimited when it is over."""
    rates = parse_rates(getattr(settings, setting))
    if not rates:
        return
    wait = check(scope, client_ip(request) or "unknown", rates)
    if wait is not None:
        raise RateLimited(wait)


def check(scope: str, client: str, rates: list[Rate], now: float | None = None) -> int | None:
    """Count one request against every rate; the longest wait among those it is over, or None.
    A database that refuses the count (read-only, say) lets the request in: the request
    itself will find out whether the database works."""
    try:
        with transaction.atomic():
            waits = [hit(f"{scope}:{rate.seconds}", client, rate, now) for rate in rates]
    except DatabaseError:
        log.exception("rate limit %s not counted: the database refused", scope)
        return None
    return max((wait for wait in waits if wait is not None), default=None)


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
