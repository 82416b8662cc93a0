"""The pure matcher: profile, answers and scores in; the 90-day plan and the schemes out (no
database). The firms of the issue's table, then the promises that hold for every firm."""

import dataclasses
import itertools
from decimal import Decimal

import pytest

from readiness.assessments import scoring
from readiness.content import tiers
from readiness.schemes.matching import (
    MAX_ADVISORY,
    MAX_RECOMMENDATIONS,
    FirmProfile,
    FirmScores,
    advise,
)
from tests.schemes.conftest import TODAY, questionnaire, seed_catalogue

Q = questionnaire()
CATALOGUE = seed_catalogue()
BY_KEY = {entry.key: entry for entry in CATALOGUE}


def answers(value: int, **overrides: int) -> dict[str, int]:
    return {**{key: value for key in Q.questions}, **overrides}


def dimension_answers(value: int, *dimensions: str) -> dict[str, int]:
    return {q.key: value for d in dimensions for q in Q.dimensions[d].questions}


def advice_for(
    scope="food_beverage",
    band="10-19",
    listed=False,
    difficulties=(),
    trade_type="",
    hk_production_line=None,
    given=None,
    catalogue=CATALOGUE,
):
    given = given or answers(3)
    profile = FirmProfile(scope, band, listed, tuple(difficulties), trade_type, hk_production_line)
    scores = FirmScores.of(scoring.score(Q, given), given)
    return advise(Q, profile, scores, catalogue, today=TODAY), scores


def keys(cards) -> list[str]:
    return [card.key for card in cards]


def with_entry(key, **changes):
    return [dataclasses.replace(e, **changes) if e.key == key else e for e in CATALOGUE]


# ---------------------------------------------------------------- the firms


def test_a_20_person_garment_trader_at_ai_unaware():
    given = answers(1, **dimension_answers(2, "leadership", "data_digitisation"))
    advice, scores = advice_for(
        "trade_wholesale_retail",
        "20-49",
        trade_type="wholesale",
        difficulties=["lack_of_funds"],
        given=given,
    )

    assert scores.tier == "unaware"
    recommended = keys(advice.recommendations)
    # Branding and sales funding reaches the trader; the programme that is not open yet does
    # not, and is listed apart as coming soon.
    assert "bud" in recommended
    assert "dtspp" not in recommended and "dtspp" in keys(advice.upcoming)
    assert "sme_one" in recommended
    # Nothing for manufacturers, nothing for R&D, nothing that has closed.
    assert not {"nifs", "manufacturing_plus", "ess", "prp", "rth", "aiss", "tvp"} & set(recommended)
    assert "tvp" in keys(advice.closed)
    # All at 1.0 but the two at 2: the first three in questionnaire order.
    assert [item.dimension for item in advice.plan] == ["ai_literacy", "culture", "use_cases"]
    assert all(item.level == "low" for item in advice.plan)


def test_a_60_person_manufacturer_at_ai_ready():
    given = answers(4, **dimension_answers(3, "ai_literacy", "data_quality"))
    advice, scores = advice_for("manufacturing", "50-99", hk_production_line=True, given=given)

    assert scores.tier == "ready"
    recommended = keys(advice.recommendations)
    # Only its weak areas are priorities: nothing at 4.0 is presented as weak.
    assert [item.dimension for item in advice.plan] == ["ai_literacy", "data_quality"]
    assert [item.level for item in advice.plan] == ["mid", "mid"]
    # The smart-production scheme for firms without that experience is not for it; NIFS is.
    assert "manufacturing_plus" not in recommended
    assert "nifs" in recommended
    assert advice.plan[0].pay == "nittp"


def test_a_manufacturer_without_a_production_line_in_hong_kong_gets_no_production_schemes():
    given = answers(4, **dimension_answers(3, "ai_literacy"))
    advice, _ = advice_for("manufacturing", "50-99", hk_production_line=False, given=given)

    assert not {"nifs", "manufacturing_plus"} & set(keys(advice.recommendations))


def test_a_10_person_food_shop_at_ai_aware_is_never_sent_to_research_funding():
    advice, scores = advice_for("food_beverage", "10-19", given=answers(3))

    assert scores.tier == "aware"
    research = {"ess", "prp", "rth", "rd_cash_rebate", "mhkjfs", "aiss", "nias"}
    assert not research & set(keys(advice.recommendations))
    assert {"sme_one"} <= set(keys(advice.recommendations))


