"""A strict Content Security Policy on every page, and nothing in our pages that it would block."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factory import (
    answer_all_steps,
    make_assessment,
    post_step,
    questionnaire,
    uniform_answers,
)
from tests.security.inline import inline_code

POLICY = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


def directives(response) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


def assert_strict(response):
    assert directives(response) == POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert inline_code(response.content.decode()) == []


@pytest.mark.django_db
def test_every_page_of_the_firm_journey_has_the_policy_and_no_inline_code(client):
    assessment = make_assessment(company_name="Golden Dragon Kitchen")
    pages = [
        "/",
        reverse("firms:how_we_score"),
        assessment.result_url(),
        reverse("firms:delete_result", kwargs={"token": assessment.token}),
        reverse("firms:deleted"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)

    response = client.get("/assessment/", follow=True)
    assert response.status_code == 200
    assert_strict(response)
    answer_all_steps(client, uniform_answers(3))
    for step in ["profile", *(p.key for p in questionnaire().pillars), "review"]:
        response = client.get(f"/assessment/{step}/")
        assert response.status_code == 200, step
        assert_strict(response)
    response = post_step(client, "review", {})
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert_strict(response)


@pytest.mark.django_db
def test_the_admin_works_under_the_policy():
    get_user_model().objects.create_superuser("root", "root@example.org", "a long passphrase 1")
    assessment = make_assessment(company_name="Golden Dragon Kitchen")
    client = Client()
    response = client.get(reverse("admin:login"))
    assert_strict(response)
    response = client.post(
        reverse("admin:login"), {"username": "root", "password": "a long passphrase 1"}
    )
    assert response.status_code == 302

    for url in [
        reverse("admin:index"),
        reverse("admin:assessments_assessment_changelist"),
        reverse("admin:assessments_assessment_change", args=[assessment.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)
