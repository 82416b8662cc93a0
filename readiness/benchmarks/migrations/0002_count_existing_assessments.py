from django.db import migrations
from django.db.models import Count


def count_existing(apps, schema_editor):
    """Every real assessment stored before the comparison existed counts (none was excluded yet,
    and the address rule cannot be applied after the fact)."""
    Assessment = apps.get_model("assessments", "Assessment")
    PillarScore = apps.get_model("assessments", "PillarScore")
    CohortCount = apps.get_model("benchmarks", "CohortCount")
    Assessment.objects.filter(generated=False).update(counts_in_benchmarks=True)
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
        CohortCount(business_scope=s, employee_band=b, measure="overall", score=v, count=n)
        for s, b, v, n in overall.order_by()
    ]
    rows += [
        CohortCount(business_scope=s, employee_band=b, measure=p, score=v, count=n)
        for s, b, p, v, n in pillars.order_by()
    ]
    CohortCount.objects.bulk_create(rows, batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [("benchmarks", "0001_initial")]

    operations = [migrations.RunPython(count_existing, migrations.RunPython.noop)]
