"""The scoring contract: exact means, one-decimal half-up display, tier from the displayed score."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readiness.assessments.scoring import ScoringError, displayed, score, tier_for, weakest
from readiness.content.questionnaire import load

Q = load("2026.1")
KEYS = list(Q.questions)


@pytest.mark.parametrize(
    ("exact", "shown", "tier"),
    [
        ("3.45", "3.5", "ready"),
        ("3.44", "3.4", "aware"),
        ("4.55", "4.6", "competent"),
        ("2.45", "2.5", "aware"),
        ("2.44", "2.4", "unaware"),
        ("4.5", "4.5", "ready"),
        ("4.54", "4.5", "ready"),
        ("3.5", "3.5", "ready"),
        ("1", "1.0", "unaware"),
        ("5", "5.0", "competent"),
    ],
)
def test_score_is_shown_half_up_and_tier_follows_the_shown_score(exact, shown, tier):
    assert str(displayed(Fraction(exact))) == shown
    assert tier_for(Fraction(exact)) == tier
    assert tier_for(Decimal(shown)) == tier


def test_a_third_is_computed_exactly_not_in_binary_floats():
    # 2.45 exactly as a fraction of answers: 49/20. A float mean could land at 2.4499999.
    assert str(displayed(Fraction(49, 20))) == "2.5"
    assert str(displayed(Fraction(10, 3))) == "3.3"


def test_all_ones_is_unaware_and_all_fives_is_competent():
    low = score(Q, dict.fromkeys(KEYS, 1))
    high = score(Q, dict.fromkeys(KEYS, 5))
    assert (str(low.overall_displayed), low.tier) == ("1.0", "unaware")
    assert (str(high.overall_displayed), high.tier) == ("5.0", "competent")
    assert set(low.as_strings()["pillars"].values()) == {"1.0"}


def test_overall_is_the_mean_of_dimensions_each_weighing_the_same():
    answers = dict.fromkeys(KEYS, 1)
    first_dimension = Q.pillars[0].dimensions[0]
    for question in first_dimension.questions:
        answers[question.key] = 5
    result = score(Q, answers)
    dims = len(Q.dimensions)
    assert result.dimensions[first_dimension.key] == 5
    assert result.overall == Fraction(5 + (dims - 1), dims)
    first_pillar = Q.pillars[0]
    assert result.pillars[first_pillar.key] == Fraction(
        5 + len(first_pillar.dimensions) - 1, len(first_pillar.dimensions)
    )


def test_a_dimension_is_the_mean_of_its_answers():
    answers = dict.fromkeys(KEYS, 3)
    dimension = Q.pillars[1].dimensions[0]
    a, b = (q.key for q in dimension.questions[:2])
    answers[a], answers[b] = 2, 5
    result = score(Q, answers)
    expected = Fraction(2 + 5 + 3 * (len(dimension.questions) - 2), len(dimension.questions))
    assert result.dimensions[dimension.key] == expected


def test_weakest_dimensions_are_lowest_first_and_ties_keep_questionnaire_order():
    answers = dict.fromkeys(KEYS, 4)
    dims = list(Q.dimensions.values())
    for q in dims[5].questions:
        answers[q.key] = 1
    for q in dims[2].questions + dims[8].questions:
        answers[q.key] = 2
    shown = {key: displayed(value) for key, value in score(Q, answers).dimensions.items()}
    assert weakest(shown, 3) == [dims[5].key, dims[2].key, dims[8].key]


def test_weakest_compares_the_scores_as_shown_so_the_page_and_the_plan_agree():
    # 1.25 and 1.2 both show as 1.x, but differently: 1.3 and 1.2; and two dimensions that
    # both show 2.5 (exactly 2.5 and 2.45) tie, in questionnaire order.
    assert weakest({"a": Decimal("2.5"), "b": Decimal("2.5"), "c": Decimal("1.3")}, 2) == [
        "c",
        "a",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"drop": True}, "missing answers"),
        ({"value": 0}, "must be 1 to 5"),
        ({"value": 6}, "must be 1 to 5"),
        ({"value": "3"}, "whole number"),
        ({"value": True}, "whole number"),
        ({"extra": True}, "unknown questions"),
    ],
)
def test_bad_answers_are_refused_with_a_message(change, message):
    answers = dict.fromkeys(KEYS, 3)
    if change.get("drop"):
        answers.pop(KEYS[0])
    if "value" in change:
        answers[KEYS[0]] = change["value"]
    if change.get("extra"):
        answers["not_a_question"] = 3
    with pytest.raises(ScoringError, match=message):
        score(Q, answers)


answer_sets = st.fixed_dictionaries({key: st.integers(1, 5) for key in KEYS})


@given(answer_sets)
def test_overall_score_stays_between_1_and_5(answers):
    result = score(Q, answers)
    assert 1 <= result.overall <= 5
    assert Decimal("1.0") <= result.overall_displayed <= Decimal("5.0")


@given(answer_sets, st.sampled_from(KEYS))
def test_raising_one_answer_never_lowers_the_score_or_the_tier(answers, key):
    order = ["unaware", "aware", "ready", "competent"]
    before = score(Q, answers)
    raised = dict(answers, **{key: min(5, answers[key] + 1)})
    after = score(Q, raised)
    assert after.overall >= before.overall
    assert after.overall_displayed >= before.overall_displayed
    assert order.index(after.tier) >= order.index(before.tier)


@given(st.fractions(min_value=1, max_value=5))
def test_tier_always_agrees_with_the_displayed_score(value):
    shown = displayed(value)
    tier = tier_for(value)
    if shown < Decimal("2.5"):
        assert tier == "unaware"
    elif shown <= Decimal("3.4"):
        assert tier == "aware"
    elif shown <= Decimal("4.5"):
        assert tier == "ready"
    else:
        assert tier == "competent"
    assert abs(Fraction(shown) - value) <= Fraction(1, 20)
