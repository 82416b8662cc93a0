"""Storing a finished assessment: scored, matched to the catalogue and stored with what the
firm asked for, all in one transaction."""

from django.db import transaction

from readiness.advisors.models import FollowUp
from readiness.advisors.notifications import notify_advisors
from readiness.assessments import scoring
from readiness.assessments.models import Assessment
from readiness.benchmarks import membership
from readiness.content.questionnaire import Questionnaire
from readiness.reports.tasks import prerender_report
from readiness.schemes.matching import FirmScores
from readiness.schemes.models import Scheme


def store_assessment(
    *,
    questionnaire: Questionnaire,
    submission_key: str,
    language: str,
    profile: dict,
    answers: dict,
    contact: dict | None = None,
    address: str | None = None,
) -> Assessment:
    """The assessment of one wizard run: stored once however often its last step is requested
    (the submission key), with the advice the firm is shown and, given consent, its request to
    be contacted, counted in the firms' comparison unless its address (the client's IP) has
    already had its day's share (benchmarks.membership.admit). All or nothing."""
    scores = FirmScores.of(scoring.score(questionnaire, answers), answers)
    with transaction.atomic():
        advice = Scheme.objects.advise(questionnaire, profile, scores)
        assessment, created = Assessment.objects.record(
            questionnaire=questionnaire,
            submission_key=submission_key,
            language=language,
            profile=profile,
            answers=answers,
            advice=advice.as_snapshot(),
        )
        if created and contact:
            followup = FollowUp.objects.request(assessment, contact)
            after_follow_up_request(followup)
        if created:
            membership.admit(assessment, address)
            # In the result page's language: the one the firm is most likely to download.
            transaction.on_commit(
                lambda: prerender_report.enqueue(assessment.pk, language), robust=True
            )
    return assessment


def submit_follow_up(assessment: Assessment, details: dict):
    """A firm asks for an HKPC advisor from its result page; None when it already had."""
    followup = FollowUp.objects.request(assessment, details)
    after_follow_up_request(followup)
    return followup


def after_follow_up_request(followup) -> None:
    """Tell the advisors, once the request is stored: a mail that cannot be queued is logged
    (robust) and never undoes the request."""
    if followup is not None:
        transaction.on_commit(lambda: notify_advisors(followup), robust=True)
