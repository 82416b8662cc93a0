"""A backup made with scripts/backup.py brings every result back: dump, drop the database,
restore, and every result link opens again with the same scores, on SQLite and on PostgreSQL."""

import json
import os
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.resilience.live import Site
from tests.security.test_concurrency import complete

FIRMS = 5
COUNT_ASSESSMENTS = (
    "from readiness.assessments.models import Assessment; print(Assessment.objects.count())"
)


def postgres_admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(urlsplit(url)._replace(path="/postgres").geturl(), autocommit=True) as c:
        c.execute(sql)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """(vendor, DATABASE_URL or "" for the SQLite file, how to drop it)."""
    if request.param == "sqlite":
        yield (
            "sqlite",
            "",
            lambda site: [
                Path(f"{site.path}{suffix}").unlink(missing_ok=True)
                for suffix in ("", "-wal", "-shm")
            ],
        )
        return
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'readiness'}_backup_{os.getpid()}"
    own = parts._replace(path=f"/{name}").geturl()
    postgres_admin(own, f'CREATE DATABASE "{name}"')

    def drop_and_recreate_empty(site):
        postgres_admin(own, f'DROP DATABASE "{name}" WITH (FORCE)')
        postgres_admin(own, f'CREATE DATABASE "{name}"')

    yield "postgresql", own, drop_and_recreate_empty
    postgres_admin(own, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def results(base_url: str, paths: list[str]) -> dict[str, tuple[int, dict]]:
    """Each result page's status, and its scores as the result's JSON gives them."""
    seen = {}
    for path in paths:
        with urllib.request.urlopen(base_url + path, timeout=30) as page:
            status = page.status
        with urllib.request.urlopen(base_url + path.rstrip("/") + ".json", timeout=30) as data:
            seen[path] = (status, json.load(data))
    return seen


def test_a_backup_restored_after_the_database_is_dropped_opens_every_result_again(
    database, tmp_path
):
    vendor, url, drop = database
    site = Site(tmp_path, url)
    with site.start() as server:
        paths = [complete(server.url, number)[3] for number in range(FIRMS)]
        before = results(server.url, paths)
    assert all(path.startswith("/result/") for path in paths)
    assert {status for status, _ in before.values()} == {200}
    assert len({json.dumps(scores, sort_keys=True) for _, scores in before.values()}) > 1

    backup = tmp_path / ("backup.sqlite3" if vendor == "sqlite" else "backup.dump")
    assert site.run("scripts/backup.py", "backup", str(backup)).strip() == str(backup)
    drop(site)
    # Nothing is left to serve: no assessment table.
    with pytest.raises(subprocess.CalledProcessError):
        site.run("manage.py", "shell", "-c", COUNT_ASSESSMENTS)
    site.run("scripts/backup.py", "restore", str(backup))

    with site.start() as server:
        after = results(server.url, paths)

    assert after == before
