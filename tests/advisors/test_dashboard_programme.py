"""The dashboard for the programme owner: a date range; the tier tables by business scope and
size band with cells under 10 firms suppressed, on the page and in their CSV; the follow-up
funnel with median days; the tier movement of firms that assessed again; a fixed number of
queries."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from readiness.advisors import dashboard
from readiness.advisors.models import Contact, FollowUp
from readiness.assessments.models import Assessment
from tests.factory import make_assessment, uniform_answers

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/dashboard/"


def at(day: str, hour: int = 12) -> datetime.datetime:
    midnight = datetime.datetime.fromisoformat(day)
    return timezone.make_aware(midnight + datetime.timedelta(hours=hour))


def assessed(day: str, answers: int = 2, email: str = "", **profile) -> Assessment:
    assessment = make_assessment(uniform_answers(answers), **profile)
    Assessment.objects.filter(pk=assessment.pk).update(created_at=at(day))
    if email:
        Contact.objects.create(assessment=assessment, name="Owner", email=email)
    return Assessment.objects.get(pk=assessment.pk)


@pytest.fixture
def many():
    # Twelve food-and-beverage firms in AI Unaware, three in AI Competent, all in 20-49.
    for _ in range(12):
        assessed("2026-10-05", 1)
    for _ in range(3):
        assessed("2026-10-06", 5)
    # One telecom firm in November.
    assessed("2026-11-10", 3, business_scope="telecom_it")


def test_small_cells_are_suppressed_on_the_page(advisor_client, many):
    html = advisor_client.get(DASHBOARD).content.decode()
    table = html.split('id="by-scope"')[1].split("</table>")[0]
    food = table.split('<th scope="row">Food and beverage services</th>')[1].split("</tr>")[0]
    assert '<td class="num">12</td>' in food
    assert "&lt;10</abbr>" in food  # the three competent firms
    assert '<td class="num">3</td>' not in food
    assert '<td class="num">15</td>' in food  # the total of 15 may show
    telecom = table.split('<th scope="row">Telecommunications and IT services</th>')[1]
    telecom = telecom.split("</tr>")[0]
    assert '<td class="num">1</td>' not in telecom


def test_the_tier_tables_download_with_the_same_suppression(advisor_client, many):
    response = advisor_client.get("/admin/dashboard/tiers.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    food = next(r for r in rows if r and r[0] == "Food and beverage services")
    assert food == ["Food and beverage services", "12", "0", "0", "fewer than 10", "15"]
    telecom = next(r for r in rows if r and r[0] == "Telecommunications and IT services")
    assert telecom[1:] == ["0", "fewer than 10", "0", "0", "fewer than 10"]


def test_the_date_range_narrows_every_figure(advisor_client, many):
    figures = dashboard.build(start=datetime.date(2026, 11, 1), end=datetime.date(2026, 11, 30))
    assert figures.total == 1
    assert [b.key for b in figures.by_scope] == ["telecom_it"]
    html = advisor_client.get(DASHBOARD + "?start=2026-10-01&end=2026-10-31").content.decode()
    assert "15 assessments in the range." in html
    assert 'value="2026-10-01"' in html


def test_a_bad_range_says_so_at_the_field_and_shows_all_dates(advisor_client, many):
    html = advisor_client.get(DASHBOARD + "?start=2026-11-30&end=2026-11-01").content.decode()
    assert "The end of the range comes before its start." in html
    assert "16 assessments in all." in html
    html = advisor_client.get(DASHBOARD + "?start=tomorrow").content.decode()
    assert "Enter a valid date." in html
    assert advisor_client.get(DASHBOARD + "?start=1900-01-01").status_code == 200


def test_the_funnel_counts_each_step_with_median_days():
    for requested, contacted, supported in [
        ("2026-11-02", "2026-11-04", "2026-11-10"),  # 2 days, then 6
        ("2026-11-02", "2026-11-06", None),  # 4 days
        ("2026-11-03", "2026-11-04", "2026-11-05"),  # 1 day, then 1
        ("2026-11-03", None, None),
    ]:
        FollowUp.objects.create(
            assessment=make_assessment(),
            requested_at=at(requested),
            contacted_at=at(contacted) if contacted else None,
            supported_at=at(supported) if supported else None,
            status="supported" if supported else "contacted" if contacted else "new",
        )
    steps = dashboard.funnel()
    assert [(s.key, s.count, s.median_days) for s in steps] == [
        ("requested", 4, None),
        ("contacted", 3, Decimal("2.0")),
        ("supported", 2, Decimal("3.5")),
    ]


def test_firms_that_assessed_again_are_counted_by_their_tier_movement(advisor_client):
    up_first = assessed("2026-01-05", 1, email="Owner@Up.hk")
    assessed("2026-06-05", 2, email="owner@up.hk")  # the same firm: addresses ignore case
    up_last = assessed("2026-09-05", 4, email="owner@up.hk")
    same = assessed("2026-02-05", 3, email="same@firm.hk")
    assessed("2026-08-05", 3, email="same@firm.hk")
    down_first = assessed("2026-03-05", 4, email="down@firm.hk")
    down_last = assessed("2026-07-05", 1, email="down@firm.hk")
    assessed("2026-03-05", 4, email="once@firm.hk")  # assessed once: not counted
    assert up_first.tier == "unaware" and up_last.tier != "unaware"
    assert sorted(dashboard.assessed_again()) == sorted(
        [
            (up_first.tier, up_last.tier),
            (same.tier, same.tier),
            (down_first.tier, down_last.tier),
        ]
    )
    pairs = dashboard.assessed_again()
    movement = dashboard.movement(pairs, ["unaware", "aware", "ready", "competent"])
    assert (movement.up, movement.same, movement.down) == (1, 1, 1)
    html = advisor_client.get(DASHBOARD).content.decode()
    assert "3 firms assessed again" in html


def test_the_reassessment_source_can_be_replaced():
    figures = dashboard.build(reassessments=lambda start, end: [("aware", "ready")] * 2)
    assert (figures.movement.up, figures.movement.firms) == (2, 2)


def dashboard_queries(client, query="") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD + query).status_code == 200
    return len(queries)


def test_the_dashboard_takes_a_fixed_number_of_queries_as_rows_grow(advisor_client, many):
    few = dashboard_queries(advisor_client, "?start=2026-01-01")
    for i in range(20):
        a = assessed("2026-10-10", 1 + i % 5, email=f"firm{i % 4}@example.hk")
        FollowUp.objects.create(assessment=a, requested_at=at("2026-10-10"), status="contacted")
    assert dashboard_queries(advisor_client, "?start=2026-01-01") == few


def test_the_legend_has_no_list_bullets_and_the_page_no_inline_styles(advisor_client, many):
    html = advisor_client.get(DASHBOARD).content.decode()
    assert 'style="' not in html.split('id="content-main"')[1]
    with open("static/advisors/admin.css", encoding="utf-8") as css:
        assert ".dashboard-legend li { list-style: none;" in css.read()


def test_a_workspace_makes_its_assessments_one_firm_with_or_without_an_address():
    from readiness.workspaces.models import Workspace

    first = assessed("2026-01-05", 1)
    workspace = Workspace.start_with(first)
    workspace.add(assessed("2026-05-05", 4, email="new@firm.hk"))
    # The same address on an assessment outside the workspace is another firm's record.
    assessed("2026-06-05", 2, email="new@firm.hk")
    assert dashboard.assessed_again() == [("unaware", "ready")]
