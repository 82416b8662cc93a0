"""The follow-up queue, the advisors' home: new requests first and the longest waiting first
among them, the columns an advisor calls from, the assigned-to-me and unassigned views, one
click to take a request, and a fixed number of queries however long the queue."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from readiness.advisors.models import Contact, FollowUp, FollowUpStatus
from tests.advisors.conftest import staff
from tests.factory import make_assessment, uniform_answers

pytestmark = pytest.mark.django_db

QUEUE = "/admin/advisors/followup/"


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def request_from(company: str, days: int, status=FollowUpStatus.NEW, **fields) -> FollowUp:
    assessment = make_assessment(uniform_answers(2), company_name=company)
    Contact.objects.create(
        assessment=assessment,
        name=f"{company} owner",
        email="owner@example.hk",
        phone="+852 9123 4567",
    )
    return FollowUp.objects.create(
        assessment=assessment, requested_at=days_ago(days), status=status, **fields
    )


def firms_listed(html: str) -> list[str]:
    return re.findall(r'<td class="field-firm"><a href="[^"]+"><bdi>([^<]+)</bdi>', html)


@pytest.fixture
def queue(advisor):
    return {
        "contacted": request_from("Contacted Co", 30, FollowUpStatus.CONTACTED),
        "recent": request_from("Recent Co", 1),
        "oldest": request_from("Oldest Co", 20, assigned_to=advisor),
        "closed": request_from("Closed Co", 40, FollowUpStatus.CLOSED, closing_reason="declined"),
    }


def test_new_requests_come_first_the_longest_waiting_at_the_top(advisor_client, queue):
    html = advisor_client.get(QUEUE).content.decode()
    assert firms_listed(html) == ["Oldest Co", "Recent Co", "Contacted Co", "Closed Co"]
    assert "<h1>Follow-up queue</h1>" in html


def test_a_row_shows_waiting_days_firm_tier_contact_requested_status_and_advisor(
    advisor_client, queue
):
    html = advisor_client.get(QUEUE).content.decode()
    row = next(r for r in re.findall(r"<tr.*?</tr>", html, re.S) if "Oldest Co" in r)
    assert "AI Unaware · 2.0" in row
    assert "Oldest Co owner" in row
    assert "+852 9123 4567" in row
    assert "owner@example.hk" in row
    assert timezone.localtime(queue["oldest"].requested_at).strftime("%Y-%m-%d") in row
    assert '<td class="field-status_label">New</td>' in row
    assert '<td class="field-advisor">mei</td>' in row
    # Twenty calendar days are more than the five working days of the target.
    assert 'class="overdue"' in row
    assert "Closed: The firm declined further support" in html


def test_assigned_to_me_and_unassigned_narrow_the_queue(advisor_client, queue):
    mine = advisor_client.get(QUEUE + "?assigned=me").content.decode()
    assert firms_listed(mine) == ["Oldest Co"]
    nobody = advisor_client.get(QUEUE + "?assigned=none").content.decode()
    assert firms_listed(nobody) == ["Recent Co", "Contacted Co", "Closed Co"]
    open_only = advisor_client.get(QUEUE + "?status=open").content.decode()
    assert firms_listed(open_only) == ["Oldest Co", "Recent Co", "Contacted Co"]


def test_one_click_takes_an_unassigned_request(advisor_client, advisor, queue):
    html = advisor_client.get(QUEUE).content.decode()
    recent = queue["recent"]
    take = f'formaction="/admin/advisors/followup/{recent.pk}/take/"'
    assert take in html
    # Assigned and closed requests offer no button.
    assert f"/admin/advisors/followup/{queue['oldest'].pk}/take/" not in html
    assert f"/admin/advisors/followup/{queue['closed'].pk}/take/" not in html
    response = advisor_client.post(f"/admin/advisors/followup/{recent.pk}/take/", follow=True)
    assert "is yours now" in response.content.decode()
    recent.refresh_from_db()
    assert recent.assigned_to == advisor


def test_a_request_already_taken_stays_with_its_advisor(client, advisor, queue):
    other = staff("wing", "Advisor")
    client.force_login(other)
    oldest = queue["oldest"]
    response = client.post(f"/admin/advisors/followup/{oldest.pk}/take/", follow=True)
    assert f"Request #{oldest.pk} was already taken by mei." in response.content.decode()
    oldest.refresh_from_db()
    assert oldest.assigned_to == advisor


def test_taking_is_a_post(advisor_client, queue):
    response = advisor_client.get(f"/admin/advisors/followup/{queue['recent'].pk}/take/")
    assert response.status_code == 405


def test_a_request_opens_on_its_firms_page(advisor_client, queue):
    recent = queue["recent"]
    response = advisor_client.get(f"/admin/advisors/followup/{recent.pk}/change/")
    assert response["Location"] == f"/admin/assessments/assessment/{recent.pk}/change/"


def queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(QUEUE).status_code == 200
    return len(queries)


def test_the_queue_takes_the_same_number_of_queries_as_it_grows(advisor_client, advisor):
    for i in range(3):
        request_from(f"Firm {i}", i, assigned_to=advisor if i % 2 else None)
    few = queue_queries(advisor_client)
    for i in range(3, 40):
        request_from(f"Firm {i}", i, assigned_to=advisor if i % 2 else None)
    assert queue_queries(advisor_client) == few
