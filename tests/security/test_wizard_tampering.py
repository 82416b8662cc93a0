"""Wizard tampering: replays, double posts, skipped steps, broken management forms. Never a
500, never a duplicate or half-saved assessment."""

import copy

import pytest
from django.test import Client

from readiness.assessments.models import Assessment, PillarScore
from tests.factory import (
    PROFILE,
    answer_all_steps,
    complete_wizard,
    post_step,
    questionnaire,
    step_post,
    uniform_answers,
)

PILLARS = [p.key for p in questionnaire().pillars]
SKIP = {**step_post("contact", {}), "skip": "1"}


def ready_to_finish(client):
    answer_all_steps(client, uniform_answers(4))
    assert post_step(client, "review", {}).status_code == 302
    assert client.post("/assessment/contact/", SKIP)["Location"] == "/assessment/done/"


def finish(client):
    response = client.get("/assessment/done/")
    assert response.status_code == 302
    return response["Location"]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_replaying_every_step_of_a_finished_wizard_stores_nothing_more(client):
    assessment = complete_wizard(client, uniform_answers(4))

    replies = [post_step(client, step, {}) for step in [*PILLARS, "review"]]
    replies.append(client.post("/assessment/contact/", SKIP))
    done = client.get("/assessment/done/")

    assert [r.status_code for r in replies] == [302] * (len(PILLARS) + 2)
    assert {r["Location"] for r in replies} == {"/assessment/profile/"}
    assert done["Location"] == assessment.result_url()
    assert Assessment.objects.count() == 1


@pytest.mark.django_db
def test_finishing_twice_from_the_same_session_state_stores_one_assessment(client):
    # Two requests that both read the session before either wrote it, as two tabs or a double
    # click in parallel do: both finish the same run with the same submission key.
    ready_to_finish(client)
    before = copy.deepcopy(dict(client.session.items()))

    first = finish(client)
    session = client.session
    session.clear()
    session.update(before)
    session.save()
    second = finish(client)

    assert first == second
    assert Assessment.objects.count() == 1
    assert PillarScore.objects.count() == len(PILLARS)


@pytest.mark.django_db
def test_skipping_ahead_is_sent_back_to_the_first_missing_step(client):
    for step in [*PILLARS[1:], "review", "contact"]:
        response = post_step(client, step, {})
        assert response.status_code == 302
        assert response["Location"] == "/assessment/profile/"
    for url in ["/assessment/review/", "/assessment/contact/", "/assessment/done/"]:
        assert client.get(url)["Location"] == "/assessment/profile/"
    assert client.post("/assessment/contact/", SKIP)["Location"] == "/assessment/profile/"
    assert Assessment.objects.count() == 0


@pytest.mark.django_db
def test_skipping_a_pillar_in_the_middle_is_sent_back_to_it(client):
    post_step(client, "profile", PROFILE)
    post_step(client, PILLARS[0], {q.key: "3" for q in questionnaire().pillars[0].questions})

    response = post_step(client, PILLARS[2], {})

    assert response["Location"] == f"/assessment/{PILLARS[1]}/"
    assert client.post("/assessment/contact/", SKIP)["Location"] == f"/assessment/{PILLARS[1]}/"
    assert Assessment.objects.count() == 0


BROKEN_MANAGEMENT_FORMS = {
    "missing": {},
    "empty": {"assessment-current_step": ""},
    "another step": {"assessment-current_step": "review"},
    "unknown step": {"assessment-current_step": "done"},
    "oversized": {"assessment-current_step": "profile" * 10_000},
    "nul byte": {"assessment-current_step": "pro\x00file"},
    "wrong prefix": {"wizard-current_step": "profile"},
    "junk goto": {"assessment-current_step": "profile", "wizard_goto_step": "../../admin"},
    "goto done": {"assessment-current_step": "profile", "wizard_goto_step": "done"},
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "management", BROKEN_MANAGEMENT_FORMS.values(), ids=BROKEN_MANAGEMENT_FORMS.keys()
)
def test_a_broken_management_form_is_a_friendly_400(management, client):
    client.get("/assessment/")
    data = {f"profile-{k}": v for k, v in PROFILE.items()} | management

    response = client.post("/assessment/profile/", data)

    assert response.status_code == 400
    assert "Something was wrong with that request" in response.content.decode()
    assert Assessment.objects.count() == 0


@pytest.mark.django_db
def test_an_unknown_step_in_the_address_is_handled(client):
    assert client.get("/assessment/zzz/").status_code == 302
    assert client.post("/assessment/zzz/", {"assessment-current_step": "zzz"}).status_code == 400
    assert client.get("/assessment/" + "a" * 41 + "/").status_code == 404


@pytest.mark.django_db
def test_answers_outside_the_scale_are_form_errors(client):
    post_step(client, "profile", PROFILE)
    pillar = questionnaire().pillars[0]
    for bad in ["0", "6", "-1", "3.0", "1e3", "", "٣"]:
        response = post_step(client, pillar.key, {q.key: bad for q in pillar.questions})
        assert response.status_code == 200, bad
        assert "Please choose the statement that fits your firm best." in (
            response.content.decode()
        )
    assert post_step(client, "profile", {**PROFILE, "employee_band": "9999"}).status_code == 200


@pytest.mark.django_db
def test_malformed_bodies_are_a_400_or_a_form_error(client):
    client.get("/assessment/")
    garbage = client.post(
        "/assessment/profile/",
        b"--xyz\r\nContent-Disposition: form-data; name=\r\n\r\n",
        content_type="multipart/form-data; boundary=xyz",
    )
    latin1 = client.post(
        "/assessment/profile/",
        b"assessment-current_step=profile&profile-company_name=%ff%fe%00",
        content_type="application/x-www-form-urlencoded",
    )
    huge = client.post(
        "/assessment/profile/",
        b"assessment-current_step=profile&profile-company_name=" + b"x" * 3_000_000,
        content_type="application/x-www-form-urlencoded",
    )

    assert garbage.status_code == 400
    assert latin1.status_code == 200
    assert huge.status_code == 400
    assert Assessment.objects.count() == 0


@pytest.mark.django_db
def test_a_get_of_the_done_step_without_a_session_goes_to_the_start(client):
    assert client.get("/assessment/done/")["Location"] == "/assessment/profile/"
    assert Assessment.objects.count() == 0
