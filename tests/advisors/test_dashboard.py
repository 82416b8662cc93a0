"""The advisors' dashboard: its counts and averages match the stored assessments, and the
charts are SVG drawn on the server with the numbers beside them."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from readiness.advisors.dashboard import build, month_starts
from readiness.assessments.models import Assessment, DifficultyMention
from tests.factory import make_assessment, uniform_answers

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/dashboard/"
TODAY = datetime.date(2026, 11, 22)


def on(assessment, day: str):
    moment = timezone.make_aware(datetime.datetime.fromisoformat(day + " 12:00"))
    Assessment.objects.filter(pk=assessment.pk).update(created_at=moment)


@pytest.fixture
def data():
    a = make_assessment(uniform_answers(1), employee_band="1-5", difficulties=["lack_of_funds"])
    on(a, "2026-11-02")
    b = make_assessment(
        uniform_answers(2),
        employee_band="1-5",
        difficulties=["lack_of_funds", "data_quality"],
    )
    on(b, "2026-11-30")
    c = make_assessment(
        uniform_answers(4),
        business_scope="telecom_it",
        employee_band="50-99",
        difficulties=["data_quality", "lack_of_funds", "regulation"],
    )
    on(c, "2026-09-15")
    d = make_assessment(uniform_answers(5), business_scope="telecom_it")
    on(d, "2024-01-01")  # outside the last 12 months, still in every other figure


def test_month_starts_run_back_across_the_new_year():
    starts = month_starts(datetime.date(2026, 2, 10), 4)
    assert starts == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]


def test_the_figures_match_the_data(data):
    figures = build(today=TODAY)
    assert figures.total == 4
    months = dict(figures.months)
    assert len(figures.months) == 12
    assert months[datetime.date(2026, 11, 1)] == 2
    assert months[datetime.date(2026, 10, 1)] == 0
    assert months[datetime.date(2026, 9, 1)] == 1
    assert sum(months.values()) == 3
    assert figures.tiers == {"unaware": 2, "aware": 0, "ready": 1, "competent": 1}
    scopes = {b.key: b.tiers for b in figures.by_scope}
    assert scopes == {
        "food_beverage": {"unaware": 2, "aware": 0, "ready": 0, "competent": 0},
        "telecom_it": {"unaware": 0, "aware": 0, "ready": 1, "competent": 1},
    }
    bands = {b.key: b.total for b in figures.by_band}
    assert bands["1-5"] == 2
    assert bands["50-99"] == 1
    assert bands["20-49"] == 1
    assert bands["500+"] == 0
    # Each pillar: (1 + 2 + 4 + 5) / 4 = 3.0.
    assert [avg for _, _, avg in figures.pillar_averages] == [Decimal("3.0")] * 5
    assert [(key, n) for key, _, n in figures.difficulties] == [
        ("lack_of_funds", 3),
        ("data_quality", 2),
        ("regulation", 1),
    ]


def test_difficulties_are_indexed_once_per_firm_when_stored():
    a = make_assessment(difficulties=["ethics", "ethics", "regulation"])
    assert sorted(
        DifficultyMention.objects.filter(assessment=a).values_list("difficulty", flat=True)
    ) == [
        "ethics",
        "regulation",
    ]


def test_the_page_shows_svg_charts_with_the_numbers_beside_them(advisor_client, data):
    response = advisor_client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 6
    assert "Assessments per month" in html
    assert "Tiers by business scope" in html
    assert "Tiers by size band" in html
    assert "Average score per pillar" in html
    assert "Most common difficulties" in html
    assert "Lack of funds" in html
    assert '<td class="num">3</td>' in html  # lack of funds, named by 3 firms
    assert '<td class="num">75</td>' in html  # ... of 4 firms in all
    assert "4 assessments in all." in html
    assert 'style="' not in html.split('id="content-main"')[1]


def dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


def test_the_dashboard_takes_a_fixed_number_of_queries(advisor_client, data):
    before = dashboard_queries(advisor_client)
    make_assessment(difficulties=["ethics"], business_scope="construction")
    assert dashboard_queries(advisor_client) == before


def test_the_index_links_to_the_dashboard(advisor_client):
    html = advisor_client.get("/admin/").content.decode()
    assert 'href="/admin/dashboard/"' in html
