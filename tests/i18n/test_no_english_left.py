"""Every page a firm can meet, in Traditional Chinese, with no English sentence left over."""

import re

import pytest
from django.conf import settings
from django.test import Client

from readiness.assessments.models import Assessment
from readiness.schemes.advice import Advice
from readiness.schemes.seed import load_seed
from tests.factory import (
    in_chinese,
    make_assessment,
    pillar_fields,
    post_step,
    questionnaire,
    step_post,
)
from tests.i18n.leftovers import english_runs, visible_text

pytestmark = pytest.mark.django_db

COMPANY = "Golden Dragon Kitchen"
PROFILE = {
    "company_name": COMPANY,
    "business_scope": "food_beverage",
    "employee_band": "20-49",
    "listed": "no",
    "ai_functions": ["marketing", "customer_service"],
    "difficulties": ["data_privacy", "lack_of_funds", "lack_of_talent"],
}
CONTACT = {
    "name": "Chan Tai Man",
    "email": "tm.chan@goldendragon.com.hk",
    "phone": "9123 4567",
    "company_name": COMPANY,
}


def varied_answers() -> dict[str, int]:
    """Answers from 1 to 5 in turn, so low, middle and high readings all appear."""
    return {key: i % 5 + 1 for i, key in enumerate(questionnaire().questions)}


def chinese_pages(client) -> list[tuple[str, object]]:
    """Walk the site in Chinese as a firm would, keeping every page on the way."""
    pages = []

    def keep(label, response, status=200):
        assert response.status_code == status, (label, response.status_code)
        pages.append((label, response))

    keep("home", client.get("/"))
    keep("how we score", client.get("/how-we-score/"))
    keep("profile step", client.get("/assessment/profile/"))
    keep("profile step with errors", post_step(client, "profile", {"company_name": COMPANY}))
    assert post_step(client, "profile", PROFILE).status_code == 302
    answers = varied_answers()
    for number, pillar in enumerate(questionnaire().pillars):
        keep(f"{pillar.key} step", client.get(f"/assessment/{pillar.key}/"))
        if number == 0:
            first = next(iter(pillar.questions))
            partial = post_step(client, pillar.key, {first.key: "3"})
            keep(f"{pillar.key} step with errors", partial)
        assert post_step(client, pillar.key, pillar_fields(pillar, answers)).status_code == 302
    keep("review step", client.get("/assessment/review/"))
    assert post_step(client, "review", {}).status_code == 302
    keep("contact step", client.get("/assessment/contact/"))
    keep(
        "contact step, details without consent",
        post_step(client, "contact", {"name": CONTACT["name"]}),
    )
    keep(
        "contact step, consent without a way to reach",
        post_step(client, "contact", {"consent": "on", "name": "", "phone": "12"}),
    )
    done = post_step(client, "contact", {"consent": "on", **CONTACT})
    assert done.status_code == 302
    result = client.get(done["Location"])
    assert result.status_code == 302
    keep("result", client.get(result["Location"]))
    assessment = Assessment.objects.get()
    keep("delete confirmation", client.get(f"/result/{assessment.token}/delete/"))
    keep("not found", client.get("/result/" + "x" * 30 + "/"), status=404)
    keep(
        "bad request",
        client.post("/assessment/profile/", step_post("nonsense", {})),
        status=400,
    )
    return pages


@pytest.fixture
def zh_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    return client


@pytest.fixture
def schemes():
    load_seed(questionnaire())


def test_it_finds_english_left_in_chinese_text():
    text = visible_text(
        "<p>AI 就緒</p><p>Please choose <b>your</b> main business scope.</p><p>公司資料</p>"
    )
    assert english_runs(text) == ["Please choose your main business scope"]


def test_it_allows_brand_names_acronyms_addresses_and_what_the_user_typed():
    text = visible_text(
        "<p>AI Singapore「AI 準備指數」</p><p>生產力局（HKPC）· NITTP · PDF · JSON</p>"
        "<p>Golden Dragon Kitchen</p><p>https://www.hkpc.org/en/ · tm.chan@example.com.hk</p>"
    )
    assert english_runs(text, also_allowed=[COMPANY]) == []


