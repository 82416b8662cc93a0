"""The December 2026 review's corrections, where firms read them; how old each fact is; the
pages that say who runs the service; a result answered on an earlier questionnaire."""

import datetime
import json

import pytest
from django.core.checks import run_checks
from django.utils import timezone
from django.utils.html import escape

from readiness.reports.rendering import render_report
from readiness.schemes.advice import Advice
from readiness.schemes.models import Scheme
from tests.factory import make_assessment, uniform_answers
from tests.reports.pdf import pdf_pages, squeezed

pytestmark = pytest.mark.django_db

TRADER = {"business_scope": "trade_wholesale_retail", "employee_band": "20-49"}


def page(client, assessment, language="en") -> str:
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(assessment.result_url()).content.decode()


def test_the_easy_bud_ceiling_reads_150000(catalogue, client):
    trader = make_assessment(
        uniform_answers(2), **TRADER, trade_type="wholesale", difficulties=["lack_of_funds"]
    )
    assert "bud" in [card.key for card in Advice.of(trader).recommendations]
    card = page(client, trader).split('id="scheme-bud"')[1].split("</li>")[0]
    assert "HK$150,000 a project" in card
    assert "HK$100,000" not in card
    chinese = page(client, trader, "zh-hant").split('id="scheme-bud"')[1].split("</li>")[0]
    assert "港幣 150,000 元" in chinese


def test_the_four_sme_centres_are_named_as_they_are(catalogue):
    names = {s.key: (s.name_en, s.name_zh_hant) for s in Scheme.objects.filter(kind="advisory")}
    assert names["success"] == ("SUCCESS", "SUCCESS")
    assert names["hktdc_sme_centre"] == ("HKTDC SME Centre", "貿發局中小企中心")
    assert names["sme_one"] == ("SME One", "中小企一站通")
    assert names["tecone"] == ("TecONE", "TecONE")
    reachout = Scheme.objects.get(key="sme_reachout")
    assert reachout.name_zh_hant == "中小企資援組"
    assert "four-in-one" not in reachout.summary_en
    assert "funding" in reachout.summary_en and "AI plan" not in reachout.summary_en


def test_no_next_step_promises_a_free_ai_plan_review(catalogue, client):
    from readiness.content.questionnaire import current_questionnaire

    steps = [
        text
        for dimension in current_questionnaire().dimensions.values()
        for text in dimension.next_steps.values()
    ]
    assert len(steps) == 36  # twelve dimensions, three levels
    for text in steps:
        assert "review your" not in text.en.lower(), text.en
        assert "SME ReachOut" not in text.en or "funding" in text.en, text.en
    for answers in (1, 2, 3):
        html = page(client, make_assessment(uniform_answers(answers), **TRADER))
        assert "review your 12-month AI plan" not in html


def test_a_wholesaler_reads_that_the_dtspp_first_round_was_not_for_it(catalogue, client):
    wholesaler = make_assessment(uniform_answers(1), **TRADER, trade_type="wholesale")
    advice = Advice.of(wholesaler)
    assert "dtspp" not in [card.key for card in advice.recommendations]
    upcoming = page(client, wholesaler).split('id="upcoming"')[1].split("</ul>")[0]
    assert "Its first round, for food and beverage, retail, tourism and personal services" in (
        upcoming
    )
    assert "(not import/export or wholesale), has closed" in upcoming
    assert (
        "Digital Policy Office (Cyberport is the secretariat)"
        in Scheme.objects.get(key="dtspp").administrator_en
    )


def test_the_pcpd_framework_has_its_title(catalogue):
    framework = Scheme.objects.get(key="pcpd_ai_guidance")
    assert framework.name_en == "Artificial Intelligence: Model Personal Data Protection Framework"
    assert "模範框架" in framework.name_zh_hant
    assert "2110 1155" in Scheme.objects.get(key="pcpd_ai_hotline").summary_en


@pytest.fixture
def stale_cef(catalogue):
    """CEF last checked 120 days ago, SME One today."""
    today = timezone.localdate()
    catalogue.update(last_verified=today)
    Scheme.objects.filter(key="cef").update(last_verified=today - datetime.timedelta(120))
    assessment = make_assessment(
        uniform_answers(1), **TRADER, trade_type="retail", difficulties=["lack_of_talent"]
    )
    keys = [card.key for card in Advice.of(assessment).recommendations]
    assert "cef" in keys and "sme_one" in keys
    return assessment, today - datetime.timedelta(120), today


