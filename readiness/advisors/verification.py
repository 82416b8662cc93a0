"""Answers an advisor checked on a visit, and the score they give: the firm's own answers with
the verified levels in their place, scored by the same contract (readiness.assessments.scoring)
as the self-assessment. The self-assessed result is never changed."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from readiness.advisors.models import AnswerVerification
from readiness.assessments import scoring


@dataclass(frozen=True)
class VerifiedScore:
    overall: Decimal
    tier: str
    questions: int  # how many answers were checked
    changed: int  # how many of them the advisor corrected


def verified_score(assessment, verifications) -> VerifiedScore | None:
    """The score with every checked answer at its verified level, or None while no answer has
    been checked (or the stored answers no longer fit their questionnaire)."""
    checked = {v.question: v.value for v in verifications}
    if not checked:
        return None
    answers = {**assessment.answers, **checked}
    try:
        result = scoring.score(assessment.questionnaire, answers)
    except scoring.ScoringError:
        return None
    changed = sum(1 for key, value in checked.items() if assessment.answers.get(key) != value)
    return VerifiedScore(result.overall_displayed, result.tier, len(checked), changed)


class VerifyAnswersForm(forms.Form):
    """One choice per question: not checked, or the level the advisor found."""

    NOT_CHECKED = ""

    def __init__(self, assessment, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        self.existing = {v.question: v for v in assessment.verifications.all()}
        for question in assessment.questionnaire.questions.values():
            firm = assessment.answers.get(question.key)
            choices = [(self.NOT_CHECKED, _("Not checked"))]
            for value in question.values:
                label = f"{value} · {question.option(value)}"
                if value == firm:
                    label = _("%(level)s (the firm's answer)") % {"level": label}
                choices.append((str(value), label))
            found = self.existing.get(question.key)
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(found.value) if found else self.NOT_CHECKED,
            )

    def save(self, user) -> int:
        """Record the changed checks under `user` and now; returns how many changed. A check
        set back to "not checked" is removed."""
        now = timezone.now()
        saved = 0
        with transaction.atomic():
            for key, value in self.cleaned_data.items():
                found = self.existing.get(key)
                if value is None:
                    if found:
                        found.delete()
                        saved += 1
                    continue
                if found and found.value == value:
                    continue
                AnswerVerification.objects.update_or_create(
                    assessment=self.assessment,
                    question=key,
                    defaults={"value": value, "verified_by": user, "verified_at": now},
                )
                saved += 1
        return saved
