"""The browser tests' harness: the app served by its own process on a free local port, against a
throw-away database, and Debian's Chromium driven by Playwright.

Every page a test opens is watched: a request to any other host, a console error (a blocked
inline style, a missing file) or an uncaught script error fails the test."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# CSS pixels; "zoom200" is a 1280 px wide window zoomed to 200 %.
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 375, "height": 812},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "zoom200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
}
SERVER_START_SECONDS = 60
# Generous: the suite also runs on busy two-core CI machines.
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_ready(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The app server exited with {process.returncode}; see {log}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"The app server did not answer {url} within {SERVER_START_SECONDS} s; see {log}")


def own_postgres_database(url: str) -> tuple[str, str] | None:
    """For a PostgreSQL DATABASE_URL: (URL of a database of our own, its name)."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return None
    name = f"{parts.path.lstrip('/') or 'readiness'}_e2e_{os.getpid()}"
    return parts._replace(path=f"/{name}").geturl(), name


def postgres_admin(url: str, sql: str) -> None:
    import psycopg

    admin = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql)


@dataclass
class Server:
    url: str
    env: dict
    tokens: dict[int, str] = field(default_factory=dict)

    def manage(self, *args: str) -> str:
        """Run a management command against the server's database; returns its output."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def python(self, code: str) -> str:
        """Run Python in a Django shell of the server's database; returns what it prints."""
        return self.manage("shell", "-v", "0", "-c", code)

    def result_url(self, answer: int) -> str:
        """The address of a stored result of "Golden Dragon Kitchen", every answer `answer`."""
        return f"/result/{self.tokens[answer]}/"


# Prepares the database and stores one result per uniform answer, the way the wizard stores
# them: all in one process, because Django starts slowly on a busy machine.
PREPARE_DATABASE = """
from django.core.management import call_command
from tests.factory import make_assessment, uniform_answers
call_command("migrate", interactive=False, verbosity=0)
call_command("load_content", verbosity=0)
for answer in (2, 4):
    made = make_assessment(uniform_answers(answer), company_name="Golden Dragon Kitchen")
    print("result", answer, made.token)
"""


@pytest.fixture(scope="session")
def server():
    """The app under DEBUG, as `make run` serves it, on a free port of 127.0.0.1."""
    RESULTS.mkdir(exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="readiness-e2e-"))
    env = {
        **os.environ,
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "WARNING",
        # The tests start more assessments and reports from one address than a firm would.
        "RATE_LIMIT_ASSESSMENT_STARTS": "off",
        "RATE_LIMIT_PDF": "off",
    }
    env.pop("REDIS_URL", None)
    postgres = own_postgres_database(os.environ.get("DATABASE_URL", ""))
    if postgres:
        env["DATABASE_URL"], name = postgres
        postgres_admin(env["DATABASE_URL"], f'CREATE DATABASE "{name}"')
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'e2e.sqlite3'}"
    port = free_port()
    log = RESULTS / "e2e-server.log"
    server = Server(url=f"http://127.0.0.1:{port}", env=env)
    process = None
    try:
        for line in server.python(PREPARE_DATABASE).splitlines():
            if line.startswith("result "):
                _, answer, token = line.split()
                server.tokens[int(answer)] = token
        with log.open("w") as out:
            process = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_until_ready(f"{server.url}/healthz", process, log)
        yield server
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if postgres:
            postgres_admin(env["DATABASE_URL"], f'DROP DATABASE IF EXISTS "{postgres[1]}"')
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run `scripts/system-deps e2e` "
            "(apt-get install chromium)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class Watch:
    """What the pages of one browser context asked for and complained about."""

    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    expected_errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.origin).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own
        ]

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(x in e for x in self.expected_errors)]


class Browsing:
    """Opens watched browser contexts ("fresh browsers") for one test."""

    def __init__(self, browser, server: Server):
        self.browser = browser
        self.server = server
        self.contexts = []

    def new_context(self, viewport: str = "desktop", locale: str = "en-GB", **options):
        """A fresh browser: no cookies unless `storage_state` carries some over."""
        context = self.browser.new_context(
            base_url=self.server.url,
            locale=locale,
            accept_downloads=True,
            **VIEWPORTS[viewport],
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        watch = Watch(origin=self.server.url)
        context.on("request", lambda request: watch.requests.append(request.url))
        context.on("page", lambda page: self._watch_page(page, watch))
        context.watch = watch
        self.contexts.append(context)
        return context

    def new_page(self, viewport: str = "desktop", locale: str = "en-GB"):
        return self.new_context(viewport, locale).new_page()

    @staticmethod
    def _watch_page(page, watch: Watch) -> None:
        page.on(
            "console",
            lambda message: (
                watch.errors.append(f"{page.url}: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: watch.errors.append(f"{page.url}: {error}"))

    def close(self) -> list[str]:
        problems = []
        for context in self.contexts:
            watch = context.watch
            context.close()
            problems += [f"request to another site: {url}" for url in watch.foreign_requests()]
            problems += [f"browser error: {error}" for error in watch.unexpected_errors()]
        return problems


@pytest.fixture
def browsing(browser, server):
    browsing = Browsing(browser, server)
    yield browsing
    problems = browsing.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(browsing):
    return browsing.new_page()
