"""The advisors' export of a filtered assessment list: the same rows and columns as CSV or
Excel, with one column per pillar score."""

import csv
import io

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from readiness.assessments.models import PillarScore
from readiness.content.questionnaire import current_questionnaire
from readiness.security.text import visible

CHUNK = 2000
# Spreadsheet programs run CSV text starting with these as a formula (CSV injection); a firm's
# free text must stay text. In xlsx only a leading "=" makes openpyxl write a formula.
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        value = visible(value)
        if value.startswith(CSV_FORMULA_STARTS):
            return "'" + value
    return value


def xlsx_cell(value):
    if isinstance(value, str):
        # openpyxl refuses control characters outright (the export would fail).
        value = visible(value)
        if value.startswith("="):
            return "'" + value
    return value


def prepare(queryset):
    """The queryset ready for export: contact, follow-up and pillar scores fetched in bulk."""
    return queryset.select_related("followup__assigned_to", "contact").prefetch_related(
        Prefetch(
            "pillar_scores", queryset=PillarScore.objects.only("assessment_id", "pillar", "score")
        )
    )


def header() -> list[str]:
    q = current_questionnaire()
    return [
        _("ID"),
        _("Submitted"),
        _("Company"),
        _("Business scope"),
        _("Full-time employees"),
        _("Listed"),
        _("Overall score"),
        _("Tier"),
        *[str(p.name) for p in q.pillars],
        _("Follow-up requested"),
        _("Status"),
        _("Assigned advisor"),
        _("Contact name"),
        _("Email"),
        _("Phone"),
    ]


def rows(queryset):
    """One list of plain values per assessment, in header() order."""
    q = current_questionnaire()
    scopes = {c.key: str(c.label) for c in q.business_scopes}
    bands = {c.key: str(c.label) for c in q.employee_bands}
    pillar_keys = [p.key for p in q.pillars]
    tiers = {t.key: str(t.name) for t in q.tiers}
    for a in prepare(queryset).iterator(chunk_size=CHUNK):
        pillars = {s.pillar: s.score for s in a.pillar_scores.all()}
        followup = getattr(a, "followup", None)
        contact = getattr(a, "contact", None)
        advisor = followup.assigned_to if followup else None
        yield [
            a.pk,
            timezone.localtime(a.created_at).replace(tzinfo=None, microsecond=0),
            a.company_name or (contact.company_name if contact else ""),
            scopes.get(a.business_scope, a.business_scope),
            bands.get(a.employee_band, a.employee_band),
            _("Yes") if a.listed else _("No"),
            a.overall_score,
            tiers.get(a.tier, a.tier),
            *[pillars.get(key) for key in pillar_keys],
            _("Yes") if followup and followup.requested_at else _("No"),
            followup.get_status_display() if followup else "",
            (advisor.get_full_name() or advisor.get_username()) if advisor else "",
            contact.name if contact else "",
            contact.email if contact else "",
            contact.phone if contact else "",
        ]


class _Echo:
    def write(self, value):
        return value


def csv_lines(queryset):
    """The export as CSV lines, streamed; starts with a byte-order mark so Excel reads the
    Chinese text as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header())
    for row in rows(queryset):
        yield writer.writerow([csv_cell(v) for v in row])


def xlsx_bytes(queryset) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Assessments"))
    sheet.append(header())
    for row in rows(queryset):
        sheet.append([xlsx_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
