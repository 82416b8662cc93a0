from axes.backends import AxesStandaloneBackend


class LoginGuardBackend(AxesStandaloneBackend):
    """django-axes' lock-out check for every login that arrives over HTTP.

    Every login form (the admin's included) passes the request; a login without one comes only
    from code, such as the test client's login(), and has no client to lock out."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
