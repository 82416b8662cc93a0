"""The pure matcher: profile and scores in, ranked schemes with reasons out (no database)."""

import dataclasses
import datetime
import itertools
from decimal import Decimal

from readiness.content.tiers import KEYS as TIER_KEYS
from readiness.schemes.matching import (
    MAX_ADVISORY,
    MAX_RECOMMENDATIONS,
    FirmProfile,
    FirmScores,
    match_schemes,
)
from tests.schemes.conftest import TODAY, questionnaire, seed_catalogue

Q = questionnaire()
CATALOGUE = seed_catalogue()


def uniform(tier: str, value: str = "3.0") -> FirmScores:
    return FirmScores(tier=tier, dimensions={k: Decimal(value) for k in Q.dimensions})


def weakest_first(tier: str, *weak: str) -> FirmScores:
    """Every dimension at 4.0 except `weak`, which score 1.0, 1.5, 2.0 in that order."""
    dims = {k: Decimal("4.0") for k in Q.dimensions}
    for i, key in enumerate(weak):
        dims[key] = Decimal("1.0") + Decimal("0.5") * i
    return FirmScores(tier=tier, dimensions=dims)


def match(scope="food_beverage", band="20-49", listed=False, difficulties=(), scores=None, **kw):
    profile = FirmProfile(scope, band, listed, tuple(difficulties))
    catalogue = kw.pop("catalogue", CATALOGUE)
    return match_schemes(Q, profile, scores or uniform("aware"), catalogue, today=TODAY, **kw)


def recommended(result) -> list[str]:
    return [i["key"] for i in result.recommendations if not i["mentioned_as_closed"]]


def closed(result) -> list[str]:
    return [i["key"] for i in result.recommendations if i["mentioned_as_closed"]]


def entry(key):
    return next(e for e in CATALOGUE if e.key == key)


def with_entry(key, **changes):
    return [dataclasses.replace(e, **changes) if e.key == key else e for e in CATALOGUE]


def test_technology_voucher_programme_is_never_recommended_to_any_profile():
    for scope, band, listed, tier in itertools.product(
        [c.key for c in Q.business_scopes],
        [c.key for c in Q.employee_bands],
        [False, True],
        TIER_KEYS,
    ):
        result = match(scope, band, listed, difficulties=["lack_of_funds"], scores=uniform(tier))
        assert "tvp" not in recommended(result), (scope, band, listed, tier)
        assert all(i["status"] != "closed" for i in result.recommendations if i["rank"])


def test_a_closed_scheme_is_explained_to_firms_that_would_have_fitted_it():
    result = match("food_beverage", "20-49", scores=uniform("unaware", "1.0"))
    tvp = next(i for i in result.recommendations if i["key"] == "tvp")
    assert tvp["mentioned_as_closed"] is True
    assert tvp["rank"] is None
    assert tvp["status"] == "closed"
    assert tvp["why"]["en"] == (
        "TVP would once have suited a firm like yours, but it no longer takes applications. "
        "No new applications after 31 December 2024."
    )
    assert tvp["why"]["zh_hant"] == (
        "科技券計劃本可能適合貴公司，但已停止接受申請。2024年12月31日後不再接受新申請。"
    )


def test_closed_schemes_are_not_mentioned_to_firms_they_never_suited():
    # TVP and EMF excluded listed companies; EMF was export marketing, so trade firms only.
    assert closed(match("trade_wholesale_retail", "200-499", listed=True)) == []
    assert closed(match("food_beverage", "20-49")) == ["tvp"]
    assert closed(match("trade_wholesale_retail", "20-49")) == ["tvp", "emf"]


def test_a_scheme_past_its_closing_date_is_treated_as_closed_whatever_its_status():
    catalogue = with_entry("nittp", closes_on=TODAY - datetime.timedelta(days=1))
    result = match("manufacturing", "50-99", scores=uniform("ready"), catalogue=catalogue)
    assert "nittp" not in recommended(result)
    assert "nittp" in closed(result)
    still_open = with_entry("nittp", closes_on=TODAY)
    result = match("manufacturing", "50-99", scores=uniform("ready"), catalogue=still_open)
    assert "nittp" in recommended(result)


def test_upcoming_schemes_are_marked_and_told_to_wait_for_the_opening():
    result = match("food_beverage", "20-49", scores=uniform("unaware", "1.0"))
    dtspp = next(i for i in result.recommendations if i["key"] == "dtspp")
    assert dtspp["status"] == "upcoming"
    assert dtspp["rank"] is not None
    assert dtspp["check"]["en"].startswith(
        "Not open yet: watch the official page for the opening date and final terms. "
    )
    assert dtspp["check"]["zh_hant"].startswith("尚未接受申請：")


