"""The holder of a result link can delete their assessment, with confirmation."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from readiness.advisors.models import Contact, FollowUp, Note
from readiness.assessments.models import Assessment, PillarScore
from readiness.firms.wizard import LAST_RESULT_KEY
from readiness.reports.models import ReportFile
from tests.factory import complete_wizard, make_assessment, uniform_answers

CONTACT = {"name": "Chan Tai Man", "email": "tm.chan@example.com.hk", "phone": "9123 4567"}


def delete_url(assessment):
    return reverse("firms:delete_result", kwargs={"token": assessment.token})


@pytest.mark.django_db
def test_the_result_page_offers_deletion(client):
    assessment = make_assessment()

    page = client.get(assessment.result_url()).content.decode()

    assert f'href="{delete_url(assessment)}"' in page
    assert "Delete this assessment" in page


@pytest.mark.django_db
def test_asking_to_delete_only_shows_a_confirmation(client):
    assessment = make_assessment(company_name="Golden Dragon Kitchen")

    response = client.get(delete_url(assessment))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Delete your assessment?" in page
    assert "Golden Dragon Kitchen" in page
    assert f'action="{delete_url(assessment)}"' in page
    assert 'method="post"' in page
    assert Assessment.objects.filter(pk=assessment.pk).exists()


@pytest.mark.django_db
def test_confirming_deletes_the_assessment_and_everything_stored_with_it(client):
    assessment = complete_wizard(client, uniform_answers(3), contact=CONTACT)
    advisor = get_user_model().objects.create_user("advisor", is_staff=True)
    Note.objects.create(assessment=assessment, author=advisor, text="Called, will call back")
    ReportFile.objects.create(assessment=assessment, language="en", version="v1", pdf=b"%")
    assert client.session[LAST_RESULT_KEY] == assessment.token

    response = client.post(delete_url(assessment))

    assert response.status_code == 302
    assert response["Location"] == reverse("firms:deleted")
    assert "has been deleted" in client.get(response["Location"]).content.decode()
    assert Assessment.objects.count() == 0
    assert PillarScore.objects.count() == 0
    assert Contact.objects.count() == 0
    assert FollowUp.objects.count() == 0
    assert Note.objects.count() == 0
    assert ReportFile.objects.count() == 0
    assert LAST_RESULT_KEY not in client.session


@pytest.mark.django_db
def test_a_deleted_assessments_links_are_all_404(client):
    assessment = make_assessment()
    client.post(delete_url(assessment))

    for url in [
        assessment.result_url(),
        f"/result/{assessment.token}.json",
        f"/result/{assessment.token}/report.pdf",
        delete_url(assessment),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(delete_url(assessment)).status_code == 404


@pytest.mark.django_db
def test_a_deleted_assessment_is_gone_from_the_admin(client):
    make_assessment(company_name="Jade Garden Trading")
    gone = make_assessment(company_name="Golden Dragon Kitchen")
    advisor = get_user_model().objects.create_superuser("root", "r@example.org", "x")
    admin = Client()
    admin.force_login(advisor)
    changelist = reverse("admin:assessments_assessment_changelist")
    assert "Golden Dragon Kitchen" in admin.get(changelist).content.decode()

    client.post(delete_url(gone))

    page = admin.get(changelist).content.decode()
    assert "Golden Dragon Kitchen" not in page
    assert "Jade Garden Trading" in page
    change = reverse("admin:assessments_assessment_change", args=[gone.pk])
    assert admin.get(change).status_code == 302  # Django's "does not exist" redirect


@pytest.mark.django_db
def test_deleting_someone_elses_assessment_needs_its_full_link(client):
    assessment = make_assessment()

    for token in [assessment.token[:-1], assessment.token[:6], "A" * 43]:
        assert client.post(f"/result/{token}/delete/").status_code == 404
    assert Assessment.objects.count() == 1


@pytest.mark.django_db
def test_deletion_cannot_be_triggered_from_another_site():
    assessment = make_assessment()

    response = Client(enforce_csrf_checks=True).post(delete_url(assessment))

    assert response.status_code == 403
    assert Assessment.objects.count() == 1


@pytest.mark.django_db
def test_finishing_the_wizard_again_after_deleting_does_not_show_the_deleted_result(client):
    assessment = complete_wizard(client, uniform_answers(3))
    client.post(delete_url(assessment))

    response = client.get("/assessment/done/")

    assert response.status_code == 302
    assert response["Location"] == "/assessment/profile/"
