from django.contrib import admin
from django.urls import path

from readiness.advisors import views

app_name = "advisors"

urlpatterns = [
    path("", admin.site.admin_view(views.dashboard), name="dashboard"),
    path("tiers.csv", admin.site.admin_view(views.dashboard_csv), name="dashboard_csv"),
]
