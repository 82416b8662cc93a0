"""The result page and its JSON twin: what a firm sees, by an unguessable link only."""

import json
import re
from decimal import Decimal

import pytest
from django.utils.html import escape

from readiness.advisors.models import Contact, FollowUp
from readiness.content.questionnaire import current_questionnaire
from readiness.schemes.advice import Advice
from tests.factory import make_assessment, uniform_answers
from tests.i18n.leftovers import visible_text

pytestmark = pytest.mark.django_db
Q = current_questionnaire()


def weak_answers():
    """All 4s except the named dimensions, so the weakest three are known."""
    answers = uniform_answers(4)
    dims = list(Q.dimensions.values())
    for dimension, value in ((dims[7], 1), (dims[3], 2), (dims[10], 2)):
        for question in dimension.questions:
            answers[question.key] = value
    return answers, [dims[7], dims[3], dims[10]]


def test_the_token_is_long_and_random():
    a, b = make_assessment(), make_assessment()
    assert len(a.token) >= 43  # 32 random bytes, URL-safe base64: 256 bits
    assert a.token != b.token
    assert a.result_url() == f"/result/{a.token}/"


def test_result_page_shows_score_tier_and_a_plan_of_the_three_weakest(client):
    answers, weakest = weak_answers()
    assessment = make_assessment(answers, company_name="Harbour Print Ltd")
    html = client.get(assessment.result_url()).content.decode()
    assert "Harbour Print Ltd" in html
    assert f'<span class="score-big">{assessment.overall_score}</span>' in html
    tier = Q.tier(assessment.tier)
    assert escape(str(tier.name)) in html
    assert escape(tier.interpretation.en) in html
    # Every pillar and dimension, in the folded scores.
    scores = html.split('id="scores"')[1].split("</details>")[0]
    for pillar in Q.pillars:
        assert escape(pillar.name.en) in scores
    for dimension in Q.dimensions.values():
        assert escape(dimension.name.en) in scores

    plan = html.split('id="plan"')[1].split("</section>")[0]
    positions = [plan.index(escape(d.name.en)) for d in weakest]
    assert positions == sorted(positions)
    assert "Your 3 weakest areas, and what to do about each:" in plan
    for dimension in weakest:
        score = Decimal(assessment.scores["dimensions"][dimension.key])
        assert escape(dimension.next_step(score).en) in plan
        for question in dimension.questions:
            told, nxt = (
                question.option(answers[question.key]),
                question.option(answers[question.key] + 1),
            )
            assert f"<dt>You told us:</dt><dd>{escape(told.en)}</dd>" in plan
            assert f"<dt>Next level:</dt><dd>{escape(nxt.en)}</dd>" in plan
    strong = [d for d in Q.dimensions.values() if d not in weakest]
    assert not any(escape(d.name.en) in plan for d in strong)


def test_a_firm_strong_everywhere_is_told_where_to_go_further(client):
    assessment = make_assessment(uniform_answers(4))
    plan = client.get(assessment.result_url()).content.decode().split('id="plan"')[1]
    plan = plan.split("</section>")[0]
    assert "Where to go further in the next 90 days" in plan
    assert "weakest" not in plan
    assert "Every area is at AI Ready or above." in plan


def test_a_question_answered_at_five_gets_no_next_level(client):
    answers = uniform_answers(5)
    for question in Q.dimensions["leadership"].questions:
        answers[question.key] = 1
    answers[Q.dimensions["leadership"].questions[1].key] = 5
    assessment = make_assessment(answers)
    plan = Advice.of(assessment).plan
    leadership = next(item for item in plan if item.dimension == "leadership")
    assert [(n.question, n.current, n.next) for n in leadership.next_level] == [
        (Q.dimensions["leadership"].questions[0].key, 1, 2)
    ]


def top_section(html: str) -> str:
    return html.split('<div id="summary">')[1].split('<section class="mb-4" aria-labelledby="keep')[
        0
    ]


