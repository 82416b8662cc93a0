"""Benchmark of the advisors' admin at scale: the assessment list and the dashboard over
100,000 synthetic assessments on PostgreSQL, measured in-process through Django's test client
(middleware, admin, templates and SQL; no network).

    python bench/admin_benchmark.py [--rows 100000] [--repeat 7] [--fresh]

Uses its own database (readiness_advisors_bench unless BENCH_DATABASE_URL says otherwise),
creates it if needed, tops it up to --rows synthetic assessments and prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/readiness_advisors_bench"
PAGES = [
    ("Assessment list, first page", "/admin/assessments/assessment/"),
    (
        "List, new follow-up requests",
        "/admin/assessments/assessment/?requested=yes&status=new",
    ),
    (
        "List, date range and scope",
        "/admin/assessments/assessment/?submitted_from=2026-01-01&submitted_to=2026-06-30"
        "&business_scope=trade_wholesale_retail",
    ),
    ("List, search by email", "/admin/assessments/assessment/?q=contact4242%40example.com"),
    ("List, page 500", "/admin/assessments/assessment/?p=500"),
    ("Dashboard", "/admin/dashboard/"),
    ("Dashboard, one year's range", "/admin/dashboard/?start=2026-01-01&end=2026-12-31"),
    ("Dashboard tier tables, CSV", "/admin/dashboard/tiers.csv"),
    ("Follow-up queue, first page", "/admin/advisors/followup/"),
    ("Queue, open and assigned to me", "/admin/advisors/followup/?assigned=me&status=open"),
    ("Queue, page 20", "/admin/advisors/followup/?p=20"),
    (
        "CSV export, new follow-up requests",
        "/admin/assessments/assessment/export.csv?requested=yes&status=new",
    ),
]


def ensure_database(url: str) -> None:
    import psycopg
    from dj_database_url import parse

    config = parse(url)
    name = config["NAME"]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg
    from dj_database_url import parse

    name = parse(url)["NAME"]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def measure(client, url: str, repeat: int) -> tuple[float, float, int]:
    """Median and slowest of `repeat` timed requests after one warm-up, and its SQL count."""
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    def fetch():
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        assert response.status_code == 200, (url, response.status_code)

    with connection.execute_wrapper(count):
        fetch()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fetch()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="Drop and recreate the database.")
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if args.fresh:
        drop_database(url)
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "1"  # synthetic data is refused otherwise; the admin is the same
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from readiness.advisors import synthetic
    from readiness.advisors.roles import ADVISOR
    from readiness.assessments.models import Assessment

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    advisors = []
    for name in ("bench-advisor-1", "bench-advisor-2", "bench-advisor-3"):
        user, _ = User.objects.get_or_create(username=name, defaults={"is_staff": True})
        user.groups.add(Group.objects.get(name=ADVISOR))
        advisors.append(user)

    have = Assessment.objects.count()
    generated = max(0, args.rows - have)
    seconds = 0.0
    if generated:
        start = time.perf_counter()
        synthetic.generate(generated, seed=have, batch_size=2000, advisors=advisors)
        seconds = time.perf_counter() - start
    with connection.cursor() as cursor:
        # What autovacuum would have done by now on a live database: statistics and the
        # visibility map that index-only scans rely on.
        cursor.execute("VACUUM ANALYZE")
    total = Assessment.objects.count()

    client = Client()
    # force_login's request has no address, which django-axes cannot record on PostgreSQL.
    settings.AXES_ENABLED = False
    client.force_login(advisors[0])
    settings.AXES_ENABLED = True
    rows = [(label, *measure(client, page, args.repeat)) for label, page in PAGES]

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\n{total:,} assessments on PostgreSQL {pg_version}; {args.repeat} timed requests "
        f"each; {os.cpu_count()} CPUs, load average {load}"
    )
    if generated:
        print(f"Generated {generated:,} in {seconds:.0f} s ({generated / seconds:,.0f} per second)")
    print("\n| Page | Median | Slowest | SQL queries |")
    print("|---|---:|---:|---:|")
    for label, median, slowest, queries in rows:
        print(f"| {label} | {median * 1000:.0f} ms | {slowest * 1000:.0f} ms | {queries} |")


if __name__ == "__main__":
    main()
