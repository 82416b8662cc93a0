"""Who counts and which cohort a firm is compared with, through the stored assessments."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from readiness.advisors import synthetic
from readiness.advisors.retention import delete_assessments
from readiness.assessments.models import Assessment
from readiness.benchmarks import membership
from readiness.benchmarks.comparison import Cohort, compare
from readiness.benchmarks.models import CohortCount, Exclusion
from tests.factory import make_assessment, uniform_answers

pytestmark = pytest.mark.django_db

SCOPE, BAND = "food_beverage", "20-49"


def firms(*values, scope=SCOPE, band=BAND):
    return [
        make_assessment(uniform_answers(v), business_scope=scope, employee_band=band)
        for v in values
    ]


def test_ten_firms_of_the_same_scope_and_size_are_the_cohort_with_exact_figures():
    mine, *_ = firms(3, 1, 2, 2, 3, 3, 4, 4, 5, 5)
    comparison = compare(mine)
    assert comparison.cohort == Cohort.SCOPE_AND_SIZE
    assert comparison.size == 10
    overall = comparison.overall
    # Sorted 1 2 2 3 3 3 4 4 5 5: 3 lower, 3 the same (with mine): (3 + 1.5) / 10.
    assert overall.percent == D("45.0")
    assert overall.median == D("3.0")
    # Positions 2.25 and 6.75: 2 + 0.25 * (3 - 2) and 4 + 0.75 * (4 - 4).
    assert (overall.lower_quartile, overall.upper_quartile) == (D("2.25"), D("4.0"))
    assert [s.key for s in comparison.pillars] == [p.key for p in mine.questionnaire.pillars]
    assert all(s.percent == D("45.0") for s in comparison.pillars)


def test_nine_firms_of_the_same_scope_and_size_widen_to_the_scope_at_any_size():
    mine, *_ = firms(3, 1, 2, 2, 3, 3, 4, 4, 5)
    firms(1, band="1-5")
    comparison = compare(mine)
    assert comparison.cohort == Cohort.SCOPE
    assert comparison.size == 10
    assert comparison.widened
    # 1 1 2 2 3 3 3 4 4 5: 4 lower, 3 the same.
    assert comparison.overall.percent == D("55.0")


def test_then_to_the_size_in_any_scope_then_to_everyone():
    mine, *_ = firms(3, 3, 3, 3, 3)
    others = firms(1, 1, 1, 1, scope="construction")
    assert compare(mine).cohort is None  # 9 in all
    firms(5, scope="construction", band="1-5")
    assert compare(mine).cohort == Cohort.EVERYONE
    assert compare(mine).size == 10
    firms(2, scope="construction")
    comparison = compare(mine)
    assert comparison.cohort == Cohort.SIZE
    assert comparison.size == 10
    assert compare(others[0]).cohort == Cohort.SIZE


def test_under_ten_firms_in_all_there_is_no_comparison_and_the_json_says_why():
    mine, *_ = firms(*[3] * 9)
    comparison = compare(mine)
    assert not comparison.shown
    assert comparison.standings == []
    assert comparison.as_json()["cohort"] is None
    assert "fewer than 10" in comparison.as_json()["reason"]


def test_generated_rows_never_count():
    synthetic.generate(30, seed=1)
    assert Assessment.objects.filter(generated=True).count() == 30
    assert not Assessment.objects.filter(counts_in_benchmarks=True).exists()
    assert not CohortCount.objects.exists()
    mine = firms(3)[0]
    assert compare(mine).cohort is None


def test_an_advisors_exclusion_takes_the_firm_out_and_is_recorded():
    mine, first, *_ = firms(3, 1, 2, 2, 3, 3, 4, 4, 5, 5)
    advisor = get_user_model().objects.create_user("advisor", password="x" * 20)
    assert membership.exclude(first, "A test run by the firm's IT supplier", advisor)
    first.refresh_from_db()
    assert not first.counts_in_benchmarks
    exclusion = Exclusion.objects.get(assessment=first)
    assert (exclusion.reason, exclusion.excluded_by) == (
        "A test run by the firm's IT supplier",
        advisor,
    )
    assert compare(mine).cohort is None  # 9 left
    # Excluding twice changes nothing; lifting it counts the firm again.
    assert not membership.exclude(first, "again", advisor)
    exclusion.delete()
    assert membership.refresh(first)
    assert compare(mine).size == 10


def test_a_deleted_assessment_leaves_the_counts():
    mine, first, *_ = firms(3, 1, 2, 2, 3, 3, 4, 4, 5, 5)
    delete_assessments(Assessment.objects.filter(pk=first.pk))
    assert compare(mine).cohort is None
    assert sum(c.count for c in CohortCount.objects.filter(measure="overall")) == 9


def test_refreshing_twice_counts_once_and_rebuilding_gives_the_same_counts():
    mine, *_ = firms(3, 1, 2, 2, 3, 3, 4, 4, 5, 5)
    membership.refresh(mine)
    membership.refresh(mine)
    before = set(
        CohortCount.objects.filter(count__gt=0).values_list(
            "business_scope", "employee_band", "measure", "score", "count"
        )
    )
    membership.rebuild_counts()
    after = set(
        CohortCount.objects.values_list(
            "business_scope", "employee_band", "measure", "score", "count"
        )
    )
    assert before == after
    assert (SCOPE, BAND, "overall", D("3.0"), 3) in after


def test_more_than_two_completions_from_one_address_in_a_day_are_not_counted():
    stored = firms(3, 3, 3, 3)
    for assessment in stored:
        Assessment.objects.filter(pk=assessment.pk).update(counts_in_benchmarks=False)
    CohortCount.objects.all().delete()
    counted = [membership.admit(a, "203.0.113.9") for a in stored]
    assert counted == [True, True, False, False]
    assert Exclusion.objects.get(assessment=stored[2]).reason == membership.BURST_REASON
    assert membership.admit(firms(3)[0], "198.51.100.1")  # another address still counts


def overall_counts() -> dict:
    rows = CohortCount.objects.filter(measure="overall", count__gt=0)
    return {str(row.score): row.count for row in rows}


def test_only_the_latest_assessment_of_a_workspace_counts(client):
    from readiness.workspaces.models import Workspace

    before, *others = firms(1, 3, 3)
    workspace = Workspace.start_with(before)
    assert overall_counts() == {"1.0": 1, "3.0": 2}

    after = make_assessment(uniform_answers(4), business_scope=SCOPE, employee_band=BAND)
    workspace.add(after)
    before.refresh_from_db()
    after.refresh_from_db()
    assert (before.counts_in_benchmarks, after.counts_in_benchmarks) == (False, True)
    assert overall_counts() == {"3.0": 2, "4.0": 1}

    # Deleting the latest from the result page: the one before it is the firm's latest again.
    client.post(f"/result/{after.token}/delete/")
    before.refresh_from_db()
    assert before.counts_in_benchmarks
    assert overall_counts() == {"1.0": 1, "3.0": 2}


def test_however_the_latest_leaves_its_workspace_the_one_before_counts_again():
    from readiness.workspaces.models import Workspace

    before = make_assessment(uniform_answers(1))
    workspace = Workspace.start_with(before)
    after = make_assessment(uniform_answers(4))
    workspace.add(after)
    # The retention erase and the admin delete through the same function as the firm's link.
    delete_assessments(Assessment.objects.filter(pk=after.pk))
    before.refresh_from_db()
    assert before.counts_in_benchmarks