@pytest.mark.parametrize(
    ("language", "limit"),
    # English at 200 words a minute; Chinese counted in characters, read at about 400 a minute.
    [("en", 600), ("zh-hant", 1200)],
)
@pytest.mark.parametrize("answers", [1, 2, 3, 4])
def test_the_top_of_the_result_reads_in_three_minutes(catalogue, client, language, limit, answers):
    from django.conf import settings

    assessment = make_assessment(
        uniform_answers(answers),
        business_scope="trade_wholesale_retail",
        trade_type="wholesale",
        difficulties=["lack_of_funds", "lack_of_talent"],
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(assessment.result_url()).content.decode()
    words = words_read(top_section(html))
    print(f"top of the result, {language}, answers all {answers}: {words} words")
    assert 0 < words <= limit


def words_read(html: str) -> int:
    """Words as a reader meets them: Latin words, and each Chinese character."""
    text = visible_text(html)
    chinese = re.findall(r"[\u3400-\u9fff]", text)
    latin = re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.,$%-]*", text)
    return len(chinese) + len(latin)


def test_a_firm_that_skipped_the_contact_step_can_ask_an_advisor_from_its_result(client):
    assessment = make_assessment(uniform_answers(2), company_name="Harbour Print Ltd")
    html = client.get(assessment.result_url()).content.decode()
    offer = html.split('id="advisor"')[1].split("</section>")[0]
    assert 'value="Harbour Print Ltd"' in offer
    assert 'name="consent"' in offer and "checked" not in offer.split('name="consent"')[1][:80]

    url = f"/result/{assessment.token}/follow-up/"
    details = {"name": "Chan Tai Man", "email": "tm@example.com", "company_name": "Harbour Print"}
    response = client.post(url, {**details, "consent": "on"})
    assert response.status_code == 302
    assert response["Location"] == f"{assessment.result_url()}#advisor"

    follow_up = FollowUp.objects.get(assessment=assessment)
    contact = Contact.objects.get(assessment=assessment)
    assert follow_up.requested_at is not None
    assert (contact.name, contact.email, contact.company_name) == (
        "Chan Tai Man",
        "tm@example.com",
        "Harbour Print",
    )
    page = client.get(assessment.result_url()).content.decode()
    sent = page.split('id="advisor"')[1].split("</section>")[0]
    assert "An HKPC advisor will contact you within 5 working days." in sent
    assert "You sent: Chan Tai Man · tm@example.com · Harbour Print" in sent
    assert 'name="consent"' not in sent

    # One request per assessment: asking again changes nothing.
    client.post(url, {"name": "Someone Else", "email": "x@example.com", "consent": "on"})
    assert Contact.objects.get(assessment=assessment).name == "Chan Tai Man"
    assert FollowUp.objects.filter(assessment=assessment).count() == 1


