"""Settings come from the environment; production refuses to start on laptop defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "Zq8#pL2@vN5$wR9!xT3%yU6^aB1&cD4*"


def run_check(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "needs SECRET_KEY"),
        ("ALLOWED_HOSTS", "needs ALLOWED_HOSTS"),
        ("DATABASE_URL", "needs DATABASE_URL"),
    ],
)
def test_production_refuses_to_start_without_its_settings(missing, message):
    env = {
        "DEBUG": "0",
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": "readiness.example.org",
        "DATABASE_URL": "sqlite:////tmp/readiness-settings-test.sqlite3",
    }
    env.pop(missing)
    result = run_check(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_bad_boolean_fails_loudly():
    result = run_check({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_the_suite_runs_on_the_database_it_was_given():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
