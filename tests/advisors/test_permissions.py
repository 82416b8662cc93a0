"""Who may do what in the admin: the Advisor and Content editor groups come from a migration,
and neither may delete assessments or manage users; only superusers can."""

import pytest
from django.contrib.auth.models import Group, User

from readiness.advisors.models import FollowUp, FollowUpStatus, Note
from readiness.advisors.roles import ADVISOR, CONTENT_EDITOR
from readiness.assessments.models import Assessment
from readiness.content.questionnaire import current_questionnaire
from readiness.schemes.models import Scheme
from readiness.schemes.seed import load_seed
from tests.factory import make_assessment

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/assessments/assessment/"


def change_url(assessment):
    return f"{CHANGELIST}{assessment.pk}/change/"


def followup_post(assessment, *, status="contacted", assigned_to="", note=""):
    """The assessment page's form as a browser posts it: the follow-up and a new note."""
    has_followup = FollowUp.objects.filter(assessment=assessment).exists()
    return {
        "contact-TOTAL_FORMS": "0",
        "contact-INITIAL_FORMS": "0",
        "followup-TOTAL_FORMS": "1",
        "followup-INITIAL_FORMS": "1" if has_followup else "0",
        "followup-0-assessment": str(assessment.pk),
        "followup-0-status": status,
        "followup-0-assigned_to": str(assigned_to),
        "notes-TOTAL_FORMS": "1",
        "notes-INITIAL_FORMS": "0",
        "notes-0-assessment": str(assessment.pk),
        "notes-0-text": note,
        "_save": "Save",
    }


def test_the_migration_creates_both_groups_with_exactly_their_permissions():
    advisor = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=ADVISOR).permissions.select_related("content_type")
    }
    assert advisor == {
        "assessments.view_assessment",
        "assessments.change_assessment",
        "advisors.view_contact",
        "advisors.view_followup",
        "advisors.add_followup",
        "advisors.change_followup",
        "advisors.view_note",
        "advisors.add_note",
        "advisors.view_answerverification",
        "advisors.add_answerverification",
        "advisors.change_answerverification",
        "advisors.export_assessments",
        "workspaces.view_workspace",
        "workspaces.view_entry",
        "workspaces.view_teamround",
        "workspaces.view_teamresponse",
        "benchmarks.view_exclusion",
        "benchmarks.delete_exclusion",
    }
    editor = {p.codename for p in Group.objects.get(name=CONTENT_EDITOR).permissions.all()}
    assert editor == {
        "view_scheme",
        "add_scheme",
        "change_scheme",
        "view_schemecheck",
        "add_schemecheck",
    }


def test_advisor_can_see_the_list_and_an_assessment(advisor_client):
    assessment = make_assessment(company_name="Wing On Trading")
    assert advisor_client.get(CHANGELIST).status_code == 200
    response = advisor_client.get(change_url(assessment))
    assert response.status_code == 200
    assert "Wing On Trading" in response.content.decode()


def test_advisor_can_change_status_and_assignment_and_add_a_note(advisor_client, advisor):
    assessment = make_assessment()
    data = followup_post(assessment, status="contacted", assigned_to=advisor.pk, note="Called.")
    response = advisor_client.post(change_url(assessment), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    followup = FollowUp.objects.get(assessment=assessment)
    assert followup.status == FollowUpStatus.CONTACTED
    assert followup.assigned_to == advisor
    note = Note.objects.get(assessment=assessment)
    assert (note.text, note.author) == ("Called.", advisor)


def test_advisor_can_export(advisor_client):
    make_assessment()
    assert advisor_client.get(f"{CHANGELIST}export.csv").status_code == 200
    assert advisor_client.get(f"{CHANGELIST}export.xlsx").status_code == 200


def test_advisor_cannot_delete_an_assessment(advisor_client):
    assessment = make_assessment()
    assert advisor_client.get(f"{CHANGELIST}{assessment.pk}/delete/").status_code == 403
    assert (
        advisor_client.post(f"{CHANGELIST}{assessment.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    response = advisor_client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [assessment.pk], "post": "yes"},
    )
    assert Assessment.objects.filter(pk=assessment.pk).exists()
    assert response.status_code in (200, 302)


def test_advisor_cannot_add_an_assessment(advisor_client):
    assert advisor_client.get(f"{CHANGELIST}add/").status_code == 403


def test_advisor_cannot_manage_users_or_groups(advisor_client, advisor):
    assert advisor_client.get("/admin/auth/user/").status_code == 403
    assert advisor_client.get("/admin/auth/user/add/").status_code == 403
    assert advisor_client.get(f"/admin/auth/user/{advisor.pk}/change/").status_code == 403
    assert advisor_client.get("/admin/auth/group/").status_code == 403


def test_advisor_cannot_edit_schemes(advisor_client):
    assert advisor_client.get("/admin/schemes/scheme/add/").status_code == 403


def test_content_editor_can_change_a_scheme(client, editor):
    load_seed(current_questionnaire())
    scheme = Scheme.objects.order_by("pk").first()
    client.force_login(editor)
    assert client.get("/admin/schemes/scheme/").status_code == 200
    assert client.get(f"/admin/schemes/scheme/{scheme.pk}/change/").status_code == 200
    assert client.get("/admin/schemes/scheme/add/").status_code == 200


def test_content_editor_cannot_delete_a_scheme(client, editor):
    load_seed(current_questionnaire())
    scheme = Scheme.objects.order_by("pk").first()
    client.force_login(editor)
    assert client.get(f"/admin/schemes/scheme/{scheme.pk}/delete/").status_code == 403


def test_content_editor_cannot_see_delete_or_export_assessments(client, editor):
    assessment = make_assessment()
    client.force_login(editor)
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(change_url(assessment)).status_code == 403
    assert client.get(f"{CHANGELIST}{assessment.pk}/delete/").status_code == 403
    assert client.get(f"{CHANGELIST}export.csv").status_code == 403
    assert client.get("/admin/dashboard/").status_code == 403


def test_content_editor_cannot_manage_users(client, editor):
    client.force_login(editor)
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/user/add/").status_code == 403


def test_only_a_superuser_can_delete_an_assessment(client, superuser):
    assessment = make_assessment()
    client.force_login(superuser)
    response = client.post(f"{CHANGELIST}{assessment.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Assessment.objects.filter(pk=assessment.pk).exists()


def test_a_visitor_who_is_not_staff_is_sent_to_the_login(client):
    client.force_login(User.objects.create_user("visitor"))
    for url in (CHANGELIST, "/admin/dashboard/", f"{CHANGELIST}export.csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
