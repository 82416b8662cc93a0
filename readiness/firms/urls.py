from django.urls import path, re_path

from readiness.content.questionnaire import current_questionnaire
from readiness.firms import continuation, email_views, team, views
from readiness.firms.wizard import AssessmentWizard, form_list

app_name = "firms"

wizard = AssessmentWizard.as_view(
    form_list=form_list(current_questionnaire()),
    url_name="firms:step",
    done_step_name="done",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("how-we-score/", views.how_we_score, name="how_we_score"),
    path("about/", views.page, {"name": "about"}, name="about"),
    path("privacy/", views.page, {"name": "privacy"}, name="privacy"),
    path("accessibility/", views.page, {"name": "accessibility"}, name="accessibility"),
    path("assessment/", wizard, name="start"),
    path("continue/<str:token>/", continuation.continue_assessment, name="continue"),
    re_path(r"^assessment/(?P<step>[a-z_]{1,40})/$", wizard, name="step"),
    path("result/<str:token>/", views.result, name="result"),
    path("result/<str:token>.json", views.result_json, name="result_json"),
    path("result/<str:token>/delete/", views.delete_result, name="delete_result"),
    path("result/<str:token>/follow-up/", views.follow_up, name="follow_up"),
    path("result/<str:token>/send/", email_views.send_result, name="send_result"),
    path(
        "workspace/<str:token>/email/",
        email_views.send_workspace_link,
        name="send_workspace_link",
    ),
    path("deleted/", views.deleted, name="deleted"),
    path("team/<str:invitation>/", team.answer, name="team_answer"),
    path("team/<str:invitation>/thanks/", team.answered, name="team_answered"),
]
