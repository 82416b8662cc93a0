"""The advice stored with each assessment (the plan and the schemes), as the result page, its
JSON twin and the admin show it; and the catalogue editors keep behind it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from readiness.schemes.admin import sources_as_text
from readiness.schemes.advice import Advice
from readiness.schemes.models import Scheme
from tests.factory import PROFILE, complete_wizard, make_assessment, uniform_answers

MANUFACTURER = {
    "business_scope": "manufacturing",
    "employee_band": "50-99",
    "hk_production_line": True,
}


def weak_in(*dimensions, value=2, rest=4):
    from tests.factory import questionnaire

    q = questionnaire()
    answers = uniform_answers(rest)
    for key in dimensions:
        for question in q.dimensions[key].questions:
            answers[question.key] = value
    return answers


def recommended(assessment) -> list[str]:
    return [card.key for card in Advice.of(assessment).recommendations]


def test_the_wizard_stores_the_plan_and_the_schemes_with_the_assessment(catalogue, client):
    assessment = complete_wizard(client, uniform_answers(1))
    advice = Advice.of(assessment)

    assert assessment.advice["version"] == 2
    assert [item.dimension for item in advice.plan] == ["leadership", "ai_literacy", "culture"]
    assert advice.recommendations
    assert all(card.status == "open" for card in advice.recommendations)


def test_an_empty_catalogue_still_gives_a_plan_with_nobody_to_pay(db):
    advice = Advice.of(make_assessment(uniform_answers(1)))

    assert [item.dimension for item in advice.plan] == ["leadership", "ai_literacy", "culture"]
    assert all(item.pay is None and item.free_help == () for item in advice.plan)
    assert advice.recommendations == []


def form_data(scheme: Scheme, **changes) -> dict:
    """What the admin's change form posts for this scheme, with `changes` typed in."""
    data = {}
    for field in Scheme._meta.fields:
        if not field.editable or field.primary_key or field.name == "last_verified":
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
    data.update({"checks-TOTAL_FORMS": "0", "checks-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


def test_editing_a_scheme_in_the_admin_changes_new_results_but_not_saved_ones(
    catalogue, admin_client, client
):
    before = make_assessment(weak_in("ai_literacy"), **MANUFACTURER)
    saved = Advice.of(before).card("nittp")
    assert saved.cap_hkd == 250000

    nittp = Scheme.objects.get(key="nittp")
    response = admin_client.post(
        f"/admin/schemes/scheme/{nittp.pk}/change/",
        form_data(nittp, cap_hkd="300000", funding_ratio_en="Government 2 : company 1"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Scheme.objects.get(key="nittp").cap_hkd == 300000

    fresh = Advice.of(make_assessment(weak_in("ai_literacy"), **MANUFACTURER)).card("nittp")
    assert (fresh.cap_hkd, fresh.funding_ratio.en) == (300000, "Government 2 : company 1")

    before.refresh_from_db()
    assert Advice.of(before).card("nittp") == saved
    page = client.get(before.result_url()).content.decode()
    assert "HK$250,000" in page and "HK$300,000" not in page


def test_closing_a_scheme_in_the_admin_stops_new_recommendations(catalogue):
    Scheme.objects.filter(key="nifs").update(status=Scheme.Status.CLOSED)

    assessment = make_assessment(weak_in("ai_literacy"), **MANUFACTURER)

    assert "nifs" not in recommended(assessment)
    # NIFS is not one firms hear of once closed, so it is not named at all.
    assert "nifs" not in [card.key for card in Advice.of(assessment).closed]


def test_the_admin_refuses_a_scheme_that_closes_before_it_opens(catalogue, admin_client):
    nittp = Scheme.objects.get(key="nittp")
    response = admin_client.post(
        f"/admin/schemes/scheme/{nittp.pk}/change/",
        form_data(nittp, opens_on="2027-01-01", closes_on="2026-12-31"),
    )
    assert response.status_code == 200
    assert "A scheme cannot close before it opens." in response.content.decode()


def test_the_admin_refuses_an_open_scheme_without_what_a_firm_reads(catalogue, admin_client):
    nittp = Scheme.objects.get(key="nittp")
    response = admin_client.post(
        f"/admin/schemes/scheme/{nittp.pk}/change/", form_data(nittp, pays_for_en="")
    )
    assert response.status_code == 200
    assert "A firm reads this unless the scheme has closed." in response.content.decode()


def test_the_json_twin_carries_the_plan_the_open_schemes_and_the_coming_ones(catalogue, client):
    assessment = make_assessment(uniform_answers(1))
    data = client.get(f"/result/{assessment.token}.json").json()
    advice = Advice.of(assessment)

    assert [item["dimension"] for item in data["plan"]] == ["leadership", "ai_literacy", "culture"]
    item = data["plan"][0]
    assert set(item) == {"dimension", "score", "actions", "next_level", "free_help", "pay"}
    assert item["score"] == "1.0"
    assert item["next_level"][0] == {
        "question": "leadership_sponsor",
        "current": 1,
        "next": 2,
    }
    assert item["actions"]["en"] and item["actions"]["zh_hant"]
    assert [card["key"] for card in data["recommendations"]] == [
        card.key for card in advice.recommendations
    ]
    assert all(card["status"] == "open" for card in data["recommendations"])
    assert [card["key"] for card in data["upcoming"]] == ["dtspp"]
    assert all(card["status"] == "upcoming" for card in data["upcoming"])
    for key in [k for i in data["plan"] for k in (*i["free_help"], i["pay"]) if k]:
        assert key in [card["key"] for card in data["recommendations"]]


def test_the_result_page_shows_the_plan_first_with_who_helps_and_who_pays(catalogue, client):
    assessment = make_assessment(weak_in("ai_literacy", value=3), **MANUFACTURER)
    html = client.get(assessment.result_url()).content.decode()
    summary = html.split('id="summary"')[1].split('id="keep-heading"')[0]
    advice = Advice.of(assessment)
    [item] = advice.plan

    assert "Your plan for the next 90 days" in summary
    assert "1. Staff AI knowledge and training" in summary
    assert escape(item.actions.en) in summary
    assert "You told us:" in summary and "Next level:" in summary
    nittp = advice.card("nittp")
    assert item.pay == "nittp"
    assert (
        f'<a href="https://nittp.vtc.edu.hk" rel="noopener">{escape(nittp.display_name.en)}</a>'
        in summary
    )
    assert escape(nittp.funding_ratio.en) in summary
    assert "HK$250,000" in summary


def test_a_priority_no_scheme_pays_for_says_so(catalogue, client):
    assessment = make_assessment(weak_in("culture"), business_scope="food_beverage")
    html = client.get(assessment.result_url()).content.decode()

    assert Advice.of(assessment).plan[0].pay is None
    assert "no scheme pays for this; it takes staff time." in html


def test_no_card_shows_an_editors_note(catalogue, client):
    notes = [s.editor_notes.split("\n")[0][:50] for s in Scheme.objects.all() if s.editor_notes]
    for answers, profile in (
        (uniform_answers(1), PROFILE),
        (uniform_answers(4), MANUFACTURER),
        (uniform_answers(2), {"business_scope": "trade_wholesale_retail", "trade_type": "both"}),
    ):
        profile = {k: v for k, v in profile.items() if k not in ("company_name", "listed")}
        html = client.get(make_assessment(answers, **profile).result_url()).content.decode()
        for note in notes:
            assert escape(note) not in html


def test_each_name_appears_once_on_a_card(catalogue, client):
    assessment = make_assessment(uniform_answers(1))
    html = client.get(assessment.result_url()).content.decode()

    assert "SME One (SME One)" not in html and "SME One (HKPC)" not in html
    assert re.search(r"\(NITTP\) \(NITTP\)", html) is None


def test_upcoming_schemes_are_listed_apart_and_never_ranked(catalogue, client):
    assessment = make_assessment(uniform_answers(1))
    html = client.get(assessment.result_url()).content.decode()
    upcoming = html.split('id="upcoming"')[1].split("</ul>")[0]

    assert "Digital Transformation Support Pilot Programme" in upcoming
    assert '<span class="status status-upcoming">Coming soon</span>' in upcoming
    assert "dtspp" not in recommended(assessment)


def test_the_technology_voucher_programme_is_named_only_as_no_longer_available(catalogue, client):
    assessment = make_assessment(uniform_answers(1))
    html = client.get(assessment.result_url()).content.decode()
    closed = html.split('id="closed"')[1].split("</ul>")[0]

    assert "Technology Voucher Programme" in closed
    assert "tvp" not in recommended(assessment)


def test_the_page_shows_the_advice_in_traditional_chinese(catalogue, client):
    assessment = make_assessment(weak_in("ai_literacy"), **MANUFACTURER)
    html = client.get(assessment.result_url(), headers={"accept-language": "zh-hant"})
    html = html.content.decode()

    assert "新型工業化及科技培訓計劃" in html
    assert "公司在「員工 AI 知識與培訓」得 2.0 / 5 分" in html
    assert "New Industrialisation and Technology Training Programme" not in html


def test_the_result_page_reads_the_snapshot_never_the_live_catalogue(catalogue, client):
    assessment = make_assessment(uniform_answers(1))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(assessment.result_url()).status_code == 200
    assert not [q for q in queries.captured_queries if "schemes_scheme" in q["sql"]]


def test_a_malformed_snapshot_never_breaks_the_page(catalogue, client):
    assessment = make_assessment(uniform_answers(3))
    assessment.advice = {
        "plan": ["junk", {"dimension": "nope"}, {"dimension": "leadership", "pay": 3}],
        "recommendations": [
            "junk",
            {"key": "x", "name": "plain", "apply_url": "javascript:alert(1)"},
        ],
        "upcoming": "junk",
    }
    assessment.save()
    response = client.get(assessment.result_url())
    assert response.status_code == 200
    assert "javascript:" not in response.content.decode()
    assert client.get(f"/result/{assessment.token}.json").status_code == 200


@pytest.mark.parametrize("advice", [{}, None, []])
def test_a_result_stored_without_advice_still_renders(db, client, advice):
    assessment = make_assessment(uniform_answers(3))
    assessment.advice = advice if advice is not None else {}
    assessment.save()
    html = client.get(assessment.result_url()).content.decode()
    assert "This result was saved before plans were given." in html


def test_a_scheme_added_in_the_admin_reaches_the_next_result(catalogue, admin_client):
    template = Scheme(
        key="f_and_b_ai_pilot",
        kind="funding",
        position=5,
        name_en="F&B AI Pilot",
        name_zh_hant="餐飲 AI 試點",
        administrator_en="A test administrator",
        administrator_zh_hant="測試機構",
        summary_en="Pays for a first AI tool.",
        summary_zh_hant="資助首個 AI 工具。",
        pays_for_en="half the cost of a first AI tool for restaurants",
        pays_for_zh_hant="餐廳首個 AI 工具的一半費用",
        conditions_en="Check the pilot's terms.",
        conditions_zh_hant="請核對試點條款。",
        cap_hkd=80000,
        status="open",
        business_scopes=["food_beverage"],
        tiers=["unaware"],
        dimensions=["leadership", "ai_literacy", "culture"],
        apply_url="https://example.org/pilot",
        sources=[{"url": "https://example.org/pilot", "date": "2026-11-01", "note": ""}],
        last_verified="2026-11-20",
    )
    response = admin_client.post(
        "/admin/schemes/scheme/add/",
        {
            **form_data(template),
            "first_checked_on": "2026-11-20",
            "first_source_url": "https://example.org/pilot",
            "first_changes": "Added from the pilot's announcement.",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Scheme.objects.get(key="f_and_b_ai_pilot").sources == template.sources

    restaurant = Advice.of(make_assessment(uniform_answers(1)))
    assert restaurant.plan[0].pay == "f_and_b_ai_pilot"
    assert restaurant.card("f_and_b_ai_pilot").cap_hkd == 80000
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
