"""Exports of the filtered assessment list, as CSV and as Excel, with the pillar scores as
columns."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from readiness.advisors.models import Contact, FollowUp
from readiness.content.questionnaire import current_questionnaire
from tests.advisors.test_permissions import CHANGELIST
from tests.factory import make_assessment, uniform_answers

pytestmark = pytest.mark.django_db

FIXED_COLUMNS_BEFORE = [
    "ID",
    "Submitted",
    "Company",
    "Business scope",
    "Full-time employees",
    "Listed",
    "Overall score",
    "Tier",
]
FIXED_COLUMNS_AFTER = [
    "Verified score",
    "Verified tier",
    "Answers verified",
    "Workspace",
    "Follow-up requested",
    "Status",
    "Closing reason",
    "Assigned advisor",
    "Contact name",
    "Email",
    "Phone",
    "Notes",
]


def expected_header():
    pillars = [p.name.en for p in current_questionnaire().pillars]
    return FIXED_COLUMNS_BEFORE + pillars + FIXED_COLUMNS_AFTER


@pytest.fixture
def firms(advisor):
    answers = uniform_answers(2)
    first_pillar = current_questionnaire().pillars[0]
    for question in first_pillar.questions:
        answers[question.key] = 5
    logistics = make_assessment(
        answers, company_name="Mid Logistics", business_scope="logistics_transport"
    )
    kitchen = make_assessment(uniform_answers(4), company_name="=HYPERLINK(evil)")
    Contact.objects.create(
        assessment=kitchen, name="Chan Tai Man", email="tm@bigco.hk", phone="+852 9123 4567"
    )
    FollowUp.objects.create(
        assessment=kitchen, requested_at=kitchen.created_at, status="new", assigned_to=advisor
    )
    make_assessment(uniform_answers(1), company_name="Old Fishery", business_scope="other")
    return logistics, kitchen


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_csv_has_the_header_and_only_the_filtered_rows(advisor_client, firms):
    logistics, _ = firms
    response = advisor_client.get(f"{CHANGELIST}export.csv?business_scope=logistics_transport")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == expected_header()
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["ID"] == str(logistics.pk)
    assert row["Company"] == "Mid Logistics"
    assert row["Business scope"] == "Logistics, transport and port services"
    assert row["Full-time employees"] == "20–49"
    assert row["Overall score"] == "2.8"
    assert row["Tier"] == "AI Aware"
    assert row["Leadership and people"] == "5.0"
    assert row["Data"] == "2.0"
    assert row["Follow-up requested"] == ""
    assert row["Contact name"] == ""
    assert row["Verified score"] == ""
    assert row["Answers verified"] == "0"


def test_csv_follows_the_search_and_neutralises_formulas(advisor_client, firms, advisor):
    _, kitchen = firms
    rows = read_csv(advisor_client.get(f"{CHANGELIST}export.csv?q=chan"))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["ID"] == str(kitchen.pk)
    assert row["Company"] == "'=HYPERLINK(evil)"
    assert row["Contact name"] == "Chan Tai Man"
    assert row["Email"] == "tm@bigco.hk"
    # A stored phone number is text as the firm gave it; only free text is neutralised.
    assert row["Phone"] == "+852 9123 4567"
    assert row["Follow-up requested"] == timezone.localdate(kitchen.created_at).isoformat()
    assert row["Status"] == "New"
    assert row["Assigned advisor"] == advisor.username


def test_csv_without_filters_has_every_assessment_newest_first(advisor_client, firms):
    rows = read_csv(advisor_client.get(f"{CHANGELIST}export.csv"))
    assert [r[2] for r in rows[1:]] == ["Old Fishery", "'=HYPERLINK(evil)", "Mid Logistics"]


def test_xlsx_has_the_same_columns_and_filtered_rows_with_numbers(advisor_client, firms):
    logistics, _ = firms
    response = advisor_client.get(f"{CHANGELIST}export.xlsx?score=2")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == expected_header()
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["ID"] == logistics.pk
    assert row["Overall score"] == Decimal("2.8") or row["Overall score"] == 2.8
    assert row["Leadership and people"] == 5
    assert row["Company"] == "Mid Logistics"


def test_xlsx_never_writes_a_formula(advisor_client, firms):
    response = advisor_client.get(f"{CHANGELIST}export.xlsx?q=chan")
    sheet = load_workbook(io.BytesIO(response.content)).active
    company = sheet.cell(row=2, column=3)
    assert company.data_type == "s"
    assert company.value == "'=HYPERLINK(evil)"
    phone = sheet.cell(row=2, column=len(expected_header()) - 1)
    assert phone.value == "+852 9123 4567"
    assert phone.data_type == "s"


def test_the_list_offers_the_export_links_with_its_filters(advisor_client, firms):
    html = advisor_client.get(f"{CHANGELIST}?score=2").content.decode()
    assert f'href="{CHANGELIST}export.csv?score=2"' in html
    assert f'href="{CHANGELIST}export.xlsx?score=2"' in html


def test_a_bad_filter_in_an_export_goes_back_to_the_list_with_the_admins_error(
    advisor_client, firms
):
    response = advisor_client.get(f"{CHANGELIST}export.csv?nonsense__field=1")
    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}?e=1"


def test_exports_carry_the_workspace_so_repeat_firms_show(advisor_client):
    from readiness.workspaces.models import Workspace

    first = make_assessment(uniform_answers(2), company_name="Repeat Firm")
    workspace = Workspace.start_with(first)
    workspace.add(make_assessment(uniform_answers(3), company_name="Repeat Firm"))
    make_assessment(uniform_answers(4), company_name="One-off Firm")
    rows = read_csv(advisor_client.get(f"{CHANGELIST}export.csv"))
    column = rows[0].index("Workspace")
    assert sorted(r[column] for r in rows[1:]) == ["", str(workspace.pk), str(workspace.pk)]
