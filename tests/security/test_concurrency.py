"""Concurrency against a live server on PostgreSQL: assessments completed in parallel are all
stored, once each, with the right scores. SQLite serialises writers, so there it is skipped."""

import http.cookiejar
import re
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.conf import settings

from readiness.assessments.models import Assessment, PillarScore
from tests.factory import PROFILE, questionnaire, step_post

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (DATABASE_URL=postgres://...): SQLite locks on parallel writes",
    ),
    pytest.mark.django_db(transaction=True),
]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TIERS = {1: "unaware", 2: "unaware", 3: "aware", 4: "ready", 5: "competent"}
PARALLEL = 50


class Browser:
    """One visitor: its own cookies, following redirects like a browser."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.csrf = ""

    def get(self, path):
        with self.opener.open(self.base_url + path, timeout=60) as response:
            return self._read(response)

    def post(self, path, data):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf}, doseq=True)
        with self.opener.open(self.base_url + path, body.encode(), timeout=60) as response:
            return self._read(response)

    def _read(self, response):
        page = response.read().decode()
        if match := CSRF.search(page):
            self.csrf = match.group(1)
        return response.status, urllib.parse.urlsplit(response.url).path


def complete(base_url, number):
    value = number % 5 + 1
    browser = Browser(base_url)
    browser.get("/assessment/?reset")
    profile = {**PROFILE, "company_name": f"Parallel firm {number:02d}"}
    browser.post("/assessment/profile/", step_post("profile", profile))
    for pillar in questionnaire().pillars:
        answers = {q.key: str(value) for q in pillar.questions}
        browser.post(f"/assessment/{pillar.key}/", step_post(pillar.key, answers))
    browser.post("/assessment/review/", step_post("review", {}))
    status, path = browser.post("/assessment/contact/", {**step_post("contact", {}), "skip": "1"})
    return number, value, status, path


@pytest.fixture
def base_url(live_server, settings):
    settings.RATE_LIMIT_ASSESSMENT_STARTS = "off"  # fifty starts from one address
    return live_server.url


def test_fifty_assessments_completed_in_parallel_are_fifty_stored_with_correct_scores(base_url):
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        runs = list(pool.map(lambda n: complete(base_url, n), range(PARALLEL)))

    assert Assessment.objects.count() == PARALLEL
    assert PillarScore.objects.count() == PARALLEL * len(questionnaire().pillars)
    for number, value, status, path in runs:
        assert status == 200
        assessment = Assessment.objects.get(company_name=f"Parallel firm {number:02d}")
        assert path == assessment.result_url()
        assert assessment.overall_score == Decimal(value)
        assert assessment.tier == TIERS[value]
        assert set(assessment.pillar_scores.values_list("score", flat=True)) == {Decimal(value)}


def test_posting_the_last_step_from_ten_tabs_at_once_stores_one_assessment(base_url):
    browser = Browser(base_url)
    browser.get("/assessment/")
    browser.post("/assessment/profile/", step_post("profile", PROFILE))
    for pillar in questionnaire().pillars:
        answers = {q.key: "3" for q in pillar.questions}
        browser.post(f"/assessment/{pillar.key}/", step_post(pillar.key, answers))
    browser.post("/assessment/review/", step_post("review", {}))
    skip = {**step_post("contact", {}), "skip": "1"}

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda _: browser.post("/assessment/contact/", skip), range(10)))

    assert Assessment.objects.count() == 1
    assert PillarScore.objects.count() == len(questionnaire().pillars)
    token = Assessment.objects.get().token
    assert {path for _status, path in results} == {f"/result/{token}/"}
