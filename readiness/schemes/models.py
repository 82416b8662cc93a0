"""The scheme catalogue: funding schemes, training routes and free help, kept current by
content editors in the admin. What a firm reads (summary, what it pays for, ratio, cap,
conditions) is kept apart from the editors' notes (conflicts, doubts, sources), which firms never
see. Every check of a scheme's facts is recorded (SchemeCheck), and every change of its fields
(django-simple-history). Matching itself is plain Python (matching.py)."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from readiness.content.questionnaire import Text, content_language
from readiness.schemes import choices, matching


class SchemeQuerySet(models.QuerySet):
    def stale(self, days: int | None = None, today: datetime.date | None = None):
        """Schemes whose facts were last checked more than `days` days ago."""
        return self.filter(last_verified__lt=stale_cutoff(days, today))

    def catalogue(self) -> list[matching.CatalogueEntry]:
        return [scheme.as_catalogue_entry() for scheme in self.order_by("position", "key")]

    def advise(self, questionnaire, profile, scores, today=None) -> matching.Advice:
        """The plan and the schemes for one firm (see matching.advise), from the profile as the
        wizard gives it and its scores."""
        return matching.advise(
            questionnaire,
            matching.FirmProfile.from_mapping(profile),
            scores,
            self.catalogue(),
            today=today or timezone.localdate(),
        )


def stale_cutoff(days: int | None = None, today: datetime.date | None = None) -> datetime.date:
    days = settings.SCHEME_STALE_AFTER_DAYS if days is None else days
    return (today or timezone.localdate()) - datetime.timedelta(days=days)


class Scheme(models.Model):
    Kind = choices.Kind
    Status = choices.Status

    key = models.SlugField(
        _("key"),
        max_length=40,
        unique=True,
        help_text=_("Stable identifier saved with every result; do not change it."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    free = models.BooleanField(
        _("free of charge"), default=False, help_text=_("It costs the firm nothing.")
    )
    position = models.PositiveSmallIntegerField(
        _("catalogue position"),
        default=500,
        help_text=_("Lower comes first when two schemes fit a firm equally well."),
    )

    # What a firm reads.
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=200)
    short_name = models.CharField(
        _("short name"),
        max_length=40,
        blank=True,
        help_text=_("An acronym shown after the English name, unless the name holds it."),
    )
    administrator_en = models.CharField(_("administrator (English)"), max_length=300)
    administrator_zh_hant = models.CharField(
        _("administrator (Traditional Chinese)"), max_length=300
    )
    summary_en = models.TextField(_("summary (English)"))
    summary_zh_hant = models.TextField(_("summary (Traditional Chinese)"))
    pays_for_en = models.CharField(
        _("what it pays for or offers (English)"),
        max_length=200,
        blank=True,
        help_text=_(
            "A short phrase: “It pays for …” or, for free help, “It offers …”. Needed unless "
            "the scheme has closed."
        ),
    )
    pays_for_zh_hant = models.CharField(
        _("what it pays for or offers (Traditional Chinese)"), max_length=200, blank=True
    )
    funding_ratio_en = models.CharField(_("funding ratio (English)"), max_length=300, blank=True)
    funding_ratio_zh_hant = models.CharField(
        _("funding ratio (Traditional Chinese)"), max_length=300, blank=True
    )
    cap_hkd = models.PositiveBigIntegerField(
        _("cap (HK$)"), null=True, blank=True, help_text=_("Leave empty when none is published.")
    )
    cap_note_en = models.TextField(_("what the cap is per (English)"), blank=True)
    cap_note_zh_hant = models.TextField(_("what the cap is per (Traditional Chinese)"), blank=True)
    conditions_en = models.TextField(
        _("check before applying (English)"),
        blank=True,
        help_text=_("The one or two real conditions a firm must meet. Needed unless closed."),
    )
    conditions_zh_hant = models.TextField(
        _("check before applying (Traditional Chinese)"), blank=True
    )

    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(
        _("closes on"),
        null=True,
        blank=True,
        help_text=_("After this date the scheme is treated as closed, whatever its status."),
    )
    expected_en = models.TextField(
        _("when it is expected (English)"),
        blank=True,
        help_text=_("Coming soon only: the expected date as sourced, and what is not known yet."),
    )
    expected_zh_hant = models.TextField(_("when it is expected (Traditional Chinese)"), blank=True)
    closed_note_en = models.TextField(_("why it is no longer available (English)"), blank=True)
    closed_note_zh_hant = models.TextField(
        _("why it is no longer available (Traditional Chinese)"), blank=True
    )
    mention_when_closed = models.BooleanField(
        _("mention when closed"),
        default=False,
        help_text=_("Firms may still hear of it: once closed, it is named as no longer available."),
    )
    apply_url = models.URLField(_("application page"), max_length=500, blank=True)
    contact_url = models.URLField(
        _("administrator's contact page"),
        max_length=500,
        blank=True,
        help_text=_("Shown when there is no application page."),
    )

    # Hard eligibility rules: a firm that fails one is never shown the scheme.
    max_employees = models.PositiveIntegerField(
        _("most employees allowed"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    sme_only = models.BooleanField(
        _("SMEs only"),
        default=False,
        help_text=_(
            "Hong Kong's definition: fewer than 100 employees in manufacturing, fewer than 50 "
            "otherwise."
        ),
    )
    business_scopes = models.JSONField(
        _("business scopes allowed"), default=list, blank=True, help_text=_("None ticked: any.")
    )
    listed_allowed = models.BooleanField(_("listed companies allowed"), default=True)
    hk_incorporation_required = models.BooleanField(
        _("Hong Kong incorporation needed"), default=False
    )
    hk_production_line_required = models.BooleanField(
        _("production line in Hong Kong needed"), default=False
    )
    itf_project_required = models.BooleanField(_("ITF project needed first"), default=False)
    individuals_only = models.BooleanField(_("individuals apply, not the company"), default=False)
    tiers = models.JSONField(
        _("readiness tiers it suits"),
        default=list,
        blank=True,
        help_text=_("Firms at other tiers are not recommended it (an experience condition too)."),
    )

    # Fit: used to rank the schemes a firm is eligible for.
    dimensions = models.JSONField(_("dimensions it helps raise"), default=list, blank=True)
    difficulties = models.JSONField(_("difficulties it addresses"), default=list, blank=True)
    suits_scopes = models.JSONField(
        _("business scopes it particularly suits"),
        default=list,
        blank=True,
        help_text=_(
            "A preference, not a rule. For a closed scheme: only firms in these scopes are told "
            "it is no longer available."
        ),
    )

    # For editors only.
    editor_notes = models.TextField(
        _("editors' notes"),
        blank=True,
        help_text=_("Conflicts between sources, vendor claims, doubts. Firms never see them."),
    )
    sources = models.JSONField(_("sources"), default=list, blank=True)
    last_verified = models.DateField(
        _("last checked"), help_text=_("Follows from the checks recorded below.")
    )
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = SchemeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")

    def __str__(self):
        # Advisors reading the admin in Chinese see the Chinese name.
        if content_language(get_language()) == "zh_hant" and self.name_zh_hant:
            if self.short_name and self.short_name not in self.name_zh_hant:
                return f"{self.name_zh_hant}（{self.short_name}）"
            return self.name_zh_hant
        if self.short_name and self.short_name not in self.name_en:
            return f"{self.name_en} ({self.short_name})"
        return self.name_en

    def needs_checking(self, today: datetime.date | None = None) -> bool:
        return self.last_verified < stale_cutoff(today=today)

    def text(self, field: str) -> Text:
        return Text(en=getattr(self, f"{field}_en"), zh_hant=getattr(self, f"{field}_zh_hant"))

    def as_catalogue_entry(self) -> matching.CatalogueEntry:
        """The scheme as plain data for the matcher: what a firm may read, and the rules."""
        return matching.CatalogueEntry(
            key=self.key,
            kind=self.kind,
            free=self.free,
            status=self.status,
            opens_on=self.opens_on,
            closes_on=self.closes_on,
            name=self.text("name"),
            short_name=self.short_name,
            administrator=self.text("administrator"),
            summary=self.text("summary"),
            pays_for=self.text("pays_for"),
            funding_ratio=self.text("funding_ratio"),
            cap_hkd=self.cap_hkd,
            cap_note=self.text("cap_note"),
            conditions=self.text("conditions"),
            expected=self.text("expected"),
            closed_note=self.text("closed_note"),
            mention_when_closed=self.mention_when_closed,
            apply_url=self.apply_url,
            contact_url=self.contact_url,
            last_verified=self.last_verified,
            max_employees=self.max_employees,
            sme_only=self.sme_only,
            business_scopes=tuple(self.business_scopes or ()),
            listed_allowed=self.listed_allowed,
            hk_incorporation_required=self.hk_incorporation_required,
            hk_production_line_required=self.hk_production_line_required,
            itf_project_required=self.itf_project_required,
            individuals_only=self.individuals_only,
            tiers=tuple(self.tiers or ()),
            dimensions=tuple(self.dimensions or ()),
            difficulties=tuple(self.difficulties or ()),
            suits_scopes=tuple(self.suits_scopes or ()),
            position=self.position,
        )


class SchemeCheck(models.Model):
    """An editor's check of a scheme's facts against a source: when, which page, what changed.
    The scheme's last-checked date is the latest check's."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="checks", verbose_name=_("scheme")
    )
    checked_on = models.DateField(_("checked on"), default=timezone.localdate)
    source_url = models.URLField(
        _("source consulted"),
        max_length=500,
        help_text=_("The official page or release you read. A check without one is refused."),
    )
    changes = models.TextField(
        _("what changed"),
        help_text=_("What you corrected in the scheme, or “no change”."),
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("checked by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-checked_on", "-recorded_at"]
        verbose_name = _("check")
        verbose_name_plural = _("checks")

    def __str__(self):
        return f"{self.scheme.key} {self.checked_on}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            latest = self.scheme.checks.aggregate(latest=Max("checked_on"))["latest"]
            Scheme.objects.filter(pk=self.scheme_id).update(last_verified=latest)
