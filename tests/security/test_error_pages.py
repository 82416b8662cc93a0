"""Friendly 400, 403, 404, 429 and 500 pages that leak nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from readiness.security.ratelimit import RateLimited
from tests.factory import make_assessment
from tests.security.inline import inline_code
from tests.security.test_csp import POLICY, directives

LEAKS = ["Traceback", "SECRET_KEY", "DATABASES", "settings.py", "Exception Value", "/work/"]


def assert_friendly(response, status, heading):
    page = response.content.decode()
    assert response.status_code == status
    assert heading in page
    assert 'href="/"' in page or 'href="/assessment/"' in page
    for leak in LEAKS:
        assert leak not in page
    assert inline_code(page) == []
    assert directives(response) == POLICY


@pytest.mark.django_db
def test_an_unknown_address_gets_the_friendly_404(client):
    response = client.get("/no-such-page/<script>")

    assert_friendly(response, 404, "We could not find that page")
    assert "&lt;script&gt;" not in response.content.decode()


@pytest.mark.django_db
def test_a_forged_host_header_gets_the_friendly_400(client):
    response = client.get("/", HTTP_HOST="evil.example")

    assert_friendly(response, 400, "Something was wrong with that request")
    assert "evil.example" not in response.content.decode()


@pytest.mark.django_db
def test_too_many_form_fields_get_the_friendly_400(client):
    data = {f"field{i}": "x" for i in range(1200)}

    response = client.post("/assessment/profile/", data)

    assert_friendly(response, 400, "Something was wrong with that request")


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_the_friendly_expired_page():
    assessment = make_assessment()
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("firms:delete_result", args=[assessment.token]))

    assert_friendly(response, 403, "This page has expired")
    assert "CSRF" not in response.content.decode()


@pytest.mark.django_db
def test_an_advisor_without_permission_gets_the_friendly_403():
    user = get_user_model().objects.create_user("intern", password="x", is_staff=True)
    client = Client()
    client.force_login(user)

    response = client.get(reverse("admin:assessments_assessment_add"))

    assert_friendly(response, 403, "You cannot do that here")


@pytest.mark.django_db
def test_a_crash_gets_the_friendly_500_with_nothing_of_the_error(monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("internal detail 7f3a: password=hunter2")

    monkeypatch.setattr("readiness.firms.views.current_questionnaire", crash)
    client = Client(raise_request_exception=False)

    response = client.get("/")

    assert_friendly(response, 500, "Something went wrong on our side")
    assert "系統出現問題" in response.content.decode()
    assert "hunter2" not in response.content.decode()
    assert "RuntimeError" not in response.content.decode()


@pytest.mark.django_db
def test_a_rate_limited_request_gets_the_friendly_429(monkeypatch):
    def limited(*args, **kwargs):
        raise RateLimited(retry_after=125)

    monkeypatch.setattr("readiness.firms.views.current_questionnaire", limited)

    response = Client().get("/")

    assert_friendly(response, 429, "Please wait a moment")
    assert response["Retry-After"] == "125"
    assert "Please try again in about 3 minutes." in response.content.decode()
