"""The load balancer's health probe: is this app server able to serve a firm right now?"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

log = logging.getLogger(__name__)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        log.exception("health: the database does not answer")
        return False


def cache_ok() -> bool:
    try:
        cache.set("healthz", "1", timeout=10)
        return cache.get("healthz") == "1"
    except Exception:  # the Redis client raises its own connection errors
        log.exception("health: the cache does not answer")
        return False


@never_cache
@require_GET
def healthz(request):
    # Only the database decides: without Redis, sessions are read from the database, so a server
    # whose Redis is down still serves every page. Taking every server out of the load balancer
    # for it would stop the service.
    healthy = database_ok()
    body = {"status": "ok" if healthy else "error", "database": "ok" if healthy else "error"}
    if settings.REDIS_URL:
        body["cache"] = "ok" if cache_ok() else "error"
    return JsonResponse(body, status=200 if healthy else 503)
