"""A real server in its own process on a database of its own, as `make run` starts it: by
default a SQLite file (the test database Django makes for the test run is in memory, where
nothing locks), or a PostgreSQL database given by URL."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    """The database, prepared as `make run` prepares it, and servers started on it."""

    def __init__(self, directory: Path, database_url: str = "", **env):
        self.path = directory / "readiness.sqlite3"
        self.database_url = database_url or f"sqlite:///{self.path}"
        self.log = directory / "server.log"
        self.env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "readiness.settings",
                "DATABASE_URL": self.database_url,
                "LOG_LEVEL": "WARNING",
                **env,
            }
        )
        for command in (["migrate", "--noinput"], ["createcachetable"], ["load_content"]):
            self.run("manage.py", *command)

    def start(self) -> "Server":
        return Server(self)

    def run(self, *command: str) -> str:
        """A command (`manage.py`, a script) against this site's database; its output."""
        done = subprocess.run(
            [sys.executable, *command],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return done.stdout

    def rows(self, sql: str, *params) -> list[tuple]:
        with sqlite3.connect(self.path) as conn:
            return conn.execute(sql, params).fetchall()


class Server:
    """`manage.py runserver`, the server of `make run`, in a process of its own."""

    def __init__(self, site: Site):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.site = site
        with site.log.open("a") as out:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=site.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {site.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the server did not answer: {site.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
