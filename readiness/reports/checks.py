"""System check: Traditional Chinese reports need a real CJK font, or they print as boxes."""

import shutil
import subprocess

from django.conf import settings
from django.core import checks

DEFAULT_CJK_FONT = "Noto Sans CJK TC"


def cjk_font_family() -> str:
    return getattr(settings, "REPORTS_CJK_FONT", DEFAULT_CJK_FONT)


def _fontconfig_escape(family: str) -> str:
    # Fontconfig patterns give "-", ":", "," and "\" a meaning; a family name must escape them.
    for char in "\\-:,":
        family = family.replace(char, "\\" + char)
    return family


def cjk_font_installed(family: str) -> bool:
    """True when fontconfig knows `family` and it covers Traditional Chinese."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    try:
        found = subprocess.run(
            [fc_list, f"{_fontconfig_escape(family)}:lang=zh-tw", "family"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0 and bool(found.stdout.strip())


@checks.register("reports")
def check_cjk_font(app_configs, **kwargs):
    family = cjk_font_family()
    if cjk_font_installed(family):
        return []
    return [
        checks.Warning(
            f"No CJK font “{family}” found: Traditional Chinese PDF reports would print "
            "Chinese characters as empty boxes.",
            hint="Install Debian's fonts-noto-cjk (scripts/system-deps does), then check with "
            "`fc-list :lang=zh-tw family`.",
            id="reports.W001",
        )
    ]
