from django.urls import include, path

from readiness.urls import handler400
from readiness.urls import urlpatterns as product

urlpatterns = [path("bench/", include("bench.ceilings")), *product]

__all__ = ["handler400", "urlpatterns"]