def test_without_consent_nothing_is_stored_and_the_firm_is_told_why(client):
    assessment = make_assessment()
    response = client.post(
        f"/result/{assessment.token}/follow-up/",
        {"name": "Chan Tai Man", "email": "tm@example.com"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "To be contacted, tick the box to agree. Nothing is kept without it." in html
    assert 'value="Chan Tai Man"' in html  # what was typed stays on the form
    assert not FollowUp.objects.exists() and not Contact.objects.exists()


def test_the_advisor_offer_follows_the_setting(client, settings):
    settings.FOLLOW_UP_TARGET_DAYS = 3
    assessment = make_assessment()
    client.post(
        f"/result/{assessment.token}/follow-up/",
        {"name": "Chan Tai Man", "phone": "9123 4567", "consent": "on"},
    )
    html = client.get(assessment.result_url()).content.decode()
    assert "An HKPC advisor will contact you within 3 working days." in html


def test_overall_score_matches_the_method(client):
    answers, _ = weak_answers()
    assessment = make_assessment(answers)
    # 9 dimensions at 4, one at 1, two at 2: (36 + 1 + 4) / 12 = 3.4166.. -> 3.4, AI Aware.
    assert str(assessment.overall_score) == "3.4"
    assert assessment.tier == "aware"


def test_the_pillar_chart_is_server_side_svg_with_a_text_alternative(client):
    assessment = make_assessment(uniform_answers(3))
    html = client.get(assessment.result_url()).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in html
    desc = html.split('<desc id="chart-desc">')[1].split("</desc>")[0]
    for pillar in Q.pillars:
        assert f"{escape(pillar.name.en)}: 3.0 / 5" in desc
    assert "<table" in html


def test_the_page_links_its_json_twin(client):
    assessment = make_assessment()
    html = client.get(assessment.result_url()).content.decode()
    assert (
        f'<link rel="alternate" type="application/json" href="/result/{assessment.token}.json">'
        in html
    )


def test_json_twin_carries_version_scores_tier_and_every_answer(client):
    answers, _ = weak_answers()
    assessment = make_assessment(answers)
    response = client.get(f"/result/{assessment.token}.json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["questionnaire_version"] == "2026.2"
    assert data["overall_score"] == "3.4"
    assert data["tier"] == {"key": "aware", "name": "AI Aware"}
    assert [p["key"] for p in data["pillars"]] == [p.key for p in Q.pillars]
    dims = {d["key"]: d["score"] for p in data["pillars"] for d in p["dimensions"]}
    assert dims == {k: v for k, v in assessment.scores["dimensions"].items()}
    assert len(data["answers"]) == len(Q.questions)
    for row in data["answers"]:
        assert row["value"] == answers[row["question"]]
        assert row["dimension"] == Q.questions[row["question"]].dimension_key


@pytest.mark.parametrize(
    "token",
    ["x", "A" * 43, "not-a-real-token-but-long-enough-to-look-like-one", "%00", "../../etc"],
)
def test_unknown_or_malformed_tokens_are_404(client, token):
    make_assessment()
    assert client.get(f"/result/{token}/").status_code == 404
    assert client.get(f"/result/{token}.json").status_code == 404


def test_the_row_id_does_not_open_a_result(client):
    assessment = make_assessment()
    assert client.get(f"/result/{assessment.pk}/").status_code == 404


def test_404_page_is_friendly(client):
    response = client.get("/result/nope/")
    assert "We could not find that page" in response.content.decode()


def test_result_page_uses_two_queries(client, django_assert_num_queries):
    # The assessment with its follow-up, contact and workspace entry; the comparison's cohort
    # sizes (fewer than 10 firms in all: no counts to read).
    assessment = make_assessment()
    with django_assert_num_queries(2):
        assert client.get(assessment.result_url()).status_code == 200


def test_result_json_uses_two_queries(client, django_assert_num_queries):
    assessment = make_assessment()
    with django_assert_num_queries(2):
        assert client.get(f"/result/{assessment.token}.json").status_code == 200


def test_a_stored_result_keeps_its_scores_when_content_changes(client):
    assessment = make_assessment(uniform_answers(2))
    # Scores are read from the stored snapshot, never recomputed from today's content: even
    # if the answers were re-read differently, the page shows what was computed at the time.
    type(assessment).objects.filter(pk=assessment.pk).update(answers=uniform_answers(5))
    html = client.get(assessment.result_url()).content.decode()
    assert '<span class="score-big">2.0</span>' in html


def test_how_we_score_explains_the_method_and_the_tier_table(client):
    html = client.get("/how-we-score/").content.decode()
    assert "rounded half up" in html
    for tier in Q.tiers:
        assert escape(str(tier.name)) in html
    assert "below 2.5" in html
    assert "3.5 to 4.5" in html
    assert "4.6 and above" in html


def test_home_page_invites_to_start(client):
    html = client.get("/").content.decode()
    assert 'href="/assessment/"' in html
    assert "24 short questions" in html


def test_phones_get_the_chart_with_labels_above_the_bars(client):
    from readiness.assessments.charts import bar_chart

    assessment = make_assessment(uniform_answers(3))
    html = client.get(assessment.result_url()).content.decode()
    assert 'aria-labelledby="chart-phone-title chart-phone-desc"' in html
    assert html.count('<desc id="chart-phone-desc">') == 1
    compact = bar_chart([("Data", Decimal("3.0")), ("People", Decimal("5.0"))], compact=True)
    # Drawn at about a phone's width, so 13-unit text stays near 13 px on a 375 px screen.
    assert compact.width <= 360
    first, second = compact.bars
    assert first.label_y < first.y  # the label sits above its bar
    assert second.y - first.y >= 50
    assert compact.label_anchor == "start"
    assert all(bar.y + 20 <= compact.height for bar in compact.bars)
