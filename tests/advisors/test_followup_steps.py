"""The follow-up's steps: each dated on first arrival (skipped steps with it), closing dated
apart from contact, working days counted Monday to Friday, and today's statuses mapped by the
migration."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from readiness.advisors.models import FollowUp, FollowUpStatus, working_days_between
from tests.factory import make_assessment

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "readiness.advisors.migrations.0004_followup_steps_and_verified_answers"
)


def test_a_request_marked_supported_straight_away_was_also_contacted_then():
    followup = FollowUp.objects.create(assessment=make_assessment(), requested_at=timezone.now())
    assert followup.contacted_at is None
    followup.status = FollowUpStatus.SUPPORTED
    followup.save()
    assert followup.contacted_at == followup.meeting_booked_at == followup.supported_at
    assert followup.closed_at is None
    first_contact = followup.contacted_at
    followup.status = FollowUpStatus.CONTACTED
    followup.save()
    assert followup.contacted_at == first_contact  # first arrival only


def test_a_status_saved_alone_saves_its_date_too():
    followup = FollowUp.objects.create(assessment=make_assessment(), requested_at=timezone.now())
    followup.status = FollowUpStatus.CONTACTED
    followup.save(update_fields=["status"])
    followup.refresh_from_db()
    assert followup.contacted_at is not None


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        ("2026-11-27", "2026-11-27", 0),  # Friday, same day
        ("2026-11-27", "2026-11-30", 1),  # Friday to Monday
        ("2026-11-23", "2026-11-30", 5),  # Monday to Monday
        ("2026-11-28", "2026-11-29", 0),  # a weekend
        ("2026-11-02", "2026-11-30", 20),
    ],
)
def test_working_days_are_counted_monday_to_friday(start, end, days):
    day = datetime.date.fromisoformat
    assert working_days_between(day(start), day(end)) == days


def test_the_migration_maps_todays_statuses():
    stamp = datetime.datetime(2026, 10, 1, 9, 0, tzinfo=datetime.UTC)
    # Rows as the old code stored them (bulk_create: no step dating on save).
    made = {
        status: FollowUp.objects.bulk_create(
            [FollowUp(assessment=make_assessment(), status=status)]
        )[0]
        for status in ("new", "contacted", "in_progress", "closed")
    }
    FollowUp.objects.filter(status__in=["contacted", "in_progress", "closed"]).update(
        updated_at=stamp, contacted_at=None, closed_at=None
    )
    migration.map_old_statuses(apps, None)
    after = {k: FollowUp.objects.get(pk=f.pk) for k, f in made.items()}
    assert after["in_progress"].status == "contacted"
    assert after["in_progress"].contacted_at == stamp
    assert after["contacted"].contacted_at == stamp
    assert after["closed"].status == "closed"
    assert (after["closed"].closed_at, after["closed"].closing_reason) == (stamp, "")
    assert after["new"].contacted_at is None
    assert after["closed"].updated_at == stamp
