"""The optional last wizard step: a request to be contacted by an HKPC advisor, under a
Personal Information Collection Statement and with explicit consent."""

import pytest

from readiness.advisors.models import Contact, FollowUp, FollowUpStatus
from readiness.assessments.models import Assessment
from readiness.firms.forms import normalise_phone
from tests.factory import answer_all_steps, complete_wizard, post_step, step_post, uniform_answers

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Chan Tai Man",
    "email": "tm.chan@goldendragon.com.hk",
    "phone": "+852 9123 4567",
    "company_name": "Golden Dragon Kitchen Ltd",
}


def reach_contact_step(client):
    answer_all_steps(client, uniform_answers(3))
    response = post_step(client, "review", {})
    assert response["Location"] == "/assessment/contact/"


def finish(client, response):
    assert response.status_code == 302, response.content[-1500:]
    assert response["Location"] == "/assessment/done/"
    response = client.get("/assessment/done/")
    assert response.status_code == 302
    return Assessment.objects.get()


def test_the_review_step_now_continues_to_the_contact_step(client):
    answer_all_steps(client, uniform_answers(3))
    html = client.get("/assessment/review/").content.decode()
    assert "Continue" in html
    assert "See my result" not in html


def test_the_contact_step_shows_the_pics_and_an_unticked_consent_box(client, settings):
    settings.CONTACT_RETENTION_MONTHS = 18
    reach_contact_step(client)
    html = client.get("/assessment/contact/").content.decode()
    assert "Step 8 of 8" in html
    assert "An HKPC advisor can talk your result through" in html
    assert "Personal Information Collection Statement" in html
    assert "Cap. 486" in html
    assert "HKPC advisors only" in html
    assert "18 months after you submit them" in html
    assert "Data Protection Officer" in html
    assert 'name="contact-consent"' in html
    consent = html[
        html.index('name="contact-consent"') - 200 : html.index('name="contact-consent"') + 200
    ]
    assert "checked" not in consent
    # The company name is prefilled from the profile.
    assert 'value="Golden Dragon Kitchen"' in html
    assert 'name="skip"' in html


def test_skipping_is_one_click_and_stores_no_contact(client):
    reach_contact_step(client)
    response = client.post("/assessment/contact/", {**step_post("contact", {}), "skip": "1"})
    assessment = finish(client, response)
    assert Contact.objects.count() == 0
    assert FollowUp.objects.count() == 0
    assert client.get(assessment.result_url()).status_code == 200


def test_skipping_after_typing_details_keeps_none_of_them(client):
    reach_contact_step(client)
    data = {**step_post("contact", DETAILS), "skip": "1"}
    finish(client, client.post("/assessment/contact/", data))
    assert Contact.objects.count() == 0
    assert FollowUp.objects.count() == 0


def test_details_without_consent_are_refused_and_not_stored(client):
    reach_contact_step(client)
    response = post_step(client, "contact", DETAILS)
    assert response.status_code == 200
    assert "tick the consent box" in response.content.decode()
    assert Assessment.objects.count() == 0
    # Going on to the done URL by hand cannot smuggle the details through either.
    client.get("/assessment/done/")
    assert Contact.objects.count() == 0


def test_see_my_result_without_details_or_consent_is_the_same_as_skipping(client):
    reach_contact_step(client)
    response = post_step(client, "contact", {"company_name": "Golden Dragon Kitchen"})
    finish(client, response)
    assert Contact.objects.count() == 0


def test_going_back_without_consent_keeps_no_details_in_the_session(client):
    reach_contact_step(client)
    data = {**step_post("contact", DETAILS), "wizard_goto_step": "review"}
    response = client.post("/assessment/contact/", data)
    assert response["Location"] == "/assessment/review/"
    assert "Chan Tai Man" not in str(dict(client.session))
    html = client.get("/assessment/contact/").content.decode()
    assert "Chan Tai Man" not in html


def test_consent_with_details_stores_the_contact_and_opens_a_follow_up(client):
    assessment = complete_wizard(client, uniform_answers(3), contact=DETAILS)
    contact = Contact.objects.get(assessment=assessment)
    assert contact.name == "Chan Tai Man"
    assert contact.email == "tm.chan@goldendragon.com.hk"
    assert contact.phone == "+852 9123 4567"
    assert contact.company_name == "Golden Dragon Kitchen Ltd"
    assert contact.pics_version == "2026-11"
    followup = FollowUp.objects.get(assessment=assessment)
    assert followup.status == FollowUpStatus.NEW
    assert followup.requested_at == contact.consented_at
    # The profile's company name stays as the firm gave it there.
    assert assessment.company_name == "Golden Dragon Kitchen"


def test_consent_needs_a_name_and_a_way_to_reach_the_firm(client):
    reach_contact_step(client)
    response = post_step(client, "contact", {"consent": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please tell us whom the advisor should ask for." in html
    assert "Please give an email address or a phone number." in html
    assert Assessment.objects.count() == 0


def test_a_bad_email_or_phone_is_explained_not_stored(client):
    reach_contact_step(client)
    details = {**DETAILS, "email": "not-an-email", "phone": "12345"}
    response = post_step(client, "contact", {**details, "consent": "on"})
    html = response.content.decode()
    assert "Enter an email address like name@company.com.hk." in html
    assert "Enter a Hong Kong number of 8 digits" in html
    assert Contact.objects.count() == 0


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("91234567", "+852 9123 4567"),
        ("9123 4567", "+852 9123 4567"),
        ("+852 2123 4567", "+852 2123 4567"),
        ("+85291234567", "+852 9123 4567"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+86 138-0013-8000", "+8613800138000"),
        ("+1 (415) 555-0100", "+14155550100"),
    ],
)
def test_phone_numbers_in_hong_kong_and_international_formats_are_accepted(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["1234567", "912345678", "+852 9123 456", "+12345", "phone me", "+852 1123 4567"]
)
def test_malformed_phone_numbers_are_refused(typed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        normalise_phone(typed)
