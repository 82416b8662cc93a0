"""What production serving promises: a health probe that checks the database, the benchmark
pages only when asked for, sessions that several app servers can share, and a gunicorn worker
count that follows the machine."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.mark.django_db
def test_health_endpoint_reports_the_database_ok(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_endpoint_sets_no_session_cookie(client):
    response = client.get("/healthz")
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_benchmark_pages_are_not_mounted_by_default(client):
    assert client.get("/bench/ok").status_code == 404


def run_python(code: str, **env_overrides) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(env_overrides)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


DJANGO = "import django; django.setup(); from django.conf import settings; "
SETTINGS = {"DJANGO_SETTINGS_MODULE": "readiness.settings"}


def test_sessions_live_in_the_database_or_behind_redis_when_it_is_configured():
    code = DJANGO + "print(settings.SESSION_ENGINE, settings.CACHES['default']['BACKEND'])"
    assert run_python(code, **SETTINGS) == (
        "django.contrib.sessions.backends.db django.core.cache.backends.db.DatabaseCache"
    )
    assert run_python(code, REDIS_URL="redis://127.0.0.1:6379/0", **SETTINGS) == (
        "readiness.security.session_store django.core.cache.backends.redis.RedisCache"
    )


def test_production_serves_hashed_compressed_static_files_and_the_laptop_plain_ones():
    code = DJANGO + "print(settings.STORAGES['staticfiles']['BACKEND'])"
    assert run_python(code, **SETTINGS) == "django.contrib.staticfiles.storage.StaticFilesStorage"
    production = {
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "Zq8#pL2@vN5$wR9!xT3%yU6^aB1&cD4*",
        "ALLOWED_HOSTS": "readiness.example.org",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
    }
    assert run_python(code, **production, **SETTINGS) == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_gunicorn_workers_follow_the_cpu_count_unless_web_concurrency_says_otherwise(
    monkeypatch,
):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setenv("PORT", "8123")
    config = runpy.run_path(str(ROOT / "readiness" / "gunicorn.conf.py"))
    assert config["workers"] == (os.cpu_count() or 1) * 2 + 1
    assert config["bind"].endswith(":8123")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert runpy.run_path(str(ROOT / "readiness" / "gunicorn.conf.py"))["workers"] == 3


def test_health_endpoint_answers_503_when_the_database_is_unreachable():
    # A real PostgreSQL URL on a port where nothing listens.
    code = (
        DJANGO + "from django.test import Client; r = Client().get('/healthz'); "
        "print(r.status_code, r.json())"
    )
    out = run_python(
        code,
        DATABASE_URL="postgres://postgres@127.0.0.1:9/readiness",
        ALLOWED_HOSTS="testserver",
        **SETTINGS,
    )
    assert out.splitlines()[-1] == "503 {'status': 'error', 'database': 'error'}"
