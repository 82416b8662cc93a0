"""One firm on one screen: the follow-up, the notes and the new-note box first; notes with
their author and date and no date on the blank row; the language by name; the plan and the
recommendations the firm saw; text the firm typed never reorders the page."""

import re

import pytest
from django.utils import timezone

from readiness.advisors.models import Contact, FollowUp, FollowUpStatus, Note
from readiness.schemes.advice import Advice
from tests.factory import make_assessment, uniform_answers

pytestmark = pytest.mark.django_db


def change_url(assessment) -> str:
    return f"/admin/assessments/assessment/{assessment.pk}/change/"


def page_post(assessment, *, status="contacted", closing_reason="", assigned_to="", note=""):
    """The page's form as a browser posts it: the follow-up and a new note."""
    has_followup = FollowUp.objects.filter(assessment=assessment).exists()
    return {
        "contact-TOTAL_FORMS": "0",
        "contact-INITIAL_FORMS": "0",
        "followup-TOTAL_FORMS": "1",
        "followup-INITIAL_FORMS": "1" if has_followup else "0",
        "followup-0-assessment": str(assessment.pk),
        "followup-0-status": status,
        "followup-0-closing_reason": closing_reason,
        "followup-0-assigned_to": str(assigned_to),
        "notes-TOTAL_FORMS": "1",
        "notes-INITIAL_FORMS": "0",
        "notes-0-assessment": str(assessment.pk),
        "notes-0-text": note,
        "_continue": "Save",
    }


def test_the_work_comes_first_and_the_answers_last(advisor_client):
    assessment = make_assessment(company_name="Order Co")
    html = advisor_client.get(change_url(assessment)).content.decode()
    positions = [
        html.index(marker)
        for marker in (
            'name="_continue"',  # Save at the top
            'id="followup-group"',
            'id="notes-group"',
            'id="scores"',
            'id="plan"',
            'id="recommendations"',
            'id="answers"',
        )
    ]
    assert positions == sorted(positions)


def test_notes_show_author_and_date_and_the_blank_row_shows_neither(advisor_client, advisor):
    assessment = make_assessment()
    response = advisor_client.post(
        change_url(assessment), page_post(assessment, note="Called; visit on Monday.")
    )
    assert response.status_code == 302
    note = Note.objects.get(assessment=assessment)
    assert note.author == advisor
    html = re.sub(r">\s+<", "><", advisor_client.get(change_url(assessment)).content.decode())
    written = timezone.localtime(note.created_at).strftime("%Y-%m-%d %H:%M")
    assert f'<td class="field-written"><p>{written}</p></td>' in html
    assert '<td class="field-written_by"><p>mei</p></td>' in html
    assert "Called; visit on Monday." in html
    blank = re.search(r'<tr class="form-row[^"]*"\s+id="notes-1">.*?</tr>', html, re.S).group(0)
    assert '<td class="field-written"><p></p></td>' in blank
    assert '<td class="field-written_by"><p></p></td>' in blank
    empty_row = r'<tr class="form-row[^"]*empty-form"\s+id="notes-empty">.*?</tr>'
    empty = re.search(empty_row, html, re.S).group(0)
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", empty) is None


def test_the_language_is_named(advisor_client):
    assessment = make_assessment()
    assessment.language = "zh-hant"
    assessment.save(update_fields=["language"])
    html = advisor_client.get(change_url(assessment)).content.decode()
    assert "Traditional Chinese" in html
    assert "zh-hant" not in html.split('id="content-main"')[1].split("</form>")[0].replace(
        'lang="zh-hant"', ""
    )


def test_the_plan_and_recommendations_the_firm_saw_are_shown(advisor_client):
    assessment = make_assessment()
    advice = Advice.of(assessment)
    assert advice.plan, "the factory stores advice as the wizard does"
    html = advisor_client.get(change_url(assessment)).content.decode()
    plan = html.split('id="plan"')[1].split("</fieldset>")[0]
    assert str(advice.plan[0].actions)[:40] in plan.replace("&#x27;", "'")
    if advice.recommendations:
        recs = html.split('id="recommendations"')[1].split("</fieldset>")[0]
        assert str(advice.recommendations[0].name) in recs.replace("&#x27;", "'")


def test_a_right_to_left_override_is_neutralised_on_the_page_and_in_the_list(advisor_client):
    assessment = make_assessment(company_name="Golden \u202eDragon\u202c Kitchen")
    Contact.objects.create(assessment=assessment, name="Chan \u202eTai\u202c", email="a@b.hk")
    FollowUp.objects.create(assessment=assessment, requested_at=timezone.now())
    for url in (
        change_url(assessment),
        "/admin/assessments/assessment/",
        "/admin/advisors/followup/",
    ):
        html = advisor_client.get(url).content.decode()
        assert "\u202e" not in html and "\u202c" not in html, url
        assert "<bdi>Golden Dragon Kitchen</bdi>" in html, url
    page = advisor_client.get(change_url(assessment)).content.decode()
    assert "<bdi>Chan Tai</bdi>" in page


def test_a_closed_request_needs_a_reason(advisor_client):
    assessment = make_assessment()
    FollowUp.objects.create(assessment=assessment, requested_at=timezone.now())
    response = advisor_client.post(change_url(assessment), page_post(assessment, status="closed"))
    assert response.status_code == 200
    assert "Say why the request is closed." in response.content.decode()
    assert FollowUp.objects.get(pk=assessment.pk).status == FollowUpStatus.NEW
    response = advisor_client.post(
        change_url(assessment),
        page_post(assessment, status="closed", closing_reason="no_response"),
    )
    assert response.status_code == 302
    followup = FollowUp.objects.get(pk=assessment.pk)
    assert followup.status == FollowUpStatus.CLOSED
    assert followup.closing_reason == "no_response"
    assert followup.closed_at is not None
    assert followup.contacted_at is None  # a firm that never answered was never contacted


def test_the_firm_page_shows_its_workspace_history(advisor_client):
    from readiness.workspaces.models import Workspace

    first = make_assessment(uniform_answers(1))
    workspace = Workspace.start_with(first)
    second = make_assessment(uniform_answers(4))
    workspace.add(second)
    html = advisor_client.get(f"/admin/assessments/assessment/{second.pk}/change/").content.decode()
    history = html.split('id="workspace"')[1].split("</fieldset>")[0]
    assert f"Workspace #{workspace.pk}: the firm's assessments over time" in history
    assert history.index(f"/{first.pk}/change/") < history.index(f"/{second.pk}/change/")
    assert "1.0 / 5 · AI Unaware" in history and "4.0 / 5 · AI Ready" in history
    assert "0 team rounds" in history
    assert workspace.token not in html
