"""Back up and restore the database the app is configured with (DATABASE_URL, else the embedded
SQLite file), whichever it is.

    .venv/bin/python scripts/backup.py backup [FILE]     (make backup)
    .venv/bin/python scripts/backup.py restore FILE      (make restore FILE=...)

PostgreSQL: `pg_dump --format=custom` (compressed, restorable table by table) and
`pg_restore --clean --if-exists --single-transaction`: the database is replaced by the backup
as a whole, or left as it was if anything fails. The database itself must exist (an empty one
will do). SQLite: SQLite's online backup (a consistent copy even while the app writes), and for
the restore the same copy the other way, into a new file that then replaces the database file.

Restore with the app servers stopped. Without FILE, a backup goes to
backups/readiness-<date>-<UTC time>Z.<dump|sqlite3>. See docs/deploy.md, "Backups".
"""

import argparse
import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness.settings")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

PG_TOOLS = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def pg_tool(name: str) -> str:
    found = PG_TOOLS / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def database():
    django.setup()
    config = settings.DATABASES["default"]
    vendor = "sqlite" if config["ENGINE"].endswith("sqlite3") else "postgresql"
    return vendor, config


def pg_environment(config) -> dict:
    """libpq's own variables, so that the password never shows in the process list."""
    env = {**os.environ}
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if config.get(key):
            env[variable] = str(config[key])
    if sslmode := config.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def backup(target: Path | None) -> Path:
    vendor, config = database()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%SZ")
    if target is None:
        suffix = "sqlite3" if vendor == "sqlite" else "dump"
        target = ROOT / "backups" / f"readiness-{stamp}.{suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if vendor == "sqlite":
        partial.unlink(missing_ok=True)
        with (
            closing(sqlite3.connect(config["NAME"])) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)
    else:
        subprocess.run(
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"],
            env=pg_environment(config),
            check=True,
        )
    # Only a complete backup gets the name: a failed run never leaves a file that looks good.
    partial.replace(target)
    return target


def restore(source: Path) -> None:
    if not source.is_file():
        raise SystemExit(f"restore: no backup at {source}")
    vendor, config = database()
    if vendor == "sqlite":
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as check:
            if check.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise SystemExit(f"restore: {source} is not a sound SQLite database")
        path = Path(config["NAME"])
        fresh = path.with_name(path.name + ".restoring")
        fresh.unlink(missing_ok=True)
        with (
            closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_file,
            closing(sqlite3.connect(fresh)) as target,
        ):
            backup_file.backup(target)
        # The write-ahead log of the old file would otherwise be replayed onto the new one.
        for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        fresh.replace(path)
    else:
        subprocess.run(
            [
                pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={config['NAME']}",
                str(source),
            ],
            env=pg_environment(config),
            check=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup", help="write a backup of the database")
    make.add_argument("file", nargs="?", type=Path)
    back = commands.add_parser("restore", help="replace the database by a backup")
    back.add_argument("file", type=Path)
    args = parser.parse_args()
    if args.command == "backup":
        print(backup(args.file))
    else:
        restore(args.file)
        print(f"restored {args.file}")


if __name__ == "__main__":
    main()
