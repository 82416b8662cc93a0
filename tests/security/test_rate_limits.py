"""Rate limits on starting assessments and on PDF rendering, per client, with a friendly 429."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from readiness.reports.models import ReportFile
from readiness.reports.rendering import report_version
from readiness.security.clients import client_ip
from readiness.security.ratelimit import Rate, hit, parse_rate
from tests.factory import PROFILE, complete_wizard, make_assessment, post_step, uniform_answers


def start(client):
    """The first answer of a new wizard run."""
    client.get("/assessment/?reset")
    return post_step(client, "profile", PROFILE)


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("30/h", Rate(30, 3600)),
        ("5/10m", Rate(5, 600)),
        ("1/s", Rate(1, 1)),
        (" 100 / d ", Rate(100, 86400)),
        ("", None),
        ("off", None),
    ],
)
def test_it_reads_rates_like(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["30", "30/hour", "thirty/h", "30/h/2", "-1/h"])
def test_it_refuses_malformed_rates(text):
    with pytest.raises(ImproperlyConfigured):
        parse_rate(text)


@pytest.mark.django_db
def test_a_window_allows_exactly_the_count_then_says_how_long_to_wait():
    rate = Rate(3, 60)
    now = 6000.0 + 15  # 15 s into a window of 60 s

    verdicts = [hit("test", "192.0.2.1", rate, now=now) for _ in range(4)]

    assert verdicts == [None, None, None, 45]
    assert hit("test", "192.0.2.2", rate, now=now) is None  # another client has its own count
    assert hit("test", "192.0.2.1", rate, now=6060.0) is None  # the next window starts afresh


@pytest.mark.django_db
def test_starting_too_many_assessments_gets_the_friendly_429(settings):
    settings.RATE_LIMIT_ASSESSMENT_STARTS = "2/h"
    client = Client()

    assert start(client).status_code == 302
    assert start(client).status_code == 302
    response = start(client)

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "Please wait a moment" in response.content.decode()
    # Another client is not affected.
    assert start(Client(REMOTE_ADDR="192.0.2.77")).status_code == 302


@pytest.mark.django_db
def test_going_back_and_forth_and_correcting_mistakes_never_counts_as_a_new_start(settings):
    settings.RATE_LIMIT_ASSESSMENT_STARTS = "1/h"
    client = Client()
    client.get("/assessment/")
    assert post_step(client, "profile", {"company_name": "x"}).status_code == 200  # errors
    assert post_step(client, "profile", PROFILE).status_code == 302
    response = client.post(
        "/assessment/profile/",
        {"assessment-current_step": "profile", "wizard_goto_step": "profile"},
    )
    assert response.status_code == 302

    for _ in range(3):
        assert post_step(client, "profile", PROFILE).status_code == 302

    assert start(client).status_code == 429


@pytest.mark.django_db
def test_a_finished_assessment_is_one_start(settings):
    settings.RATE_LIMIT_ASSESSMENT_STARTS = "2/h"
    client = Client()

    complete_wizard(client, uniform_answers(3))
    complete_wizard(client, uniform_answers(4))

    assert post_step(client, "profile", PROFILE).status_code == 429


@pytest.mark.django_db
def test_pdf_downloads_are_limited_per_client(settings):
    settings.RATE_LIMIT_PDF = "1/h"
    assessment = make_assessment()
    # A stored render, so this test measures the limit, not WeasyPrint.
    ReportFile.objects.create(
        assessment=assessment, language="en", version=report_version(assessment), pdf=b"%PDF-1.7"
    )
    url = f"/result/{assessment.token}/report.pdf"
    client = Client()

    assert client.get(url).content == b"%PDF-1.7"
    response = client.get(url)

    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert "Please wait a moment" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    # The result page itself is never limited.
    assert client.get(assessment.result_url()).status_code == 200


@pytest.mark.django_db
def test_guessing_pdf_links_counts_too(settings):
    settings.RATE_LIMIT_PDF = "2/h"
    client = Client()

    statuses = [client.get(f"/result/{'A' * 43}/report.pdf").status_code for _ in range(3)]

    assert statuses == [404, 404, 429]


@pytest.mark.django_db
def test_limits_can_be_switched_off(settings):
    settings.RATE_LIMIT_ASSESSMENT_STARTS = "off"
    client = Client()

    assert [start(client).status_code for _ in range(40)] == [302] * 40


def request_from(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_declared_proxies_a_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_declared_proxies_the_address_they_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/8"]
    # The client typed the first address itself; our proxy appended the second.
    request = request_from("10.0.0.2", "1.2.3.4, 198.51.100.7")

    assert client_ip(request) == "198.51.100.7"


def test_two_proxies_read_the_second_address_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.2"]

    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.1")) == (
        "198.51.100.7"
    )


def test_a_forwarded_header_typed_straight_at_an_app_server_is_ignored(settings):
    # gunicorn reachable directly: the header claims another client each time, but the peer is
    # not one of our proxies, so the peer is what counts.
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/8"]

    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"
    assert client_ip(request_from("203.0.113.9", "198.51.100.2")) == "203.0.113.9"


def test_a_request_that_bypassed_the_proxies_counts_against_its_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_ip(request_from("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_a_request_without_a_peer_has_no_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(request_from("")) is None
