"""Production mode: `check --deploy` is clean, and it refuses to start on laptop defaults."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

from readiness.security.checks import (
    proxy_addresses_are_valid,
    rates_are_valid,
)

ROOT = Path(__file__).resolve().parents[2]
RANDOM = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"


def production_env(tmp_path, **overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
        and not key.startswith(("RATE_LIMIT_", "AXES_", "DJANGO_"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="".join(secrets.choice(RANDOM) for _ in range(60)),
        ALLOWED_HOSTS="example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}",
        DATA_PROTECTION_CONTACT="Data Protection Officer, dpo@example.org",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_in_production_mode(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("variable", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(variable, tmp_path):
    result = manage(production_env(tmp_path, **{variable: None}), "check")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"needs {variable}" in result.stderr


def test_production_refuses_the_laptop_secret_key(tmp_path):
    env = production_env(tmp_path, SECRET_KEY="django-insecure-local-development-only")

    result = manage(env, "check")

    assert result.returncode != 0
    assert "needs SECRET_KEY" in result.stderr


def test_a_malformed_rate_limit_fails_the_checks(settings):
    settings.RATE_LIMIT_PDF = "twenty an hour"

    errors = rates_are_valid(None)

    assert [error.id for error in errors] == ["readiness.security.E001"]
    assert errors[0].msg.startswith("RATE_LIMIT_PDF: ")


def test_a_malformed_proxy_address_fails_the_checks(settings):
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/8", "the load balancer"]

    errors = proxy_addresses_are_valid(None)

    assert [error.id for error in errors] == ["readiness.security.E002"]
    assert "'the load balancer'" in errors[0].msg
