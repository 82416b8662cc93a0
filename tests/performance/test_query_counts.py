"""Database queries per page, exactly: a page must not start costing more queries as questions
are added or as assessments pile up. SAVEPOINT/RELEASE pairs count too (the test runs inside a
transaction, so each atomic block shows as two); a session write is SAVEPOINT, UPDATE, RELEASE.
"""

import os
import uuid

import pytest
from django.test import Client

from tests.factory import (
    PROFILE,
    answer_all_steps,
    make_assessment,
    pillar_fields,
    post_step,
    questionnaire,
    step_post,
    uniform_answers,
)

pytestmark = pytest.mark.django_db

SESSION_READ = 1
SESSION_WRITE = 3  # SAVEPOINT, UPDATE django_session, RELEASE
# A new session key at the start and at the end of an assessment: the new key's existence check,
# its INSERT (with its savepoint pair), then the old row looked up and deleted.
SESSION_CYCLE = 6
# The first start of a window for the default two rates (an hour, a day), in one savepoint
# pair: for each rate an UPDATE that finds no row, the row's INSERT in a savepoint pair, and the
# DELETE of finished windows.
RATE_LIMIT_HIT = 12
# Counting a new assessment in the comparison: forget earlier days' address counts, count this
# address today, flip the assessment's flag, add to its cohort counts.
BENCHMARK_ADMISSION = 4
# The comparison on a result page: every cohort's size, then the chosen cohort's counts (none
# when fewer than 10 firms count in all).
COMPARISON_SIZES = 1
COMPARISON_COUNTS = 1


def skip_contact(client):
    return client.post("/assessment/contact/", {**step_post("contact", {}), "skip": "1"})


def finished(client):
    """A wizard with every step answered and the optional contact step skipped."""
    answer_all_steps(client, uniform_answers(3))
    post_step(client, "review", {})
    skip_contact(client)


def result_url(client) -> str:
    finished(client)
    response = client.get("/assessment/done/")
    assert response.status_code == 302
    return response["Location"]


def test_home_page_needs_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200


def test_profile_step_reads_the_session_once_and_never_writes_it_on_a_revisit(
    client, django_assert_num_queries
):
    client.get("/assessment/")
    client.get("/assessment/profile/")
    with django_assert_num_queries(SESSION_READ):
        assert client.get("/assessment/profile/").status_code == 200


def test_profile_step_post_reads_and_writes_the_session(client, django_assert_num_queries):
    client.get("/assessment/profile/")
    # The first answer starts an assessment: it is counted against the limit on starts.
    with django_assert_num_queries(SESSION_READ + RATE_LIMIT_HIT + SESSION_CYCLE + SESSION_WRITE):
        assert post_step(client, "profile", PROFILE).status_code == 302


def test_every_pillar_step_costs_the_same_whatever_its_number_of_questions(
    client, django_assert_num_queries
):
    pillars = questionnaire().pillars
    # The pillars really differ in size, so equal counts show no per-question query.
    assert len({len(list(p.questions)) for p in pillars}) > 1
    answers = uniform_answers(3)
    post_step(client, "profile", PROFILE)
    for pillar in pillars:
        with django_assert_num_queries(SESSION_READ):
            assert client.get(f"/assessment/{pillar.key}/").status_code == 200
        with django_assert_num_queries(SESSION_READ + SESSION_WRITE):
            response = post_step(client, pillar.key, pillar_fields(pillar, answers))
            assert response.status_code == 302


def test_review_step_reads_the_session_once(client, django_assert_num_queries):
    answer_all_steps(client, uniform_answers(4))
    with django_assert_num_queries(SESSION_READ):
        assert client.get("/assessment/review/").status_code == 200
    with django_assert_num_queries(SESSION_READ + SESSION_WRITE):
        assert post_step(client, "review", {}).status_code == 302


def test_done_step_stores_the_assessment_in_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    for _ in range(5):
        make_assessment()
    finished(client)
    # Session read; one transaction (savepoint pair) around: the scheme list, and the
    # assessment's own transaction (a savepoint pair) with the idempotency look-up, the
    # assessment insert (its own savepoint pair) and one bulk insert of the pillar scores; then
    # a new session key and the session write.
    with django_assert_num_queries(
        SESSION_READ + 10 + BENCHMARK_ADMISSION + SESSION_CYCLE + SESSION_WRITE
    ):
        assert client.get("/assessment/done/").status_code == 302


@pytest.mark.parametrize(
    ("stored", "comparison"), [(0, COMPARISON_SIZES), (25, COMPARISON_SIZES + COMPARISON_COUNTS)]
)
def test_result_page_is_one_query_and_the_comparison_however_many_assessments_are_stored(
    client, django_assert_num_queries, stored, comparison
):
    url = result_url(client)
    for _ in range(stored):
        make_assessment()
    with django_assert_num_queries(1 + comparison):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("stored", "comparison"), [(0, COMPARISON_SIZES), (25, COMPARISON_SIZES + COMPARISON_COUNTS)]
)
def test_result_json_is_one_query_and_the_comparison_however_many_assessments_are_stored(
    client, django_assert_num_queries, stored, comparison
):
    url = result_url(client).rstrip("/") + ".json"
    for _ in range(stored):
        make_assessment()
    with django_assert_num_queries(1 + comparison):
        assert client.get(url).status_code == 200


REDIS_URL = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_sessions(settings):
    """The production set-up with REDIS_URL: the Redis cache and cached_db sessions. Redis must
    be there (CI starts it); a missing server fails the test rather than skipping it."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as e:
        pytest.fail(f"Redis is needed at {REDIS_URL} ({e}); start it or set TEST_REDIS_URL")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        },
    }
    settings.SESSION_ENGINE = "readiness.security.session_store"


def test_with_redis_sessions_showing_any_wizard_step_needs_no_sql_query(
    redis_sessions, django_assert_num_queries
):
    client = Client()  # made after the settings change, so its middleware uses cached_db
    post_step(client, "profile", PROFILE)
    pillars = questionnaire().pillars
    for pillar in pillars:
        with django_assert_num_queries(0):
            assert client.get(f"/assessment/{pillar.key}/").status_code == 200
        post_step(client, pillar.key, pillar_fields(pillar, uniform_answers(3)))
    with django_assert_num_queries(0):
        assert client.get("/assessment/review/").status_code == 200
    # Going back to the profile moves the wizard's current step (one write); showing it again
    # reads nothing from the database.
    client.get("/assessment/profile/")
    with django_assert_num_queries(0):
        assert client.get("/assessment/profile/").status_code == 200
