"""System check: Traditional Chinese reports need a real CJK font, or they print as boxes."""

import shutil
import subprocess

from django.conf import settings
from django.core import checks

DEFAULT_CJK_FONT = "Noto Sans CJK TC"


def cjk_font_installed(family: str) -> bool:
    """Whether fontconfig knows `family` and it covers Traditional Chinese."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    # Fontconfig patterns give "-", ":", "," and "\" a meaning; a family name escapes them.
    for char in "\\-:,":
        family = family.replace(char, "\\" + char)
    try:
        found = subprocess.run(
            [fc_list, f"{family}:lang=zh-tw", "family"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return bool(found.stdout.strip())


@checks.register("reports")
def check_cjk_font(app_configs, **kwargs):
    family = getattr(settings, "REPORTS_CJK_FONT", DEFAULT_CJK_FONT)
    if cjk_font_installed(family):
        return []
    return [
        checks.Warning(
            f"No CJK font “{family}” found: Traditional Chinese PDF reports would print "
            "Chinese characters as empty boxes.",
            hint="Install Debian's fonts-noto-cjk (scripts/system-deps does), then check "
            "with `fc-list :lang=zh-tw family`.",
            id="reports.W001",
        )
    ]
