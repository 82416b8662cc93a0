"""Realistic synthetic assessments for load tests and demos: Hong Kong-like spreads of business
scope and size, answers correlated within a firm, more submissions in recent months."""

import datetime
import random
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from readiness.advisors.models import STEP_DATES, ClosingReason, Contact, FollowUp, FollowUpStatus
from readiness.assessments import scoring
from readiness.assessments.models import Assessment, DifficultyMention, PillarScore
from readiness.content.questionnaire import Questionnaire, current_questionnaire

# Every synthetic row's submission key starts with this, so they can be found and removed.
KEY_PREFIX = "synthetic-"

SCOPE_WEIGHTS = {
    "trade_wholesale_retail": 28,
    "professional_services": 12,
    "food_beverage": 9,
    "logistics_transport": 7,
    "telecom_it": 7,
    "finance_insurance": 6,
    "construction": 5,
    "admin_support_services": 5,
    "manufacturing": 4,
    "real_estate": 4,
    "education_training": 4,
    "other": 3,
    "accommodation_tourism": 2,
    "medical_health": 2,
    "care_social_ngo": 2,
    "arts_culture_creative": 2,
    "water_waste": 0.5,
    "utilities_power": 0.3,
    "public_administration": 0.2,
    "government": 0.2,
}
# How much more (or less) ready a sector tends to be than the average firm.
SCOPE_LIFT = {
    "telecom_it": 0.7,
    "finance_insurance": 0.45,
    "professional_services": 0.2,
    "medical_health": 0.15,
    "food_beverage": -0.25,
    "construction": -0.25,
    "care_social_ngo": -0.3,
    "accommodation_tourism": -0.1,
}
BAND_WEIGHTS = {
    "1-5": 45,
    "6-9": 18,
    "10-19": 15,
    "20-49": 11,
    "50-99": 6,
    "100-199": 3,
    "200-499": 1.5,
    "500+": 0.5,
}
PILLAR_LIFT = {"governance": -0.25, "infrastructure": 0.15, "business_value": -0.1}
DIFFICULTY_WEIGHTS = {
    "lack_of_talent": 20,
    "lack_of_funds": 18,
    "data_quality": 14,
    "data_privacy": 12,
    "choosing_solution": 12,
    "pilot_to_production": 8,
    "regulation": 6,
    "explaining_results": 5,
    "computing_resources": 4,
    "ethics": 3,
    "other": 1,
}
FUNCTION_WEIGHTS = {
    "marketing": 20,
    "customer_service": 18,
    "admin_support": 15,
    "operations": 12,
    "finance": 8,
    "corporate_communications": 8,
    "human_resources": 6,
    "rnd": 6,
    "legal": 3,
    "other": 2,
}
MONTHS_BACK = 24
FOLLOW_UP_RATE = 0.12


@dataclass
class Firm:
    assessment: Assessment
    pillar_scores: dict
    difficulties: list
    wants_follow_up: bool


REPEAT_RATE = 0.15


def _pick(rng: random.Random, weights: dict, choices) -> str:
    keys = [c for c in weights if c in choices]
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _sample(rng: random.Random, weights: dict, count: int) -> list[str]:
    pool = dict(weights)
    picked = []
    for _ in range(min(count, len(pool))):
        key = rng.choices(list(pool), weights=list(pool.values()))[0]
        picked.append(key)
        del pool[key]
    return picked


def _submitted_at(rng: random.Random, now: datetime.datetime) -> datetime.datetime:
    # Linear growth: a recent day is about three times as likely as one two years ago.
    days = MONTHS_BACK * 30.4
    back = days * (1 - (1 - rng.random()) ** 0.6)
    moment = now - datetime.timedelta(days=back)
    local = timezone.localtime(moment)
    return local.replace(hour=rng.randint(8, 22), minute=rng.randint(0, 59), second=0)


