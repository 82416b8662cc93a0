"""A new follow-up request e-mails the Advisor group: the firm's name, tier, requested date
and the admin link, no answers or contact details. The request is stored whatever the mail
server does."""

import pytest
from django.contrib.auth.models import Group, User

from readiness.advisors.models import FollowUp
from readiness.advisors.roles import ADVISOR, CONTENT_EDITOR
from readiness.mail.models import Delivery, DeliveryStatus
from tests.factory import complete_wizard, in_chinese, make_assessment, uniform_answers
from tests.mail.conftest import body

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Chan Tai Man",
    "email": "tm.chan@goldendragon.com.hk",
    "phone": "+852 9123 4567",
    "company_name": "Golden Dragon Kitchen Ltd",
}


@pytest.fixture
def advisors():
    advisor = User.objects.create_user("wong", email="wong@hkpc.test", is_staff=True)
    advisor.groups.add(Group.objects.get(name=ADVISOR))
    User.objects.create_user("gone", email="gone@hkpc.test", is_active=False).groups.add(
        Group.objects.get(name=ADVISOR)
    )
    User.objects.create_user("editor", email="editor@hkpc.test").groups.add(
        Group.objects.get(name=CONTENT_EDITOR)
    )
    return advisor


def test_a_request_from_the_contact_step_mails_the_advisors(
    client, advisors, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assessment = complete_wizard(client, uniform_answers(4), contact=DETAILS)

    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == ["wong@hkpc.test"]
    [message] = smtp_server.messages
    assert message["Subject"] == "New follow-up request: Golden Dragon Kitchen Ltd"
    text = body(message)
    assert "Company: Golden Dragon Kitchen Ltd" in text
    assert "Tier: AI Ready" in text
    assert in_chinese(assessment.questionnaire.tier("ready").name) in text
    assert f"https://readiness.test/admin/assessments/assessment/{assessment.pk}/change/" in text
    assert FollowUp.objects.get().requested_at.astimezone().strftime("%Y-%m-%d") in text
    for private in ("9123", "tm.chan", "Chan Tai Man", assessment.token):
        assert private not in text
    question = next(iter(assessment.questionnaire.questions.values()))
    assert str(question.option(4)) not in text


def test_a_request_from_the_result_page_mails_the_advisors_once(
    client, advisors, smtp_server, django_capture_on_commit_callbacks
):
    assessment = make_assessment()
    form = {**{k: v for k, v in DETAILS.items()}, "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/result/{assessment.token}/follow-up/", form)
        client.post(f"/result/{assessment.token}/follow-up/", form)

    assert len(smtp_server.envelopes) == 1


def test_with_the_mail_server_down_the_request_is_stored_and_the_failure_recorded(
    client, advisors, smtp_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assessment = complete_wizard(client, uniform_answers(4), contact=DETAILS)

    assert FollowUp.objects.get().assessment == assessment
    assert assessment.contact.phone == "+852 9123 4567"
    delivery = Delivery.objects.get(kind="follow_up")
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.attempts == 1
    assert delivery.last_error == "ConnectionRefusedError"


def test_without_advisors_to_tell_nothing_is_queued(
    client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete_wizard(client, uniform_answers(4), contact=DETAILS)

    assert FollowUp.objects.exists()
    assert not Delivery.objects.filter(kind="follow_up").exists()
