"""Benchmark of the PDF pre-render: the time from a finished assessment (stored, its render
queued) to its PDF being stored by a real `manage.py db_worker`, and the time of the firm's
first download once it is (a file read through Django's test client: middleware, view, one
stored row; no network).

    python bench/prerender_benchmark.py [--assessments 10] [--interval 1]

Uses a throw-away SQLite database in a temporary directory (or BENCH_DATABASE_URL), starts
one worker polling every --interval seconds (the worker's default is 1), and prints a markdown
table. Languages alternate, English first.
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_FIRST_DOWNLOAD_MS = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assessments", type=int, default=10)
    parser.add_argument("--interval", type=float, default=1.0)
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory(prefix="readiness-bench-")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir.name}/bench.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness.settings")
    os.environ["RATE_LIMIT_PDF"] = "off"
    os.environ["RATE_LIMIT_ASSESSMENT_STARTS"] = "off"
    os.environ["LOG_LEVEL"] = "WARNING"

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from readiness.content.questionnaire import current_questionnaire
    from readiness.firms.submission import store_assessment
    from readiness.reports.models import ReportFile

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_content", verbosity=0)

    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            str(args.interval),
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    questionnaire = current_questionnaire()
    ready, first_downloads = [], []
    client = Client()
    try:
        # One assessment more, not counted: the process's first request loads templates and
        # URL patterns, which no firm's download pays for on a server that is up.
        for n in range(-1, args.assessments):
            language = ("en", "zh-hant")[n % 2]
            answers = {key: 1 + (n + i) % 5 for i, key in enumerate(questionnaire.questions)}
            started = time.perf_counter()
            assessment = store_assessment(
                questionnaire=questionnaire,
                submission_key=secrets.token_urlsafe(16),
                language=language,
                profile={
                    "company_name": "Golden Dragon Kitchen Ltd",
                    "business_scope": "food_beverage",
                    "employee_band": "20-49",
                    "listed": False,
                    "ai_functions": [],
                    "difficulties": [],
                },
                answers=answers,
            )
            while not ReportFile.objects.filter(assessment=assessment).exists():
                time.sleep(0.005)
            waited = time.perf_counter() - started
            started = time.perf_counter()
            response = client.get(f"/result/{assessment.token}/report.pdf?lang={language}")
            if n >= 0:
                ready.append(waited)
                first_downloads.append(time.perf_counter() - started)
            assert response.status_code == 200 and response.content.startswith(b"%PDF-")
            assert ReportFile.objects.filter(assessment=assessment).count() == 1
    finally:
        worker.terminate()
        worker.wait(10)

    def cells(values):
        ms = sorted(v * 1000 for v in values)
        return f"{statistics.median(ms):.0f} ms | {ms[-1]:.0f} ms"

    verdict = "met" if max(first_downloads) * 1000 < TARGET_FIRST_DOWNLOAD_MS else "NOT met"
    print(
        f"{args.assessments} assessments, one worker polling every {args.interval:g} s, "
        f"{django.db.connection.vendor}, {os.cpu_count()} CPUs, {platform.machine()}, "
        f"Python {platform.python_version()}\n"
    )
    print("| measure | median | worst |")
    print("| --- | --- | --- |")
    print(f"| completion to PDF stored (queue wait + render) | {cells(ready)} |")
    print(f"| first download after the render | {cells(first_downloads)} |")
    print(f"\nFirst download under {TARGET_FIRST_DOWNLOAD_MS} ms: {verdict}.")


if __name__ == "__main__":
    main()