def test_an_open_scheme_whose_opening_date_is_ahead_is_upcoming():
    catalogue = with_entry("nittp", opens_on=TODAY + datetime.timedelta(days=30))
    result = match("manufacturing", "50-99", scores=uniform("ready"), catalogue=catalogue)
    nittp = next(i for i in result.recommendations if i["key"] == "nittp")
    assert nittp["status"] == "upcoming"


def test_open_schemes_rank_before_upcoming_ones_of_equal_fit():
    result = match("food_beverage", "20-49", scores=uniform("unaware", "1.0"))
    ranks = {i["key"]: i["rank"] for i in result.recommendations}
    # Same fit (staff AI knowledge, culture): the open courses come before the announced ones.
    assert ranks["ai_courses"] < ranks["ai_training_for_all"]


def test_a_listed_company_never_gets_schemes_closed_to_listed_companies():
    for tier in TIER_KEYS:
        result = match("trade_wholesale_retail", "200-499", listed=True, scores=uniform(tier))
        keys = recommended(result)
        assert "bud" not in keys
        assert all(entry(k).listed_allowed for k in keys)


def test_non_manufacturers_never_get_nifs_or_manufacturing_plus():
    for scope in [c.key for c in Q.business_scopes if c.key != "manufacturing"]:
        for tier in ("aware", "ready", "competent"):
            keys = recommended(match(scope, "50-99", scores=uniform(tier)))
            assert "nifs" not in keys and "manufacturing_plus" not in keys, (scope, tier)


def test_the_employee_limit_applies_to_the_bands_lower_bound():
    # The Digital Transformation Support Pilot Programme takes fewer than 50 employees.
    unaware = uniform("unaware", "1.0")
    assert "dtspp" in recommended(match("food_beverage", "20-49", scores=unaware))
    assert "dtspp" not in recommended(match("food_beverage", "50-99", scores=unaware))


def test_hong_kongs_sme_definition_depends_on_manufacturing():
    # The free SME centres: a 50-99 manufacturer is an SME, a 50-99 trader or a 100-199
    # manufacturer is not.
    aware = uniform("aware")
    assert "sme_one" in recommended(match("manufacturing", "50-99", scores=aware))
    assert "sme_one" not in recommended(match("trade_wholesale_retail", "50-99", scores=aware))
    assert "sme_one" not in recommended(match("manufacturing", "100-199", scores=aware))


def test_an_unknown_employee_band_gets_no_size_limited_scheme():
    keys = recommended(match("food_beverage", "not-a-band", scores=uniform("unaware", "1.0")))
    assert "dtspp" not in keys and "sme_one" not in keys
    assert "ai_courses" in keys


def test_the_list_is_capped_and_holds_only_a_few_advisory_centres():
    for scope, band, tier in itertools.product(
        [c.key for c in Q.business_scopes], ["1-5", "50-99", "500+"], TIER_KEYS
    ):
        result = match(scope, band, difficulties=["lack_of_funds"], scores=uniform(tier))
        items = [i for i in result.recommendations if not i["mentioned_as_closed"]]
        assert len(items) <= MAX_RECOMMENDATIONS
        assert sum(i["kind"] == "advisory" for i in items) <= MAX_ADVISORY
        assert [i["rank"] for i in items] == list(range(1, len(items) + 1))


def test_recommended_schemes_always_suit_the_firms_tier():
    for tier in TIER_KEYS:
        for key in recommended(match("manufacturing", "20-49", scores=uniform(tier))):
            assert tier in entry(key).tiers, (tier, key)


def test_a_scheme_addressing_a_weak_dimension_outranks_one_that_does_not():
    privacy_weak = weakest_first("aware", "privacy_risk", "ai_policy", "data_quality")
    result = match("trade_wholesale_retail", "200-499", scores=privacy_weak)
    assert recommended(result)[0] == "pcpd_ai_guidance"
    first = result.recommendations[0]
    assert first["dimensions"] == ["privacy_risk", "ai_policy"]


def test_a_named_difficulty_raises_a_scheme_that_addresses_it():
    plain = match("telecom_it", "20-49", scores=uniform("competent", "5.0"))
    compute = match(
        "telecom_it", "20-49", difficulties=["computing_resources"], scores=uniform("competent")
    )
    assert recommended(compute)[0] == "aiss"
    assert recommended(plain).index("aiss") > 0


