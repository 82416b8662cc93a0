"""The exports an advisor opens in a spreadsheet: the header frozen above a filter, columns
wide enough to read, phones as text, notes and the follow-up's dates in their own columns."""

import csv
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from readiness.advisors.export import columns
from readiness.advisors.models import Contact, FollowUp, Note
from tests.factory import make_assessment

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/assessments/assessment/"


@pytest.fixture
def firm(advisor):
    assessment = make_assessment(company_name="Harbour Noodles")
    Contact.objects.create(assessment=assessment, name="Lam", phone="+442079460958")
    FollowUp.objects.create(
        assessment=assessment,
        requested_at=timezone.now(),
        status="closed",
        closing_reason="referred",
        assigned_to=advisor,
    )
    Note.objects.create(assessment=assessment, author=advisor, text="=cmd|' /C calc'!A0")
    Note.objects.create(assessment=assessment, author=advisor, text="Referred to CITF.")
    return assessment


def test_the_spreadsheet_has_a_frozen_header_a_filter_and_column_widths(advisor_client, firm):
    response = advisor_client.get(f"{CHANGELIST}export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    width = len(columns())
    last = sheet.cell(row=1, column=width).column_letter
    assert sheet.auto_filter.ref == f"A1:{last}2"
    assert sheet.column_dimensions["C"].width == 30  # Company
    assert sheet.column_dimensions[last].width == 60  # Notes
    row = dict(zip([c.value for c in sheet[1]], [c for c in sheet[2]], strict=True))
    assert row["Phone"].value == "+442079460958" and row["Phone"].data_type == "s"
    assert row["Status"].value == "Closed"
    assert row["Closing reason"].value == "Referred elsewhere"
    assert row["Assigned advisor"].value == "mei"


def test_notes_are_exported_dated_and_signed_and_a_formula_stays_text(advisor_client, firm):
    response = advisor_client.get(f"{CHANGELIST}export.csv")
    body = b"".join(response.streaming_content).decode("utf-8")[1:]
    row = next(csv.DictReader(io.StringIO(body)))
    notes = row["Notes"].splitlines()
    assert len(notes) == 2
    assert notes[0].endswith(" mei: =cmd|' /C calc'!A0")
    assert notes[1].endswith(" mei: Referred to CITF.")
    assert row["Phone"] == "+442079460958"
    sheet = load_workbook(io.BytesIO(advisor_client.get(f"{CHANGELIST}export.xlsx").content))
    cells = dict(zip([c.value for c in sheet.active[1]], [c for c in sheet.active[2]], strict=True))
    assert cells["Notes"].data_type == "s"
