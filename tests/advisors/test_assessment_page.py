"""The advisors' assessment page: everything the firm answered and was told, read-only, with
internal notes that never reach the firm."""

import io

import pytest
from django.utils.html import escape
from pypdf import PdfReader

from readiness.advisors.models import Contact, FollowUp, Note
from readiness.assessments.models import Assessment
from readiness.content.questionnaire import current_questionnaire
from readiness.schemes.advice import Advice
from readiness.schemes.seed import load_seed
from tests.advisors.test_permissions import change_url, followup_post
from tests.factory import make_assessment, uniform_answers

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Owner sounded unsure; suggest the TVP route next call."


def mixed_answers():
    answers = uniform_answers(2)
    answers["leadership_sponsor"] = 5
    answers["privacy_pdpo"] = 1
    return answers


def test_the_page_shows_every_answer_with_the_chosen_option_by_pillar_and_dimension(
    advisor_client,
):
    assessment = make_assessment(mixed_answers(), company_name="Wing On Trading")
    html = advisor_client.get(change_url(assessment)).content.decode()
    q = current_questionnaire()
    for pillar in q.pillars:
        assert escape(str(pillar.name.en)) in html
        for dimension in pillar.dimensions:
            assert escape(dimension.name.en) in html
    for key, value in mixed_answers().items():
        question = q.questions[key]
        assert escape(question.text.en) in html
        assert escape(question.option(value).en) in html
    # Answers appear in questionnaire order: pillar, then dimension, then question.
    positions = [html.index(escape(q.questions[k].text.en)) for k in q.questions]
    assert positions == sorted(positions)
    leadership = q.questions["leadership_sponsor"]
    assert f"5/5</span> {escape(leadership.option(5).en)}" in html


def test_the_page_shows_profile_scores_tier_and_the_pdf_but_never_the_result_link(
    advisor_client,
):
    assessment = make_assessment(uniform_answers(4), company_name="Wing On Trading")
    html = advisor_client.get(change_url(assessment)).content.decode()
    assert "Food and beverage services" in html
    assert "Overall score: 4.0 / 5" in html
    assert "AI Ready" in html
    assert assessment.token not in html
    pdf = f"/admin/assessments/assessment/{assessment.pk}/report.pdf"
    assert f'href="{pdf}"' in html
    response = advisor_client.get(pdf)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_page_shows_the_recommendations_the_firm_was_shown(advisor_client):
    load_seed(current_questionnaire())
    assessment = make_assessment(uniform_answers(2), difficulties=["lack_of_funds"])
    advice = Advice.of(assessment)
    assert advice.recommendations, "the seeded catalogue should recommend something"
    html = advisor_client.get(change_url(assessment)).content.decode()
    for card in advice.recommendations:
        assert escape(card.display_name.en) in html
    for item in advice.plan:
        assert escape(item.actions.en) in html


def test_the_page_shows_contact_details_read_only(advisor_client):
    assessment = make_assessment()
    Contact.objects.create(assessment=assessment, name="Chan Tai Man", email="tm@example.com")
    html = advisor_client.get(change_url(assessment)).content.decode()
    assert "Chan Tai Man" in html
    assert 'name="contact-0-name"' not in html


def test_answers_scores_and_profile_cannot_be_edited_even_by_a_superuser(client, superuser):
    assessment = make_assessment(uniform_answers(3), company_name="Wing On Trading")
    before = Assessment.objects.values().get(pk=assessment.pk)
    client.force_login(superuser)
    html = client.get(change_url(assessment)).content.decode()
    for field in ("answers", "company_name", "overall_score", "tier", "scores", "business_scope"):
        assert f'name="{field}"' not in html
    data = followup_post(assessment, status="new")
    data.update(
        {
            "company_name": "Changed Ltd",
            "overall_score": "5.0",
            "tier": "competent",
            "answers": '{"leadership_sponsor": 5}',
        }
    )
    response = client.post(change_url(assessment), data)
    assert response.status_code == 302
    assert Assessment.objects.values().get(pk=assessment.pk) == before


def test_notes_are_dated_signed_and_cannot_be_edited(advisor_client, advisor):
    assessment = make_assessment()
    advisor_client.post(change_url(assessment), followup_post(assessment, note=SECRET_NOTE))
    note = Note.objects.get()
    assert note.author == advisor
    assert note.created_at is not None
    html = advisor_client.get(change_url(assessment)).content.decode()
    assert escape(SECRET_NOTE) in html
    assert "mei" in html
    assert 'name="notes-0-text"' not in html  # the saved note is shown as text, not a field


def test_notes_never_appear_on_the_firms_pages(advisor_client):
    assessment = make_assessment()
    advisor_client.post(change_url(assessment), followup_post(assessment, note=SECRET_NOTE))
    assert Note.objects.count() == 1
    assert FollowUp.objects.get().status == "contacted"
    page = advisor_client.get(f"/result/{assessment.token}/").content.decode()
    data = advisor_client.get(f"/result/{assessment.token}.json").content.decode()
    pdf = advisor_client.get(f"/result/{assessment.token}/report.pdf")
    assert pdf.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for shown in (page, data, text):
        assert "TVP route" not in shown
        assert "Owner sounded" not in shown
