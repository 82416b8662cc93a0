"""The daily digest of requests waiting more than FOLLOW_UP_TARGET_DAYS working days, sent to
the Advisor group through a real SMTP server, in plain text without phone numbers, e-mail
addresses or answers."""

import datetime
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from readiness.advisors.digest import send_digest, waiting_requests
from readiness.advisors.models import Contact, FollowUp
from tests.advisors.conftest import staff
from tests.factory import make_assessment

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)  # a Monday


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.FOLLOW_UP_TARGET_DAYS = 5
    yield handler
    controller.stop()


def requested(day: str, status="new", phone="+852 9123 4567") -> FollowUp:
    assessment = make_assessment(company_name="Harbour Noodles")
    Contact.objects.create(
        assessment=assessment, name="Lam Siu Ming", email="lam@harbour.hk", phone=phone
    )
    moment = timezone.make_aware(datetime.datetime.fromisoformat(day + " 10:00"))
    return FollowUp.objects.create(assessment=assessment, requested_at=moment, status=status)


@pytest.fixture
def advisors(db):
    mei = staff("mei", "Advisor")
    mei.email = "mei@hkpc.example"
    mei.save()
    staff("no-address", "Advisor")
    editor = staff("ka-ho", "Content editor")
    editor.email = "editor@hkpc.example"
    editor.save()


def test_only_new_requests_past_the_target_in_working_days_are_listed(settings):
    settings.FOLLOW_UP_TARGET_DAYS = 5
    late = requested("2026-11-20")  # Friday: 6 working days by Monday 30th
    requested("2026-11-23")  # Monday: exactly 5, not more
    requested("2026-11-10", status="contacted")
    assert [w.followup for w in waiting_requests(TODAY)] == [late]
    assert waiting_requests(TODAY)[0].days == 6


def test_the_digest_goes_to_advisors_in_plain_text_without_personal_details(inbox, advisors):
    late = requested("2026-11-20")
    assert send_digest(TODAY, site="https://readiness.example.hk") == 1
    assert len(inbox.messages) == 1
    recipients, message = inbox.messages[0]
    assert recipients == ["mei@hkpc.example"]
    assert message["Subject"] == "Follow-up: 1 request waiting too long"
    assert message.get_content_type() == "text/plain"
    body = message.get_content()
    assert f"#{late.pk} · requested 2026-11-20 · 6 working days" in body
    assert f"https://readiness.example.hk/admin/assessments/assessment/{late.pk}/change/" in body
    for private in ("9123", "lam@harbour.hk", "Lam Siu Ming", "Harbour Noodles"):
        assert private not in body
    question = next(iter(late.assessment.questionnaire.questions.values()))
    assert str(question.text) not in body


def test_nothing_is_sent_when_nothing_waits_too_long(inbox, advisors):
    requested("2026-11-27")
    assert send_digest(TODAY) == 0
    assert inbox.messages == []


def test_the_command_sends_the_digest(inbox, advisors, capsys):
    requested("2020-01-06")
    call_command("send_follow_up_digest", "--site", "https://readiness.example.hk/")
    assert "Sent the digest of 1 requests to 1 advisors." in capsys.readouterr().out
    assert len(inbox.messages) == 1
