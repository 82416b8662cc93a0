"""Recommendations saved with each assessment, shown on the result page and in its JSON twin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from readiness.schemes.admin import sources_as_text
from readiness.schemes.models import Scheme
from tests.factory import complete_wizard, make_assessment, uniform_answers

# The issue's table: a profile, its answers (so its tier), what it must and must not be offered.
PROFILES = [
    pytest.param(
        {"business_scope": "food_beverage", "employee_band": "20-49", "listed": False},
        1,
        "unaware",
        {"ai_courses", "cef", "erb", "sme_one", "sme_reachout"},
        {"ess", "tvp"},
        id="20-person restaurant at AI Unaware: literacy and advisory routes, no ESS",
    ),
    pytest.param(
        {"business_scope": "manufacturing", "employee_band": "50-99", "listed": False},
        4,
        "ready",
        {"nifs", "manufacturing_plus"},
        {"tvp"},
        id="60-person manufacturer at AI Ready: NIFS and Manufacturing+",
    ),
    pytest.param(
        {"business_scope": "trade_wholesale_retail", "employee_band": "200-499", "listed": True},
        4,
        "ready",
        set(),
        {"bud", "tvp"},
        id="listed company: no BUD Fund",
    ),
    pytest.param(
        {"business_scope": "telecom_it", "employee_band": "20-49", "listed": False},
        5,
        "competent",
        {"ess", "rth", "aiss"},
        {"tvp"},
        id="AI Competent technology firm: ESS, Research Talent Hub, AI Subsidy Scheme",
    ),
]


def recommended(assessment) -> list[str]:
    return [i["key"] for i in assessment.recommendations if not i["mentioned_as_closed"]]


@pytest.mark.parametrize("profile, answer, tier, offered, withheld", PROFILES)
def test_each_profile_gets_what_the_issue_promises(
    catalogue, profile, answer, tier, offered, withheld
):
    assessment = make_assessment(uniform_answers(answer), **profile)
    assert assessment.tier == tier
    keys = recommended(assessment)
    assert offered <= set(keys), keys
    assert not withheld & set(keys), keys


def test_the_same_firm_unlisted_does_get_the_bud_fund(catalogue):
    profile = {"business_scope": "trade_wholesale_retail", "employee_band": "200-499"}
    assert "bud" in recommended(make_assessment(uniform_answers(4), listed=False, **profile))
    assert "bud" not in recommended(make_assessment(uniform_answers(4), listed=True, **profile))


def test_nobody_gets_the_technology_voucher_programme_but_firms_it_suited_hear_it_closed(catalogue):
    restaurant = make_assessment(uniform_answers(1))
    tvp = [i for i in restaurant.recommendations if i["key"] == "tvp"]
    assert len(tvp) == 1
    assert tvp[0]["mentioned_as_closed"] is True and tvp[0]["rank"] is None


def test_an_empty_catalogue_stores_no_recommendations(db):
    assessment = make_assessment(uniform_answers(1))
    assert assessment.recommendations == []
    assert [a["dimension"] for a in assessment.dimension_advice] == [
        "leadership",
        "ai_literacy",
        "culture",
    ]
    assert all(a["schemes"] == [] for a in assessment.dimension_advice)


def test_the_wizard_saves_recommendations_and_advice_with_the_assessment(catalogue, client):
    assessment = complete_wizard(client, uniform_answers(1))
    assert assessment.recommendations[0]["rank"] == 1
    assert assessment.recommendations[0]["why"]["en"].startswith(
        "It matches your tier (AI Unaware)"
    )
    assert [a["dimension"] for a in assessment.dimension_advice] == [
        "leadership",
        "ai_literacy",
        "culture",
    ]


def form_data(scheme: Scheme, **changes) -> dict:
    """What the admin's change form posts for this scheme, with `changes` typed in."""
    data = {}
    for field in Scheme._meta.fields:
        if not field.editable or field.primary_key:
            continue
        value = getattr(scheme, field.name)
        if isinstance(value, bool):
            if value:
                data[field.name] = "on"
        elif isinstance(value, list) and field.name != "sources":
            data[field.name] = value
        elif value is None:
            data[field.name] = ""
        else:
            data[field.name] = str(value)
    data["sources"] = sources_as_text(scheme.sources)
    data.update(changes)
    return data


