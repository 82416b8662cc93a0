"""Load benchmarks on loopback. Each command sets up a throw-away PostgreSQL database, starts the
production server set-up (gunicorn with readiness/gunicorn.conf.py, DEBUG off), measures, checks
what was stored, stops everything it started and prints markdown tables.

    python bench/run.py load    one gunicorn: ceiling pages, a wizard step, whole completions
    python bench/run.py scale   one vs two gunicorns behind nginx round-robin, one PostgreSQL

Every loop is bounded in count and time, and the whole run by --max-minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from bench import client  # noqa: E402
from readiness.assessments import scoring  # noqa: E402
from readiness.content.questionnaire import load  # noqa: E402

HOST = "127.0.0.1"
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
STEP = "organisation"  # six five-option questions: the step the ceilings are about
CEILINGS = [
    ("bare view (`ok`)", "/bench/ok"),
    ("lean loop, no form", f"/bench/lean/{STEP}/"),
    ("the step's PillarForm, Django's form rendering", f"/bench/form/{STEP}/"),
]
WIZARD_STEP = f"wizard step GET `/assessment/{STEP}/`"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until_healthy(port: int, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server on port {port} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"server on port {port} not healthy after {seconds} s")


class Bench:
    def __init__(self, args, stack: ExitStack):
        self.args = args
        self.stack = stack
        self.tmp = Path(tempfile.mkdtemp(prefix="readiness-bench-"))
        stack.callback(shutil.rmtree, self.tmp, ignore_errors=True)
        self.database_url = f"{args.postgres}/{args.database}"
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "DATABASE_URL": self.database_url,
            # Plain HTTP on loopback: no TLS terminator in front.
            "SECURE_SSL_REDIRECT": "0",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            # Every simulated firm comes from 127.0.0.1; the per-address limit would stop them.
            "RATE_LIMIT_ASSESSMENT_STARTS": "off",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_LOG_LEVEL": "warning",
            "PYTHONPATH": str(ROOT),
        }
        if args.redis:
            self.env["REDIS_URL"] = args.redis
        else:
            self.env.pop("REDIS_URL", None)
        if args.workers:
            self.env["WEB_CONCURRENCY"] = str(args.workers)
        self.questionnaire = load(os.environ.get("QUESTIONNAIRE_VERSION", "2026.2"))
        self.completions: list[client.Completion] = []

    # -- set-up -------------------------------------------------------------------------------

    def fresh_database(self) -> None:
        with psycopg.connect(f"{self.args.postgres}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.args.database}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.args.database}"')
        for command in (
            ["migrate", "--noinput"],
            ["createcachetable"],
            ["collectstatic", "--noinput", "-v0"],
        ):
            subprocess.run(
                [PYTHON, "manage.py", *command],
                cwd=ROOT,
                env=self.env,
                check=True,
                timeout=300,
                stdout=subprocess.DEVNULL,
            )

    def start_gunicorn(self, port: int, workers: int | None = None) -> None:
        log = open(self.tmp / f"gunicorn-{port}.log", "wb")  # noqa: SIM115
        self.stack.callback(log.close)
        env = {**self.env, "HOST": HOST, "PORT": str(port)}
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        proc = subprocess.Popen(
            [GUNICORN, "-c", "readiness/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.stack.callback(stop, proc)
        wait_until_healthy(port, proc)

    def start_nginx(self, upstreams: dict[int, list[int]]) -> None:
        """nginx on loopback with our own config, pid and logs; one listening port per
        upstream group, round-robin inside a group."""
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise SystemExit("nginx is missing: run `scripts/system-deps bench` as root")
        conf = (ROOT / "bench" / "nginx.conf.template").read_text()
        blocks = []
        for listen, ports in upstreams.items():
            servers = "".join(f"    server {HOST}:{p} max_fails=0;\n" for p in ports)
            blocks.append(
                f"  upstream app_{listen} {{\n{servers}  }}\n"
                f"  server {{\n    listen {HOST}:{listen};\n"
                f"    location / {{ proxy_pass http://app_{listen}; }}\n  }}\n"
            )
        path = self.tmp / "nginx.conf"
        path.write_text(conf.replace("{TMP}", str(self.tmp)).replace("{SERVERS}", "".join(blocks)))
        proc = subprocess.Popen(
            [nginx, "-p", str(self.tmp), "-c", str(path), "-e", str(self.tmp / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=open(self.tmp / "nginx.out", "wb"),  # noqa: SIM115
            start_new_session=True,
        )
        self.stack.callback(stop, proc)
        for listen in upstreams:
            wait_until_healthy(listen, proc)

    # -- measurements -------------------------------------------------------------------------

    def firms(self, port: int, count: int, concurrency: int, seed: int):
        stats, done, elapsed = asyncio.run(
            client.run_firms(
                HOST,
                port,
                self.questionnaire,
                count,
                concurrency,
                self.args.max_phase_seconds,
                seed,
            )
        )
        self.completions.extend(done)
        return stats, done, elapsed

    def pages(self, port: int) -> dict[str, dict]:
        """Ceiling pages and the wizard step, interleaved in rounds so that a burst of noise from
        elsewhere on the machine hits them all alike. Per page: each round's throughput and
        latency percentiles (seconds), and the errors of all rounds."""
        targets = [*CEILINGS, (WIZARD_STEP, f"/assessment/{STEP}/")]
        results = {
            label: {"rps": [], "p50": [], "p95": [], "p99": [], "errors": 0} for label, _ in targets
        }
        measure = self.page_round_wrk if self.args.page_client == "wrk" else self.page_round
        for _ in range(self.args.rounds):
            for label, path in targets:
                rps, percentiles, errors = measure(port, path, label)
                results[label]["rps"].append(rps)
                for pct, value in percentiles.items():
                    results[label][pct].append(value)
                results[label]["errors"] += errors
        return results

    def page_round(self, port: int, path: str, label: str):
        """One round of one page from the asyncio client: --page-requests / --rounds GETs."""
        prepare = self.start_wizard if path.startswith("/assessment/") else None
        stats, elapsed = asyncio.run(
            client.hammer(
                HOST,
                port,
                path,
                label,
                self.args.concurrency,
                max(1, self.args.page_requests // self.args.rounds),
                self.args.max_phase_seconds,
                prepare,
            )
        )
        latencies = stats.latencies.get(label, [])
        percentiles = {
            f"p{p}": client.percentile(latencies, p) if latencies else float("inf")
            for p in (50, 95, 99)
        }
        return len(latencies) / elapsed, percentiles, stats.error_count

    def page_round_wrk(self, port: int, path: str, label: str):
        """One round of one page from wrk (C, one thread, --concurrency connections) for
        --page-seconds: it needs a fraction of the CPU the asyncio client takes from the server
        on the same cores. For the wizard step every connection is a firm of its own that has
        answered the profile step (set up by the asyncio client, unmeasured)."""
        wrk = shutil.which("wrk")
        if not wrk:
            raise SystemExit("wrk is missing: run `scripts/system-deps bench` as root")
        cookies = ""
        if path.startswith("/assessment/"):
            cookies = "\n".join(asyncio.run(self.wizard_cookies(port, self.args.concurrency)))
        proc = subprocess.run(
            [
                wrk,
                "-t1",
                f"-c{self.args.concurrency}",
                f"-d{self.args.page_seconds:g}s",
                "--timeout",
                "10s",
                "-s",
                str(ROOT / "bench" / "wrk.lua"),
                f"http://{HOST}:{port}{path}",
            ],
            env={**os.environ, "READINESS_COOKIES": cookies},
            capture_output=True,
            text=True,
            timeout=self.args.page_seconds + 60,
            check=True,
        )
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        errors = sum(result[k] for k in ("not_200", "connect", "read", "write", "timeout"))
        percentiles = {f"p{p}": result[f"p{p}"] / 1e6 for p in (50, 95, 99)}
        return result["requests"] / result["seconds"], percentiles, errors

    async def wizard_cookies(self, port: int, count: int) -> list[str]:
        """`count` firms at the pillar step: each one's cookies as a Cookie header value."""
        stats = client.Stats()
        browsers = [client.Browser(HOST, port, stats) for _ in range(count)]
        await asyncio.gather(*(self.start_wizard(b) for b in browsers))
        for browser in browsers:
            await browser.close()
        if stats.error_count:
            raise SystemExit(f"setting up the wizard sessions failed: {stats.errors}")
        return ["; ".join(f"{k}={v}" for k, v in b.cookies.items()) for b in browsers]

    async def start_wizard(self, browser: client.Browser) -> None:
        """Answer the profile step, so the pillar step can be shown (unmeasured)."""
        page = await browser.request("GET", "/assessment/profile/", "setup")
        profile, answers = client.plan_firm(self.questionnaire, __import__("random").Random(1))
        form = client.step_form("profile", page.body, self.questionnaire, profile, answers)
        response = await browser.request("POST", "/assessment/profile/", "setup", form=form)
        client.expect(response, 302, "setup")

    # -- checks -------------------------------------------------------------------------------

    def check_stored(self) -> tuple[int, int, list[str]]:
        """(stored assessments, of which correct, problems): every completion stored once, with
        exactly the answers posted and the scores the scoring module gives them."""
        with psycopg.connect(self.database_url) as conn:
            rows = conn.execute(
                "SELECT token, answers, overall_score, tier, scores, business_scope, "
                "employee_band, listed, company_name, "
                "(SELECT count(*) FROM assessments_pillarscore p WHERE p.assessment_id = a.id) "
                "FROM assessments_assessment a"
            ).fetchall()
        stored = {row[0]: row for row in rows}
        problems = []
        correct = 0
        pillar_count = len(self.questionnaire.pillars)
        for done in self.completions:
            row = stored.get(done.token)
            if row is None:
                problems.append(f"{done.token[:6]}: not stored")
                continue
            _, answers, overall, tier, scores, scope, band, listed, name, pillars = row
            expected = scoring.score(self.questionnaire, done.answers)
            p = done.profile
            if (
                answers == done.answers
                and Decimal(overall) == expected.overall_displayed
                and tier == expected.tier
                and scores == json.loads(json.dumps(expected.as_strings()))
                and (scope, band, listed, name)
                == (
                    p["business_scope"],
                    p["employee_band"],
                    p["listed"] == "yes",
                    p["company_name"],
                )
                and pillars == pillar_count
            ):
                correct += 1
            else:
                problems.append(f"{done.token[:6]}: stored values differ from what was posted")
        tokens = [d.token for d in self.completions]
        if len(set(tokens)) != len(tokens):
            problems.append("two firms were given the same result")
        if len(rows) != len(self.completions):
            problems.append(f"{len(rows)} assessments stored for {len(tokens)} completions")
        return len(rows), correct, problems


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # gunicorn and nginx stop their own workers
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# -- reporting --------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def latency_cells(values: list[float]) -> str:
    if not values:
        return "– | – | –"
    return " | ".join(ms(client.percentile(values, p)) for p in (50, 95, 99))


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load1, load5, _ = os.getloadavg()
    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
        f"load average before the run {load1:.2f} (1 min) {load5:.2f} (5 min)"
    )


