import re
import secrets

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from readiness.assessments import scoring
from readiness.content import tiers
from readiness.content.questionnaire import Questionnaire, load

TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def new_token() -> str:
    """256 random bits, URL-safe: the only key to a result page."""
    return secrets.token_urlsafe(32)


class AssessmentQuerySet(models.QuerySet):
    def with_token(self, token: str):
        """The assessment a result link opens, or None."""
        # Tokens are URL-safe base64; anything else is not worth a query.
        if not TOKEN.fullmatch(token):
            return None
        return self.filter(token=token).first()

    def record(
        self,
        *,
        questionnaire: Questionnaire,
        submission_key: str,
        language: str,
        profile: dict,
        answers: dict,
        advice: dict | None = None,
    ):
        """Score the answers and store the assessment with its pillar scores and difficulty
        index, all or nothing. The advice is what the firm is shown (its plan and the schemes),
        kept so that later catalogue edits never change what it was told.

        Idempotent per submission_key: a wizard finished twice stores one assessment; the
        returned flag says whether this call created it."""
        result = scoring.score(questionnaire, answers)
        scores = result.as_strings()
        with transaction.atomic():
            assessment, created = self.get_or_create(
                submission_key=submission_key,
                defaults={
                    "questionnaire_version": questionnaire.version,
                    "language": language,
                    "company_name": profile.get("company_name", ""),
                    "business_scope": profile["business_scope"],
                    "trade_type": profile.get("trade_type") or "",
                    "hk_production_line": profile.get("hk_production_line"),
                    "employee_band": profile["employee_band"],
                    "listed": profile["listed"],
                    "ai_functions": list(profile.get("ai_functions", [])),
                    "difficulties": list(profile.get("difficulties", [])),
                    "answers": dict(answers),
                    "overall_score": result.overall_displayed,
                    "tier": result.tier,
                    "scores": scores,
                    "advice": advice or {},
                },
            )
            if created:
                PillarScore.objects.bulk_create(
                    PillarScore(assessment=assessment, pillar=key, score=scoring.displayed(value))
                    for key, value in result.pillars.items()
                )
                DifficultyMention.objects.bulk_create(
                    DifficultyMention(assessment=assessment, difficulty=key)
                    for key in dict.fromkeys(assessment.difficulties)
                )
        return assessment, created


class Assessment(models.Model):
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # One wizard run creates at most one assessment, however often its last step is requested.
    submission_key = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    questionnaire_version = models.CharField(_("questionnaire version"), max_length=20)
    language = models.CharField(_("language answered in"), max_length=10, default="en")

    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    business_scope = models.CharField(_("business scope"), max_length=40, db_index=True)
    # Asked of traders only, so that a shop and a wholesaler are matched apart; "" before.
    trade_type = models.CharField(_("retail or wholesale"), max_length=20, blank=True)
    # Asked of manufacturers only; None when not asked.
    hk_production_line = models.BooleanField(
        _("production line in Hong Kong"), null=True, blank=True
    )
    employee_band = models.CharField(_("full-time employees"), max_length=10, db_index=True)
    listed = models.BooleanField(_("listed company"))
    ai_functions = models.JSONField(_("functions already using AI"), default=list, blank=True)
    difficulties = models.JSONField(_("main difficulties"), default=list, blank=True)

    answers = models.JSONField(_("answers"))
    overall_score = models.DecimalField(_("overall score"), max_digits=2, decimal_places=1)
    tier = models.CharField(_("tier"), max_length=12, choices=tiers.CHOICES, db_index=True)
    scores = models.JSONField(_("scores"))
    # The plan and schemes the firm was shown (schemes.advice reads it).
    advice = models.JSONField(_("advice shown"), default=dict, blank=True)
    # Stored by generate_assessments for load tests and demos: never counted in benchmarks.
    generated = models.BooleanField(_("generated for tests"), default=False, editable=False)
    # Whether the firms' comparison counts this result; kept by benchmarks.membership.refresh(),
    # the one place that decides it, together with the counts it adds to.
    counts_in_benchmarks = models.BooleanField(
        _("counts in benchmarks"), default=False, editable=False
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        # For the advisors' admin at 100,000 rows: tiers counted by scope and size from the index
        # alone, and deep pages of the newest-first list found without reading whole rows.
        indexes = [
            models.Index(fields=["business_scope", "employee_band", "tier"], name="profile_tier"),
            models.Index(fields=["created_at", "id"], name="newest_first"),
        ]

    def __str__(self):
        # Never the company name: Django's admin log copies this text and keeps it.
        return _("Assessment #%(id)s of %(date)s") % {
            "id": self.pk,
            "date": timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M"),
        }

    def result_url(self) -> str:
        """The firm's private result page. Deliberately not get_absolute_url: Django's admin
        would then hand the link to any staff member ("view on site")."""
        return reverse("firms:result", kwargs={"token": self.token})

    @property
    def questionnaire(self) -> Questionnaire:
        return load(self.questionnaire_version)

    def profile_rows(self) -> list[tuple[str, str]]:
        """The company profile as (label, value) pairs in the reader's language."""
        q = self.questionnaire
        scope = q.scope(self.business_scope)
        band = q.band(self.employee_band)
        functions = {c.key: c.label for c in q.ai_functions}
        difficulties = {c.key: c.label for c in q.difficulties}
        none = gettext("None named")
        separator = pgettext("between the items of a list", ", ")
        rows = [
            (gettext("Company name"), self.company_name or gettext("Not given")),
            (gettext("Main business scope"), str(scope.label) if scope else self.business_scope),
        ]
        trade = q.trade_type(self.trade_type) if self.trade_type else None
        if trade:
            rows.append((gettext("Retail or wholesale"), str(trade.label)))
        if self.hk_production_line is not None:
            line = gettext("Yes") if self.hk_production_line else gettext("No")
            rows.append((gettext("Production line in Hong Kong"), line))
        return rows + [
            (gettext("Full-time employees"), str(band.label) if band else self.employee_band),
            (gettext("Listed company"), gettext("Yes") if self.listed else gettext("No")),
            (
                gettext("Functions already using AI"),
                separator.join(str(functions.get(k, k)) for k in self.ai_functions) or none,
            ),
            (
                gettext("Main difficulties"),
                separator.join(str(difficulties.get(k, k)) for k in self.difficulties) or none,
            ),
        ]

    @property
    def short_token(self) -> str:
        """Enough of the token to tell results apart in logs, never enough to open one."""
        return self.token[:6] + "…"


class PillarScore(models.Model):
    """One row per pillar, so the advisors' averages are plain SQL aggregates."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="pillar_scores"
    )
    pillar = models.CharField(max_length=40)
    score = models.DecimalField(max_digits=2, decimal_places=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "pillar"], name="one_score_per_pillar")
        ]
        indexes = [models.Index(fields=["pillar", "score"])]

    def __str__(self):
        return f"{self.pillar}: {self.score}"


class DifficultyMention(models.Model):
    """One row per difficulty a firm named, so the dashboard counts them with plain SQL on any
    database instead of unpacking JSON lists."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="difficulty_mentions"
    )
    difficulty = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "difficulty"], name="one_difficulty_mention"
            )
        ]
        indexes = [models.Index(fields=["difficulty"], name="difficulty_mentions")]

    def __str__(self):
        return self.difficulty
