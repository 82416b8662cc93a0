"""Who counts in the firms' comparison, decided in one place (refresh) and kept in step with the
cohort counts it adds to.

A result counts when it is a real firm's completed assessment (stored by the wizard, never one
generate_assessments made), nobody excluded it (an advisor, or the rule against bursts from one
address) and it is still there. Only the latest of a workspace counts: see
`_latest_of_its_firm`."""

import hashlib
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from readiness.assessments.models import Assessment, PillarScore
from readiness.benchmarks.models import OVERALL, AddressDay, CohortCount, Exclusion

# At most this many completions from one address in a day count; the rest are stored, shown
# their result and comparison, and kept out of everyone's cohorts (docs/security.md).
COUNTED_PER_ADDRESS_PER_DAY = 2
BURST_REASON = "More completions from one address in a day than the comparison counts."


def measures(assessment) -> dict[str, Decimal]:
    """The scores a comparison is made on: the overall score and each pillar's."""
    scores = assessment.scores
    return {
        OVERALL: Decimal(scores["overall"]),
        **{key: Decimal(value) for key, value in scores["pillars"].items()},
    }


def _latest_of_its_firm(assessment) -> bool:
    """One per firm: an assessment outside a workspace is its firm's only one; in a workspace
    (the workspaces app's Entry, reached through its reverse name) only the latest counts. The
    workspace refreshes its assessments when one joins or leaves it."""
    entry = getattr(assessment, "workspace_entry", None)
    if entry is None:
        return True
    later = Q(created_at__gt=assessment.created_at) | Q(
        created_at=assessment.created_at, pk__gt=assessment.pk
    )
    siblings = Assessment.objects.filter(workspace_entry__workspace_id=entry.workspace_id)
    return not siblings.filter(later).exists()


def should_count(assessment) -> bool:
    return (
        not assessment.generated
        and not Exclusion.objects.filter(assessment=assessment).exists()
        and _latest_of_its_firm(assessment)
    )


def _add(assessment, delta: int) -> None:
    """Add `delta` (+1 or -1) to the assessment's cohort counts, one statement for all measures."""
    scores = measures(assessment)
    if delta < 0:
        # The rows exist (the assessment was counted into them).
        one_of = Q()
        for measure, score in scores.items():
            one_of |= Q(measure=measure, score=score)
        CohortCount.objects.filter(
            one_of,
            business_scope=assessment.business_scope,
            employee_band=assessment.employee_band,
        ).update(count=F("count") + delta)
        return
    table = connection.ops.quote_name(CohortCount._meta.db_table)
    rows = [
        (assessment.business_scope, assessment.employee_band, measure, score, delta)
        for measure, score in scores.items()
    ]
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
    # An upsert that adds rather than sets: the same SQL on PostgreSQL and SQLite, and two
    # firms finishing at once both count.
    sql = (
        f"INSERT INTO {table} (business_scope, employee_band, measure, score, count) "
        f"VALUES {values} ON CONFLICT (business_scope, employee_band, measure, score) "
        f"DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


def _set(assessment, wanted: bool) -> bool:
    # Only the call that flips the flag touches the counts, so two calls at once count once.
    with transaction.atomic(savepoint=False):
        flipped = Assessment.objects.filter(
            pk=assessment.pk, counts_in_benchmarks=not wanted
        ).update(counts_in_benchmarks=wanted)
        if flipped:
            _add(assessment, +1 if wanted else -1)
    assessment.counts_in_benchmarks = wanted
    return wanted


def refresh(assessment) -> bool:
    """Count the assessment or stop counting it, as should_count() says now; call after anything
    that changes it (excluded, an exclusion lifted, a newer one in its workspace). Returns
    whether it counts."""
    return _set(assessment, should_count(assessment))


def completions_today(address: str) -> int:
    """Count one completion from `address` today and return today's total (one statement), after
    forgetting earlier days."""
    today = timezone.localdate()
    key = hashlib.sha256(f"{settings.SECRET_KEY}:benchmarks:{today}:{address}".encode())
    table = connection.ops.quote_name(AddressDay._meta.db_table)
    AddressDay.objects.filter(day__lt=today).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (address_hash, day, count) VALUES (%s, %s, 1) "
            f"ON CONFLICT (address_hash, day) DO UPDATE SET count = {table}.count + 1 "
            "RETURNING count",
            [key.hexdigest()[:24], today],
        )
        return cursor.fetchone()[0]


def admit(assessment, address: str | None) -> bool:
    """A newly stored assessment (no exclusion yet): counted, unless its address has already had
    its day's share of counted completions, which excludes it with that reason. `address` None
    (no request: the shell, tests) applies no address rule."""
    if address is not None and completions_today(address) > COUNTED_PER_ADDRESS_PER_DAY:
        Exclusion.objects.create(assessment=assessment, reason=BURST_REASON)
        return False
    # Just stored, it is the newest of its firm; a workspace it joins afterwards recounts.
    return _set(assessment, not assessment.generated)


def exclude(assessment, reason: str, user) -> bool:
    """An advisor keeps the assessment out of the comparison; False when it already was."""
    with transaction.atomic(savepoint=False):
        _, created = Exclusion.objects.get_or_create(
            assessment=assessment, defaults={"reason": reason, "excluded_by": user}
        )
        refresh(assessment)
    return created


def uncount_deleted(sender, instance, **kwargs):
    """pre_delete of an assessment: its counts go with it."""
    if instance.counts_in_benchmarks:
        _add(instance, -1)


def rebuild_counts() -> int:
    """Recount every cohort from the assessments flagged as counting (a repair, or after a bulk
    load); returns the number of count rows. All or nothing."""
    counted = Assessment.objects.filter(counts_in_benchmarks=True)
    overall = counted.values_list("business_scope", "employee_band", "overall_score").annotate(
        n=Count("id")
    )
    pillars = (
        PillarScore.objects.filter(assessment__counts_in_benchmarks=True)
        .values_list("assessment__business_scope", "assessment__employee_band", "pillar", "score")
        .annotate(n=Count("id"))
    )
    rows = [
        CohortCount(business_scope=s, employee_band=b, measure=OVERALL, score=v, count=n)
        for s, b, v, n in overall.order_by()
    ]
    rows += [
        CohortCount(business_scope=s, employee_band=b, measure=p, score=v, count=n)
        for s, b, p, v, n in pillars.order_by()
    ]
    with transaction.atomic():
        CohortCount.objects.all().delete()
        CohortCount.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