def test_why_it_fits_is_one_sentence_built_from_the_firms_facts_in_both_languages():
    result = match(
        "food_beverage",
        "20-49",
        difficulties=["lack_of_funds"],
        scores=weakest_first("unaware", "data_digitisation", "ai_literacy", "culture"),
    )
    dtspp = next(i for i in result.recommendations if i["key"] == "dtspp")
    assert dtspp["why"]["en"] == (
        "It matches your tier (AI Unaware), your business scope (Food and beverage services), "
        "your size (20–49 employees, an SME under Hong Kong's definition), your weakest area "
        "(Digital records) and the difficulty you named (Lack of funds); it suits a small, "
        "non-listed restaurant, shop, tourism or personal-services business looking for its "
        "first packaged digital or AI tools."
    )
    assert dtspp["why"]["zh_hant"] == (
        "此項配合貴公司的級別（未認識 AI）、貴公司的業務範疇（餐飲服務）、"
        "貴公司的規模（20–49 人，按香港定義屬中小企）、貴公司較弱的範疇（數碼化程度）"
        "及你提出的困難（資金不足）；適合尋找首套現成數碼或人工智能工具的小型非上市餐飲、"
        "零售、旅遊或個人服務企業。"
    )
    assert dtspp["dimensions"] == ["data_digitisation"]


def test_conditions_the_questionnaire_cannot_confirm_come_first_in_what_to_check():
    result = match("manufacturing", "50-99", scores=uniform("ready"))
    nifs = next(i for i in result.recommendations if i["key"] == "nifs")
    assert nifs["check"]["en"] == (
        "Your company must be incorporated in Hong Kong. You need a production line in Hong "
        "Kong. The grant is paid on completion, so the company must fund the whole project "
        "first; projects normally last up to 24 months."
    )


def test_the_snapshot_items_follow_the_contract():
    result = match("manufacturing", "50-99", scores=uniform("ready"))
    keys = {
        "key", "kind", "status", "name", "short_name", "administrator", "summary",
        "funding_ratio", "cap_hkd", "cap_note", "status_note", "changes", "why", "check",
        "apply_url", "last_verified", "dimensions", "rank", "mentioned_as_closed",
    }  # fmt: skip
    nittp = next(i for i in result.recommendations if i["key"] == "nittp")
    assert set(nittp) == keys
    assert nittp["cap_hkd"] == 250000
    assert nittp["last_verified"] == "2026-06-30"
    assert nittp["funding_ratio"]["en"].startswith("Government 1 : company 1")
    assert "HK$500,000" in nittp["changes"]["en"]
    for field in ("name", "administrator", "summary", "why", "check"):
        assert set(nittp[field]) == {"en", "zh_hant"}
        assert nittp[field]["en"] and nittp[field]["zh_hant"]


def test_low_ai_literacy_points_to_courses_and_nittp_registered_training():
    advice = match(
        "trade_wholesale_retail", "20-49", scores=weakest_first("aware", "ai_literacy")
    ).dimension_advice
    literacy = next(a for a in advice if a["dimension"] == "ai_literacy")
    assert [s["key"] for s in literacy["schemes"]] == ["ai_courses", "nittp"]
    assert literacy["action"]["en"].startswith("Send managers and key staff on a hands-on AI")
    assert literacy["score"] == "1.0"


def test_weak_data_governance_points_to_the_privacy_commissioners_guidance():
    for tier in TIER_KEYS:
        advice = match(
            "finance_insurance", "500+", scores=weakest_first(tier, "ai_policy", "privacy_risk")
        ).dimension_advice
        assert [a["dimension"] for a in advice][:2] == ["ai_policy", "privacy_risk"]
        for item in advice[:2]:
            assert item["schemes"][0]["key"] == "pcpd_ai_guidance", tier


def test_no_idea_where_to_start_points_to_the_free_advisory_centres():
    advice = match(
        "food_beverage", "6-9", scores=weakest_first("unaware", "leadership", "use_cases")
    ).dimension_advice
    for item in advice[:2]:
        assert [s["kind"] for s in item["schemes"]] == ["advisory", "advisory"]
        assert {s["key"] for s in item["schemes"]} <= {
            "sme_one",
            "sme_reachout",
            "success",
            "tecone",
        }


def test_an_advanced_firm_weak_in_ai_literacy_is_still_pointed_to_courses():
    advice = match(
        "telecom_it", "20-49", scores=weakest_first("competent", "ai_literacy")
    ).dimension_advice
    literacy = next(a for a in advice if a["dimension"] == "ai_literacy")
    keys = [s["key"] for s in literacy["schemes"]]
    assert "ai_courses" in keys


def test_a_beginner_is_never_pointed_to_research_funding_for_a_weak_dimension():
    advice = match(
        "telecom_it", "20-49", scores=weakest_first("unaware", "use_cases", "ai_tools")
    ).dimension_advice
    for item in advice:
        for link in item["schemes"]:
            assert "unaware" in entry(link["key"]).tiers, (item["dimension"], link["key"])


def test_the_matcher_is_deterministic():
    args = ("manufacturing", "50-99", False, ["lack_of_talent"])
    assert match(*args, scores=uniform("ready")) == match(*args, scores=uniform("ready"))
