"""'Send me this result': one address, the mail in the page's language through a real SMTP
server, the address not kept, limits with a friendly message."""

import pytest

from readiness.advisors.models import Contact
from readiness.mail.models import Delivery, DeliveryStatus
from tests.factory import in_chinese, make_assessment, uniform_answers
from tests.mail.conftest import body

pytestmark = pytest.mark.django_db

HOSTILE = '<b>Evil</b> & "Co"\r\nBcc: victim@example.com'


def send(client, assessment, address, **headers):
    return client.post(f"/result/{assessment.token}/send/", {"send-email": address}, **headers)


def test_the_result_arrives_with_score_tier_priorities_and_link(
    client, smtp_server, django_capture_on_commit_callbacks
):
    assessment = make_assessment(uniform_answers(2), company_name="Golden Dragon Kitchen")
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, assessment, "owner@goldendragon.com.hk")

    assert response.status_code == 302
    assert response["Location"] == f"/result/{assessment.token}/#send-result"
    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == ["owner@goldendragon.com.hk"]
    [message] = smtp_server.messages
    assert message["From"] == "Readiness <noreply@readiness.test>"
    assert message["To"] == "owner@goldendragon.com.hk"
    assert message["Subject"] == "Your AI readiness result: AI Unaware (Golden Dragon Kitchen)"
    text = body(message)
    assert "Overall score: 2.0 / 5, tier: AI Unaware" in text
    assert f"https://readiness.test/result/{assessment.token}/" in text
    assert "1. " in text and "2. " in text and "3. " in text
    assert "4. " not in text
    page = client.get(response["Location"]).content.decode()
    assert "Your result is on its way to owner@goldendragon.com.hk." in page


def test_in_chinese_the_mail_is_in_chinese(client, smtp_server, django_capture_on_commit_callbacks):
    assessment = make_assessment(uniform_answers(4))
    with django_capture_on_commit_callbacks(execute=True):
        send(client, assessment, "owner@example.hk", HTTP_ACCEPT_LANGUAGE="zh-HK")

    [message] = smtp_server.messages
    tier = in_chinese(assessment.questionnaire.tier("ready").name)
    assert tier in message["Subject"]
    assert "Your AI readiness result" not in message["Subject"]
    text = body(message)
    assert tier in text
    assert "Overall score" not in text
    assert f"https://readiness.test/result/{assessment.token}/" in text


def test_a_hostile_company_name_arrives_as_text_on_one_subject_line(
    client, smtp_server, django_capture_on_commit_callbacks
):
    assessment = make_assessment()
    assessment.company_name = HOSTILE
    assessment.save(update_fields=["company_name"])
    with django_capture_on_commit_callbacks(execute=True):
        send(client, assessment, "owner@example.hk")

    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == ["owner@example.hk"]
    [message] = smtp_server.messages
    assert message["Bcc"] is None
    assert message["Subject"] == (
        'Your AI readiness result: AI Aware (<b>Evil</b> & "Co" Bcc: victim@example.com)'
    )
    assert message.get_content_type() == "text/plain"
    assert '<b>Evil</b> & "Co"' in body(message)
    assert "&lt;" not in body(message) and "&amp;" not in body(message)


def test_the_address_is_not_kept(client, smtp_server, django_capture_on_commit_callbacks):
    assessment = make_assessment()
    with django_capture_on_commit_callbacks(execute=True):
        send(client, assessment, "owner@example.hk")

    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT
    assert (delivery.to, delivery.subject, delivery.body) == ([], "", "")
    assert not Contact.objects.exists()


def test_an_invalid_address_is_an_error_at_the_field(client, smtp_server):
    assessment = make_assessment()
    response = send(client, assessment, "not an address")

    assert response.status_code == 200
    html = response.content.decode()
    field = html[html.index('id="group_id_send-email"') :]
    assert "Enter an email address like name@company.com.hk." in field[: field.index("</div>")]
    assert not Delivery.objects.exists()


def test_past_the_limit_per_result_the_firm_is_told_kindly(
    client, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.MAIL_LIMIT_PER_RESULT = "2/d"
    assessment = make_assessment()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            response = send(client, assessment, f"person{n}@example.hk")

    assert len(smtp_server.envelopes) == 2
    page = client.get(response["Location"]).content.decode()
    assert "This result has been e-mailed several times already." in page


def test_past_the_limit_per_address_no_more_mail_goes_to_it(
    client, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.MAIL_LIMIT_PER_ADDRESS = "1/d"
    first, second = make_assessment(), make_assessment()
    with django_capture_on_commit_callbacks(execute=True):
        send(client, first, "owner@example.hk")
        send(client, second, "Owner@Example.hk")

    assert len(smtp_server.envelopes) == 1
