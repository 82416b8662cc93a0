"""The Traditional Chinese catalogue: complete, well-formed, and current with the code."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"
HOW_TO_FIX = (
    "Run `.venv/bin/python manage.py makemessages -l zh_Hant --ignore=.venv --ignore=bench`, "
    "translate every new or fuzzy entry in locale/zh_Hant/LC_MESSAGES/django.po, then "
    "`make messages`."
)


def statistics(po: Path) -> str:
    done = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.strip()


def entries(po: Path, *flags: str) -> str:
    done = subprocess.run(
        ["msgattrib", *flags, "--no-obsolete", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    return "\n".join(line for line in done.stdout.splitlines() if line.startswith("msgid "))


def test_every_message_has_a_chinese_translation_and_none_is_fuzzy():
    report = statistics(PO)
    assert re.fullmatch(r"\d+ translated messages?\.", report), (report, HOW_TO_FIX)


def test_the_catalogue_covers_every_string_marked_in_the_code(tmp_path):
    """makemessages on a copy of the tree adds nothing the catalogue does not translate."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    for folder in ("readiness", "templates", "locale"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=ignore)
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    done = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hant", "--ignore=.venv"]
        + ["--ignore=bench", "-v0"],
        cwd=tmp_path,
        env={**os.environ, "DEBUG": "1", "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    fresh = tmp_path / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"
    missing = entries(fresh, "--untranslated") + entries(fresh, "--only-fuzzy")
    assert missing == "", f"Not translated yet:\n{missing}\n{HOW_TO_FIX}"


def test_the_tier_names_have_one_home_and_read_in_chinese():
    from readiness.assessments.models import Assessment
    from readiness.content import tiers

    assert Assessment._meta.get_field("tier").choices == tiers.CHOICES
    with translation.override("zh-hant"):
        names = [str(tier.name) for tier in tiers.TIERS]
    assert names == ["未認識 AI", "認識 AI", "AI 就緒", "AI 勝任"]
