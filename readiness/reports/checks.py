"""System checks: Traditional Chinese reports need a real CJK font, or they print as boxes, and
the report's own cut of it, or they print slowly."""

from django.core import checks

from readiness.reports import fonts


@checks.register("reports")
def check_cjk_font(app_configs, **kwargs):
    family = fonts.cjk_font_family()
    if not fonts.cjk_font_installed(family):
        return [
            checks.Warning(
                f"No CJK font “{family}” found: Traditional Chinese PDF reports would print "
                "Chinese characters as empty boxes.",
                hint="Install Debian's fonts-noto-cjk (scripts/system-deps does), then check "
                "with `fc-list :lang=zh-tw family`.",
                id="reports.W001",
            )
        ]
    reason = fonts.status()
    if reason:
        return [
            checks.Warning(
                f"The report fonts are not ready ({reason}): Chinese PDF reports print in the "
                f"full “{family}”, which makes each one about 0.1 s slower to render.",
                hint="Run `python manage.py build_report_fonts` (`make setup` does).",
                id="reports.W002",
            )
        ]
    return []
