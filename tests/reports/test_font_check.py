from django.core import checks


def reports_warnings():
    return [m for m in checks.run_checks(tags=["reports"]) if m.id == "reports.W001"]


def test_it_is_silent_when_the_cjk_font_is_installed():
    # scripts/system-deps installs fonts-noto-cjk on every machine that runs the suite.
    assert checks.run_checks(tags=["reports"]) == []


def test_it_warns_when_the_cjk_font_is_missing(settings):
    settings.REPORTS_CJK_FONT = "No Such Font Family 2026"
    [warning] = reports_warnings()
    assert warning.level == checks.WARNING
    assert "No Such Font Family 2026" in warning.msg
    assert "fonts-noto-cjk" in warning.hint


def test_a_font_without_traditional_chinese_does_not_count(settings):
    settings.REPORTS_CJK_FONT = "DejaVu Sans"
    assert len(reports_warnings()) == 1
