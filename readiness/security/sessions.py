"""Advisors' admin sessions: shorter than a firm's, and ended by idleness."""

import datetime

from django.conf import settings
from django.utils import timezone

# How stale the recorded end may get before a request moves it: saving the session on every
# admin request would cost a write each time.
REFRESH_SLACK = datetime.timedelta(minutes=10)


class StaffSessionExpiry:
    """An admin request of a signed-in staff member (the login included) moves their session's
    end to STAFF_SESSION_IDLE_SECONDS from now, so a session left idle that long is over. Firms'
    pages are left alone: an unfinished assessment keeps SESSION_COOKIE_AGE."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.admin_prefix):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and user.is_staff:
                self.extend(request.session)
        return response

    @staticmethod
    def extend(session) -> None:
        idle = datetime.timedelta(seconds=settings.STAFF_SESSION_IDLE_SECONDS)
        now = timezone.now()
        ends = session.get_expiry_date()
        if session.get("_session_expiry") is None or ends - now < idle - REFRESH_SLACK:
            session.set_expiry(now + idle)


def limit_staff_session(sender, request, user, **kwargs):
    """user_logged_in: a staff member's session starts with the staff limit."""
    if user.is_staff and request is not None and hasattr(request, "session"):
        StaffSessionExpiry.extend(request.session)
