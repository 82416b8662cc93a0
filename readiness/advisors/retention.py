"""The retention period for personal data (PDPO data protection principle 2): past it, what
identifies a firm or a person is erased and the anonymous scores stay for statistics."""

import calendar
from dataclasses import dataclass
from datetime import datetime

from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from readiness.advisors.models import Contact, Note
from readiness.assessments.models import Assessment
from readiness.reports.models import ReportFile


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (31 March - 1 month = 28/29 Feb)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


@dataclass(frozen=True)
class Erasure:
    cutoff: datetime
    contacts: int
    company_names: int
    notes: int
    reports: int
    assessments_kept: int

    @property
    def anything(self) -> bool:
        return bool(self.contacts or self.company_names or self.notes or self.reports)


def admin_log_of(assessments):
    """Django's admin log entries about these assessments (their notes and follow-ups are
    logged against the assessment, whose page they are edited on)."""
    ids = [str(pk) for pk in assessments.values_list("pk", flat=True)]
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Assessment), object_id__in=ids
    )


def delete_assessments(assessments) -> None:
    """Delete assessments with everything stored with them, their admin log entries included
    (those kept a company name or a note's words before the log stopped recording them)."""
    with transaction.atomic():
        admin_log_of(assessments).delete()
        assessments.delete()


def erase_expired(cutoff: datetime, *, dry_run: bool = False) -> Erasure:
    """Erase contact details given before `cutoff` and, for assessments submitted before it, the
    company name, advisors' notes and stored PDFs (which print the name). All or nothing;
    running it again erases nothing more."""
    old = Assessment.objects.filter(created_at__lt=cutoff)
    contacts = Contact.objects.filter(consented_at__lt=cutoff)
    named = old.exclude(company_name="")
    notes = Note.objects.filter(assessment__in=old)
    reports = ReportFile.objects.filter(assessment__in=named)
    with transaction.atomic():
        erasure = Erasure(
            cutoff=cutoff,
            contacts=contacts.count(),
            company_names=named.count(),
            notes=notes.count(),
            reports=reports.count(),
            assessments_kept=old.count(),
        )
        if not dry_run:
            # Stored PDFs first: they are found through the names about to be blanked.
            reports.delete()
            contacts.delete()
            notes.delete()
            # What the admin log wrote about them: a company name, a note's first words.
            admin_log_of(old).exclude(action_flag=DELETION).update(
                object_repr="", change_message=""
            )
            named.update(company_name="")
    return erasure
