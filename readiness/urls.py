from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from readiness import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the admin's own URLs, which would otherwise claim "dashboard/".
    path(f"{settings.ADMIN_URL}dashboard/", include("readiness.advisors.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("readiness.firms.urls")),
    path("", include("readiness.reports.urls")),
    path("", include("readiness.workspaces.urls")),
]

# Rendered with the request, unlike Django's default 400 page, so its links and forms work.
handler400 = "readiness.security.views.bad_request"
# The friendly 503 "try again in a minute" page when the database is unreachable.
handler500 = "readiness.security.views.server_error"
