"""What moved between two assessments of one firm, exactly."""

from dataclasses import replace
from decimal import Decimal

import pytest

from readiness.content.questionnaire import load
from readiness.workspaces.pages import on_result_page
from readiness.workspaces.progress import Taken, compare
from tests.workspaces.helpers import AFTER, BEFORE, workspace_with

pytestmark = pytest.mark.django_db
D = Decimal


def changes(items):
    return {c.key: (c.before, c.after, c.direction, c.by) for c in items}


def test_two_assessments_show_exactly_what_moved():
    workspace = workspace_with(BEFORE, AFTER)
    before, after = workspace.assessments()
    progress = compare(Taken.of(before), Taken.of(after))

    assert (progress.overall.before, progress.overall.after) == (D("2.6"), D("3.6"))
    assert (progress.overall.direction, progress.overall.by) == ("up", D("1.0"))
    assert (progress.tier_before, progress.tier_after, progress.tier_direction) == (
        "aware",
        "ready",
        "up",
    )
    assert changes(progress.pillars) == {
        "organisation": (D("2.7"), D("4.2"), "up", D("1.5")),
        "business_value": (D("2.3"), D("2.8"), "up", D("0.5")),
        "data": (D("2.3"), D("3.2"), "up", D("0.9")),
        "infrastructure": (D("3.0"), D("4.0"), "up", D("1.0")),
        "governance": (D("3.0"), D("4.0"), "up", D("1.0")),
    }
    dims = changes(progress.dimensions)
    assert len(dims) == 12
    assert dims["leadership"] == (D("2.0"), D("4.5"), "up", D("2.5"))
    assert dims["use_cases"] == (D("1.5"), D("1.5"), "same", D("0.0"))
    assert dims["data_quality"] == (D("1.0"), D("1.5"), "up", D("0.5"))
    assert dims["culture"] == (D("3.0"), D("4.0"), "up", D("1.0"))
    # The previous plan's three priorities, weakest first as the firm was shown them.
    assert [(c.key, c.direction) for c in progress.priorities] == [
        ("data_quality", "up"),
        ("use_cases", "same"),
        ("leadership", "up"),
    ]
    assert [c.key for c in progress.improved_priorities] == ["data_quality", "leadership"]
    assert progress.left_out == [] and not progress.versions_differ


def test_going_down_is_shown_as_down():
    workspace = workspace_with(AFTER, BEFORE)
    before, after = workspace.assessments()
    progress = compare(Taken.of(before), Taken.of(after))
    assert (progress.overall.direction, progress.overall.by) == ("down", D("1.0"))
    assert progress.tier_direction == "down"


def test_only_dimensions_in_both_versions_are_compared_and_they_alone_make_the_overall():
    q = load("2026.2")
    governance = q.pillar_map["governance"]
    without_privacy = replace(
        q,
        version="2027.1",
        pillars=tuple(
            replace(p, dimensions=tuple(d for d in p.dimensions if d.key != "privacy_risk"))
            if p is governance
            else p
            for p in q.pillars
        ),
    )
    before = Taken(q, BEFORE, "aware", ())
    after_answers = {k: v for k, v in AFTER.items() if k in without_privacy.questions}
    after = Taken(without_privacy, after_answers, "ready", ())
    progress = compare(before, after)
    assert progress.versions_differ
    assert progress.left_out_keys == ("privacy_risk",)
    assert "privacy_risk" not in {c.key for c in progress.dimensions}
    # Eleven dimensions: before 28.5 / 11 = 2.59 -> 2.6; after 39.5 / 11 = 3.59 -> 3.6.
    assert (progress.overall.before, progress.overall.after) == (D("2.6"), D("3.6"))
    governance_change = next(c for c in progress.pillars if c.key == "governance")
    assert (governance_change.before, governance_change.after) == (D("3.0"), D("4.0"))


def test_the_new_result_page_shows_the_change_since_the_previous_one(client):
    workspace = workspace_with(BEFORE, AFTER)
    first, second = workspace.assessments()
    html = client.get(second.result_url()).content.decode()
    assert "Your progress since" in html
    assert "2.6 → 3.6" in html
    assert "You moved up a tier: from AI Aware to AI Ready." in html
    assert "Last time's priorities" in html
    # The first result has nothing before it.
    assert "Your progress since" not in client.get(first.result_url()).content.decode()
    assert on_result_page(first)["progress"] is None


def test_a_result_from_an_older_questionnaire_says_what_is_compared(client):
    from readiness.firms.submission import store_assessment

    old = store_assessment(
        questionnaire=load("2026.1"),
        submission_key="old-version-run",
        language="en",
        profile={
            "business_scope": "food_beverage",
            "employee_band": "20-49",
            "listed": False,
        },
        answers=BEFORE,
    )
    workspace = workspace_with(AFTER)
    workspace.add(old)
    old.created_at = workspace.assessments().last().created_at.replace(year=2025)
    old.save(update_fields=["created_at"])
    newest = workspace.assessments().last()
    html = client.get(newest.result_url()).content.decode()
    assert (
        "The two assessments used different questionnaire versions (2026.1 and 2026.2): "
        "only the dimensions present in both are compared."
    ) in html
