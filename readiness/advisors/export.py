"""The advisors' export of a filtered assessment list: the same rows and columns as CSV or
Excel, with one column per pillar score."""

import csv
import io
import re

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from readiness.advisors.models import AnswerVerification, Note
from readiness.advisors.verification import verified_score
from readiness.assessments.models import PillarScore
from readiness.content import tiers as tier_table
from readiness.content.questionnaire import current_questionnaire
from readiness.security.text import visible

CHUNK = 2000
# Spreadsheet programs run CSV text starting with these as a formula (CSV injection); a firm's
# free text must stay text. In xlsx only a leading "=" makes openpyxl write a formula. (Tabs
# and returns never get this far: visible() strips them.)
CSV_FORMULA_STARTS = ("=", "+", "-", "@")
# A phone number as the contact form stores it (readiness.firms.forms.normalise_phone): a plus
# and digits cannot make a formula, so it is written as the firm gave it.
STORED_PHONE = re.compile(r"\+\d[\d ]{6,18}")


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        value = visible(value)
        if value.startswith(CSV_FORMULA_STARTS):
            return "'" + value
    return value


def phone_cell(value: str) -> str:
    """A stored phone number stays text as it is; anything else is treated like free text."""
    return value if STORED_PHONE.fullmatch(value or "") else csv_cell(value)


def xlsx_cell(value):
    if isinstance(value, str):
        # openpyxl refuses control characters outright (the export would fail).
        value = visible(value)
        if value.startswith("="):
            return "'" + value
    return value


def prepare(queryset):
    """The queryset ready for export: contact, follow-up, pillar scores, notes and verified
    answers fetched in bulk."""
    # workspace_entry: the workspaces app's Entry (its reverse name), so repeat firms show.
    queryset = queryset.select_related("followup__assigned_to", "contact", "workspace_entry")
    return queryset.prefetch_related(
        Prefetch(
            "pillar_scores", queryset=PillarScore.objects.only("assessment_id", "pillar", "score")
        ),
        Prefetch("notes", queryset=Note.objects.select_related("author").order_by("created_at")),
        Prefetch("verifications", queryset=AnswerVerification.objects.order_by()),
    )


def columns() -> list[tuple[str, int]]:
    """(title, width in characters) of each column, in the order of rows()."""
    q = current_questionnaire()
    return [
        (_("ID"), 8),
        (_("Submitted"), 17),
        (_("Company"), 30),
        (_("Business scope"), 30),
        (_("Full-time employees"), 12),
        (_("Listed"), 8),
        (_("Overall score"), 10),
        (_("Tier"), 14),
        *[(str(p.name), 12) for p in q.pillars],
        (_("Verified score"), 10),
        (_("Verified tier"), 14),
        (_("Answers verified"), 10),
        (_("Workspace"), 10),
        (_("Follow-up requested"), 12),
        (_("Status"), 15),
        (_("Closing reason"), 24),
        (_("Assigned advisor"), 18),
        (_("Contact name"), 22),
        (_("Email"), 28),
        (_("Phone"), 16),
        (_("Notes"), 60),
    ]


def header() -> list[str]:
    return [title for title, _width in columns()]


def notes_text(notes) -> "Text":
    """Each note on its own line: its date, its author and its words (without invisible
    characters; the line breaks between notes are the only ones kept)."""
    return Text(
        "\n".join(
            f"{timezone.localtime(n.created_at):%Y-%m-%d %H:%M} "
            f"{(n.author.get_full_name() or n.author.get_username()) if n.author else '—'}: "
            f"{' '.join(visible(line) for line in n.text.splitlines())}"
            for n in notes
        )
    )


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
        verified = verified_score(a, a.verifications.all())
        verified_tier = tier_table.BY_KEY.get(verified.tier) if verified else None
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
            verified.overall if verified else None,
            str(verified_tier.name) if verified_tier else "",
            verified.questions if verified else 0,
            entry.workspace_id if (entry := getattr(a, "workspace_entry", None)) else None,
            timezone.localtime(followup.requested_at).date()
            if followup and followup.requested_at
            else None,
            followup.get_status_display() if followup else "",
            followup.get_closing_reason_display() if followup else "",
            (advisor.get_full_name() or advisor.get_username()) if advisor else "",
            contact.name if contact else "",
            contact.email if contact else "",
            Phone(contact.phone) if contact and contact.phone else "",
            notes_text(a.notes.all()),
        ]


class Phone(str):
    """A stored phone number: text in every format, never a number or a formula."""


class Text(str):
    """Text already made safe, starting with a date: written as it is."""


class _Echo:
    def write(self, value):
        return value


def cell_for_csv(value):
    if isinstance(value, Phone):
        return phone_cell(value)
    if isinstance(value, Text):
        return str(value)
    return csv_cell(value)


def csv_lines(queryset):
    """The export as CSV lines, streamed; starts with a byte-order mark so Excel reads the
    Chinese text as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header())
    for row in rows(queryset):
        yield writer.writerow([cell_for_csv(v) for v in row])


def xlsx_bytes(queryset) -> bytes:
    """The export as a workbook: the header frozen above a filter, columns sized to read."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Assessments"))
    titled = columns()
    for i, (title, width) in enumerate(titled, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(width, min(len(title), 30) + 2)
    sheet.freeze_panes = "A2"
    sheet.append([title for title, _width in titled])
    count = 0
    for row in rows(queryset):
        # A Phone is a str: openpyxl writes it as text, as it is.
        sheet.append([str(v) if isinstance(v, Phone | Text) else xlsx_cell(v) for v in row])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(titled))}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
