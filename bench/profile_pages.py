"""CPU cost of each page, in process (Django's test client through the whole middleware stack),
and a cProfile of one page. CPU time of this process is little disturbed by other work on the
machine, unlike throughput, so this is the tool for before/after comparisons.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/readiness_bench \\
        .venv/bin/python bench/profile_pages.py [--requests 200] [--profile "pillar step GET"]

Runs with production settings (DEBUG off) against the given, migrated database; stores a few
assessments in it.
"""

import argparse
import cProfile
import os
import pstats
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.update(
    DEBUG="0",
    SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(48),
    ALLOWED_HOSTS="testserver",
    SECURE_SSL_REDIRECT="0",
    RATE_LIMIT_ASSESSMENT_STARTS="off",
    LOG_LEVEL="ERROR",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from readiness.content.questionnaire import current_questionnaire  # noqa: E402
from readiness.firms.wizard import PREFIX  # noqa: E402

Q = current_questionnaire()
PROFILE = {
    "company_name": "Golden Dragon Kitchen",
    "business_scope": Q.business_scopes[0].key,
    "employee_band": Q.employee_bands[3].key,
    "listed": "no",
}
STEP = Q.pillars[0].key


def post_data(step, fields):
    data = {f"{PREFIX}-current_step": step}
    data.update({f"{step}-{k}": v for k, v in fields.items()})
    return data


def pillar_data(pillar):
    return post_data(pillar.key, {q.key: "3" for q in pillar.questions})


def wizard_until(step_name):
    """A client whose wizard has every step before `step_name` answered."""
    c = Client()
    c.post("/assessment/profile/", post_data("profile", PROFILE))
    for pillar in Q.pillars:
        if pillar.key == step_name:
            return c
        c.post(f"/assessment/{pillar.key}/", pillar_data(pillar))
    if step_name == "review":
        return c
    c.post("/assessment/review/", post_data("review", {}))
    return c


def finished_result():
    c = wizard_until("contact")
    response = c.post("/assessment/contact/", {**post_data("contact", {}), "skip": "1"})
    if response["Location"].endswith("/done/"):
        response = c.get(response["Location"])
    return c, response["Location"]


def workspace_pages():
    """A workspace of 20 assessments and 5 closed rounds of 3 responses, one open round of 3."""
    from readiness.firms.submission import store_assessment
    from readiness.workspaces.models import Workspace

    profile = {**PROFILE, "listed": False}

    def assessment(value):
        answers = {key: value for key in Q.questions}
        return store_assessment(
            questionnaire=Q,
            submission_key=secrets.token_urlsafe(16),
            language="en",
            profile=profile,
            answers=answers,
        )

    workspace = Workspace.start_with(assessment(2))
    for index in range(19):
        workspace.add(assessment(2 + index % 4))
    for number in range(6):
        team_round = workspace.open_round()
        for value in (2, 3, 4):
            team_round.answer(
                browser=secrets.token_urlsafe(8),
                role="manager",
                shares_own_result=True,
                answers={key: value for key in Q.questions},
            )
        if number < 5:
            team_round.close()
    latest = workspace.latest_assessment()
    return {
        "workspace page (20 assessments, 6 rounds)": (Client(), "get", workspace.url(), None, 200),
        "result page with progress": (Client(), "get", latest.result_url(), None, 200),
        "open team round (3 responses)": (Client(), "get", team_round.url(), None, 200),
        "team answer page": (Client(), "get", team_round.invitation_url(), None, 200),
    }


def pages():
    """label -> (client, method, path, data, expected status)."""
    result_client, result_url = finished_result()
    return {
        **workspace_pages(),
        "bare view (ok)": (Client(), "get", "/bench/ok", None, 200),
        "lean loop, no form": (Client(), "get", f"/bench/lean/{STEP}/", None, 200),
        "the step's PillarForm": (Client(), "get", f"/bench/form/{STEP}/", None, 200),
        "home": (Client(), "get", "/", None, 200),
        "profile step GET": (Client(), "get", "/assessment/profile/", None, 200),
        "pillar step GET": (wizard_until(STEP), "get", f"/assessment/{STEP}/", None, 200),
        "pillar step POST": (
            wizard_until(STEP),
            "post",
            f"/assessment/{STEP}/",
            pillar_data(Q.pillars[0]),
            302,
        ),
        "review step GET": (wizard_until("review"), "get", "/assessment/review/", None, 200),
        "result page": (result_client, "get", result_url, None, 200),
        "result JSON": (result_client, "get", result_url.rstrip("/") + ".json", None, 200),
    }


def measure(c, method, path, data, status, requests):
    """Median CPU ms per request over five batches, and the queries of one request."""
    getattr(c, method)(path, data) if data else getattr(c, method)(path)  # warm
    with CaptureQueriesContext(connection) as queries:
        response = getattr(c, method)(path, data) if data else getattr(c, method)(path)
    assert response.status_code == status, (path, response.status_code)
    query_count = len(queries)  # read now: the capture is a view on the connection's log
    batch = max(1, requests // 5)
    costs = []
    for _ in range(5):
        started = time.process_time()
        for _ in range(batch):
            getattr(c, method)(path, data) if data else getattr(c, method)(path)
        costs.append((time.process_time() - started) / batch * 1000)
        reset_queries()
    return statistics.median(costs), query_count


def main():
    call_command("collectstatic", interactive=False, verbosity=0)
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", default="", help="label of a page to profile")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key")
    parser.add_argument("--rows", type=int, default=45, help="rows of the profile to print")
    parser.add_argument("--only", action="append", default=[], help="a label to measure (repeat)")
    args = parser.parse_args()
    table = pages()
    if args.profile:
        c, method, path, data, _ = table[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            getattr(c, method)(path, data) if data else getattr(c, method)(path)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.rows)
        return
    only = set(args.only)
    print("| page | CPU ms per request | queries |\n| --- | --- | --- |")
    for label, (c, method, path, data, status) in table.items():
        if only and label not in only:
            continue
        cost, queries = measure(c, method, path, data, status, args.requests)
        print(f"| {label} | {cost:.2f} | {queries} |", flush=True)


if __name__ == "__main__":
    main()