def test_it_reads_titles_and_labels_but_not_scripts_or_styles():
    html = (
        '<title>Your AI readiness result</title><p>結果</p><nav aria-label="Skip to main content">'
        "</nav><script>var left = 'some english words';</script><style>p { font: x y z; }</style>"
    )
    assert english_runs(visible_text(html)) == [
        "Your AI readiness result",
        "Skip to main content",
    ]


def test_every_page_and_step_in_chinese_has_no_english_sentence_left(zh_client, schemes):
    leftovers = {}
    pages = chinese_pages(zh_client)
    for label, response in pages:
        html = response.content.decode()
        assert '<html lang="zh-Hant">' in html, label
        runs = english_runs(visible_text(html), also_allowed=[COMPANY, CONTACT["name"]])
        if runs:
            leftovers[label] = runs
    assert not leftovers, "English left over:\n" + "\n".join(
        f"{label}: {run}" for label, runs in leftovers.items() for run in runs
    )
    labels = [label for label, _response in pages]
    assert len(labels) >= 15, labels


def test_the_chinese_result_shows_the_tier_schemes_and_advice_in_chinese(zh_client, schemes):
    pages = dict(chinese_pages(zh_client))
    html = pages["result"].content.decode()
    assessment = Assessment.objects.get()
    tier = questionnaire().tier(assessment.tier)
    assert in_chinese(tier.name) in html
    assert tier.interpretation.zh_hant in html
    advice = Advice.of(assessment)
    assert advice.recommendations, "the seeded catalogue should match some schemes"
    for card in advice.recommendations:
        assert card.display_name.zh_hant in html
        if card.short_name and card.short_name not in card.name.zh_hant:
            assert f"{card.name.zh_hant}（{card.short_name}）" in html
    for item in advice.plan:
        assert item.actions.zh_hant in html
    # Chinese pages use Chinese dates (2026年11月22日, not 22 November 2026) and lists.
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", html)
    assert "市場推廣及銷售、客戶服務" in pages["review step"].content.decode()
    assert "<title>第 1 步（共 8 步）：公司資料 · " in pages["profile step"].content.decode()
    first = questionnaire().pillars[0]
    home = pages["home"].content.decode()
    assert f"<strong>{first.name.zh_hant}</strong>：{first.dimensions[0].name.zh_hant}、" in home
    method = pages["how we score"].content.decode()
    assert f"<li>{first.dimensions[0].name.zh_hant}（2 條問題）</li>" in method


def assert_chinese_only(label, response, also_allowed=()):
    html = response.content.decode()
    assert '<html lang="zh-Hant">' in html, label
    runs = english_runs(visible_text(html), also_allowed=also_allowed)
    assert runs == [], (label, runs)


def test_deleting_a_result_speaks_chinese_to_the_end(zh_client):
    assessment = make_assessment(company_name=COMPANY)
    url = f"/result/{assessment.token}/delete/"
    assert_chinese_only("delete confirmation", zh_client.get(url), [COMPANY])
    response = zh_client.post(url)
    assert response.status_code == 302
    page = zh_client.get(response["Location"])
    assert page.status_code == 200
    assert_chinese_only("deleted", page)
    assert "你的評估已被刪除" in page.content.decode()


def test_the_expired_form_page_is_in_chinese():
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    response = client.post("/assessment/profile/", step_post("profile", PROFILE))
    assert response.status_code == 403
    assert_chinese_only("403 csrf", response)
    assert "這個網頁已過期" in response.content.decode()


def test_the_slow_down_page_is_in_chinese(settings):
    settings.RATE_LIMIT_ASSESSMENT_STARTS = "1/h"
    for _attempt in range(2):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
        response = post_step(client, "profile", PROFILE)
    assert response.status_code == 429
    assert_chinese_only("429", response)
    assert "請稍候片刻" in response.content.decode()


def test_the_advisors_lock_out_page_is_in_chinese(settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    for _attempt in range(3):
        response = client.post("/admin/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 429
    assert_chinese_only("lockout", response)
    assert "暫停登入" in response.content.decode()