def round_cells(result: dict) -> str:
    """Median over the rounds of each percentile, then the worst round's p95."""
    cells = [ms(statistics.median(result[p])) for p in ("p50", "p95", "p99")]
    return " | ".join([*cells, ms(max(result["p95"]))])


def page_client_note(args) -> str:
    if args.page_client == "wrk":
        return f"wrk, {args.page_seconds:g} s per page and round"
    return f"asyncio client, {args.page_requests} requests per page in all"


def firm_table_rows(label: str, stats: client.Stats, done: list, elapsed: float) -> str:
    every = [v for values in stats.latencies.values() for v in values]
    return (
        f"| {label} | {len(done)} | {len(done) / elapsed:.1f} | {stats.requests / elapsed:.0f} "
        f"| {latency_cells(every)} | {stats.error_count} |"
    )


def page_table(stats: client.Stats) -> list[str]:
    lines = ["| page | requests | p50 ms | p95 ms | p99 ms |", "| --- | --- | --- | --- | --- |"]
    for label, values in sorted(stats.latencies.items()):
        lines.append(f"| {label} | {len(values)} | {latency_cells(values)} |")
    return lines


def errors_note(stats_list) -> list[str]:
    lines = []
    for stats in stats_list:
        for reason, count in stats.errors.items():
            lines.append(f"- error ×{count}: {reason}")
    return lines


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


