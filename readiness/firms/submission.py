"""Storing a finished assessment: scored, matched to the catalogue and stored with what the
firm asked for, all in one transaction."""

from django.db import transaction

from readiness.advisors.models import FollowUp
from readiness.assessments import scoring
from readiness.assessments.models import Assessment
from readiness.content.questionnaire import Questionnaire
from readiness.schemes.models import Scheme


def store_assessment(
    *,
    questionnaire: Questionnaire,
    submission_key: str,
    language: str,
    profile: dict,
    answers: dict,
    contact: dict | None = None,
) -> Assessment:
    """The assessment of one wizard run: stored once however often its last step is requested
    (the submission key), with the advice the firm is shown and, given consent, its request to
    be contacted. All or nothing."""
    result = scoring.score(questionnaire, answers)
    with transaction.atomic():
        match = Scheme.objects.recommend(questionnaire, profile, result.tier, result.as_strings())
        assessment, created = Assessment.objects.record(
            questionnaire=questionnaire,
            submission_key=submission_key,
            language=language,
            profile=profile,
            answers=answers,
            recommendations=match.recommendations,
            dimension_advice=match.dimension_advice,
        )
        if created and contact:
            FollowUp.objects.request(assessment, contact)
    return assessment
