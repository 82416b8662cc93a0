"""Fuzzing with hypothesis: the scoring refuses junk with ScoringError only, and the wizard
answers junk with a form error, a redirect or a 400, never a 500, never a stored assessment."""

import copy

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.assessments import scoring
from readiness.assessments.models import Assessment
from tests.factory import answer_all_steps, post_step, questionnaire, uniform_answers

QUESTIONS = list(questionnaire().questions)
STEPS = ["profile", *(p.key for p in questionnaire().pillars), "review", "contact"]

junk_value = st.one_of(
    st.integers(min_value=-3, max_value=8),
    st.integers(),
    st.floats(allow_nan=True),
    st.decimals(allow_nan=False),
    st.text(max_size=5),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=2),
)
junk_key = st.one_of(st.sampled_from(QUESTIONS), st.text(max_size=10), st.integers())


@given(
    base=st.dictionaries(st.sampled_from(QUESTIONS), st.integers(1, 5)),
    junk=st.dictionaries(junk_key, junk_value, max_size=4),
)
def test_scoring_answers_any_junk_with_a_result_or_a_scoring_error(base, junk):
    answers = {**uniform_answers(3), **base, **junk} if base else {**base, **junk}
    try:
        result = scoring.score(questionnaire(), answers)
    except scoring.ScoringError:
        return
    assert 1 <= result.overall <= 5
    assert result.tier in {"unaware", "aware", "ready", "competent"}


field_name = st.one_of(
    st.sampled_from(
        [
            "assessment-current_step",
            "wizard_goto_step",
            "to_review",
            "skip",
            "switch_language",
            "profile-company_name",
            "profile-business_scope",
            "profile-employee_band",
            "profile-listed",
            "profile-ai_functions",
            "profile-difficulties",
            "contact-name",
            "contact-email",
            "contact-phone",
            "contact-consent",
            *(f"{p.key}-{q.key}" for p in questionnaire().pillars for q in p.questions),
        ]
    ),
    st.text(max_size=20),
)
field_value = st.one_of(
    st.sampled_from(["1", "5", "6", "0", "-1", "yes", "no", "on", "", "none", *STEPS]),
    st.text(max_size=50),
    st.lists(st.text(max_size=10), max_size=3),
)
post_data = st.dictionaries(field_name, field_value, max_size=12)

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def no_rate_limits(settings):
    settings.RATE_LIMIT_ASSESSMENT_STARTS = "off"


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS)
def test_any_post_to_a_fresh_wizard_step_is_handled(step, no_rate_limits):
    client = Client()

    @FUZZ
    @given(data=post_data, keep_step=st.booleans())
    def fuzz(data, keep_step):
        client.cookies.clear()  # a new visitor each time
        if keep_step:
            data = {**data, "assessment-current_step": step}

        response = client.post(f"/assessment/{step}/", data)

        assert response.status_code in {200, 302, 400}
        assert Assessment.objects.count() == 0

    fuzz()


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS)
def test_any_post_to_a_step_of_a_wizard_in_progress_is_handled(step, no_rate_limits):
    client = Client()
    answer_all_steps(client, uniform_answers(3))
    post_step(client, "review", {})
    in_progress = copy.deepcopy(dict(client.session.items()))

    @FUZZ
    @given(data=post_data)
    def fuzz(data):
        session = client.session  # every example starts from the same wizard in progress
        session.clear()
        session.update(copy.deepcopy(in_progress))
        session.save()

        response = client.post(f"/assessment/{step}/", {**data, "assessment-current_step": step})

        assert response.status_code in {200, 302, 400}
        # A valid last step finishes the wizard: one whole assessment, never two or half of one.
        assert Assessment.objects.count() in {0, 1}
        for assessment in Assessment.objects.all():
            assert assessment.pillar_scores.count() == len(questionnaire().pillars)
            assessment.delete()

    fuzz()