def test_a_stale_scheme_says_so_on_the_page(stale_cef, client):
    assessment, checked, today = stale_cef
    html = page(client, assessment)
    nittp = html.split('id="scheme-cef"')[1].split("</li>")[0]
    date = f"{checked.day} {checked:%B %Y}"
    assert f"Last checked on {date}; confirm on the official page before applying." in nittp
    fresh = html.split('id="scheme-sme_one"')[1].split("</li>")[0]
    assert f"Last checked on {today.day} {today:%B %Y}." in fresh
    assert "confirm on the official page" not in fresh


def test_a_stale_scheme_says_so_in_the_json(stale_cef, client):
    assessment, checked, today = stale_cef
    data = json.loads(client.get(f"/result/{assessment.token}.json").content)
    cards = {card["key"]: card for card in data["recommendations"]}
    assert (cards["cef"]["last_verified"], cards["cef"]["stale"]) == (checked.isoformat(), True)
    assert (cards["sme_one"]["last_verified"], cards["sme_one"]["stale"]) == (
        today.isoformat(),
        False,
    )


def test_a_stale_scheme_says_so_in_the_pdf(stale_cef):
    assessment, checked, _today = stale_cef
    text = squeezed("".join(pdf_pages(render_report(assessment, "en"))))
    date = f"{checked.day} {checked:%B %Y}"
    assert squeezed(f"Last checked on {date}; confirm on the official page before applying.") in (
        text
    )


def test_a_result_answered_on_2026_1_still_renders(catalogue, client):
    from readiness.content.questionnaire import load

    old = load("2026.1")
    assessment = make_assessment({key: 2 for key in old.questions}, answered_on=old)
    html = page(client, assessment)
    assert assessment.questionnaire_version == "2026.1"
    assert "Questionnaire version 2026.1." in html
    first = old.pillars[0]
    assert escape(first.name.en) in html
    assert render_report(assessment, "en")[:4] == b"%PDF"


@pytest.mark.parametrize(
    ("path", "english", "chinese"),
    [
        ("/about/", "About this service", "關於本服務"),
        ("/privacy/", "Privacy", "私隱政策"),
        ("/accessibility/", "Accessibility", "無障礙瀏覽"),
    ],
)
def test_the_footer_pages_exist_in_both_languages(client, settings, path, english, chinese):
    home = client.get("/").content.decode()
    footer = home.split("<footer")[1]
    assert f'href="{path}"' in footer
    response = client.get(path)
    assert response.status_code == 200
    assert f'<h1 class="h2">{english}</h1>' in response.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    chinese_page = client.get(path).content.decode()
    assert f'<h1 class="h2">{chinese}</h1>' in chinese_page
    assert '<html lang="zh-Hant">' in chinese_page


def test_the_privacy_page_shows_the_operators_contact_verbatim(client, settings):
    settings.DATA_PROTECTION_CONTACT = (
        "Data Protection Officer, 78 Tat Chee Avenue <dpo@example.org>"
    )
    html = client.get("/privacy/").content.decode()
    assert escape(settings.DATA_PROTECTION_CONTACT) in html
    settings.DATA_PROTECTION_CONTACT = ""
    assert "[contact not set by the operator yet]" in client.get("/privacy/").content.decode()


def test_the_contact_step_statement_links_to_the_privacy_page(client):
    from tests.factory import answer_all_steps, post_step

    answer_all_steps(client, uniform_answers(3))
    post_step(client, "review", {})
    html = client.get("/assessment/contact/").content.decode()
    after_statement = html.split('id="pics"')[1].split("<form")[0]
    assert '<a href="/privacy/">Privacy</a>' in after_statement.split("</section>")[1]


def test_production_warns_while_the_data_protection_contact_is_empty(settings):
    settings.DEBUG = False
    settings.DATA_PROTECTION_CONTACT = ""
    assert "readiness.firms.W001" in [m.id for m in run_checks()]
    settings.DATA_PROTECTION_CONTACT = "dpo@example.org"
    assert "readiness.firms.W001" not in [m.id for m in run_checks()]
    settings.DEBUG = True
    settings.DATA_PROTECTION_CONTACT = ""
    assert "readiness.firms.W001" not in [m.id for m in run_checks()]
