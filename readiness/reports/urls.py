from django.urls import path

from readiness.reports import views

app_name = "reports"

urlpatterns = [
    path("result/<str:token>/report.pdf", views.report_pdf, name="pdf"),
]
