"""Benchmark of the firms' comparison at scale: what it adds to a result page over 1,000,000
assessments on PostgreSQL, measured in-process (no network).

    python bench/comparison_benchmark.py [--rows 1000000] [--repeat 51]

Uses its own database (readiness_20 unless BENCH_DATABASE_URL says otherwise), tops it up to
--rows assessments with generate_assessments' generator, and then, in this database only,
counts the generated rows as if they were real firms (they never count anywhere else) and
rebuilds the cohort counts from them. Prints a markdown table."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.admin_benchmark import ensure_database, measure  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/readiness_20"


def timed(function, repeat: int) -> tuple[float, float]:
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=51)
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "1"  # synthetic data is refused otherwise
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Sum
    from django.test import Client

    from readiness.advisors import synthetic
    from readiness.assessments.models import Assessment
    from readiness.benchmarks import membership
    from readiness.benchmarks.comparison import compare
    from readiness.benchmarks.models import CohortCount

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    have = Assessment.objects.count()
    if have < args.rows:
        synthetic.generate(args.rows - have, seed=have, batch_size=5000)
    counted = CohortCount.objects.filter(measure="overall").aggregate(n=Sum("count"))["n"] or 0
    total = Assessment.objects.count()
    if counted != total:
        start = time.perf_counter()
        Assessment.objects.filter(counts_in_benchmarks=False).update(counts_in_benchmarks=True)
        count_rows = membership.rebuild_counts()
        print(
            f"Counted {total:,} rows into {count_rows:,} count rows in "
            f"{time.perf_counter() - start:.0f} s"
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]

    # The largest cohort (the most common scope and size), and a firm whose own cohort is small.
    biggest = (
        CohortCount.objects.filter(measure="overall")
        .values("business_scope", "employee_band")
        .annotate(n=Sum("count"))
        .order_by("-n")
        .first()
    )
    cases = [
        (
            "Largest cohort (scope and size)",
            Assessment.objects.filter(
                business_scope=biggest["business_scope"], employee_band=biggest["employee_band"]
            ).first(),
        ),
        (
            "Rarest scope and size",
            Assessment.objects.filter(business_scope="government", employee_band="500+").first()
            or Assessment.objects.filter(business_scope="government").first(),
        ),
    ]
    client = Client()
    rows = []
    for label, assessment in cases:
        comparison = compare(assessment)
        compare_median, compare_slowest = timed(lambda a=assessment: compare(a), args.repeat)
        page_median, page_slowest, queries = measure(client, assessment.result_url(), args.repeat)
        rows.append((label, comparison, compare_median, compare_slowest, page_median, queries))

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\n{total:,} assessments ({CohortCount.objects.count():,} count rows) on PostgreSQL "
        f"{pg_version}; {args.repeat} timed runs each; {os.cpu_count()} CPUs, load average {load}"
    )
    print(
        "\n| Firm | Cohort used (firms) | compare(): median | slowest | "
        "Result page: median | SQL queries |"
    )
    print("|---|---|---:|---:|---:|---:|")
    for label, comparison, c_med, c_max, p_med, queries in rows:
        cohort = f"{comparison.cohort} ({comparison.size:,})" if comparison.shown else "none"
        print(
            f"| {label} | {cohort} | {c_med * 1000:.1f} ms | {c_max * 1000:.1f} ms | "
            f"{p_med * 1000:.0f} ms | {queries} |"
        )


if __name__ == "__main__":
    main()
