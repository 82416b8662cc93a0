"""What a step shows: the firm's own answers, in its language, with errors only after a
submit; and a step changed to something invalid is sent back to before the review."""

import pytest

from tests.factory import (
    PROFILE,
    pillar_fields,
    pillars,
    post_step,
    questionnaire,
    step_post,
    uniform_answers,
)

pytestmark = pytest.mark.django_db


def go_back(client, step: str, fields: dict, to: str):
    data = step_post(step, fields)
    data["wizard_goto_step"] = to
    return client.post(f"/assessment/{step}/", data)


def checked_values(html: str, field_name: str) -> list[str]:
    """The values of the checked radio buttons named `field_name`."""
    found = []
    for tag in html.split("<input")[1:]:
        tag = tag.split(">", 1)[0]
        if f'name="{field_name}"' in tag and " checked" in tag:
            found.append(tag.split('value="', 1)[1].split('"', 1)[0])
    return found


def test_an_answer_saved_after_a_blank_view_shows_checked(client):
    first, second = pillars()[0], pillars()[1]
    post_step(client, "profile", PROFILE)
    post_step(client, first.key, pillar_fields(first, uniform_answers(4)))
    blank = client.get(f"/assessment/{second.key}/").content.decode()
    assert blank.count(" checked>") == 0

    answers = {q.key: str(i % 5 + 1) for i, q in enumerate(second.questions)}
    go_back(client, second.key, answers, to=first.key)
    html = client.get(f"/assessment/{second.key}/").content.decode()
    for question in second.questions:
        assert checked_values(html, f"{second.key}-{question.key}") == [answers[question.key]]


def test_the_same_step_reads_in_each_language_in_turn(client):
    first = pillars()[0]
    question = next(iter(first.questions))
    post_step(client, "profile", PROFILE)
    english = client.get(f"/assessment/{first.key}/").content.decode()
    client.cookies["django_language"] = "zh-hant"
    chinese = client.get(f"/assessment/{first.key}/").content.decode()
    client.cookies["django_language"] = "en"
    english_again = client.get(f"/assessment/{first.key}/").content.decode()
    assert question.text.en in english and question.text.zh_hant not in english
    assert question.text.zh_hant in chinese and question.text.en not in chinese
    assert question.options[0].zh_hant in chinese
    assert english_again.count(question.text.en) == english.count(question.text.en)


def test_errors_show_on_the_question_after_a_clean_view_of_the_same_step(client):
    first = pillars()[0]
    missing, *others = first.questions
    post_step(client, "profile", PROFILE)
    client.get(f"/assessment/{first.key}/")
    response = post_step(client, first.key, {q.key: "3" for q in others})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="error-text"') == 1
    assert f'id="id_{first.key}-{missing.key}_error"' in html
    field_id = f"id_{first.key}-{missing.key}"
    described_by = f"{field_id}_helptext {field_id}_error" if missing.help else f"{field_id}_error"
    assert f'aria-describedby="{described_by}"' in html
    # The next clean view shows no error again.
    html = client.get(f"/assessment/{first.key}/").content.decode()
    assert 'class="error-text"' not in html


def test_a_tampered_saved_value_checks_nothing_and_is_never_kept(client):
    first, second = pillars()[0], pillars()[1]
    question = next(iter(second.questions))
    post_step(client, "profile", PROFILE)
    post_step(client, first.key, pillar_fields(first, uniform_answers(4)))
    client.get(f"/assessment/{second.key}/")
    for value in ("9", "0", "<b>x</b>", "3 ", "٣", "x" * 300):
        go_back(client, second.key, {question.key: value}, to=first.key)
        html = client.get(f"/assessment/{second.key}/").content.decode()
        assert checked_values(html, f"{second.key}-{question.key}") == []
        assert "<b>x</b>" not in html


def test_a_step_changed_to_invalid_answers_is_sent_back_to_before_the_review(client):
    """Back saves a half-answered step; the review, which shows every answer, sends the firm
    back to it (and the done step would too)."""
    post_step(client, "profile", PROFILE)
    for pillar in pillars():
        post_step(client, pillar.key, pillar_fields(pillar, uniform_answers(4)))
    assert client.get("/assessment/review/").status_code == 200

    first = pillars()[0]
    partial = dict(list(pillar_fields(first, uniform_answers(4)).items())[1:])
    go_back(client, first.key, partial, to="profile")
    response = client.get("/assessment/review/")
    assert response.status_code == 302
    assert response["Location"] == f"/assessment/{first.key}/"

    # Answering it fully again opens the way.
    post_step(client, first.key, pillar_fields(first, uniform_answers(4)))
    assert client.get("/assessment/review/").status_code == 200


def test_a_profile_made_invalid_in_the_session_is_sent_back_to(client):
    """Whatever changed the stored answers, the review validates them again."""
    post_step(client, "profile", PROFILE)
    for pillar in pillars():
        post_step(client, pillar.key, pillar_fields(pillar, uniform_answers(4)))
    session = client.session
    session["wizard_assessment"]["step_data"]["profile"]["profile-employee_band"] = ["9999"]
    session.save()
    response = client.get("/assessment/review/")
    assert response["Location"] == "/assessment/profile/"


def test_the_profile_step_shows_what_was_saved_after_a_blank_view(client):
    blank = client.get("/assessment/profile/").content.decode()
    assert "Golden Dragon Kitchen" not in blank
    assert checked_values(blank, "profile-employee_band") == []
    post_step(client, "profile", PROFILE)
    html = client.get("/assessment/profile/").content.decode()
    assert 'value="Golden Dragon Kitchen"' in html
    assert checked_values(html, "profile-employee_band") == [PROFILE["employee_band"]]
    assert '<option value="food_beverage" selected>' in html


def test_a_blank_profile_step_reads_in_each_language_in_turn(client):
    scope = questionnaire().business_scopes[0].label
    english = client.get("/assessment/profile/").content.decode()
    client.cookies["django_language"] = "zh-hant"
    chinese = client.get("/assessment/profile/").content.decode()
    assert scope.en in english and scope.zh_hant not in english
    assert scope.zh_hant in chinese and scope.en not in chinese


def test_a_profile_posted_with_errors_shows_them_and_keeps_what_was_typed(client):
    client.get("/assessment/profile/")
    response = post_step(client, "profile", {"company_name": "Kowloon Bakery"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Kowloon Bakery"' in html
    assert "Please choose your main business scope." in html
    # An invalid step is not saved: the next view is blank again, without errors.
    html = client.get("/assessment/profile/").content.decode()
    assert "Kowloon Bakery" not in html
    assert "Please choose your main business scope." not in html
