"""No personal data in logs; a result token is never logged in full."""

import io
import logging

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from readiness.security.log_filters import mask_tokens
from tests.factory import PROFILE, complete_wizard, make_assessment, uniform_answers

TOKEN = "q3J9x_Lk2-VbN8wPz4tYc7RuE1sAiD0oGfHjKmQnXyW"


@pytest.fixture
def log_output():
    """What the configured console handler writes, whichever logger a record came from."""
    handler = next(h for h in logging.getLogger("django").handlers if h.name == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


def test_it_masks_a_token_to_six_characters_and_leaves_words_alone():
    assert mask_tokens(f"Not Found: /result/{TOKEN}/report.pdf") == (
        "Not Found: /result/q3J9x_…/report.pdf"
    )
    assert mask_tokens(f'"GET /result/{TOKEN}.json HTTP/1.1" 404 179') == (
        '"GET /result/q3J9x_….json HTTP/1.1" 404 179'
    )
    assert mask_tokens("POST /assessment/organisation_and_governance/") == (
        "POST /assessment/organisation_and_governance/"
    )


@pytest.mark.django_db
def test_a_guessed_result_link_is_logged_without_the_token(log_output):
    Client().get(f"/result/{TOKEN}/")

    logged = log_output.getvalue()
    assert "Not Found: /result/q3J9x_…/" in logged
    assert TOKEN not in logged
    assert TOKEN[:7] not in logged


@pytest.mark.django_db
def test_the_development_server_log_masks_tokens(log_output):
    # django.server logs each request line in this form.
    logging.getLogger("django.server").info(
        '"%s" %s %s', f"GET /result/{TOKEN}/ HTTP/1.1", "200", "5120"
    )

    assert log_output.getvalue() == '"GET /result/q3J9x_…/ HTTP/1.1" 200 5120\n'


@pytest.mark.django_db
def test_a_crash_on_a_result_page_logs_the_traceback_without_the_token(log_output, monkeypatch):
    assessment = make_assessment(company_name="Golden Dragon Kitchen")

    def crash(found):
        raise RuntimeError(f"cannot summarise {found.token}")

    monkeypatch.setattr("readiness.firms.views.summarise", crash)
    response = Client(raise_request_exception=False).get(assessment.result_url())

    logged = log_output.getvalue()
    assert response.status_code == 500
    assert f"Internal Server Error: /result/{assessment.token[:6]}…/" in logged
    assert "Traceback" in logged
    assert assessment.token not in logged


@pytest.mark.django_db
def test_answers_and_contact_details_are_not_logged(log_output):
    client = Client()
    contact = {"name": "Chan Tai Man", "email": "tm.chan@example.com.hk", "phone": "91234567"}
    complete_wizard(client, uniform_answers(2), contact=contact)

    logged = log_output.getvalue()
    for secret in [PROFILE["company_name"], *contact.values()]:
        assert secret not in logged


@pytest.mark.django_db
def test_failed_admin_logins_are_logged_without_the_username(log_output, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_user_model().objects.create_superuser("wong.advisor", "w@example.org", "x")
    Client().post("/admin/login/", {"username": "wong.advisor", "password": "guess"})

    logged = log_output.getvalue()
    assert "AXES: New login failure" in logged
    assert "wong.advisor" not in logged
    assert "127.0.0.1" not in logged
