"""Answers verified on a visit: question by question, with who and when; the firm's own result
stays as stored and the advisor-verified score, from the same scoring contract, is shown
beside it on the page and in the exports."""

import csv
import io
from decimal import Decimal

import pytest

from readiness.advisors.models import AnswerVerification
from readiness.advisors.verification import verified_score
from readiness.assessments import scoring
from tests.factory import make_assessment, questionnaire, uniform_answers

pytestmark = pytest.mark.django_db


def verify_url(assessment) -> str:
    return f"/admin/assessments/assessment/{assessment.pk}/verify/"


def test_an_advisor_confirms_one_answer_and_corrects_another(advisor_client, advisor):
    assessment = make_assessment(uniform_answers(3))
    first, second, *_ = questionnaire().questions
    page = advisor_client.get(verify_url(assessment)).content.decode()
    assert "(the firm&#x27;s answer)" in page
    response = advisor_client.post(verify_url(assessment), {first: "3", second: "1"})
    assert response.status_code == 302
    checks = {v.question: v for v in AnswerVerification.objects.filter(assessment=assessment)}
    assert {k: v.value for k, v in checks.items()} == {first: 3, second: 1}
    assert all(v.verified_by == advisor and v.verified_at for v in checks.values())
    # The firm's own answers and result are untouched.
    assessment.refresh_from_db()
    assert assessment.answers[second] == 3
    assert assessment.overall_score == Decimal("3.0")


def test_the_verified_score_is_the_scoring_contract_over_the_corrected_answers():
    assessment = make_assessment(uniform_answers(3))
    key = next(iter(questionnaire().questions))
    AnswerVerification.objects.create(assessment=assessment, question=key, value=5)
    expected = scoring.score(questionnaire(), {**uniform_answers(3), key: 5})
    score = verified_score(assessment, assessment.verifications.all())
    assert score.overall == expected.overall_displayed
    assert score.tier == expected.tier
    assert (score.questions, score.changed) == (1, 1)
    assert verified_score(make_assessment(), []) is None


def test_the_page_shows_both_scores_and_each_check(advisor_client):
    assessment = make_assessment(uniform_answers(3))
    keys = list(questionnaire().questions)
    advisor_client.post(verify_url(assessment), {keys[0]: "3", **{k: "5" for k in keys[1:]}})
    html = advisor_client.get(f"/admin/assessments/assessment/{assessment.pk}/change/")
    html = html.content.decode()
    assert "Overall score: 3.0 / 5 · AI Aware" in html
    expected = scoring.score(questionnaire(), {keys[0]: 3, **{k: 5 for k in keys[1:]}})
    assert f"Advisor-verified score: {expected.overall_displayed} / 5 · AI Competent" in html
    assert "Confirmed · mei ·" in html
    assert "Corrected to" in html


def test_setting_a_check_back_to_not_checked_removes_it(advisor_client):
    assessment = make_assessment(uniform_answers(3))
    key = next(iter(questionnaire().questions))
    advisor_client.post(verify_url(assessment), {key: "4"})
    advisor_client.post(verify_url(assessment), {key: ""})
    assert not AnswerVerification.objects.filter(assessment=assessment).exists()


def test_an_answer_out_of_range_is_refused_and_nothing_is_stored(advisor_client):
    assessment = make_assessment(uniform_answers(3))
    key = next(iter(questionnaire().questions))
    response = advisor_client.post(verify_url(assessment), {key: "9"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not AnswerVerification.objects.exists()


def test_the_export_has_the_verified_score_beside_the_self_assessed_one(advisor_client):
    assessment = make_assessment(uniform_answers(2), company_name="Checked Co")
    key = next(iter(questionnaire().questions))
    AnswerVerification.objects.create(assessment=assessment, question=key, value=5)
    response = advisor_client.get("/admin/assessments/assessment/export.csv")
    body = b"".join(response.streaming_content).decode("utf-8")[1:]
    rows = list(csv.DictReader(io.StringIO(body)))
    row = next(r for r in rows if r["Company"] == "Checked Co")
    expected = verified_score(assessment, assessment.verifications.all())
    assert row["Overall score"] == "2.0"
    assert row["Verified score"] == str(expected.overall)
    assert row["Answers verified"] == "1"
