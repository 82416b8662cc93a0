"""An advisor excludes assessments from the comparison in the admin, giving a reason."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group

from readiness.advisors.roles import ADVISOR
from readiness.benchmarks.models import Exclusion
from tests.factory import make_assessment

pytestmark = pytest.mark.django_db

URL = "/admin/assessments/assessment/"


@pytest.fixture
def advisor(django_user_model):
    user = django_user_model.objects.create_user(
        "advisor", password="a-long-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=ADVISOR))
    return user


def test_the_action_asks_for_a_reason_then_excludes_and_records_it(client, advisor):
    assessment = make_assessment()
    client.force_login(advisor)
    data = {"action": "exclude_from_benchmarks", "_selected_action": [assessment.pk]}
    asked = client.post(URL, data)
    assert asked.status_code == 200
    assert "Reason" in asked.content.decode()
    assert not Exclusion.objects.exists()
    # No reason (or only invisible characters): asked again, nothing changed.
    again = client.post(URL, {**data, "apply": "1", "reason": "\u200b "})
    assert again.status_code == 200 and not Exclusion.objects.exists()
    done = client.post(URL, {**data, "apply": "1", "reason": "Duplicate of a test run"})
    assert done.status_code == 302
    exclusion = Exclusion.objects.get(assessment=assessment)
    assert (exclusion.reason, exclusion.excluded_by) == ("Duplicate of a test run", advisor)
    assessment.refresh_from_db()
    assert not assessment.counts_in_benchmarks
    entry = LogEntry.objects.get(object_id=str(assessment.pk))
    assert "Duplicate" not in entry.change_message


def test_the_list_offers_no_bulk_delete(client, advisor, django_user_model):
    make_assessment()
    admin = django_user_model.objects.create_superuser("root", password="a-long-password-2")
    client.force_login(admin)
    html = client.get(URL).content.decode()
    assert 'value="exclude_from_benchmarks"' in html
    assert 'value="delete_selected"' not in html
