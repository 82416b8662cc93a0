"""Scheme facts go stale: a command lists them and the admin marks them."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from readiness.schemes.models import Scheme

CHANGELIST = "/admin/schemes/scheme/"


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def aged(catalogue):
    """NITTP checked 120 days ago, ESS 91, BUD exactly 90, everything else today."""
    catalogue.update(last_verified=days_ago(0))
    for key, age in (("nittp", 120), ("ess", 91), ("bud", 90)):
        Scheme.objects.filter(key=key).update(last_verified=days_ago(age))
    return catalogue


def stale_output(*args) -> str:
    out = StringIO()
    call_command("stale_schemes", *args, stdout=out)
    return out.getvalue()


def test_the_command_lists_schemes_older_than_the_default_90_days(aged):
    output = stale_output()
    assert output.splitlines()[0] == (
        f"2 scheme(s) last verified more than 90 days ago (before {days_ago(90)}):"
    )
    assert "nittp" in output and "120 days" in output
    assert "ess" in output and " 91 days" in output
    assert "bud" not in output
    # Oldest first: the one to re-check first.
    assert output.index("nittp") < output.index("ess")


def test_the_command_takes_another_number_of_days(aged):
    assert "1 scheme(s) last verified more than 100 days ago" in stale_output("--days", "100")
    assert "3 scheme(s)" in stale_output("--days", "89")
    assert stale_output("--days", "365") == (
        f"No scheme was last verified before {days_ago(365)}.\n"
    )


def test_the_default_follows_the_setting(aged, settings):
    settings.SCHEME_STALE_AFTER_DAYS = 100
    assert "1 scheme(s) last verified more than 100 days ago" in stale_output()


def test_the_seeded_catalogue_is_stale_today_and_says_so(catalogue):
    # The research snapshot is from June 2026: every entry needs re-checking before use.
    on = datetime.date(2026, 11, 22)
    assert Scheme.objects.stale(90, on).count() == 23
    assert Scheme.objects.stale(200, on).count() == 0


def test_the_admin_marks_schemes_that_need_re_verification(aged, admin_client):
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Needs re-verification") == 2 + 1  # two rows and the filter's choice
    assert "Needs re-verification: checked 120 days ago" in html
    assert "Needs re-verification: checked 91 days ago" in html
    assert html.count("Up to date") == 21


def test_the_admin_filters_schemes_that_need_re_verification(aged, admin_client):
    response = admin_client.get(CHANGELIST, {"verification": "stale"})
    assert [s.key for s in response.context["cl"].result_list] == ["nittp", "ess"]
    response = admin_client.get(CHANGELIST, {"verification": "current"})
    assert len(response.context["cl"].result_list) == 21


def test_the_change_page_shows_the_marker(aged, admin_client):
    nittp = Scheme.objects.get(key="nittp")
    response = admin_client.get(f"{CHANGELIST}{nittp.pk}/change/")
    assert "Needs re-verification: checked 120 days ago" in response.content.decode()


def test_an_editor_can_mark_schemes_verified_today(aged, admin_client):
    nittp = Scheme.objects.get(key="nittp")
    response = admin_client.post(
        CHANGELIST,
        {"action": "mark_verified_today", "_selected_action": [nittp.pk]},
        follow=True,
    )
    assert "1 scheme marked as verified today." in response.content.decode()
    assert Scheme.objects.get(key="nittp").last_verified == timezone.localdate()
    assert not Scheme.objects.get(key="nittp").needs_reverification()


def test_the_admin_searches_names_in_both_languages(catalogue, admin_client):
    response = admin_client.get(CHANGELIST, {"q": "科技券"})
    assert [s.key for s in response.context["cl"].result_list] == ["tvp"]
    response = admin_client.get(CHANGELIST, {"q": "NITTP"})
    assert [s.key for s in response.context["cl"].result_list] == ["nittp"]
