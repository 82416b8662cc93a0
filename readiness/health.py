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
    # Sessions are read through Redis when it is configured, so a dead Redis is a dead server.
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
    checks = {"database": database_ok()}
    if settings.REDIS_URL:
        checks["cache"] = cache_ok()
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "error"}
    body.update({name: "ok" if ok else "error" for name, ok in checks.items()})
    waiting = oldest_waiting_task_seconds() if checks["database"] else None
    if waiting is not None:
        # Reported, not judged: a slow queue delays e-mail and PDFs, never a firm's page.
        body["oldest_task_waiting_seconds"] = waiting
    return JsonResponse(body, status=200 if healthy else 503)
