"""The embedded default (SQLite, `make run`) holds a room: firms finishing at the same moment
are all stored, and a firm's unfinished answers survive a restart of the server."""

import json
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest

from readiness.assessments import scoring
from tests.factory import PROFILE, questionnaire, step_post
from tests.resilience.live import Site
from tests.security.test_concurrency import TIERS, Browser, complete

PARALLEL = 50


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # The default limits, not switched off: fifty firms from one address is a workshop.
    return Site(tmp_path_factory.mktemp("sqlite-site"))


def test_fifty_firms_finishing_at_once_on_sqlite_are_fifty_stored_assessments(site):
    before = site.rows("SELECT count(*) FROM assessments_assessment")[0][0]

    with site.start() as server, ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        runs = list(pool.map(lambda n: complete(server.url, n), range(PARALLEL)))

    assert "database is locked" not in site.log.read_text()
    count = site.rows("SELECT count(*) FROM assessments_assessment")[0][0]
    assert count - before == PARALLEL
    for number, value, status, path in runs:
        assert status == 200
        [(token, overall, tier, pillars)] = site.rows(
            "SELECT token, overall_score, tier, (SELECT count(*) FROM assessments_pillarscore p"
            " WHERE p.assessment_id = a.id) FROM assessments_assessment a"
            " WHERE company_name = ?",
            f"Parallel firm {number:02d}",
        )
        assert path == f"/result/{token}/"
        assert Decimal(str(overall)) == Decimal(value)
        assert tier == TIERS[value]
        assert pillars == len(questionnaire().pillars)


def test_unfinished_answers_survive_a_restart_of_the_server(site):
    pillars = questionnaire().pillars
    # A different answer on each pillar, so a lost or mixed-up step would change the scores.
    answers = {q.key: index % 5 + 1 for index, p in enumerate(pillars) for q in p.questions}
    profile = {**PROFILE, "company_name": "Restart-proof Trading"}
    half = len(pillars) // 2

    with site.start() as first:
        browser = Browser(first.url)
        browser.get("/assessment/?reset")
        browser.post("/assessment/profile/", step_post("profile", profile))
        for pillar in pillars[:half]:
            fields = {q.key: str(answers[q.key]) for q in pillar.questions}
            status, path = browser.post(f"/assessment/{pillar.key}/", step_post(pillar.key, fields))
        assert (status, path) == (200, f"/assessment/{pillars[half].key}/")

    with site.start() as second:
        # The same browser (its cookies) against a new server process: nothing of the first
        # one's memory is left.
        browser.base_url = second.url
        assert browser.get("/assessment/review/") == (200, f"/assessment/{pillars[half].key}/")
        for pillar in pillars[half:]:
            fields = {q.key: str(answers[q.key]) for q in pillar.questions}
            browser.post(f"/assessment/{pillar.key}/", step_post(pillar.key, fields))
        browser.post("/assessment/review/", step_post("review", {}))
        status, path = browser.post(
            "/assessment/contact/", {**step_post("contact", {}), "skip": "1"}
        )

    [(token, stored_answers, overall, tier)] = site.rows(
        "SELECT token, answers, overall_score, tier FROM assessments_assessment"
        " WHERE company_name = ?",
        profile["company_name"],
    )
    assert (status, path) == (200, f"/result/{token}/")
    assert json.loads(stored_answers) == answers
    expected = scoring.score(questionnaire(), answers)
    assert Decimal(str(overall)) == expected.overall_displayed
    assert tier == expected.tier