def firm(rng: random.Random, q: Questionnaire, number: int, now) -> Firm:
    """One synthetic firm's assessment (unsaved) and the rows stored beside it."""
    scope = _pick(rng, SCOPE_WEIGHTS, {c.key for c in q.business_scopes})
    band = _pick(rng, BAND_WEIGHTS, {c.key for c in q.employee_bands})
    band_index = [c.key for c in q.employee_bands].index(band)
    readiness = 2.2 + 0.18 * band_index + SCOPE_LIFT.get(scope, 0) + rng.gauss(0, 0.65)
    answers = {}
    for pillar in q.pillars:
        level = readiness + PILLAR_LIFT.get(pillar.key, 0) + rng.gauss(0, 0.35)
        for question in pillar.questions:
            answers[question.key] = min(5, max(1, round(level + rng.gauss(0, 0.55))))
    result = scoring.score(q, answers)
    difficulties = _sample(
        rng, DIFFICULTY_WEIGHTS, rng.choices([0, 1, 2, 3, 4], [10, 30, 35, 20, 5])[0]
    )
    if readiness < 2.0 or rng.random() < 0.15:
        functions = ["none"]
    else:
        functions = _sample(rng, FUNCTION_WEIGHTS, rng.randint(1, 4))
    named = rng.random() < 0.6
    assessment = Assessment(
        submission_key=f"{KEY_PREFIX}{secrets.token_urlsafe(12)}",
        generated=True,
        created_at=_submitted_at(rng, now),
        questionnaire_version=q.version,
        language="zh-hant" if rng.random() < 0.55 else "en",
        company_name=f"Synthetic Trading {number} Ltd" if named else "",
        business_scope=scope,
        employee_band=band,
        listed=band_index >= 5 and rng.random() < 0.1,
        ai_functions=functions,
        difficulties=difficulties,
        answers=answers,
        overall_score=result.overall_displayed,
        tier=result.tier,
        scores=result.as_strings(),
    )
    return Firm(
        assessment=assessment,
        pillar_scores={k: scoring.displayed(v) for k, v in result.pillars.items()},
        difficulties=difficulties,
        wants_follow_up=rng.random() < FOLLOW_UP_RATE,
    )


def _status(rng: random.Random, age: datetime.timedelta) -> str:
    if age < datetime.timedelta(days=7):
        return rng.choice([FollowUpStatus.NEW] * 3 + [FollowUpStatus.CONTACTED])
    # new, contacted, meeting booked, supported, closed
    weights = [5, 25, 20, 20, 30] if age < datetime.timedelta(days=60) else [1, 8, 6, 30, 55]
    return rng.choices(FollowUpStatus.values, weights=weights)[0]


def _same_firm(rng: random.Random, pk: int) -> int:
    """Mostly the firm's own number; sometimes an earlier firm's, which assessed again."""
    return max(1, pk - rng.randint(1, 400)) if rng.random() < REPEAT_RATE else pk


def _followup(rng: random.Random, assessment, now, advisors) -> FollowUp:
    """A request with its steps dated a few days apart, never later than now."""
    followup = FollowUp(
        assessment=assessment,
        requested_at=assessment.created_at,
        status=_status(rng, now - assessment.created_at),
        assigned_to=rng.choice(advisors) if advisors and rng.random() < 0.8 else None,
    )
    if followup.status == FollowUpStatus.CLOSED:
        followup.closing_reason = rng.choice(ClosingReason.values)
    moment = assessment.created_at
    for status in FollowUpStatus.values[1 : FollowUpStatus.values.index(followup.status) + 1]:
        moment = min(moment + datetime.timedelta(days=rng.uniform(0.5, 9)), now)
        setattr(followup, STEP_DATES[status], moment)
    return followup


def generate(count: int, *, seed: int | None = None, batch_size: int = 1000, advisors=()) -> int:
    """Store `count` synthetic assessments in batches; returns how many were stored."""
    rng = random.Random(seed)
    q = current_questionnaire()
    now = timezone.now()
    advisors = list(advisors)
    stored = 0
    while stored < count:
        size = min(batch_size, count - stored)
        firms = [firm(rng, q, stored + i + 1, now) for i in range(size)]
        with transaction.atomic():
            Assessment.objects.bulk_create([f.assessment for f in firms])
            PillarScore.objects.bulk_create(
                PillarScore(assessment=f.assessment, pillar=key, score=value)
                for f in firms
                for key, value in f.pillar_scores.items()
            )
            DifficultyMention.objects.bulk_create(
                DifficultyMention(assessment=f.assessment, difficulty=key)
                for f in firms
                for key in f.difficulties
            )
            asking = [f for f in firms if f.wants_follow_up]
            Contact.objects.bulk_create(
                Contact(
                    assessment=f.assessment,
                    name=f"Synthetic Contact {f.assessment.pk}",
                    email=f"contact{_same_firm(rng, f.assessment.pk)}@example.com",
                    phone=f"+852 9{rng.randint(0, 999):03d} {rng.randint(0, 9999):04d}",
                    company_name=f.assessment.company_name,
                    consented_at=f.assessment.created_at,
                )
                for f in asking
            )
            FollowUp.objects.bulk_create(
                _followup(rng, f.assessment, now, advisors) for f in asking
            )
        stored += size
    return stored


def allowed() -> bool:
    """Synthetic data never goes into a production database."""
    return bool(settings.DEBUG)
