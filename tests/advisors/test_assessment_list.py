"""The advisors' assessment list: columns, filters, search, newest first, and a fixed number of
queries however many assessments there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from readiness.advisors.models import Contact, FollowUp
from readiness.assessments.models import Assessment
from tests.advisors.test_permissions import CHANGELIST
from tests.factory import make_assessment, uniform_answers

pytestmark = pytest.mark.django_db


def at(day: str):
    return timezone.make_aware(datetime.datetime.fromisoformat(day + " 10:00"))


def listed_pks(response) -> list[int]:
    return [a.pk for a in response.context["cl"].result_list]


@pytest.fixture
def firms(advisor):
    old = make_assessment(uniform_answers(1), company_name="Old Fishery", employee_band="1-5")
    Assessment.objects.filter(pk=old.pk).update(created_at=at("2026-01-15"))
    mid = make_assessment(
        uniform_answers(3), company_name="Mid Logistics", business_scope="logistics_transport"
    )
    Assessment.objects.filter(pk=mid.pk).update(created_at=at("2026-06-01"))
    new = make_assessment(uniform_answers(5), company_name="", employee_band="500+")
    Assessment.objects.filter(pk=new.pk).update(created_at=at("2026-11-20"))
    Contact.objects.create(
        assessment=new, name="Chan Tai Man", email="tm@bigco.hk", company_name="Big Co"
    )
    FollowUp.objects.create(
        assessment=new, requested_at=at("2026-11-20"), status="contacted", assigned_to=advisor
    )
    return {"old": old.pk, "mid": mid.pk, "new": new.pk}


def test_the_list_shows_the_columns_newest_first(advisor_client, firms):
    response = advisor_client.get(CHANGELIST)
    html = response.content.decode()
    assert listed_pks(response) == [firms["new"], firms["mid"], firms["old"]]
    for heading in (
        "Submitted",
        "Company",
        "Business scope",
        "Size",
        "Overall score",
        "Tier",
        "Follow-up requested",
        "Status",
        "Assigned advisor",
    ):
        assert heading in html
    assert "Big Co" in html  # the contact's company when the profile gave none
    assert "2026-11-20 10:00" in html
    assert "Logistics, transport and port services" in html
    assert "Contacted" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("business_scope=logistics_transport", ["mid"]),
        ("employee_band=500%2B", ["new"]),
        ("score=1", ["old"]),
        ("score=3", ["mid"]),
        ("tier__exact=competent", ["new"]),
        ("requested=yes", ["new"]),
        ("requested=no", ["mid", "old"]),
        ("status=contacted", ["new"]),
        ("status=none", ["mid", "old"]),
        ("advisor=none", ["mid", "old"]),
        ("submitted_from=2026-06-01&submitted_to=2026-11-19", ["mid"]),
        ("submitted_from=2026-06-02", ["new"]),
        ("submitted_to=2026-01-15", ["old"]),
        ("submitted_from=not-a-date", ["new", "mid", "old"]),
        ("q=fishery", ["old"]),
        ("q=chan+tai", ["new"]),
        ("q=tm%40bigco.hk", ["new"]),
    ],
)
def test_each_filter_and_the_search_narrow_the_list(advisor_client, firms, query, expected):
    response = advisor_client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200
    assert listed_pks(response) == [firms[name] for name in expected]


def test_the_advisor_filter_lists_advisors_and_finds_their_assessments(
    advisor_client, firms, advisor
):
    response = advisor_client.get(f"{CHANGELIST}?advisor={advisor.pk}")
    assert listed_pks(response) == [firms["new"]]
    assert f"?advisor={advisor.pk}" in response.content.decode()


def list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def add_copies(original: Assessment, count: int, advisor) -> None:
    """Fast bulk copies of one stored assessment, every third one with a follow-up."""
    fields = {
        f.attname: getattr(original, f.attname)
        for f in Assessment._meta.concrete_fields
        if f.attname not in ("id", "token", "submission_key")
    }
    start = Assessment.objects.count()
    copies = Assessment.objects.bulk_create(
        Assessment(submission_key=f"copy-{start + i}", **fields) for i in range(count)
    )
    FollowUp.objects.bulk_create(
        FollowUp(assessment=a, requested_at=a.created_at, assigned_to=advisor) for a in copies[::3]
    )
    Contact.objects.bulk_create(
        Contact(assessment=a, name="Copy Contact", email="copy@example.com") for a in copies[::3]
    )


def test_the_list_takes_the_same_number_of_queries_at_10_000_assessments(advisor_client, advisor):
    original = make_assessment(company_name="Template Ltd")
    add_copies(original, 59, advisor)
    small = list_queries(advisor_client)
    add_copies(original, 10_000 - 60, advisor)
    assert Assessment.objects.count() == 10_000
    assert list_queries(advisor_client) == small
    # Session, user, the filters' advisor list, two counts and one page of rows (50, joined
    # with follow-up, advisor and contact).
    assert small <= 8
