"""What advisors work with beside the assessment itself: the firm's contact details (given
only with consent, in their own table so they can be erased alone), the follow-up workflow and
internal notes."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Bump when the Personal Information Collection Statement's wording changes, so every stored
# consent says which statement the firm agreed to.
PICS_VERSION = "2026-11"


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Monday-to-Friday days after `start` up to and including `end` (0 on the same day).
    Public holidays are not known to the app and count as working days."""
    if end <= start:
        return 0
    whole_weeks, rest = divmod((end - start).days, 7)
    days = whole_weeks * 5
    for offset in range(1, rest + 1):
        if (start + datetime.timedelta(days=whole_weeks * 7 + offset)).weekday() < 5:
            days += 1
    return days


class Contact(models.Model):
    """Contact details a firm gave with explicit consent, for an HKPC advisor's follow-up."""

    assessment = models.OneToOneField(
        "assessments.Assessment",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="contact",
        verbose_name=_("assessment"),
    )
    name = models.CharField(_("contact name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=24, blank=True)
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    consented_at = models.DateTimeField(_("consent given"), default=timezone.now)
    pics_version = models.CharField(
        _("collection statement agreed to"), max_length=20, default=PICS_VERSION
    )

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")
        # The dashboard knows a firm that assessed again by its address, in any case.
        indexes = [models.Index(Lower("email"), name="contact_firm_email")]

    def __str__(self):
        return gettext("Contact details")


class FollowUpStatus(models.TextChoices):
    """The steps of an advisor's work on a request, in the order they happen."""

    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    MEETING_BOOKED = "meeting_booked", _("Meeting booked")
    SUPPORTED = "supported", _("Supported")
    CLOSED = "closed", _("Closed")


# Each step's first arrival is dated, for the dashboard's median days between steps.
STEP_DATES = {
    FollowUpStatus.CONTACTED: "contacted_at",
    FollowUpStatus.MEETING_BOOKED: "meeting_booked_at",
    FollowUpStatus.SUPPORTED: "supported_at",
    FollowUpStatus.CLOSED: "closed_at",
}
STEP_ORDER = list(FollowUpStatus.values)


class ClosingReason(models.TextChoices):
    SUPPORTED = "supported", _("Support given")
    NO_RESPONSE = "no_response", _("The firm did not respond")
    DECLINED = "declined", _("The firm declined further support")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible for HKPC support")
    REFERRED = "referred", _("Referred elsewhere")
    DUPLICATE = "duplicate", _("Duplicate of another request")
    OTHER = "other", _("Other (see the notes)")


class FollowUpQuerySet(models.QuerySet):
    def request(self, assessment, details: dict):
        """A firm asks an HKPC advisor to follow up, giving `details` (name, email, phone,
        company_name) with its consent. One request per assessment: a second one changes
        nothing and returns None."""
        now = timezone.now()
        with transaction.atomic():
            followup, created = self.get_or_create(
                assessment=assessment, defaults={"requested_at": now}
            )
            if not created:
                if followup.requested_at is not None:
                    return None
                # An advisor reached out first; the firm now asks as well.
                followup.requested_at = now
                followup.save(update_fields=["requested_at", "updated_at"])
            Contact.objects.update_or_create(
                assessment=assessment,
                defaults={
                    "name": details["name"],
                    "email": details.get("email", ""),
                    "phone": details.get("phone", ""),
                    "company_name": details.get("company_name", ""),
                    "consented_at": now,
                    "pics_version": PICS_VERSION,
                },
            )
        return followup


class FollowUp(models.Model):
    """The advisors' workflow for one assessment; created when a firm asks for follow-up, or by
    an advisor who reaches out on their own initiative."""

    assessment = models.OneToOneField(
        "assessments.Assessment",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="followup",
        verbose_name=_("assessment"),
    )
    requested_at = models.DateTimeField(_("follow-up requested"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.NEW,
        db_index=True,
    )
    closing_reason = models.CharField(
        _("closing reason"), max_length=20, choices=ClosingReason.choices, blank=True
    )
    contacted_at = models.DateTimeField(_("first contacted"), null=True, blank=True)
    meeting_booked_at = models.DateTimeField(_("meeting first booked"), null=True, blank=True)
    supported_at = models.DateTimeField(_("supported"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("assigned advisor"),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        permissions = [("export_assessments", _("Can export assessments"))]

    def __str__(self):
        return self.get_status_display()

    def save(self, *args, update_fields=None, **kwargs):
        self.date_steps()
        if update_fields is not None and "status" in update_fields:
            update_fields = {*update_fields, *STEP_DATES.values()}
        super().save(*args, update_fields=update_fields, **kwargs)

    def clean(self):
        if self.status == FollowUpStatus.CLOSED and not self.closing_reason:
            raise ValidationError(
                {"closing_reason": _("Say why the request is closed.")}, code="no_reason"
            )
        if self.status != FollowUpStatus.CLOSED:
            self.closing_reason = ""

    def date_steps(self, now=None):
        """Date the current step, and the steps before it that were skipped, on first
        arrival: a request marked supported straight away was also contacted then. Closing
        dates only the closing (a firm that never answered was never contacted)."""
        now = now or timezone.now()
        if self.status == FollowUpStatus.CLOSED:
            steps = [FollowUpStatus.CLOSED]
        else:
            steps = STEP_ORDER[1 : STEP_ORDER.index(self.status) + 1]
        for status in steps:
            if getattr(self, STEP_DATES[status]) is None:
                setattr(self, STEP_DATES[status], now)

    def take(self, user):
        """`user` takes the request on; an assigned request stays with its advisor."""
        if self.assigned_to_id is None:
            self.assigned_to = user
            self.save(update_fields=["assigned_to", "updated_at"])
            return True
        return self.assigned_to_id == user.pk

    def working_days_waiting(self, today=None) -> int | None:
        """Working days from the request to the first contact (or to today while none)."""
        if self.requested_at is None:
            return None
        end = self.contacted_at or self.closed_at
        end_day = timezone.localdate(end) if end else (today or timezone.localdate())
        return working_days_between(timezone.localdate(self.requested_at), end_day)


class Note(models.Model):
    """An advisor's dated internal note on an assessment; never shown to the firm."""

    assessment = models.ForeignKey(
        "assessments.Assessment",
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=_("assessment"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        # Never the note's words: Django's admin log copies this text and keeps it.
        return gettext("Note of %(date)s") % {
            "date": timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M")
        }


class AnswerVerification(models.Model):
    """An advisor's check of one answer on a visit: the level the advisor found, which may
    confirm or correct the firm's own; who checked and when. The firm's answers stay as
    stored."""

    assessment = models.ForeignKey(
        "assessments.Assessment",
        on_delete=models.CASCADE,
        related_name="verifications",
        verbose_name=_("assessment"),
    )
    question = models.CharField(_("question"), max_length=40)
    value = models.PositiveSmallIntegerField(_("verified level"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified"), default=timezone.now)

    class Meta:
        verbose_name = _("verified answer")
        verbose_name_plural = _("verified answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="one_verification_per_question"
            )
        ]

    def __str__(self):
        return gettext("Verified answer")
