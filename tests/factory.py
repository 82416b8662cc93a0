"""Tiny builders for tests: wizard answers, wizard runs through the test client, assessments."""

import secrets

from django.utils import translation

from readiness.assessments.models import Assessment
from readiness.content.questionnaire import current_questionnaire
from readiness.firms.submission import store_assessment
from readiness.firms.wizard import PREFIX

PROFILE = {
    "company_name": "Golden Dragon Kitchen",
    "business_scope": "food_beverage",
    "employee_band": "20-49",
    "listed": "no",
}


def questionnaire():
    return current_questionnaire()


def pillars():
    return questionnaire().pillars


def uniform_answers(value: int) -> dict[str, int]:
    return {key: value for key in questionnaire().questions}


def step_post(step: str, fields: dict) -> dict:
    data = {f"{PREFIX}-current_step": step}
    for name, value in fields.items():
        if isinstance(value, list | tuple):
            data[f"{step}-{name}"] = list(value)
        else:
            data[f"{step}-{name}"] = value
    return data


def pillar_fields(pillar, answers: dict[str, int]) -> dict:
    return {q.key: str(answers[q.key]) for q in pillar.questions if q.key in answers}


def post_step(client, step: str, fields: dict):
    return client.post(f"/assessment/{step}/", step_post(step, fields))


def answer_all_steps(client, answers: dict[str, int], profile: dict | None = None):
    """Post the profile and every pillar step; returns the last response (the review redirect)."""
    response = post_step(client, "profile", profile or PROFILE)
    assert response.status_code == 302, response.content[-2000:]
    for pillar in questionnaire().pillars:
        response = post_step(client, pillar.key, pillar_fields(pillar, answers))
        assert response.status_code == 302, response.content[-2000:]
    return response


def complete_wizard(
    client, answers: dict[str, int], profile: dict | None = None, contact: dict | None = None
) -> Assessment:
    """Run the whole wizard; the contact step is skipped unless contact details (with
    consent) are given."""
    answer_all_steps(client, answers, profile)
    response = post_step(client, "review", {})
    assert response.status_code == 302
    if contact is None:
        response = client.post("/assessment/contact/", {**step_post("contact", {}), "skip": "1"})
    else:
        response = post_step(client, "contact", {"consent": "on", **contact})
    assert response.status_code == 302, response.content[-2000:]
    response = client.get(response["Location"])
    assert response.status_code == 302, response
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    return Assessment.objects.get(token=token)


def make_assessment(
    answers: dict[str, int] | None = None, *, answered_on=None, **profile
) -> Assessment:
    """An assessment stored the way the wizard stores one (with its advice), without going
    through HTTP; `answered_on` an earlier questionnaire, the current one by default."""
    data = {
        "company_name": "",
        "business_scope": "food_beverage",
        "employee_band": "20-49",
        "listed": False,
        "ai_functions": [],
        "difficulties": [],
    }
    data.update(profile)
    return store_assessment(
        questionnaire=answered_on or questionnaire(),
        submission_key=secrets.token_urlsafe(16),
        language="en",
        profile=data,
        answers=answers or uniform_answers(3),
    )


def in_chinese(text) -> str:
    """A lazily translated string (a tier's name, say) as the Chinese pages print it."""
    with translation.override("zh-hant"):
        return str(text)
