"""Benchmark of the PDF report on this machine: render time (median and worst) and peak memory
for a full report in each language, and the time of a repeated download (stored render) through
Django's test client (middleware, view, one stored row; no network).

    python bench/pdf_benchmark.py [--renders 15] [--downloads 200] [--profile 30]

--profile N profiles three more renders in each language after the timings and prints the N
functions with the most cumulative time to stderr (the table on stdout is unaffected).

Uses a throw-away SQLite database in a temporary directory (or BENCH_DATABASE_URL) and prints a
markdown table. The "full report" has ten schemes from the seed catalogue (eight recommended, two
closed), the most the matcher gives.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Median CPU time of a render (issue 14); peak memory; a download of a stored render.
TARGET_MEDIAN_CPU_S = 0.6
TARGET_PEAK_MB = 300
TARGET_REPEAT_MS = 20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def seed_snapshot(recommended: int = 8, closed: int = 2) -> list[dict]:
    """Schemes from the seed catalogue in the recommendations snapshot format."""
    import yaml

    raw = yaml.safe_load(
        (ROOT / "readiness/schemes/content/schemes.yaml").read_text(encoding="utf-8")
    )["schemes"]

    def both(entry, field):
        return {
            "en": entry.get(f"{field}_en") or "",
            "zh_hant": entry.get(f"{field}_zh_hant") or "",
        }

    def item(entry, rank):
        return {
            "key": entry["key"],
            "kind": entry["kind"],
            "status": entry["status"],
            "name": both(entry, "name"),
            "short_name": entry.get("short_name") or "",
            "administrator": both(entry, "administrator"),
            "summary": both(entry, "summary"),
            "funding_ratio": both(entry, "funding_ratio"),
            "cap_hkd": entry.get("cap_hkd"),
            "cap_note": both(entry, "cap_note"),
            "status_note": both(entry, "status_note"),
            "changes": both(entry, "changes"),
            "why": both(entry, "fit"),
            "check": both(entry, "check"),
            "apply_url": entry.get("apply_url") or "",
            "last_verified": str(entry.get("last_verified") or ""),
            "dimensions": entry.get("dimensions") or [],
            "rank": rank,
            "mentioned_as_closed": rank is None,
        }

    open_ones = [e for e in raw if e["status"] != "closed"][:recommended]
    closed_ones = [e for e in raw if e["status"] == "closed"][:closed]
    return [item(e, i) for i, e in enumerate(open_ones, 1)] + [item(e, None) for e in closed_ones]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=15)
    parser.add_argument("--downloads", type=int, default=200)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory(prefix="pdf-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness.settings")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir.name}/bench.sqlite3"
    )
    os.environ["RATE_LIMIT_PDF"] = "off"  # the benchmark downloads far more than a firm would

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from readiness.reports.models import ReportFile
    from readiness.reports.rendering import render_report
    from tests.factory import make_assessment
    from tests.reports.pdf import mixed_answers, pdf_fonts, pdf_pages

    setup_test_environment()
    call_command("migrate", verbosity=0)
    assessment = make_assessment(mixed_answers(), company_name="Golden Dragon Kitchen Ltd")
    assessment.recommendations = seed_snapshot()
    assessment.save()

    load_before = os.getloadavg()[0]
    rss_before = peak_rss_mb()
    rows, embedded = [], {}
    for language in ("en", "zh-hant"):
        pdf = render_report(assessment, language)  # warm-up: fonts, templates, CSS
        times, cpu_times = [], []
        for _ in range(args.renders):
            start, cpu_start = time.perf_counter(), time.process_time()
            render_report(assessment, language)
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)
        rows.append((language, len(pdf_pages(pdf)), len(pdf), times, cpu_times))
        embedded[language] = sorted(pdf_fonts(pdf))
    rss_peak = peak_rss_mb()
    if args.profile:
        for language in ("en", "zh-hant"):
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(3):
                render_report(assessment, language)
            profile.disable()
            print(f"\n== Profile of 3 renders, {language}", file=sys.stderr)
            stats = pstats.Stats(profile, stream=sys.stderr)
            stats.sort_stats("cumulative").print_stats(args.profile)

    client = Client()
    url = f"/result/{assessment.token}/report.pdf?lang=en"
    start = time.perf_counter()
    first = client.get(url)
    first_download = time.perf_counter() - start
    assert first.status_code == 200 and ReportFile.objects.count() == 1, first
    repeats = []
    for _ in range(args.downloads):
        start = time.perf_counter()
        response = client.get(url)
        repeats.append(time.perf_counter() - start)
        assert response.status_code == 200 and response.content == first.content
    assert ReportFile.objects.count() == 1

    cpu = platform.processor() or platform.machine()
    print(
        f"Machine: {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
        f"load average {load_before:.2f} at the start and {os.getloadavg()[0]:.2f} at the end; "
        f"database {django.db.connection.vendor}. CPU time is this process's own, so it is "
        "less inflated than the elapsed time when other work shares the machine."
    )
    print(
        "Embedded fonts: "
        + "; ".join(f"{language}: {', '.join(names)}" for language, names in embedded.items())
        + "."
    )
    print()
    print("| Measure | Figure | Target |")
    print("|---|---|---|")
    for language, pages, size, times, cpu_times in rows:
        median, worst = statistics.median(times), max(times)
        print(
            f"| Render, full report, {language} ({pages} pages, {size // 1024} KB), "
            f"median of {len(times)} | {median:.3f} s (CPU {statistics.median(cpu_times):.3f} s) "
            f"| CPU < {TARGET_MEDIAN_CPU_S} s |"
        )
        print(
            f"| Render, full report, {language}, worst "
            f"| {worst:.3f} s (CPU {max(cpu_times):.3f} s) | |"
        )
    print(
        f"| Peak memory (process RSS after all renders; {rss_before:.0f} MB before the first) "
        f"| {rss_peak:.0f} MB | < {TARGET_PEAK_MB} MB |"
    )
    print(f"| First download through the view (render + store) | {first_download:.3f} s | |")
    print(
        f"| Repeated download, median of {len(repeats)} "
        f"| {statistics.median(repeats) * 1000:.1f} ms | < {TARGET_REPEAT_MS} ms |"
    )
    print(f"| Repeated download, worst | {max(repeats) * 1000:.1f} ms | |")
    workdir.cleanup()


if __name__ == "__main__":
    main()
