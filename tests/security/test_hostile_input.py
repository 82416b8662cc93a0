"""Hostile input in every text field a firm fills in is stored or refused cleanly, and always
rendered escaped: on the result page, in the JSON, in the PDF and in the admin."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from readiness.advisors.models import Contact
from readiness.assessments.models import Assessment
from tests.factory import PROFILE, answer_all_steps, complete_wizard, post_step, uniform_answers

SCRIPT = '<script>alert("owned")</script>'
ATTRIBUTE = "\"'><img src=x onerror=alert(1)>"
EMOJI = "點心 Dim Sum 🥟🐉 Ltd"
RIGHT_TO_LEFT = "شركة التنين الذهبي Ltd"
LONGEST = "長" * 200
ACCEPTED = [SCRIPT, ATTRIBUTE, EMOJI, RIGHT_TO_LEFT, LONGEST]
MALICIOUS = [SCRIPT, ATTRIBUTE]


def contact_for(value):
    return {
        "name": value,
        "email": "o'brien+test@example.com",
        "phone": "9123 4567",
        "company_name": value,
    }


@pytest.fixture
def admin_client(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.org", "x"))
    return client


def assert_escaped(page: str, value: str):
    assert escape(value) in page
    if value in MALICIOUS:
        assert value not in page


@pytest.mark.django_db
@pytest.mark.parametrize("value", ACCEPTED, ids=["script", "attribute", "emoji", "rtl", "long"])
def test_hostile_text_is_stored_as_typed_and_shown_escaped(value, admin_client):
    client = Client()
    assessment = complete_wizard(
        client, uniform_answers(3), {**PROFILE, "company_name": value}, contact_for(value)
    )

    assert assessment.company_name == value
    contact = Contact.objects.get(assessment=assessment)
    assert (contact.name, contact.company_name) == (value, value)
    assert contact.email == "o'brien+test@example.com"

    assert_escaped(client.get(assessment.result_url()).content.decode(), value)
    assert_escaped(
        client.get(reverse("firms:delete_result", args=[assessment.token])).content.decode(),
        value,
    )
    twin = client.get(f"/result/{assessment.token}.json")
    assert twin["Content-Type"] == "application/json"
    json.loads(twin.content)

    changelist = admin_client.get(reverse("admin:assessments_assessment_changelist"))
    assert_escaped(changelist.content.decode(), value)
    change = admin_client.get(
        reverse("admin:assessments_assessment_change", args=[assessment.pk])
    ).content.decode()
    assert_escaped(change, value)
    assert escape("o'brien+test@example.com") in change
    search = admin_client.get(reverse("admin:assessments_assessment_changelist"), {"q": value})
    assert search.status_code == 200
    assert_escaped(search.content.decode(), value)


def pdf_text(client, assessment):
    response = client.get(f"/result/{assessment.token}/report.pdf")
    assert response.status_code == 200
    pages = PdfReader(io.BytesIO(response.content)).pages
    return "".join(page.extract_text() for page in pages)


@pytest.mark.django_db
def test_hostile_text_is_printed_as_text_in_the_pdf(client):
    value = SCRIPT + ATTRIBUTE
    assessment = complete_wizard(client, uniform_answers(3), {**PROFILE, "company_name": value})

    # Printed literally: had it reached the HTML as markup, there would be no text to extract.
    assert value in pdf_text(client, assessment)


@pytest.mark.django_db
def test_the_pdf_renders_with_emoji_and_right_to_left_text(client):
    value = "點心 🥟 شركة Ltd"
    assessment = complete_wizard(client, uniform_answers(3), {**PROFILE, "company_name": value})

    response = client.get(f"/result/{assessment.token}/report.pdf")

    assert response.status_code == 200
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 1


REFUSED = {
    "nul byte": "Golden\x00Dragon",
    "bell": "Bell\x07Co",
    "new line": "Golden\nDragon",
    "right-to-left override": "\u202edtL nogarD",
    "201 characters": "x" * 201,
    "100 KB": "A" * 100_000,
}


@pytest.mark.django_db
@pytest.mark.parametrize("value", REFUSED.values(), ids=REFUSED.keys())
def test_unstorable_text_is_refused_with_a_message_and_nothing_is_kept(value, client):
    client.get("/assessment/")

    response = post_step(client, "profile", {**PROFILE, "company_name": value})

    assert response.status_code == 200
    assert "Please check the highlighted answers." in response.content.decode()
    assert client.get("/assessment/review/")["Location"] == "/assessment/profile/"
    assert Assessment.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("value", REFUSED.values(), ids=REFUSED.keys())
def test_unstorable_contact_details_are_refused_and_nothing_is_kept(value, client):
    answer_all_steps(client, uniform_answers(3))
    post_step(client, "review", {})

    response = post_step(client, "contact", {**contact_for(value), "consent": "on"})

    assert response.status_code == 200
    assert "Please check the highlighted answers." in response.content.decode()
    assert Assessment.objects.count() == 0
    assert Contact.objects.count() == 0


@pytest.mark.django_db
def test_a_100_kb_body_of_junk_fields_is_refused_cleanly(client):
    client.get("/assessment/")
    data = {f"profile-junk{i}": "J" * 1000 for i in range(100)}
    data.update({"assessment-current_step": "profile", "profile-business_scope": "\x00" * 1000})

    response = client.post("/assessment/profile/", data)

    assert response.status_code == 200
    assert Assessment.objects.count() == 0