def test_editing_a_scheme_in_the_admin_changes_new_results_but_not_saved_ones(
    catalogue, admin_client
):
    profile = {"business_scope": "manufacturing", "employee_band": "50-99"}
    before = make_assessment(uniform_answers(4), **profile)
    saved = [i for i in before.recommendations if i["key"] == "nittp"][0]
    assert saved["cap_hkd"] == 250000

    nittp = Scheme.objects.get(key="nittp")
    response = admin_client.post(
        f"/admin/schemes/scheme/{nittp.pk}/change/",
        form_data(nittp, cap_hkd="300000", funding_ratio_en="Government 2 : company 1"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Scheme.objects.get(key="nittp").cap_hkd == 300000

    after = make_assessment(uniform_answers(4), **profile)
    fresh = [i for i in after.recommendations if i["key"] == "nittp"][0]
    assert fresh["cap_hkd"] == 300000
    assert fresh["funding_ratio"]["en"] == "Government 2 : company 1"

    before.refresh_from_db()
    assert [i for i in before.recommendations if i["key"] == "nittp"][0] == saved
    page = admin_client.get(before.result_url()).content.decode()
    assert "HK$250,000" in page and "HK$300,000" not in page


def test_closing_a_scheme_in_the_admin_stops_new_recommendations(catalogue):
    profile = {"business_scope": "manufacturing", "employee_band": "50-99"}
    Scheme.objects.filter(key="nifs").update(status=Scheme.Status.CLOSED)
    assessment = make_assessment(uniform_answers(4), **profile)
    assert "nifs" not in recommended(assessment)
    nifs = [i for i in assessment.recommendations if i["key"] == "nifs"]
    assert nifs[0]["mentioned_as_closed"] is True


def test_the_admin_refuses_a_scheme_that_closes_before_it_opens(catalogue, admin_client):
    nittp = Scheme.objects.get(key="nittp")
    response = admin_client.post(
        f"/admin/schemes/scheme/{nittp.pk}/change/",
        form_data(nittp, opens_on="2027-01-01", closes_on="2026-12-31"),
    )
    assert response.status_code == 200
    assert "A scheme cannot close before it opens." in response.content.decode()


def test_the_json_twin_carries_the_saved_recommendations_and_advice(catalogue, client):
    assessment = make_assessment(uniform_answers(1))
    data = client.get(f"/result/{assessment.token}.json").json()
    stored = [item for item in assessment.recommendations if not item["mentioned_as_closed"]]
    assert [item["key"] for item in data["recommendations"]] == [i["key"] for i in stored]
    for shown, saved in zip(data["recommendations"], stored, strict=True):
        for field in ("name", "summary", "why", "check", "cap_hkd", "apply_url"):
            assert shown[field] == saved[field]
    assert [a["dimension"] for a in data["dimension_advice"]] == [
        a["dimension"] for a in assessment.dimension_advice
    ]
    assert data["recommendations"][0]["name"]["zh_hant"]


def test_the_result_page_shows_funding_and_training_for_this_firm(catalogue, client):
    assessment = make_assessment(
        uniform_answers(4), business_scope="manufacturing", employee_band="50-99"
    )
    html = client.get(assessment.result_url()).content.decode()
    assert "Funding and training for you" in html
    first = assessment.recommendations[0]
    assert html.index(first["name"]["en"]) < html.index("Manufacturing and Production Line")
    # NITTP: ratio, cap, status, why, what to check, official link, what changed, verified date.
    assert "Government 1 : company 1 (most recent official statement, January 2026)" in html
    assert "HK$250,000" in html
    assert '<span class="status status-open">Open</span>' in html
    assert "It matches your tier (AI Ready)" in html
    assert "Your company must be incorporated in Hong Kong." in html
    assert '<a href="https://nittp.vtc.edu.hk" rel="noopener">Official page' in html
    assert "Sources conflict. The most recent official statement" in html
    assert "Facts last verified 30 June 2026" in html
    assert "Schemes change: the official page of each scheme decides" in html
    assert "Where to get help with your weakest areas" in html
    assert "Closed schemes you may still hear about" in html
    assert "Technology Voucher Programme" in html


def test_upcoming_schemes_carry_their_badge_on_the_page(catalogue, client):
    assessment = make_assessment(uniform_answers(1))
    html = client.get(assessment.result_url()).content.decode()
    assert '<span class="status status-upcoming">Opening soon</span>' in html
    assert "Digital Transformation Support Pilot Programme" in html


def test_the_page_shows_the_snapshot_in_traditional_chinese(catalogue, client):
    assessment = make_assessment(uniform_answers(4), business_scope="manufacturing")
    html = client.get(assessment.result_url(), headers={"accept-language": "zh-hant"})
    html = html.content.decode()
    assert "新型工業化資助計劃" in html
    assert "此項配合貴公司的級別（AI 就緒）" in html
    assert "New Industrialisation Funding Scheme" not in html


def test_the_result_page_reads_the_snapshot_never_the_live_catalogue(catalogue, client):
    assessment = make_assessment(uniform_answers(1))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(assessment.result_url()).status_code == 200
    assert not [q for q in queries.captured_queries if "schemes_scheme" in q["sql"]]


def test_a_result_saved_without_recommendations_still_renders(db, client):
    assessment = make_assessment(uniform_answers(3))
    html = client.get(assessment.result_url()).content.decode()
    assert "No funding scheme or training route was matched" in html


def test_a_malformed_snapshot_never_breaks_the_page(catalogue, client):
    assessment = make_assessment(uniform_answers(3))
    assessment.recommendations = [
        "junk",
        {"key": "x", "name": "plain", "rank": "first", "apply_url": "javascript:alert(1)"},
    ]
    assessment.dimension_advice = [None, {"name": {"en": "Data"}, "schemes": [{}]}]
    assessment.save()
    response = client.get(assessment.result_url())
    assert response.status_code == 200
    assert "javascript:" not in response.content.decode()


def test_a_scheme_added_in_the_admin_reaches_the_next_result(catalogue, admin_client):
    template = Scheme(
        key="f_and_b_ai_pilot",
        kind="funding",
        position=5,
        name_en="F&B AI Pilot",
        name_zh_hant="餐飲人工智能試點",
        administrator_en="A test administrator",
        administrator_zh_hant="測試機構",
        summary_en="Pays for a first AI tool.",
        summary_zh_hant="資助首個人工智能工具。",
        cap_hkd=80000,
        status="open",
        business_scopes=["food_beverage"],
        tiers=["unaware"],
        dimensions=["leadership", "ai_literacy", "culture"],
        fit_en="A restaurant taking its first step.",
        fit_zh_hant="適合踏出第一步的餐廳。",
        check_en="Check the pilot's terms.",
        check_zh_hant="請核對試點條款。",
        apply_url="https://example.org/pilot",
        sources=[{"url": "https://example.org/pilot", "date": "2026-11-01", "note": ""}],
        last_verified="2026-11-20",
    )
    response = admin_client.post("/admin/schemes/scheme/add/", form_data(template))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Scheme.objects.get(key="f_and_b_ai_pilot").sources == template.sources

    restaurant = make_assessment(uniform_answers(1))
    first = restaurant.recommendations[0]
    assert (first["key"], first["rank"], first["cap_hkd"]) == ("f_and_b_ai_pilot", 1, 80000)
    trader = make_assessment(uniform_answers(1), business_scope="trade_wholesale_retail")
    assert "f_and_b_ai_pilot" not in recommended(trader)


def test_the_admin_refuses_a_source_line_without_an_address_or_note(catalogue, admin_client):
    nittp = Scheme.objects.get(key="nittp")
    response = admin_client.post(
        f"/admin/schemes/scheme/{nittp.pk}/change/",
        form_data(nittp, sources="not a web address | 2026-01-01"),
    )
    assert response.status_code == 200
    assert "Line 1: “not a web address” is not a web address." in response.content.decode()
