"""The scheme catalogue: funding schemes, training routes and free advice, kept current by
content editors in the admin. Matching itself is plain Python (matching.py)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from readiness.content.questionnaire import Text, content_language
from readiness.schemes import matching


class SchemeQuerySet(models.QuerySet):
    def stale(self, days: int | None = None, today: datetime.date | None = None):
        """Schemes whose facts were last verified more than `days` days ago."""
        return self.filter(last_verified__lt=stale_cutoff(days, today))

    def catalogue(self) -> list[matching.CatalogueEntry]:
        return [scheme.as_catalogue_entry() for scheme in self.order_by("position", "key")]

    def recommend(self, questionnaire, profile, tier, scores, today=None) -> matching.Match:
        """Rank the current catalogue for one firm (see matching.match_schemes), from the
        profile as the wizard gives it and the scores in their stored form."""
        return matching.match_schemes(
            questionnaire,
            matching.FirmProfile.from_mapping(profile),
            matching.FirmScores.from_strings(tier, scores),
            self.catalogue(),
            today=today or timezone.localdate(),
        )


def stale_cutoff(days: int | None = None, today: datetime.date | None = None) -> datetime.date:
    days = settings.SCHEME_STALE_AFTER_DAYS if days is None else days
    return (today or timezone.localdate()) - datetime.timedelta(days=days)


class Scheme(models.Model):
    class Kind(models.TextChoices):
        FUNDING = "funding", _("Funding")
        TRAINING = "training", _("Training")
        ADVISORY = "advisory", _("Free advice")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPCOMING = "upcoming", _("Opening soon")
        CLOSED = "closed", _("Closed")

    key = models.SlugField(
        _("key"),
        max_length=40,
        unique=True,
        help_text=_("Stable identifier saved with every result; do not change it."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(
        _("catalogue position"),
        default=500,
        help_text=_("Lower comes first when two schemes fit a firm equally well."),
    )

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=200)
    name_note_en = models.CharField(_("note on the name (English)"), max_length=300, blank=True)
    name_note_zh_hant = models.CharField(
        _("note on the name (Traditional Chinese)"), max_length=300, blank=True
    )
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    administrator_en = models.CharField(_("administrator (English)"), max_length=300)
    administrator_zh_hant = models.CharField(
        _("administrator (Traditional Chinese)"), max_length=300
    )
    summary_en = models.TextField(_("what it pays for (English)"))
    summary_zh_hant = models.TextField(_("what it pays for (Traditional Chinese)"))

    funding_ratio_en = models.CharField(_("funding ratio (English)"), max_length=300, blank=True)
    funding_ratio_zh_hant = models.CharField(
        _("funding ratio (Traditional Chinese)"), max_length=300, blank=True
    )
    cap_hkd = models.PositiveBigIntegerField(
        _("cap (HK$)"), null=True, blank=True, help_text=_("Leave empty when none is published.")
    )
    cap_note_en = models.TextField(_("note on the cap (English)"), blank=True)
    cap_note_zh_hant = models.TextField(_("note on the cap (Traditional Chinese)"), blank=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(
        _("closes on"),
        null=True,
        blank=True,
        help_text=_("After this date the scheme is treated as closed, whatever its status."),
    )
    status_note_en = models.TextField(_("status note (English)"), blank=True)
    status_note_zh_hant = models.TextField(_("status note (Traditional Chinese)"), blank=True)
    changes_en = models.TextField(
        _("what changed (English)"),
        blank=True,
        help_text=_("Where sources conflict: the most recent official statement and what changed."),
    )
    changes_zh_hant = models.TextField(_("what changed (Traditional Chinese)"), blank=True)

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
    # Conditions the questionnaire does not ask about: shown as things to check first.
    hk_incorporation_required = models.BooleanField(
        _("Hong Kong incorporation needed"), default=False
    )
    hk_production_line_required = models.BooleanField(
        _("production line in Hong Kong needed"), default=False
    )
    itf_project_required = models.BooleanField(_("ITF project needed"), default=False)
    individuals_only = models.BooleanField(_("individuals apply, not the company"), default=False)

    # Fit: used to rank the schemes a firm is eligible for.
    tiers = models.JSONField(_("readiness tiers it suits"), default=list, blank=True)
    dimensions = models.JSONField(_("dimensions it helps raise"), default=list, blank=True)
    difficulties = models.JSONField(_("difficulties it addresses"), default=list, blank=True)
    suits_scopes = models.JSONField(
        _("business scopes it particularly suits"),
        default=list,
        blank=True,
        help_text=_(
            "A preference, not a rule. For a closed scheme: only firms in these scopes are told "
            "it has closed."
        ),
    )
    fit_en = models.TextField(_("who it fits (English)"))
    fit_zh_hant = models.TextField(_("who it fits (Traditional Chinese)"))
    check_en = models.TextField(_("what to check before applying (English)"))
    check_zh_hant = models.TextField(_("what to check before applying (Traditional Chinese)"))

    apply_url = models.URLField(_("official page"), max_length=500, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    last_verified = models.DateField(_("last verified"))
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)

    objects = SchemeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")

    def __str__(self):
        # Advisors reading the admin in Chinese see the Chinese name.
        chinese = content_language(get_language()) == "zh_hant" and self.name_zh_hant
        name = self.name_zh_hant if chinese else self.name_en
        if not self.short_name:
            return name
        return f"{name}（{self.short_name}）" if chinese else f"{name} ({self.short_name})"

    def needs_reverification(self, today: datetime.date | None = None) -> bool:
        return self.last_verified < stale_cutoff(today=today)

    def text(self, field: str) -> Text:
        return Text(en=getattr(self, f"{field}_en"), zh_hant=getattr(self, f"{field}_zh_hant"))

    def as_catalogue_entry(self) -> matching.CatalogueEntry:
        """The scheme as plain data for the matcher."""
        return matching.CatalogueEntry(
            key=self.key,
            kind=self.kind,
            status=self.status,
            opens_on=self.opens_on,
            closes_on=self.closes_on,
            name=self.text("name"),
            short_name=self.short_name,
            administrator=self.text("administrator"),
            summary=self.text("summary"),
            funding_ratio=self.text("funding_ratio"),
            cap_hkd=self.cap_hkd,
            cap_note=self.text("cap_note"),
            status_note=self.text("status_note"),
            changes=self.text("changes"),
            fit=self.text("fit"),
            check=self.text("check"),
            apply_url=self.apply_url,
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