def test_a_shop_and_a_wholesaler_are_matched_apart():
    shops_only = with_entry("nittp", business_scopes=("retail",))
    shop, _ = advice_for("trade_wholesale_retail", trade_type="retail", catalogue=shops_only)
    wholesaler, _ = advice_for(
        "trade_wholesale_retail", trade_type="wholesale", catalogue=shops_only
    )
    both, _ = advice_for("trade_wholesale_retail", trade_type="both", catalogue=shops_only)
    # An answer given before the question existed cannot tell: no scheme limited to shops.
    unknown, _ = advice_for("trade_wholesale_retail", trade_type="", catalogue=shops_only)

    assert "nittp" in keys(shop.recommendations)
    assert "nittp" in keys(both.recommendations)
    assert "nittp" not in keys(wholesaler.recommendations)
    assert "nittp" not in keys(unknown.recommendations)


def test_a_120_person_manufacturer_is_not_an_sme_and_gets_no_sme_centre():
    advice, _ = advice_for("manufacturing", "100-199", hk_production_line=True)

    smes_only = {key for key, entry in BY_KEY.items() if entry.sme_only}
    assert smes_only
    assert not smes_only & set(keys(advice.recommendations))
    assert not smes_only & {key for item in advice.plan for key in item.free_help}


def test_a_listed_company_gets_nothing_closed_to_listed_companies():
    advice, _ = advice_for("trade_wholesale_retail", "200-499", listed=True, trade_type="both")

    closed_to_listed = {key for key, entry in BY_KEY.items() if not entry.listed_allowed}
    assert "bud" in closed_to_listed
    assert not closed_to_listed & set(keys(advice.recommendations) + keys(advice.upcoming))


def test_all_answers_at_1_give_three_low_priorities_with_their_next_level():
    advice, _ = advice_for(given=answers(1))

    assert len(advice.plan) == 3
    for item in advice.plan:
        assert item.level == "low"
        questions = Q.dimensions[item.dimension].questions
        assert [(n.question, n.current, n.next) for n in item.next_level] == [
            (q.key, 1, 2) for q in questions
        ]


def test_all_answers_at_5_give_where_to_go_further_and_no_next_level():
    advice, _ = advice_for("telecom_it", "20-49", given=answers(5))

    assert advice.all_strong
    assert len(advice.plan) == 3
    assert all(item.level == "high" and item.next_level == () for item in advice.plan)
    assert [item.actions for item in advice.plan] == [
        Q.dimensions[item.dimension].next_steps["high"] for item in advice.plan
    ]


# ---------------------------------------------------------------- priorities


def test_a_named_difficulty_breaks_a_tie_between_equally_weak_dimensions():
    given = answers(
        4, **dimension_answers(2, "leadership", "ai_literacy", "privacy_risk", "ai_tools")
    )

    plain, _ = advice_for(given=given)
    privacy, _ = advice_for(given=given, difficulties=["data_privacy"])

    assert [i.dimension for i in plain.plan] == ["leadership", "ai_literacy", "ai_tools"]
    assert [i.dimension for i in privacy.plan] == ["privacy_risk", "leadership", "ai_literacy"]


def test_a_named_data_privacy_difficulty_puts_the_privacy_commissioner_first():
    given = answers(4, **dimension_answers(2, "privacy_risk"))
    advice, _ = advice_for(given=given, difficulties=["data_privacy"])

    [item] = advice.plan
    assert item.dimension == "privacy_risk"
    assert BY_KEY[item.free_help[0]].key.startswith("pcpd_")


def test_the_next_level_is_the_statement_above_each_answer_and_none_at_5():
    leadership = Q.dimensions["leadership"]
    first, second = (q.key for q in leadership.questions)
    given = answers(4, **{first: 1, second: 5})
    advice, _ = advice_for(given=given)

    [item] = advice.plan
    assert item.dimension == "leadership"
    assert [(n.question, n.current, n.next) for n in item.next_level] == [(first, 1, 2)]


# ---------------------------------------------------------------- promises for every firm

SCOPES = ["manufacturing", "trade_wholesale_retail", "food_beverage", "telecom_it", "other"]
BANDS = ["1-5", "20-49", "50-99", "100-199", "500+"]
PATTERNS = {
    "all 1": answers(1),
    "all 3": answers(3),
    "all 5": answers(5),
    "mixed": {key: [1, 2, 3, 4, 5][i % 5] for i, key in enumerate(Q.questions)},
    "strong but data": answers(4, **dimension_answers(1, "data_quality", "data_access")),
}
DIFFICULTIES = [(), ("lack_of_funds",), ("data_privacy", "lack_of_talent")]


