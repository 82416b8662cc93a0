"""Choosing the language: the browser's on a first visit, the switcher on every page, the
choice remembered, and a result readable in either language whatever it was answered in."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape
from pypdf import PdfReader

from readiness.assessments.models import Assessment
from readiness.schemes.advice import Advice
from readiness.schemes.seed import load_seed
from tests.factory import (
    PROFILE,
    answer_all_steps,
    in_chinese,
    make_assessment,
    pillar_fields,
    post_step,
    questionnaire,
    step_post,
    uniform_answers,
)
from tests.i18n.leftovers import english_runs
from tests.reports.pdf import pdf_fonts

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
NEXT_FIELD = re.compile(r'<form class="lang-switch"[^>]*>.*?name="next" value="([^"]*)"', re.S)


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def switcher_next(response) -> str:
    return NEXT_FIELD.search(response.content.decode()).group(1).replace("&amp;", "&")


def switch(client, language: str, next_url: str):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


def test_a_first_visit_from_a_hong_kong_chinese_browser_is_in_chinese(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-HK,zh;q=0.9,en;q=0.8")
    assert html_lang(response) == "zh-Hant"
    assert "你的企業準備好應用 AI 了嗎？" in response.content.decode()


@pytest.mark.parametrize("header", ["zh-TW", "zh-Hant", "zh-hant-HK"])
def test_other_traditional_chinese_browsers_get_chinese(client, header):
    assert html_lang(client.get("/", HTTP_ACCEPT_LANGUAGE=header)) == "zh-Hant"


def test_a_first_visit_from_an_english_browser_is_in_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert html_lang(response) == "en"
    assert "How ready is your business for AI?" in response.content.decode()


def test_the_choice_is_remembered_over_the_browser_language(client):
    response = switch(client, "zh-hant", "/how-we-score/")
    assert response.status_code == 302
    assert response["Location"] == "/how-we-score/"
    cookie = response.cookies[COOKIE]
    assert cookie.value == "zh-hant"
    # Kept for a year, not only until the browser closes.
    assert cookie["max-age"] == 60 * 60 * 24 * 365
    page = client.get("/how-we-score/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert html_lang(page) == "zh-Hant"
    assert "評分方法" in page.content.decode()

    switch(client, "en", "/")
    assert html_lang(client.get("/", HTTP_ACCEPT_LANGUAGE="zh-HK")) == "en"


def test_the_switcher_offers_the_other_language_in_its_own_script(client):
    html = client.get("/").content.decode()
    assert 'name="language" value="zh-hant"' in html
    assert 'lang="zh-Hant">繁體中文</button>' in html
    client.cookies[COOKIE] = "zh-hant"
    html = client.get("/").content.decode()
    assert 'name="language" value="en"' in html
    assert 'lang="en">English</button>' in html


@pytest.mark.parametrize(
    "url", ["/", "/how-we-score/", "/assessment/profile/", "/assessment/profile/?review=1"]
)
def test_the_switcher_brings_the_user_back_to_the_same_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert switcher_next(response) == url
    assert switch(client, "zh-hant", url)["Location"] == url


def test_the_switcher_never_sends_the_user_to_another_site(client):
    response = switch(client, "zh-hant", "https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_switching_in_the_middle_of_the_wizard_keeps_the_step_and_the_answers(client):
    q = questionnaire()
    first, second = q.pillars[0], q.pillars[1]
    answers = uniform_answers(4)
    assert post_step(client, "profile", PROFILE).status_code == 302
    assert post_step(client, first.key, pillar_fields(first, answers)).status_code == 302
    page = client.get(f"/assessment/{second.key}/")
    assert html_lang(page) == "en"

    response = switch(client, "zh-hant", switcher_next(page))
    assert response["Location"] == f"/assessment/{second.key}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert html_lang(page) == "zh-Hant"
    assert f'<h1 class="h3 mt-3">{second.name.zh_hant}</h1>' in html
    assert escape(next(iter(second.questions)).text.zh_hant) in html

    # The earlier steps still hold their answers, now shown in Chinese.
    html = client.get(f"/assessment/{first.key}/").content.decode()
    for question in first.questions:
        assert re.search(rf'name="{first.key}-{question.key}" value="4"[^>]* checked', html)
    html = client.get("/assessment/profile/").content.decode()
    assert 'value="Golden Dragon Kitchen"' in html
    assert "餐飲服務" in html


def test_a_result_answered_in_english_reads_in_chinese(client):
    assessment = make_assessment(uniform_answers(4), company_name="Harbour Print Ltd")
    assert assessment.language == "en"
    tier = questionnaire().tier(assessment.tier)
    client.cookies[COOKIE] = "zh-hant"
    response = client.get(assessment.result_url())
    html = response.content.decode()
    assert html_lang(response) == "zh-Hant"
    assert in_chinese(tier.name) in html and escape(tier.interpretation.zh_hant) in html
    assert escape(tier.interpretation.en) not in html
    for pillar in questionnaire().pillars:
        assert pillar.name.zh_hant in html

    client.cookies[COOKIE] = "en"
    html = client.get(assessment.result_url()).content.decode()
    assert escape(tier.interpretation.en) in html and in_chinese(tier.name) not in html


def test_the_json_twin_names_the_tier_in_the_active_language(client):
    assessment = make_assessment(uniform_answers(4))
    url = f"/result/{assessment.token}.json"
    english = client.get(url)
    assert english.json()["tier"] == {"key": "ready", "name": "AI Ready"}
    assert english["Content-Language"] == "en"
    client.cookies[COOKIE] = "zh-hant"
    chinese = client.get(url)
    assert chinese.json()["tier"] == {"key": "ready", "name": "AI 就緒"}
    assert chinese.json()["pillars"][0]["name"] == questionnaire().pillars[0].name.zh_hant
    assert chinese["Content-Language"] == "zh-hant"


def test_a_result_answered_in_english_downloads_as_a_chinese_pdf_in_a_cjk_font(client):
    load_seed(questionnaire())
    assessment = make_assessment(uniform_answers(2), company_name="Harbour Print Ltd")
    advice = Advice.of(assessment)
    assert advice.recommendations
    client.cookies[COOKIE] = "zh-hant"
    response = client.get(f"/result/{assessment.token}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = re.sub(r"\s+", "", text)
    assert assessment.tier == "unaware"
    assert "未認識AI" in flat  # whitespace squeezed out, as in every check here
    assert "各支柱分數" in flat
    assert "計劃詳情" in flat
    assert re.sub(r"\s+", "", advice.recommendations[0].display_name.zh_hant) in flat
    assert questionnaire().pillars[0].name.zh_hant in flat
    # Scheme short names are brands (SME One, SME ReachOut) and may print side by side.
    cards = advice.recommendations + advice.upcoming + advice.closed
    brands = [card.short_name for card in cards if card.short_name]
    assert english_runs(text, also_allowed=["Harbour Print Ltd", *brands]) == []
    # Noto Sans CJK TC, regular and bold.
    assert pdf_fonts(response.content) == {
        "Noto-Sans-CJK-TC",
        "Noto-Sans-CJK-TC-Bold",
    }


def test_every_full_page_template_declares_its_language():
    """Pages either extend base.html, which sets <html lang>, or set it themselves."""
    root = Path(settings.BASE_DIR) / "templates"
    for path in root.rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        if "<html" in source:
            assert re.search(r"<html[^>]* lang=\"[^\"]+\"", source), path


def test_the_500_page_speaks_both_languages_and_marks_the_chinese_part():
    source = (Path(settings.BASE_DIR) / "templates" / "500.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in source
    assert re.search(r'lang="zh-Hant">[^<]*[\u4e00-\u9fff]', source)


def test_the_wizard_stores_the_language_the_firm_answered_in(client):
    from tests.factory import complete_wizard

    client.cookies[COOKIE] = "zh-hant"
    assessment = complete_wizard(client, uniform_answers(3))
    assert Assessment.objects.get(pk=assessment.pk).language == "zh-hant"


def test_switching_sends_the_unsent_answers_of_the_step_and_keeps_them(client):
    """What static/js/language-switch.js posts: the step's form plus switch_language."""
    first = questionnaire().pillars[0]
    chosen = list(first.questions)[:2]
    assert post_step(client, "profile", PROFILE).status_code == 302
    html = client.get(f"/assessment/{first.key}/").content.decode()
    assert 'id="wizard-form"' in html and "js/language-switch.js" in html
    response = client.post(
        f"/assessment/{first.key}/",
        {
            **step_post(first.key, {q.key: "2" for q in chosen}),
            "switch_language": "zh-hant",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/assessment/{first.key}/"
    assert response.cookies[COOKIE].value == "zh-hant"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert html_lang(page) == "zh-Hant"
    for question in chosen:
        assert re.search(rf'name="{first.key}-{question.key}" value="2"[^>]* checked', html)
    # Half a step is kept without complaint, as on "Back"; errors wait for "Next".
    assert "error-summary" not in html
    assert Assessment.objects.count() == 0


def test_switching_on_the_contact_step_keeps_nothing_typed_without_consent(client):
    answer_all_steps(client, uniform_answers(3))
    assert post_step(client, "review", {}).status_code == 302
    response = client.post(
        "/assessment/contact/",
        {**step_post("contact", {"name": "Chan Tai Man"}), "switch_language": "zh-hant"},
    )
    assert response["Location"] == "/assessment/contact/"
    html = client.get("/assessment/contact/").content.decode()
    assert "Chan Tai Man" not in html
    assert "收集個人資料聲明" in html


def test_switching_to_a_language_the_site_does_not_speak_is_refused(client):
    assert post_step(client, "profile", PROFILE).status_code == 302
    first = questionnaire().pillars[0]
    response = client.post(
        f"/assessment/{first.key}/", {**step_post(first.key, {}), "switch_language": "fr"}
    )
    assert response.status_code == 400
    assert COOKIE not in response.cookies
