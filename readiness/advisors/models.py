"""What advisors work with beside the assessment itself: the firm's contact details (given
only with consent, in their own table so they can be erased alone), the follow-up workflow and
internal notes."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Bump when the Personal Information Collection Statement's wording changes, so every stored
# consent says which statement the firm agreed to.
PICS_VERSION = "2026-11"


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

    def __str__(self):
        return gettext("Contact details")


class FollowUpStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


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
        max_length=12,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.NEW,
        db_index=True,
    )
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
