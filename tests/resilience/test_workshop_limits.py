"""The default limit on assessment starts lets a workshop in and keeps a script out: 60 firms on
a venue's one public address all start within the hour, while a loop starting assessments is
refused with the friendly 429 after a day's worth of workshops."""

from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError

import pytest
from django.conf import settings as project_settings
from django.test import Client

from readiness.security.ratelimit import Rate, check, parse_rates
from tests.factory import PROFILE, post_step, step_post
from tests.resilience.live import Site
from tests.security.test_concurrency import Browser

VENUE = "203.0.113.50"  # the one address a room on the venue's Wi-Fi shares
HOUR, DAY = 60 * 60, 24 * 60 * 60


def test_several_rates_are_read_from_one_setting():
    assert parse_rates("90/h, 240/d") == [Rate(90, HOUR), Rate(240, DAY)]
    assert parse_rates("off") == []
    assert parse_rates("") == []


@pytest.mark.django_db
def test_a_workshop_of_sixty_firms_on_one_address_all_start_with_the_default_limits():
    assert project_settings.RATE_LIMIT_ASSESSMENT_STARTS == "90/h,240/d"
    firms = [Client(REMOTE_ADDR=VENUE) for _ in range(60)]

    for firm in firms:
        firm.get("/assessment/")
    statuses = [post_step(firm, "profile", PROFILE).status_code for firm in firms]

    assert statuses == [302] * 60
    # A third of the room starting over (another run each) still gets in.
    for firm in firms[:20]:
        firm.get("/assessment/?reset")
        assert post_step(firm, "profile", PROFILE).status_code == 302


@pytest.mark.django_db
def test_a_script_starting_assessments_in_a_loop_gets_the_friendly_429():
    script = Client(REMOTE_ADDR="198.51.100.66")
    statuses = []
    for _ in range(95):
        script.get("/assessment/?reset")
        statuses.append(post_step(script, "profile", PROFILE).status_code)

    assert statuses == [302] * 90 + [429] * 5
    refused = post_step(script, "profile", PROFILE)
    assert "Please wait a moment" in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= HOUR
    # Another address is counted on its own.
    other = Client(REMOTE_ADDR="198.51.100.67")
    other.get("/assessment/")
    assert post_step(other, "profile", PROFILE).status_code == 302


@pytest.mark.django_db
def test_a_script_running_all_day_is_held_below_the_daily_rate():
    rates = parse_rates(project_settings.RATE_LIMIT_ASSESSMENT_STARTS)
    start_of_day = 20_000 * DAY
    allowed_per_hour = [0] * 24
    # A start every 30 seconds, all day, carrying on after every 429.
    for second in range(0, DAY, 30):
        if check("assessment-start", "198.51.100.66", rates, now=start_of_day + second) is None:
            allowed_per_hour[second // HOUR] += 1

    # Refused attempts count towards the day too, so a script that keeps trying is out of
    # its day's 240 after two hours; a workshop, never refused, could use all of it.
    assert allowed_per_hour == [90, 90] + [0] * 22


def test_starts_arriving_together_are_all_counted(tmp_path):
    # A real server (threads, its own database connections), thirty starts sent at once.
    site = Site(tmp_path, RATE_LIMIT_ASSESSMENT_STARTS="10/h")

    def start(_):
        browser = Browser(server.url)
        browser.get("/assessment/?reset")
        try:
            return browser.post("/assessment/profile/", step_post("profile", PROFILE))[0]
        except HTTPError as refused:
            return refused.code

    with site.start() as server, ThreadPoolExecutor(max_workers=30) as pool:
        statuses = list(pool.map(start, range(30)))

    assert sorted(statuses) == [200] * 10 + [429] * 20
