"""Error pages rendered with the request, so the language switch and links work on them."""

import math
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults


def bad_request(request, exception=None):
    if database_unreachable(exception):
        # Django reports a session it could not save as "interrupted" (a 400); here the reason
        # was the database.
        return try_again_in_a_minute()
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    # Django's own page names the reason and carries inline styles; ours explains what to do.
    return render(request, "403_csrf.html", status=403)


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login; it names neither the account nor the limit."""
    minutes = max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    response = render(request, "security/lockout.html", {"cooloff_minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def server_error(request, template_name="500.html"):
    """Django's handler500, with one difference: when the database is unreachable (restarting,
    failing over, out of connections) the firm is told to try again in a minute, with a 503
    and Retry-After, which load balancers and browsers understand as "temporarily". Like
    Django's own, it renders without the request: the database and the session may be down."""
    if database_unreachable(sys.exc_info()[1]):
        return try_again_in_a_minute()
    return defaults.server_error(request, template_name)


def database_unreachable(error: BaseException | None) -> bool:
    """Whether `error`, or an error it was raised while handling, says the database cannot be
    reached."""
    while error is not None:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error = error.__cause__ or error.__context__
    return False


def try_again_in_a_minute():
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = "60"
    return response