# -- commands -----------------------------------------------------------------------------------


def command_load(bench: Bench) -> list[str]:
    args = bench.args
    bench.fresh_database()
    port = free_port()
    bench.start_gunicorn(port)
    warmup, _, _ = bench.firms(port, args.warmup, 5, seed=99)  # warm every worker
    pages = bench.pages(port)
    stats, done, elapsed = bench.firms(port, args.firms, args.concurrency, seed=1)
    stored, correct, problems = bench.check_stored()

    bare = statistics.median(pages[CEILINGS[0][0]]["rps"])
    lean = statistics.median(pages[CEILINGS[1][0]]["rps"])
    out = [
        f"Machine: {machine()}. One gunicorn, {workers(bench)} sync workers, PostgreSQL 15 on "
        f"loopback, {'Redis cache and cached_db sessions' if args.redis else 'database sessions'}"
        f"; {args.concurrency} concurrent clients, no think time.",
        "",
        f"Pages ({page_client_note(args)}, {args.concurrency} connections, "
        f"{args.rounds} interleaved rounds; throughput and latency percentiles are the median "
        "of the rounds, and the worst round's p95 is shown beside them):",
        "",
        "| page | req/s | % of bare | % of lean | p50 ms | p95 ms | p99 ms | worst p95 ms "
        "| errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, result in pages.items():
        rps = statistics.median(result["rps"])
        out.append(
            f"| {label} | {rps:.0f} | {100 * rps / bare:.0f}% | {100 * rps / lean:.0f}% "
            f"| {round_cells(result)} | {result['errors']} |"
        )
    every = [v for values in stats.latencies.values() for v in values]
    step = pages[WIZARD_STEP]
    step_share = statistics.median(step["rps"]) / lean
    step_p95 = statistics.median(step["p95"])
    whole_p95 = client.percentile(every, 95) if every else float("inf")
    page_errors = sum(r["errors"] for r in pages.values())
    out += [
        "",
        f"Whole assessments ({args.firms} simulated firms, {args.concurrency} at a time):",
        "",
        "| set-up | completed | completions/s | requests/s | p50 ms | p95 ms | p99 ms | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        firm_table_rows("one gunicorn", stats, done, elapsed),
        "",
        f"Stored assessments: {stored} for {len(bench.completions)} completions "
        f"(warm-up included), {correct} exactly as posted and scored.",
        "",
        *page_table(stats),
        "",
        "Targets:",
        "",
        f"- wizard step at {100 * step_share:.0f}% of the lean ceiling (≥ 40%): "
        f"{verdict(step_share >= 0.40)}",
        f"- wizard step p95 {ms(step_p95)} ms, median of the rounds (< 50 ms; worst round "
        f"{ms(max(step['p95']))} ms): {verdict(step_p95 < 0.050)}",
        f"- whole completion p95 per request {ms(whole_p95)} ms (< 150 ms): "
        f"{verdict(whole_p95 < 0.150)}",
        f"- errors {stats.error_count + page_errors} (zero): "
        f"{verdict(stats.error_count + page_errors == 0)}",
        f"- stored = completions, all correct: {verdict(not problems)}",
    ]
    out += errors_note([stats]) + [f"- {p}" for p in problems[:10]]
    out += [f"- warm-up error ×{n}: {reason}" for reason, n in warmup.errors.items()]
    return out


def command_scale(bench: Bench) -> list[str]:
    args = bench.args
    bench.fresh_database()
    # On one machine a second server adds no CPU, only processes competing for it: the
    # two-server set-up gets half the workers each (rounded up), so both set-ups run about as
    # many workers and the comparison shows what spreading a firm over two servers costs.
    single, first, second = free_port(), free_port(), free_port()
    half = -(-workers(bench) // 2)
    bench.start_gunicorn(single)
    bench.start_gunicorn(first, half)
    bench.start_gunicorn(second, half)
    one, two = free_port(), free_port()
    bench.start_nginx({one: [single], two: [first, second]})
    warmup, _, _ = bench.firms(two, args.warmup, 5, seed=99)

    runs = {"one gunicorn behind nginx": [], "two gunicorns behind nginx": []}
    # Alternate the two set-ups so that noise from elsewhere on the machine hits both alike.
    for round_number in range(args.rounds):
        for label, port in (
            ("one gunicorn behind nginx", one),
            ("two gunicorns behind nginx", two),
        ):
            seed = 1000 * (round_number + 1) + port
            runs[label].append(bench.firms(port, args.firms // args.rounds, args.concurrency, seed))
    stored, correct, problems = bench.check_stored()

    out = [
        f"Machine: {machine()}. One gunicorn with {workers(bench)} sync workers, or two with "
        f"{-(-workers(bench) // 2)} each; nginx 1 worker, round-robin; one PostgreSQL 15; "
        f"{'Redis cache and cached_db sessions' if args.redis else 'database sessions'}; "
        f"{args.concurrency} concurrent firms, no think time, {args.rounds} alternating rounds.",
        "",
        "| set-up | completed | completions/s | requests/s | p50 ms | p95 ms | p99 ms | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    summary = {}
    for label, results in runs.items():
        merged = client.Stats()
        done_all, elapsed_all = [], 0.0
        for stats, done, elapsed in results:
            merged.requests += stats.requests
            for key, values in stats.latencies.items():
                merged.latencies.setdefault(key, []).extend(values)
            for key, count in stats.errors.items():
                merged.errors[key] = merged.errors.get(key, 0) + count
            done_all += done
            elapsed_all += elapsed
        out.append(firm_table_rows(label, merged, done_all, elapsed_all))
        summary[label] = (merged, done_all, elapsed_all)
    merged_two, done_two, elapsed_two = summary["two gunicorns behind nginx"]
    merged_one, done_one, elapsed_one = summary["one gunicorn behind nginx"]
    spread = sum(1 for d in done_two if len(d.upstreams) == 2)
    ratio = (len(done_two) / elapsed_two) / (len(done_one) / elapsed_one)
    errors = merged_one.error_count + merged_two.error_count
    out += [
        "",
        f"Two-server run: {spread} of {len(done_two)} firms had their steps served by both "
        f"app servers. Stored assessments: {stored} for {len(bench.completions)} completions "
        f"(warm-up included), {correct} exactly as posted and scored.",
        "",
        f"- two servers at {100 * ratio:.0f}% of one server's completions/s (no slower): "
        f"{verdict(ratio >= 0.95)}",
        f"- every two-server firm on both servers: {verdict(spread == len(done_two))}",
        f"- errors {errors} (zero): {verdict(errors == 0)}",
        f"- stored = completions, all correct: {verdict(not problems)}",
    ]
    out += errors_note([merged_one, merged_two]) + [f"- {p}" for p in problems[:10]]
    out += [f"- warm-up error ×{n}: {reason}" for reason, n in warmup.errors.items()]
    return out


def workers(bench: Bench) -> int:
    return bench.args.workers or (os.cpu_count() or 1) * 2 + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["load", "scale"])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="readiness_bench")
    parser.add_argument("--redis", default="", help="REDIS_URL for the servers (default none)")
    parser.add_argument("--workers", type=int, default=0, help="WEB_CONCURRENCY per server")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--firms", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--page-client",
        choices=["wrk", "asyncio"],
        default="wrk",
        help="load client of the page phase (default wrk; the asyncio client takes about four "
        "times more CPU from the cores the server runs on)",
    )
    parser.add_argument("--page-seconds", type=float, default=5, help="per page and round, wrk")
    parser.add_argument("--page-requests", type=int, default=3000, help="asyncio client")
    parser.add_argument("--max-phase-seconds", type=float, default=60)
    parser.add_argument("--max-minutes", type=float, default=15)
    args = parser.parse_args()

    def out_of_time(*_):
        raise SystemExit(f"bench: stopped after --max-minutes {args.max_minutes}")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(int(args.max_minutes * 60))
    with ExitStack() as stack:
        bench = Bench(args, stack)
        command = command_load if args.command == "load" else command_scale
        lines = command(bench)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
