"""`stale_schemes --email` sends its list to the Content editor group (a weekly cron job)."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from readiness.advisors.roles import ADVISOR, CONTENT_EDITOR
from readiness.content.questionnaire import current_questionnaire
from readiness.schemes import seed
from readiness.schemes.models import Scheme
from tests.mail.conftest import body

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def catalogue():
    seed.load_seed(current_questionnaire())
    return Scheme.objects.all()


@pytest.fixture
def editors():
    User.objects.create_user("lee", email="lee@hkpc.test").groups.add(
        Group.objects.get(name=CONTENT_EDITOR)
    )
    User.objects.create_user("wong", email="wong@hkpc.test").groups.add(
        Group.objects.get(name=ADVISOR)
    )


def run(*args) -> str:
    out = StringIO()
    call_command("stale_schemes", *args, stdout=out)
    return out.getvalue()


def test_the_list_goes_to_the_content_editors(
    catalogue, editors, smtp_server, django_capture_on_commit_callbacks
):
    catalogue.update(last_verified=days_ago(0))
    Scheme.objects.filter(key="nittp").update(last_verified=days_ago(120))
    nittp = Scheme.objects.get(key="nittp")
    with django_capture_on_commit_callbacks(execute=True):
        output = run("--email")

    assert "Queued the list for the Content editor group." in output
    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == ["lee@hkpc.test"]
    [message] = smtp_server.messages
    assert message["Subject"] == "1 scheme is due for re-checking"
    text = body(message)
    assert f"{nittp.name_en}" in text
    assert nittp.name_zh_hant in text
    assert f"last verified {days_ago(120):%Y-%m-%d}, 120 days ago" in text
    assert f"https://readiness.test/admin/schemes/scheme/{nittp.pk}/change/" in text


def test_nothing_is_sent_when_nothing_is_stale(
    catalogue, editors, smtp_server, django_capture_on_commit_callbacks
):
    catalogue.update(last_verified=days_ago(0))
    with django_capture_on_commit_callbacks(execute=True):
        run("--email")
    assert smtp_server.envelopes == []


def test_without_the_option_nothing_is_sent(
    catalogue, editors, smtp_server, django_capture_on_commit_callbacks
):
    Scheme.objects.filter(key="nittp").update(last_verified=days_ago(120))
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert smtp_server.envelopes == []
