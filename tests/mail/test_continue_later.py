"""'E-mail me a link to continue' on every wizard step: the link opens the run at the step
reached with every answer so far, in another browser, once, while it is unfinished."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from readiness.assessments.models import Assessment
from readiness.firms.models import ContinueLink
from tests.factory import (
    PROFILE,
    complete_wizard,
    pillar_fields,
    pillars,
    post_step,
    step_post,
    uniform_answers,
)
from tests.mail.conftest import body

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https://readiness\.test(/continue/[A-Za-z0-9_-]+/)")


def ask_for_link(client, step, fields, address="owner@example.hk"):
    data = {**step_post(step, fields), "continue-email": address, "continue_later": "1"}
    return client.post(f"/assessment/{step}/", data)


def answered_two_pillars(client):
    first, second, third = pillars()[:3]
    post_step(client, "profile", PROFILE)
    post_step(client, first.key, pillar_fields(first, uniform_answers(4)))
    post_step(client, second.key, pillar_fields(second, uniform_answers(2)))
    return third


def link_in(message) -> str:
    return LINK.search(body(message)).group(1)


def test_the_link_continues_at_the_step_reached_with_every_answer_in_another_browser(
    client, smtp_server, django_capture_on_commit_callbacks
):
    third = answered_two_pillars(client)
    half = dict(list(pillar_fields(third, uniform_answers(5)).items())[:1])
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_link(client, third.key, half)

    assert response.status_code == 302
    assert response["Location"] == f"/assessment/{third.key}/#continue-later"
    page = client.get(f"/assessment/{third.key}/").content.decode()
    assert "The link is on its way to owner@example.hk." in page
    [message] = smtp_server.messages
    assert message["Subject"] == "Continue your AI readiness assessment"
    assert str(third.name) in body(message)

    other = Client()
    link = link_in(message)
    assert "Continue my assessment" in other.get(link).content.decode()
    response = other.post(link)
    assert response["Location"] == f"/assessment/{third.key}/"
    html = other.get(response["Location"]).content.decode()
    [(field, value)] = half.items()
    assert re.search(rf'name="{third.key}-{field}" value="{value}"[^>]*checked', html)

    for pillar in pillars()[2:]:
        post_step(other, pillar.key, pillar_fields(pillar, uniform_answers(3)))
    post_step(other, "review", {})
    other.post("/assessment/contact/", {**step_post("contact", {}), "skip": "1"})
    other.get("/assessment/done/")
    assessment = Assessment.objects.get()
    assert assessment.company_name == PROFILE["company_name"]
    first_question = next(iter(pillars()[0].questions)).key
    assert assessment.answers[first_question] == 4


def test_a_used_link_gives_a_friendly_page_and_a_fresh_start(
    client, smtp_server, django_capture_on_commit_callbacks
):
    third = answered_two_pillars(client)
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_link(client, third.key, {})
    link = link_in(smtp_server.messages[0])
    Client().post(link)

    stranger = Client()
    response = stranger.post(link)
    assert response.status_code == 410
    html = response.content.decode()
    assert "This link has already been used, has expired" in html
    assert 'href="/assessment/?reset"' in html
    assert "wizard_assessment" not in stranger.session
    assert stranger.get(link).status_code == 410


def test_an_expired_link_opens_nothing(client, smtp_server, django_capture_on_commit_callbacks):
    third = answered_two_pillars(client)
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_link(client, third.key, {})
    ContinueLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    other = Client()
    assert other.post(link_in(smtp_server.messages[0])).status_code == 410
    assert "wizard_assessment" not in other.session


def test_the_link_expires_with_the_unfinished_assessment(
    client, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.SESSION_COOKIE_AGE = 3600
    third = answered_two_pillars(client)
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_link(client, third.key, {})
    link = ContinueLink.objects.get()
    assert abs((link.expires_at - timezone.now()) - timedelta(hours=1)) < timedelta(minutes=1)


def test_a_finished_assessment_cannot_be_continued(
    client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_link(client, "profile", PROFILE)
    complete_wizard(client, uniform_answers(3))

    assert Client().post(link_in(smtp_server.messages[0])).status_code == 410


def test_an_unknown_link_opens_nothing(client):
    assert client.get("/continue/" + "x" * 43 + "/").status_code == 410


def test_an_invalid_address_is_an_error_at_the_field_and_keeps_what_was_typed(client):
    post_step(client, "profile", PROFILE)
    first = pillars()[0]
    typed = pillar_fields(first, uniform_answers(5))
    response = ask_for_link(client, first.key, typed, address="owner@")

    assert response.status_code == 200
    html = response.content.decode()
    group = html[html.index('id="group_id_continue-email"') :]
    assert "Enter an email address like name@company.com.hk." in group[: group.index("</div>")]
    assert "<details" in html and 'id="continue-later"' in html
    assert not ContinueLink.objects.exists()
    again = client.get(f"/assessment/{first.key}/").content.decode()
    [(field, value), *_] = typed.items()
    assert re.search(rf'name="{first.key}-{field}" value="{value}"[^>]*checked', again)


def test_past_the_limit_no_more_links_are_sent(
    client, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.MAIL_LIMIT_PER_RESULT = "1/d"
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_link(client, "profile", PROFILE)
        response = ask_for_link(client, "profile", PROFILE, address="other@example.hk")

    assert len(smtp_server.envelopes) == 1
    assert (
        "We have sent this link several times already."
        in client.get(response["Location"]).content.decode()
    )


def test_every_step_offers_the_link(client):
    post_step(client, "profile", PROFILE)
    for pillar in pillars():
        html = client.get(f"/assessment/{pillar.key}/").content.decode()
        assert "E-mail me a link to continue" in html
        post_step(client, pillar.key, pillar_fields(pillar, uniform_answers(3)))
    for step in ("review", "contact"):
        assert "E-mail me a link to continue" in client.get(f"/assessment/{step}/").content.decode()
        if step == "review":
            post_step(client, "review", {})
