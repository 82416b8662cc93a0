"""`manage.py housekeeping`, the daily cron job."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from readiness.firms.models import ContinueLink
from readiness.mail.models import Delivery, DeliveryStatus
from readiness.mail.outbox import queue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_it_clears_sessions_links_old_deliveries_and_task_results(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    Session.objects.create(session_key="old" * 10, session_data="", expire_date=now - timedelta(1))
    Session.objects.create(session_key="new" * 10, session_data="", expire_date=now + timedelta(1))
    ContinueLink.objects.issue("run-1", {})
    ContinueLink.objects.issue("run-2", {})
    ContinueLink.objects.filter(submission_key="run-2").update(expires_at=now - timedelta(1))
    Delivery.objects.create(
        kind="result",
        subject="",
        body="",
        status=DeliveryStatus.SENT,
        created_at=now - timedelta(days=31),
    )
    Delivery.objects.create(kind="result", subject="", body="", status=DeliveryStatus.SENT)
    Delivery.objects.create(
        kind="result",
        subject="s",
        body="b",
        status=DeliveryStatus.RETRYING,
        created_at=now - timedelta(days=31),
    )
    with django_capture_on_commit_callbacks(execute=True):
        queue("result", ["a@example.hk"], "S", "B")
        queue("result", ["b@example.hk"], "S", "B")
    DBTaskResult.objects.filter(pk=DBTaskResult.objects.first().pk).update(
        status="SUCCESSFUL", finished_at=now - timedelta(days=8)
    )
    out = StringIO()

    call_command("housekeeping", stdout=out)

    assert list(Session.objects.values_list("session_key", flat=True)) == ["new" * 10]
    assert list(ContinueLink.objects.values_list("submission_key", flat=True)) == ["run-1"]
    assert sorted(Delivery.objects.values_list("status", flat=True)) == [
        "queued",
        "queued",
        "retrying",
        "sent",
    ]
    text = out.getvalue()
    assert "Nothing to erase" in text
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["READY"]
    assert "Removed 1 spent or expired continue link(s) and 1 finished e-mail delivery" in text


def test_it_ends_with_the_advisors_digest_of_requests_waiting_too_long(mailoutbox, settings):
    from django.contrib.auth.models import Group, User

    from readiness.advisors.models import FollowUp
    from readiness.advisors.roles import ADVISOR
    from tests.factory import make_assessment

    settings.SITE_URL = "https://readiness.example.hk"
    advisor = User.objects.create_user("advisor", email="advisor@hkpc.example", is_staff=True)
    advisor.groups.add(Group.objects.get(name=ADVISOR))
    waiting = make_assessment()
    FollowUp.objects.create(assessment=waiting, requested_at=timezone.now() - timedelta(days=14))

    call_command("housekeeping", stdout=StringIO())

    assert [m.to for m in mailoutbox] == [["advisor@hkpc.example"]]
    assert mailoutbox[0].subject == "Follow-up: 1 request waiting too long"
    assert f"https://readiness.example.hk/admin/assessments/assessment/{waiting.pk}/change/" in (
        mailoutbox[0].body
    )
