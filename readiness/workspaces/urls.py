from django.urls import path

from readiness.workspaces import views

app_name = "workspaces"

urlpatterns = [
    path("result/<str:token>/workspace/", views.create, name="create"),
    path("workspace/<str:token>/", views.workspace, name="workspace"),
    path("workspace/<str:token>.json", views.workspace_json, name="workspace_json"),
    path("workspace/<str:token>/assess-again/", views.assess_again, name="assess_again"),
    path(
        "workspace/<str:token>/assessments/<int:pk>/delete/",
        views.remove_assessment,
        name="remove_assessment",
    ),
    path("workspace/<str:token>/delete/", views.delete, name="delete"),
    path("workspace/<str:token>/rounds/", views.open_round, name="open_round"),
    path("workspace/<str:token>/rounds/<int:number>/", views.round_page, name="round"),
    path("workspace/<str:token>/rounds/<int:number>/close/", views.close_round, name="close_round"),
    path("workspace-deleted/", views.deleted, name="deleted"),
]
