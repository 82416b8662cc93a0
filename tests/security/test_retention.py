"""Contact details are erased after the retention period; the anonymous scores stay."""

import secrets
from datetime import datetime, timedelta
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from readiness.advisors.models import Contact, FollowUp, Note
from readiness.advisors.retention import months_before
from readiness.assessments.models import Assessment, PillarScore
from readiness.firms.submission import store_assessment
from readiness.reports.models import ReportFile
from tests.factory import PROFILE, questionnaire, uniform_answers

HK = ZoneInfo("Asia/Hong_Kong")
CONTACT = {"name": "Chan Tai Man", "email": "tm.chan@example.com.hk", "phone": "+85291234567"}


def aged(days, *, contact=True, company_name="Golden Dragon Kitchen"):
    assessment = store_assessment(
        questionnaire=questionnaire(),
        submission_key=secrets.token_urlsafe(16),
        language="en",
        profile={**PROFILE, "listed": False, "company_name": company_name},
        answers=uniform_answers(4),
        contact=CONTACT if contact else None,
    )
    moment = timezone.now() - timedelta(days=days)
    Assessment.objects.filter(pk=assessment.pk).update(created_at=moment)
    Contact.objects.filter(assessment=assessment).update(consented_at=moment)
    return assessment


def erase(**options):
    out = StringIO()
    call_command("erase_expired_contacts", stdout=out, **options)
    return out.getvalue().strip()


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2026, 11, 22, 9, 30, tzinfo=HK), 24, datetime(2024, 11, 22, 9, 30, tzinfo=HK)),
        (datetime(2026, 3, 31, tzinfo=HK), 1, datetime(2026, 2, 28, tzinfo=HK)),
        (datetime(2028, 2, 29, tzinfo=HK), 12, datetime(2027, 2, 28, tzinfo=HK)),
        (datetime(2026, 1, 15, tzinfo=HK), 13, datetime(2024, 12, 15, tzinfo=HK)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected


@pytest.fixture
def records(db, monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: datetime(2026, 11, 22, 12, 0, tzinfo=HK)
    )
    return {
        "expired": aged(days=800),
        "expired_anonymous": aged(days=900, contact=False, company_name=""),
        "recent": aged(days=45),
    }


def test_it_erases_expired_contact_details_and_keeps_the_scores(records, settings):
    settings.CONTACT_RETENTION_MONTHS = 24
    expired = records["expired"]
    Note.objects.create(assessment=expired, text="Spoke to Mr Chan on 9123 4567")
    ReportFile.objects.create(assessment=expired, language="en", version="v1", pdf=b"%PDF")

    report = erase()

    assert report == (
        "Erased before 2024-11-22 12:00 (24 months' retention): contact details of 1 "
        "assessment(s), 1 company name(s), 1 advisor note(s) and 1 stored PDF report(s). "
        "Kept the anonymous scores of 2 assessment(s)."
    )
    expired.refresh_from_db()
    assert not Contact.objects.filter(assessment=expired).exists()
    assert expired.company_name == ""
    assert not Note.objects.filter(assessment=expired).exists()
    assert not ReportFile.objects.filter(assessment=expired).exists()
    # The anonymous part stays for statistics, and so does the follow-up status.
    assert expired.overall_score == Decimal("4.0")
    assert expired.tier == "ready"
    assert expired.scores["overall"] == "4.0"
    assert PillarScore.objects.filter(assessment=expired).count() == 5
    assert FollowUp.objects.filter(assessment=expired).exists()
    # Within the period nothing changes.
    recent = records["recent"]
    recent.refresh_from_db()
    assert recent.company_name == "Golden Dragon Kitchen"
    assert Contact.objects.get(assessment=recent).email == "tm.chan@example.com.hk"
    assert Assessment.objects.count() == 3


def test_it_is_safe_to_run_twice(records, settings):
    settings.CONTACT_RETENTION_MONTHS = 24
    erase()

    assert erase() == (
        "Nothing to erase: no personal data before 2024-11-22 12:00 (24 months' retention)."
    )
    assert Contact.objects.count() == 1
    assert Assessment.objects.count() == 3


def test_the_retention_period_is_a_setting(records, settings):
    settings.CONTACT_RETENTION_MONTHS = 1

    erase()

    assert Contact.objects.count() == 0
    assert set(Assessment.objects.values_list("company_name", flat=True)) == {""}


def test_a_dry_run_reports_and_erases_nothing(records, settings):
    settings.CONTACT_RETENTION_MONTHS = 24

    report = erase(dry_run=True)

    assert report.startswith("Would erase before 2024-11-22 12:00")
    assert Contact.objects.count() == 2


def test_a_retention_of_zero_months_is_refused(records, settings):
    settings.CONTACT_RETENTION_MONTHS = 0

    with pytest.raises(CommandError, match="at least 1"):
        erase()
    assert Contact.objects.count() == 2
