"""PostgreSQL restarted under load, on loopback with the production set-up.

    python bench/faults.py            (make bench-faults)

Starts a PostgreSQL of its own (initdb into a temporary directory, port 8171: never the shared
server), gunicorn with readiness/gunicorn.conf.py (DEBUG off) on port 8170, and firms completing
the assessment in parallel. A few seconds in, PostgreSQL is stopped (fast shutdown, which cuts
every open connection mid-request) and started again after --outage seconds. A firm that gets
the "try again in a minute" page does what the page asks, a little faster: it waits a second
and sends the same request again. Afterwards the script checks what was stored and prints
markdown tables: what the firms saw before, during and after the outage, and each firm's
experience.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from bench import client  # noqa: E402
from bench.run import HOST, Bench, machine, verdict  # noqa: E402
from readiness import settings as project_settings  # noqa: E402
from readiness.content.questionnaire import load  # noqa: E402

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
TRY_AGAIN = b"Please try again in a minute"
GIVE_UP_SECONDS = 120  # a firm still refused after this long has not been served: an error


# -- a PostgreSQL of our own --------------------------------------------------------------------


class OwnPostgres:
    """A throw-away cluster in a temporary directory. PostgreSQL refuses to run as root, so
    under root it runs as the `postgres` system user."""

    def __init__(self, directory: Path, port: int):
        self.directory, self.port = directory, port
        self.data = directory / "data"
        self.log = directory / "postgres.log"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(directory, "postgres")
        self.run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync")

    @property
    def url(self) -> str:
        return f"postgres://postgres@{HOST}:{self.port}"

    def run(self, program: str, *args) -> None:
        subprocess.run(
            [*self.as_user, PG_BIN / program, *map(str, args)],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=120,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses={HOST} -c fsync=off"
        self.run("pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "start")

    def stop(self) -> None:
        # Fast shutdown: open connections are cut, as a crash or a failover would cut them.
        self.run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")


# -- firms that come back when asked to -----------------------------------------------------


@dataclass
class Seen:
    """What one firm saw."""

    number: int
    statuses: dict[int, int] = field(default_factory=dict)
    unfriendly: list[str] = field(default_factory=list)  # error pages that are not the 503 page
    waited: float = 0.0
    completion: client.Completion | None = None

    def saw(self, status: int) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1


@dataclass
class Timeline:
    """Every response, stamped, to count them before, during and after the outage."""

    events: list[tuple[float, int]] = field(default_factory=list)
    down_at: float = 0.0
    up_at: float = 0.0


async def request(browser, seen: Seen, timeline: Timeline, method, path, label, form=None):
    """One request, sent again a second after each "try again in a minute" page."""
    deadline = time.monotonic() + GIVE_UP_SECONDS
    while True:
        response = await browser.request(method, path, label, form=form)
        timeline.events.append((time.monotonic(), response.status))
        seen.saw(response.status)
        if response.status != 503:
            if response.status >= 500 or b"Traceback" in response.body:
                seen.unfriendly.append(f"{label}: HTTP {response.status}")
            return response
        if TRY_AGAIN not in response.body or response.headers.get("retry-after") != "60":
            seen.unfriendly.append(f"{label}: a 503 without the try-again page")
        if time.monotonic() > deadline:
            raise client.HttpError(f"{label}: still refused after {GIVE_UP_SECONDS} s")
        await asyncio.sleep(1)
        seen.waited += 1


async def run_firm(port, questionnaire, number, timeline: Timeline, think: float) -> Seen:
    seen = Seen(number)
    profile, answers = client.plan_firm(questionnaire, random.Random(number))
    browser = client.Browser(HOST, port, client.Stats())
    try:
        response = await request(browser, seen, timeline, "GET", "/assessment/", "start")
        client.expect(response, 302, "start")
        path = response.location
        for _ in range(client.MAX_STEPS):
            if match := client.RESULT_URL.match(path):
                result = await request(browser, seen, timeline, "GET", path, "result")
                client.expect(result, 200, "result")
                seen.completion = client.Completion(match.group(1), profile, answers, set())
                return seen
            if path == "/assessment/done/":
                response = await request(browser, seen, timeline, "GET", path, "done")
                client.expect(response, 302, "done")
                path = response.location
                continue
            step = client.STEP_URL.match(path).group(1)
            page = await request(browser, seen, timeline, "GET", path, f"{step} GET")
            client.expect(page, 200, f"{step} GET")
            await asyncio.sleep(think)
            form = client.step_form(step, page.body, questionnaire, profile, answers)
            response = await request(browser, seen, timeline, "POST", path, f"{step} POST", form)
            client.expect(response, 302, f"{step} POST")
            path = response.location
        raise client.HttpError("never reached a result")
    except (TimeoutError, client.HttpError, OSError, asyncio.IncompleteReadError) as exc:
        seen.unfriendly.append(str(exc) or type(exc).__name__)
        return seen
    finally:
        await browser.close()


async def load_with_outage(port, questionnaire, postgres: OwnPostgres, args) -> tuple:
    timeline = Timeline()
    seen: list[Seen] = []
    numbers = iter(range(10_000))
    stop_starting = time.monotonic() + args.down_after + args.outage + args.after

    async def lane():
        for number in numbers:
            if time.monotonic() > stop_starting:
                return
            seen.append(await run_firm(port, questionnaire, number, timeline, args.think))

    async def outage():
        await asyncio.sleep(args.down_after)
        timeline.down_at = time.monotonic()
        await asyncio.to_thread(postgres.stop)
        await asyncio.sleep(args.outage)
        await asyncio.to_thread(postgres.start)
        timeline.up_at = time.monotonic()

    started = time.monotonic()
    await asyncio.gather(outage(), *(lane() for _ in range(args.concurrency)))
    return seen, timeline, time.monotonic() - started


# -- checks and report --------------------------------------------------------------------------


def half_written(database_url: str, pillar_count: int) -> list[str]:
    """Rows that only make sense with others and lack them."""
    with psycopg.connect(database_url) as conn:
        lacking = conn.execute(
            "SELECT count(*) FROM assessments_assessment a WHERE (SELECT count(*) FROM "
            "assessments_pillarscore p WHERE p.assessment_id = a.id) <> %s",
            (pillar_count,),
        ).fetchone()[0]
    return [f"{lacking} assessments without all their pillar scores"] if lacking else []


def phase_table(timeline: Timeline) -> list[str]:
    first_ok_after = next(
        (t for t, status in timeline.events if t >= timeline.up_at and status < 500), None
    )
    phases = {
        "before the outage": lambda t: t < timeline.down_at,
        "PostgreSQL down (and starting)": lambda t: timeline.down_at <= t < timeline.up_at,
        "after it is back": lambda t: t >= timeline.up_at,
    }
    lines = [
        "| phase | responses | 2xx/3xx | friendly 503 | 500 | other 4xx/5xx |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for label, within in phases.items():
        statuses = [s for t, s in timeline.events if within(t)]
        lines.append(
            f"| {label} | {len(statuses)} | {sum(s < 400 for s in statuses)} "
            f"| {statuses.count(503)} | {statuses.count(500)} "
            f"| {sum(s >= 400 and s not in (500, 503) for s in statuses)} |"
        )
    last_503 = max((t for t, s in timeline.events if s == 503), default=None)
    lines += [
        "",
        f"PostgreSQL was down for {timeline.up_at - timeline.down_at:.1f} s (stop, "
        f"then start until it accepts connections). First successful response after it was "
        f"back: {first_ok_after - timeline.up_at:.2f} s later; last 503: "
        + (f"{last_503 - timeline.up_at:+.2f} s from then." if last_503 else "none.")
        if first_ok_after
        else "No successful response after PostgreSQL was back.",
    ]
    return lines


def firm_table(seen: list[Seen]) -> list[str]:
    lines = [
        "| firm | requests | friendly 503s | waited s | unfriendly | outcome |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for firm in sorted(seen, key=lambda f: f.number):
        outcome = f"result {firm.completion.token[:6]}…" if firm.completion else "not finished"
        lines.append(
            f"| {firm.number} | {sum(firm.statuses.values())} | {firm.statuses.get(503, 0)} "
            f"| {firm.waited:.0f} | {'; '.join(firm.unfriendly) or '–'} | {outcome} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg-port", type=int, default=8171)
    parser.add_argument("--port", type=int, default=8170, help="gunicorn")
    parser.add_argument("--workers", type=int, default=0, help="WEB_CONCURRENCY (default 2n+1)")
    parser.add_argument("--concurrency", type=int, default=10, help="firms at a time")
    parser.add_argument("--think", type=float, default=0.3, help="seconds on each step")
    parser.add_argument("--down-after", type=float, default=6, help="seconds of load first")
    parser.add_argument("--outage", type=float, default=5, help="seconds PostgreSQL stays down")
    parser.add_argument("--after", type=float, default=10, help="seconds of new firms after")
    parser.add_argument("--firm-table", action="store_true", help="print every firm's row")
    parser.add_argument("--max-minutes", type=float, default=10)
    args = parser.parse_args()

    def out_of_time(*_):
        raise SystemExit(f"bench: stopped after --max-minutes {args.max_minutes}")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(int(args.max_minutes * 60))
    with ExitStack() as stack:
        directory = Path(tempfile.mkdtemp(prefix="readiness-faults-"))
        stack.callback(shutil.rmtree, directory, ignore_errors=True)
        postgres = OwnPostgres(directory, args.pg_port)
        postgres.start()
        stack.callback(
            lambda: postgres.stop() if (postgres.data / "postmaster.pid").exists() else None
        )

        bench_args = argparse.Namespace(
            postgres=postgres.url, database="readiness", redis="", workers=args.workers
        )
        bench = Bench(bench_args, stack)
        version = project_settings.QUESTIONNAIRE_VERSION
        bench.questionnaire = load(version)
        bench.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "readiness.settings",
                "QUESTIONNAIRE_VERSION": version,
                # The product's own limits: every firm here comes from 127.0.0.1, as a workshop's
                # firms come from the venue's address.
                "RATE_LIMIT_ASSESSMENT_STARTS": project_settings.RATE_LIMIT_ASSESSMENT_STARTS,
            }
        )
        bench.fresh_database()
        bench.start_gunicorn(args.port)
        gunicorn_log = bench.tmp / f"gunicorn-{args.port}.log"

        seen, timeline, elapsed = asyncio.run(
            load_with_outage(args.port, bench.questionnaire, postgres, args)
        )
        bench.completions = [firm.completion for firm in seen if firm.completion]
        stored, correct, problems = bench.check_stored()
        problems += half_written(bench.database_url, len(bench.questionnaire.pillars))
        tracebacks = gunicorn_log.read_text(errors="replace").count("Traceback")

    unfriendly = [firm for firm in seen if firm.unfriendly]
    waited = [firm for firm in seen if firm.statuses.get(503)]
    finished = [firm for firm in seen if firm.completion]
    lines = [
        f"Machine: {machine()}. gunicorn with "
        f"{args.workers or (os.cpu_count() or 1) * 2 + 1} sync workers, DEBUG off, database "
        f"sessions, PostgreSQL 15 of its own on loopback; {args.concurrency} firms at a time, "
        f"{args.think:g} s on each step; PostgreSQL stopped (fast) {args.down_after:g} s in "
        f"and started {args.outage:g} s later; new firms for {args.after:g} s after that; "
        f"{elapsed:.0f} s in all.",
        "",
        *phase_table(timeline),
        "",
        f"Firms: {len(seen)} started, {len(finished)} finished; {len(waited)} saw the "
        f"try-again page and finished after coming back; {len(unfriendly)} saw anything else "
        f"(a 500, a traceback, a 503 without the page, no result).",
        f"Stored: {stored} assessments for {len(finished)} results shown, {correct} exactly as "
        f"posted and scored. Server log: {tracebacks} tracebacks (the ones logged for the "
        "503s are expected; none reaches a page).",
        "",
        f"- every request during the outage answered with the friendly 503: "
        f"{verdict(not unfriendly)}",
        f"- every firm finished: {verdict(len(finished) == len(seen))}",
        f"- nothing half-written, stored = results shown, all correct: {verdict(not problems)}",
    ]
    lines += [f"- {p}" for p in problems[:10]]
    for firm in unfriendly[:10]:
        lines.append(f"- firm {firm.number}: {'; '.join(firm.unfriendly)}")
    if args.firm_table:
        lines += ["", *firm_table(seen)]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