def every_firm():
    for scope, band, pattern, difficulties, listed in itertools.product(
        SCOPES, BANDS, PATTERNS, DIFFICULTIES, (False, True)
    ):
        trade = "both" if scope == "trade_wholesale_retail" else ""
        line = True if scope == "manufacturing" else None
        yield advice_for(scope, band, listed, difficulties, trade, line, given=PATTERNS[pattern])


ALL = list(every_firm())


@pytest.mark.parametrize("advice, scores", ALL[:: max(1, len(ALL) // 60)])
def test_every_firm_gets_at_most_five_open_schemes_two_centres_and_a_plan_they_explain(
    advice, scores
):
    recommended = advice.recommendations
    assert len(recommended) <= MAX_RECOMMENDATIONS
    assert sum(card.kind == "advisory" for card in recommended) <= MAX_ADVISORY
    assert all(card.status == "open" for card in recommended)
    assert all(card.status == "upcoming" for card in advice.upcoming)
    assert all(BY_KEY[card.key].mention_when_closed for card in advice.closed)
    # Every scheme the plan names is among the cards, so the page can show its details.
    for item in advice.plan:
        for key in (*item.free_help, item.pay):
            assert key is None or key in keys(recommended)
    # One sentence about this firm each, never twice the same.
    whys = [card.why.en for card in recommended]
    assert len(set(whys)) == len(whys)
    assert all(why.endswith(".") and ". " not in why for why in whys)


@pytest.mark.parametrize("advice, scores", ALL[:: max(1, len(ALL) // 60)])
def test_no_weak_area_is_a_dimension_at_3_5_or_above(advice, scores):
    weak = [item for item in advice.plan if not item.strong]
    if weak:
        assert weak == advice.plan
        assert all(item.score < tiers.STRONG_FROM for item in advice.plan)
    else:
        assert advice.all_strong
    shown = [item.score for item in advice.plan]
    assert shown == sorted(shown)


def test_every_firm_is_recommended_only_schemes_whose_hard_rules_it_meets():
    for advice, scores in ALL:
        for card in advice.recommendations:
            entry = BY_KEY[card.key]
            assert not entry.tiers or scores.tier in entry.tiers


def test_the_matcher_is_deterministic():
    given = PATTERNS["mixed"]
    first, _ = advice_for("manufacturing", "20-49", hk_production_line=True, given=given)
    again, _ = advice_for("manufacturing", "20-49", hk_production_line=True, given=given)
    assert first == again


def test_a_scheme_past_its_closing_date_is_no_longer_recommended():
    catalogue = with_entry("sme_one", closes_on=TODAY.replace(day=1))
    advice, _ = advice_for(catalogue=catalogue, given=answers(1))

    assert "sme_one" not in keys(advice.recommendations)


def test_an_open_scheme_whose_opening_date_is_ahead_is_coming_soon():
    catalogue = with_entry("sme_one", opens_on=TODAY.replace(year=TODAY.year + 1))
    advice, _ = advice_for(catalogue=catalogue, given=answers(1))

    assert "sme_one" not in keys(advice.recommendations)
    assert "sme_one" in keys(advice.upcoming)


def test_why_it_fits_names_the_firms_own_weak_area_in_both_languages():
    given = answers(4, **dimension_answers(2, "ai_literacy"))
    advice, _ = advice_for(given=given)

    card = advice.card(advice.plan[0].pay)
    name = Q.dimensions["ai_literacy"].name
    assert card.why.en == (
        f"Your firm scores 2.0 / 5 in {name.en}; it pays for {card.pays_for.en}."
    )
    assert (
        card.why.zh_hant
        == f"公司在「{name.zh_hant}」得 2.0 / 5 分；此項資助{card.pays_for.zh_hant}。"
    )


def test_the_snapshot_reads_back_as_it_was_written():
    from readiness.schemes.advice import Advice

    advice, _ = advice_for(given=PATTERNS["mixed"], difficulties=["lack_of_funds"])
    assert Advice.from_snapshot(advice.as_snapshot()) == advice


def test_scores_come_as_shown_so_the_plan_and_the_page_agree():
    given = PATTERNS["mixed"]
    _, scores = advice_for(given=given)
    result = scoring.score(Q, given)
    assert scores.dimensions == {k: scoring.displayed(v) for k, v in result.dimensions.items()}
    assert all(isinstance(v, Decimal) for v in scores.dimensions.values())
