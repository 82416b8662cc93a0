"""The assessment wizard through the test client: the happy path, back, resume, review, and
tampering that must never store anything or raise a 500."""

import pytest
from django.utils.html import escape

from readiness.assessments.models import Assessment, PillarScore
from tests.factory import (
    PROFILE,
    answer_all_steps,
    complete_wizard,
    pillar_fields,
    pillars,
    post_step,
    questionnaire,
    step_post,
    uniform_answers,
)

pytestmark = pytest.mark.django_db


def test_start_url_goes_to_the_profile_step(client):
    response = client.get("/assessment/")
    assert response.status_code == 302
    assert response["Location"] == "/assessment/profile/"


def test_profile_step_shows_progress_and_the_study_categories(client):
    response = client.get("/assessment/profile/")
    html = response.content.decode()
    steps = len(pillars()) + 2
    assert f"Step 1 of {steps}" in html or "Step 1 of" in html
    assert '<progress class="wizard-progress"' in html
    assert "Food and beverage" in html or "Food" in html
    assert html.count('name="profile-employee_band"') == 8


def test_completing_the_wizard_stores_one_assessment_with_scores(client):
    answers = uniform_answers(3)
    first = pillars()[0]
    for question in first.questions:
        answers[question.key] = 5
    assessment = complete_wizard(client, answers)
    assert Assessment.objects.count() == 1
    assert assessment.company_name == "Golden Dragon Kitchen"
    assert assessment.business_scope == "food_beverage"
    assert assessment.listed is False
    assert assessment.answers == answers
    assert assessment.questionnaire_version == "2026.2"
    assert assessment.scores["pillars"][first.key] == "5.0"
    # 12 dimensions, 3 of them (the first pillar's) at 5, the rest at 3: 42/12 = 3.5.
    assert len(first.dimensions) == 3
    assert str(assessment.overall_score) == "3.5"
    assert assessment.tier == "ready"
    assert PillarScore.objects.filter(assessment=assessment).count() == len(pillars())


def test_each_step_redirects_to_the_next_and_refresh_never_reposts(client):
    response = post_step(client, "profile", PROFILE)
    assert response.status_code == 302
    assert response["Location"] == f"/assessment/{pillars()[0].key}/"
    # A refresh after the redirect is a GET of the next step, which renders it.
    assert client.get(response["Location"]).status_code == 200


