"""Advisors see contacts and notes; content editors never do. Each refusal is proven on the
URL a content editor could type."""

import pytest
from django.utils import timezone

from readiness.advisors.models import AnswerVerification, Contact, FollowUp, Note
from tests.factory import make_assessment, questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_with_contact(advisor):
    assessment = make_assessment(company_name="Private Co")
    Contact.objects.create(
        assessment=assessment, name="Wong Ka Yan", email="ky@private.hk", phone="+852 9876 5432"
    )
    FollowUp.objects.create(assessment=assessment, requested_at=timezone.now())
    Note.objects.create(assessment=assessment, author=advisor, text="Prefers calls after 6pm.")
    return assessment


def urls(assessment, followup_pk):
    return {
        "queue": "/admin/advisors/followup/",
        "firm page": f"/admin/assessments/assessment/{assessment.pk}/change/",
        "verify": f"/admin/assessments/assessment/{assessment.pk}/verify/",
        "dashboard": "/admin/dashboard/",
        "dashboard CSV": "/admin/dashboard/tiers.csv",
        "CSV export": "/admin/assessments/assessment/export.csv",
        "Excel export": "/admin/assessments/assessment/export.xlsx",
        "contacts": "/admin/advisors/contact/",
        "notes": "/admin/advisors/note/",
    }


def test_an_advisor_sees_contacts_and_notes(advisor_client, request_with_contact):
    queue = advisor_client.get("/admin/advisors/followup/").content.decode()
    assert "Wong Ka Yan" in queue and "+852 9876 5432" in queue
    page = advisor_client.get(
        f"/admin/assessments/assessment/{request_with_contact.pk}/change/"
    ).content.decode()
    assert "ky@private.hk" in page
    assert "Prefers calls after 6pm." in page


@pytest.mark.parametrize(
    "name",
    [
        "queue",
        "firm page",
        "verify",
        "dashboard",
        "dashboard CSV",
        "CSV export",
        "Excel export",
        "contacts",
        "notes",
    ],
)
def test_a_content_editor_is_refused(client, editor, request_with_contact, name):
    client.force_login(editor)
    response = client.get(urls(request_with_contact, request_with_contact.pk)[name])
    assert response.status_code in (403, 404), name
    assert b"Wong Ka Yan" not in response.content
    assert b"Prefers calls" not in response.content


def test_a_content_editor_cannot_take_a_request(client, editor, request_with_contact):
    client.force_login(editor)
    response = client.post(f"/admin/advisors/followup/{request_with_contact.pk}/take/")
    assert response.status_code == 403
    assert FollowUp.objects.get(pk=request_with_contact.pk).assigned_to is None


def test_a_content_editor_cannot_verify_answers(client, editor, request_with_contact):
    client.force_login(editor)
    key = next(iter(questionnaire().questions))
    response = client.post(
        f"/admin/assessments/assessment/{request_with_contact.pk}/verify/", {key: "5"}
    )
    assert response.status_code in (403, 404)
    assert not AnswerVerification.objects.exists()


def test_the_home_page_shows_editors_no_follow_up_links(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "/admin/advisors/followup/" not in html
    assert "/admin/dashboard/" not in html
