"""A small asyncio HTTP/1.1 load client (standard library only) and the simulated firm.

A firm walks the whole assessment as a browser would, without think time: the home page and its
stylesheets, every wizard step (GET, then POST with the CSRF token and its answers), whatever
optional step follows the review (skipped with its "skip" button), the done URL and the result
page. It follows redirects and reads the step from the URL, so added or removed steps need no
change here as long as they can be skipped.
"""

from __future__ import annotations

import asyncio
import math
import random
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from readiness.content.questionnaire import Questionnaire

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
STYLESHEET = re.compile(rb'<link rel="stylesheet" href="([^"]+)"')
WIZARD_FORM = re.compile(rb'<form method="post" action="/assessment/[^"]*"[^>]*>(.*?)</form>', re.S)
INPUT = re.compile(rb"<input\b[^>]*>")
BUTTON = re.compile(rb"<button\b[^>]*>")
ATTR = re.compile(rb'(\w[\w-]*)="([^"]*)"')
STEP_URL = re.compile(r"^/assessment/([a-z_]+)/$")
RESULT_URL = re.compile(r"^/result/([A-Za-z0-9_-]+)/$")
MAX_STEPS = 30  # a firm that has not finished after this many pages is stuck: an error


class HttpError(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes

    @property
    def location(self) -> str:
        return urlsplit(self.headers.get("location", "")).path


@dataclass
class Stats:
    """Latencies (seconds) per page label, errors with a reason, and who served what."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    requests: int = 0

    def record(self, label: str, seconds: float) -> None:
        self.requests += 1
        self.latencies.setdefault(label, []).append(seconds)

    def error(self, reason: str) -> None:
        self.errors[reason] = self.errors.get(reason, 0) + 1

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


class Browser:
    """One client: a cookie jar and one connection, reopened when the server closes it."""

    def __init__(self, host: str, port: int, stats: Stats, timeout: float = 30.0):
        self.host, self.port, self.stats, self.timeout = host, port, stats, timeout
        self.cookies: dict[str, str] = {}
        self.upstreams: set[str] = set()
        self._conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def close(self) -> None:
        if self._conn:
            self._conn[1].close()
            self._conn = None

    async def request(
        self,
        method: str,
        path: str,
        label: str,
        form: dict | None = None,
        extra: dict | None = None,
    ) -> Response:
        body = urlencode(form, doseq=True).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            lines.append("Content-Type: application/x-www-form-urlencoded")
            lines.append(f"Content-Length: {len(body)}")
        for name, value in (extra or {}).items():
            lines.append(f"{name}: {value}")
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        started = time.perf_counter()
        response = await asyncio.wait_for(self._exchange(raw, method), self.timeout)
        self.stats.record(label, time.perf_counter() - started)
        self.cookies.update(response.cookies)
        if upstream := response.headers.get("x-upstream"):
            self.upstreams.add(upstream)
        return response

    async def _exchange(self, raw: bytes, method: str) -> Response:
        for attempt in (1, 2):
            fresh = self._conn is None
            if fresh:
                self._conn = await asyncio.open_connection(self.host, self.port)
            reader, writer = self._conn
            try:
                writer.write(raw)
                await writer.drain()
                head = await reader.readuntil(b"\r\n\r\n")
            except (ConnectionError, asyncio.IncompleteReadError):
                # A kept-alive connection the server closed meanwhile: retry a GET once on a new
                # one. Never a POST, which the server may have acted on.
                await self.close()
                if fresh or attempt == 2 or method != "GET":
                    raise
                continue
            return await self._read_response(head, reader, method)
        raise HttpError("unreachable")

    async def _read_response(self, head: bytes, reader, method: str) -> Response:
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers: dict[str, str] = {}
        cookies: dict[str, str] = {}
        for line in header_lines:
            if not line:
                continue
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie = pair.partition("=")
                cookies[key.strip()] = cookie.strip()
            else:
                headers[name] = value
        if method == "HEAD" or status in (204, 304):
            body = b""
        elif "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._read_chunked(reader)
        else:
            body = await reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Response(status, headers, cookies, body)

    @staticmethod
    async def _read_chunked(reader) -> bytes:
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)


def plan_firm(questionnaire: Questionnaire, rng: random.Random) -> tuple[dict, dict]:
    """A random but valid profile and set of answers."""
    q = questionnaire
    functions = rng.sample([c.key for c in q.ai_functions if c.key != "none"], rng.randint(0, 3))
    profile = {
        "company_name": f"Bench Trading {rng.randint(1, 10**6)} Ltd",
        "business_scope": rng.choice(q.business_scopes).key,
        "employee_band": rng.choice(q.employee_bands).key,
        "listed": rng.choice(["no", "yes"]),
        "ai_functions": functions or ["none"],
        "difficulties": rng.sample([c.key for c in q.difficulties], rng.randint(0, 3)),
    }
    if q.trade_types:
        # The profile step's follow-up questions since 2026.2; ignored for other scopes.
        profile["trade_type"] = rng.choice(q.trade_types).key
        profile["hk_production_line"] = rng.choice(["yes", "no"])
    answers = {key: rng.randint(1, 5) for key in q.questions}
    return profile, answers


def step_form(step: str, page: bytes, questionnaire: Questionnaire, profile, answers) -> dict:
    """The POST body for one wizard step: built from the plan for the steps we know, and for any
    other step its hidden fields plus its "skip" button."""
    token = CSRF_INPUT.search(page)
    if not token:
        raise HttpError(f"{step}: no CSRF token on the page")
    form = {"csrfmiddlewaretoken": token.group(1).decode(), "assessment-current_step": step}
    if step == "profile":
        form.update({f"profile-{name}": value for name, value in profile.items()})
    elif step in questionnaire.pillar_map:
        pillar = questionnaire.pillar_map[step]
        form.update({f"{step}-{q.key}": str(answers[q.key]) for q in pillar.questions})
    elif step != "review":
        wizard_form = WIZARD_FORM.search(page)
        if not wizard_form:
            raise HttpError(f"{step}: no wizard form on the page")
        for tag in INPUT.findall(wizard_form.group(1)):
            attrs = {k.decode(): v.decode() for k, v in ATTR.findall(tag)}
            if attrs.get("type") == "hidden" and "name" in attrs:
                form.setdefault(attrs["name"], attrs.get("value", ""))
        buttons = [
            {k.decode(): v.decode() for k, v in ATTR.findall(tag)}
            for tag in BUTTON.findall(wizard_form.group(1))
        ]
        skip = next((b for b in buttons if b.get("name") == "skip"), None)
        if skip is not None:
            form["skip"] = skip.get("value", "1")
    return form


@dataclass
class Completion:
    token: str
    profile: dict
    answers: dict
    upstreams: set[str]


async def run_firm(host, port, questionnaire, rng, stats, fetch_static=True) -> Completion | None:
    """One firm through the whole assessment; None (and an error counted) if anything fails."""
    profile, answers = plan_firm(questionnaire, rng)
    browser = Browser(host, port, stats)
    try:
        home = await browser.request("GET", "/", "home")
        expect(home, 200, "home")
        if fetch_static:
            for href in STYLESHEET.findall(home.body):
                css = await browser.request(
                    "GET", href.decode(), "static (css)", extra={"Accept-Encoding": "br, gzip"}
                )
                expect(css, 200, "static (css)")
        response = await browser.request("GET", "/assessment/", "wizard start")
        expect(response, 302, "wizard start")
        path = response.location
        seen: set[str] = set()
        for _ in range(MAX_STEPS):
            if match := RESULT_URL.match(path):
                result = await browser.request("GET", path, "result page")
                expect(result, 200, "result page")
                return Completion(match.group(1), profile, answers, browser.upstreams)
            if path == "/assessment/done/":
                response = await browser.request("GET", path, "done (stores)")
                expect(response, 302, "done (stores)")
                path = response.location
                continue
            match = STEP_URL.match(path)
            if not match:
                raise HttpError(f"unexpected redirect to {path}")
            step = match.group(1)
            if step in seen:
                raise HttpError(f"sent back to the {step} step")
            seen.add(step)
            kind = step_kind(step, questionnaire)
            page = await browser.request("GET", path, f"{kind} GET")
            expect(page, 200, f"{kind} GET")
            form = step_form(step, page.body, questionnaire, profile, answers)
            response = await browser.request("POST", path, f"{kind} POST", form=form)
            expect(response, 302, f"{kind} POST")
            path = response.location
        raise HttpError("never reached a result")
    except (TimeoutError, HttpError, OSError, asyncio.IncompleteReadError) as exc:
        stats.error(str(exc) or type(exc).__name__)
        return None
    finally:
        await browser.close()


def step_kind(step: str, questionnaire: Questionnaire) -> str:
    if step in questionnaire.pillar_map:
        return "pillar step"
    return f"{step} step"


def expect(response: Response, status: int, label: str) -> None:
    if response.status != status:
        raise HttpError(f"{label}: HTTP {response.status}, expected {status}")


async def run_firms(host, port, questionnaire, firms, concurrency, max_seconds, seed=1):
    """`firms` firms, `concurrency` at a time, stopping early after `max_seconds`."""
    stats = Stats()
    completions: list[Completion] = []
    queue = iter(range(firms))
    deadline = time.monotonic() + max_seconds

    async def worker():
        for index in queue:
            if time.monotonic() > deadline:
                return
            rng = random.Random(seed * 1_000_003 + index)
            done = await run_firm(host, port, questionnaire, rng, stats)
            if done:
                completions.append(done)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return stats, completions, time.perf_counter() - started


async def hammer(host, port, path, label, concurrency, requests, max_seconds, prepare=None):
    """GET `path` `requests` times from `concurrency` clients (or until `max_seconds`).

    `prepare(browser)` runs first for each client, unmeasured (e.g. to start a wizard)."""
    stats = Stats()
    setup_stats = Stats()
    browsers = [Browser(host, port, setup_stats) for _ in range(concurrency)]
    if prepare:
        await asyncio.gather(*(prepare(b) for b in browsers))
    for browser in browsers:
        browser.stats = stats
    remaining = iter(range(requests))
    deadline = time.monotonic() + max_seconds

    async def worker(browser):
        for _ in remaining:
            if time.monotonic() > deadline:
                return
            try:
                response = await browser.request("GET", path, label)
                expect(response, 200, label)
            except (TimeoutError, HttpError, OSError, asyncio.IncompleteReadError) as e:
                stats.error(str(e) or type(e).__name__)

    started = time.perf_counter()
    await asyncio.gather(*(worker(b) for b in browsers))
    elapsed = time.perf_counter() - started
    for browser in browsers:
        await browser.close()
    stats.errors.update({f"setup: {k}": v for k, v in setup_stats.errors.items()})
    return stats, elapsed


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(pct / 100 * len(ordered))))
    return ordered[rank - 1]
