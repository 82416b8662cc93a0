"""Error pages rendered with the request, so the language switch and links work on them."""

import math

from django.conf import settings
from django.shortcuts import render


def bad_request(request, exception=None):
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