def test_missing_answers_are_reported_at_the_question_and_nothing_is_stored(client):
    post_step(client, "profile", PROFILE)
    pillar = pillars()[0]
    fields = pillar_fields(pillar, uniform_answers(3))
    missing = list(fields)[1]
    del fields[missing]
    response = post_step(client, pillar.key, fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 question still needs an answer." in html
    assert f'id="id_{pillar.key}-{missing}_error"' in html
    assert html.count('class="error-text"') == 1
    assert Assessment.objects.count() == 0


def test_profile_errors_name_the_field(client):
    response = post_step(client, "profile", {"company_name": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please choose your main business scope." in html
    assert "Please choose how many full-time employees you have." in html


@pytest.mark.parametrize("bad", ["0", "6", "abc", "3.5", ""])
def test_an_out_of_range_answer_is_a_form_error_not_a_500(client, bad):
    post_step(client, "profile", PROFILE)
    pillar = pillars()[0]
    fields = pillar_fields(pillar, uniform_answers(3))
    fields[next(iter(fields))] = bad
    response = post_step(client, pillar.key, fields)
    assert response.status_code == 200
    assert "Please choose the statement that fits your firm best." in response.content.decode()


def test_back_keeps_what_was_typed_on_the_current_step(client):
    post_step(client, "profile", PROFILE)
    first, second = pillars()[0], pillars()[1]
    post_step(client, first.key, pillar_fields(first, uniform_answers(4)))
    partial = dict(list(pillar_fields(second, uniform_answers(2)).items())[:1])
    data = step_post(second.key, partial)
    data["wizard_goto_step"] = first.key
    response = client.post(f"/assessment/{second.key}/", data)
    assert response["Location"] == f"/assessment/{first.key}/"
    # The earlier step still shows its answers...
    html = client.get(f"/assessment/{first.key}/").content.decode()
    assert html.count(" checked>") == len(list(first.questions))
    # ...and the half-finished step kept the one answer typed, without shouting errors.
    post_step(client, first.key, pillar_fields(first, uniform_answers(4)))
    html = client.get(f"/assessment/{second.key}/").content.decode()
    assert html.count(" checked>") == 1
    assert 'class="error-text"' not in html


def test_leaving_and_returning_to_the_start_url_resumes_at_the_current_step(client):
    post_step(client, "profile", PROFILE)
    first = pillars()[0]
    post_step(client, first.key, pillar_fields(first, uniform_answers(4)))
    response = client.get("/assessment/")
    assert response["Location"] == f"/assessment/{pillars()[1].key}/"


def test_reset_starts_again(client):
    post_step(client, "profile", PROFILE)
    response = client.get("/assessment/?reset")
    assert response["Location"].startswith("/assessment/profile/")
    html = client.get("/assessment/profile/").content.decode()
    assert "Golden Dragon Kitchen" not in html


def test_a_later_step_cannot_be_reached_by_url_before_earlier_ones_are_valid(client):
    response = client.get(f"/assessment/{pillars()[2].key}/")
    assert response["Location"] == "/assessment/profile/"
    post_step(client, "profile", PROFILE)
    response = client.get("/assessment/review/")
    assert response["Location"] == f"/assessment/{pillars()[0].key}/"


def test_the_done_url_before_finishing_stores_nothing(client):
    post_step(client, "profile", PROFILE)
    response = client.get("/assessment/done/")
    assert response.status_code == 302
    assert Assessment.objects.count() == 0


def test_review_shows_every_answer_with_links_to_change_it(client):
    answer_all_steps(client, uniform_answers(2))
    response = client.get("/assessment/review/")
    html = response.content.decode()
    q = questionnaire()
    for question in q.questions.values():
        assert escape(question.text.en) in html
    assert html.count(q.questions[next(iter(q.questions))].options[1].en) >= 1
    for pillar in pillars():
        assert f'href="/assessment/{pillar.key}/?review=1"' in html
    assert 'href="/assessment/profile/?review=1"' in html


def test_a_change_from_review_goes_straight_back_to_review(client):
    answer_all_steps(client, uniform_answers(2))
    pillar = pillars()[0]
    data = step_post(pillar.key, pillar_fields(pillar, uniform_answers(5)))
    data["to_review"] = "1"
    response = client.post(f"/assessment/{pillar.key}/", data)
    assert response["Location"] == "/assessment/review/"


def test_finishing_twice_or_refreshing_creates_exactly_one_assessment(client):
    assessment = complete_wizard(client, uniform_answers(3))
    response = client.get("/assessment/done/")
    assert response.status_code == 302
    assert response["Location"] == f"/result/{assessment.token}/"
    assert Assessment.objects.count() == 1


def test_a_missing_management_form_is_a_400_and_stores_nothing(client):
    response = client.post("/assessment/profile/", {"profile-business_scope": "manufacturing"})
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert Assessment.objects.count() == 0


@pytest.mark.parametrize("posted_step", ["nonsense", "done", "review", ""])
def test_a_tampered_current_step_is_refused(client, posted_step):
    response = client.post(
        "/assessment/profile/",
        {"assessment-current_step": posted_step, "profile-business_scope": "manufacturing"},
    )
    assert response.status_code == 400
    assert Assessment.objects.count() == 0


def test_posting_a_step_out_of_order_sends_back_to_the_first_missing_step(client):
    last = pillars()[-1]
    response = post_step(client, last.key, pillar_fields(last, uniform_answers(5)))
    assert response.status_code == 302
    assert response["Location"] == "/assessment/profile/"
    assert Assessment.objects.count() == 0


def test_an_unknown_step_in_the_url_goes_to_the_start(client):
    response = client.get("/assessment/nosuchstep/")
    assert response.status_code == 302
    assert response["Location"] == "/assessment/profile/"


def test_ticking_no_ai_use_with_a_function_is_refused(client):
    profile = dict(PROFILE, ai_functions=["none", "marketing"])
    response = post_step(client, "profile", profile)
    assert response.status_code == 200
    assert "cannot be ticked together" in response.content.decode()
