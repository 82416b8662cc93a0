"""A database error in the middle of saving leaves nothing half-written, shows the friendly
error page, and the next request works."""

from decimal import Decimal

import pytest
from django.db import DatabaseError
from django.test import Client

from readiness.advisors.models import Contact, FollowUp
from readiness.assessments.models import Assessment, DifficultyMention, PillarScore
from tests.factory import PROFILE, answer_all_steps, post_step, uniform_answers

CONTACT = {"consent": "on", "name": "Chan Tai Man", "email": "tm.chan@example.com.hk"}


def fail(*args, **kwargs):
    raise DatabaseError("could not write block 4711 of relation 16384")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "failing_write",
    [
        (PillarScore, "bulk_create"),  # right after the assessment row
        (Contact, "update_or_create"),  # the very last write, after the follow-up
    ],
    ids=["pillar scores", "follow-up"],
)
def test_a_database_error_mid_save_leaves_nothing_and_the_retry_works(failing_write, monkeypatch):
    model, method = failing_write
    client = Client(raise_request_exception=False)
    answer_all_steps(client, uniform_answers(4), {**PROFILE, "difficulties": ["lack_of_funds"]})
    post_step(client, "review", {})
    assert post_step(client, "contact", CONTACT)["Location"] == "/assessment/done/"

    monkeypatch.setattr(model.objects, method, fail)
    response = client.get("/assessment/done/")

    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "4711" not in page and "DatabaseError" not in page
    for stored in [Assessment, PillarScore, Contact, FollowUp, DifficultyMention]:
        assert stored.objects.count() == 0, stored

    monkeypatch.undo()
    retry = client.get("/assessment/done/")

    assert retry.status_code == 302
    assessment = Assessment.objects.get()
    assert retry["Location"] == assessment.result_url()
    assert assessment.overall_score == Decimal("4.0")
    assert PillarScore.objects.filter(assessment=assessment).count() == 5
    assert Contact.objects.get(assessment=assessment).name == "Chan Tai Man"
    assert FollowUp.objects.filter(assessment=assessment).count() == 1
    assert client.get(retry["Location"]).status_code == 200
