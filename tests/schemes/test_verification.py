"""Scheme facts go stale: a command lists them and the admin marks them."""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
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
    # The research snapshot is from June 2026: every entry needs checking before use.
    on = datetime.date(2026, 11, 22)
    assert Scheme.objects.stale(90, on).count() == Scheme.objects.count() == 24
    assert Scheme.objects.stale(200, on).count() == 0


def test_the_admin_marks_schemes_that_need_checking(aged, admin_client):
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Needs checking: checked 120 days ago" in html
    assert "Needs checking: checked 91 days ago" in html
    assert html.count("Up to date") == 22
    assert '<a href="?verification=stale">Needs checking (2)</a>' in html


def test_the_needs_checking_list_shows_the_oldest_first(aged, admin_client):
    response = admin_client.get(CHANGELIST, {"verification": "stale"})
    assert [s.key for s in response.context["cl"].result_list] == ["nittp", "ess"]
    response = admin_client.get(CHANGELIST, {"verification": "current"})
    assert len(response.context["cl"].result_list) == 22


def test_the_change_page_shows_the_marker(aged, admin_client):
    nittp = Scheme.objects.get(key="nittp")
    response = admin_client.get(f"{CHANGELIST}{nittp.pk}/change/")
    assert "Needs checking: checked 120 days ago" in response.content.decode()


def with_a_new_check(scheme: Scheme, **check) -> dict:
    """The change form as posted, unchanged, with one new check of the facts typed in."""
    from tests.schemes.test_recommendations import form_data

    existing = list(scheme.checks.all())
    data = {
        **form_data(scheme),
        "checks-TOTAL_FORMS": str(len(existing) + 1),
        "checks-INITIAL_FORMS": str(len(existing)),
        "checks-MIN_NUM_FORMS": "0",
        "checks-MAX_NUM_FORMS": "1000",
    }
    for number, old in enumerate(existing):
        data[f"checks-{number}-id"] = str(old.pk)
        data[f"checks-{number}-scheme"] = str(scheme.pk)
    new = len(existing)
    data[f"checks-{new}-scheme"] = str(scheme.pk)
    for name, value in check.items():
        data[f"checks-{new}-{name}"] = value
    return data


def test_recording_a_check_moves_the_last_checked_date(aged, admin_client):
    editor = User.objects.get(username="editor")
    nittp = Scheme.objects.get(key="nittp")
    today = timezone.localdate()
    response = admin_client.post(
        f"{CHANGELIST}{nittp.pk}/change/",
        with_a_new_check(
            nittp,
            checked_on=today.isoformat(),
            source_url="https://www.vtc.edu.hk/nittp/",
            changes="no change",
        ),
    )
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors

    nittp.refresh_from_db()
    assert nittp.last_verified == today and not nittp.needs_checking()
    check = nittp.checks.first()
    assert (check.checked_on, check.source_url, check.changes, check.checked_by) == (
        today,
        "https://www.vtc.edu.hk/nittp/",
        "no change",
        editor,
    )


@pytest.mark.parametrize(
    ("check", "error"),
    [
        ({"changes": "no change"}, "This field is required."),
        (
            {"source_url": "https://www.vtc.edu.hk/nittp/", "changes": "no change", "future": 1},
            "A check cannot be dated in the future.",
        ),
    ],
)
def test_a_check_without_a_source_or_dated_ahead_is_refused(aged, admin_client, check, error):
    nittp = Scheme.objects.get(key="nittp")
    before = (nittp.last_verified, nittp.checks.count())
    day = timezone.localdate() + datetime.timedelta(days=check.pop("future", 0))
    response = admin_client.post(
        f"{CHANGELIST}{nittp.pk}/change/",
        with_a_new_check(nittp, checked_on=day.isoformat(), **check),
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    nittp.refresh_from_db()
    assert (nittp.last_verified, nittp.checks.count()) == before


def test_the_history_shows_who_changed_which_field_and_when(catalogue, admin_client):
    editor = User.objects.get(username="editor")
    from tests.schemes.test_recommendations import form_data

    nittp = Scheme.objects.get(key="nittp")
    response = admin_client.post(
        f"{CHANGELIST}{nittp.pk}/change/",
        {
            **form_data(nittp, cap_hkd="600000"),
            **{k: v for k, v in with_a_new_check(nittp).items() if "TOTAL" in k or "-id" in k},
            "checks-TOTAL_FORMS": str(nittp.checks.count()),
            "checks-INITIAL_FORMS": str(nittp.checks.count()),
            "checks-MIN_NUM_FORMS": "0",
            "checks-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    latest = nittp.history.first()
    assert (latest.history_user, latest.cap_hkd) == (editor, 600000)
    assert "cap_hkd" in latest.diff_against(latest.prev_record).changed_fields

    history = admin_client.get(f"{CHANGELIST}{nittp.pk}/history/").content.decode()
    rows = re.sub(r"\s+", " ", history.split('id="change-history"')[1]).split("<tr>")[2:]
    assert len(rows) == 2  # the seed's creation and the editor's change
    assert f'<a href="/admin/auth/user/{editor.pk}/change/">editor</a>' in rows[0]
    assert "<strong>Cap (HK$):</strong> 250000 &nbsp;&rarr;&nbsp;&nbsp;600000" in rows[0]
    assert "Loaded from the seed" in rows[1]


def test_the_admin_searches_names_in_both_languages(catalogue, admin_client):
    response = admin_client.get(CHANGELIST, {"q": "科技券"})
    assert [s.key for s in response.context["cl"].result_list] == ["tvp"]
    response = admin_client.get(CHANGELIST, {"q": "NITTP"})
    assert [s.key for s in response.context["cl"].result_list] == ["nittp"]
