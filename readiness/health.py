"""The load balancer's health probe: is this app server able to serve a firm right now?"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, models
from django.http import JsonResponse
from django.utils import timezone
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


def oldest_waiting_task_seconds() -> int | None:
    """How long the longest-waiting task ready to run has waited, 0 when none waits (None when
    the queue is not the database's). A growing figure means the workers cannot keep up, or none
    runs."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return None
    from django_tasks_db.models import DBTaskResult, get_date_max

    waiting_since = models.Case(
        models.When(run_after=get_date_max(), then="enqueued_at"), default="run_after"
    )
    oldest = (
        DBTaskResult.objects.ready()
        .annotate(waiting_since=waiting_since)
        .order_by("waiting_since")
        .values_list("waiting_since", flat=True)
        .first()
    )
    if oldest is None:
        return 0
    return max(0, int((timezone.now() - oldest).total_seconds()))


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
    waiting = oldest_waiting_task_seconds() if healthy else None
    if waiting is not None:
        # Reported, not judged: a slow queue delays e-mail and PDFs, never a firm's page.
        body["oldest_task_waiting_seconds"] = waiting
    return JsonResponse(body, status=200 if healthy else 503)
