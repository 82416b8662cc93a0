from django.core import checks

from readiness.reports import fonts


def reports_warnings(check_id="reports.W001"):
    return [m for m in checks.run_checks(tags=["reports"]) if m.id == check_id]


def test_it_is_silent_when_the_cjk_font_and_the_report_fonts_are_installed():
    # scripts/system-deps installs fonts-noto-cjk and `make setup` cuts the report fonts on
    # every machine that runs the suite.
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


def test_it_warns_when_the_report_fonts_were_never_built(settings, tmp_path):
    settings.REPORT_FONTS_DIR = tmp_path
    [warning] = checks.run_checks(tags=["reports"])
    assert warning.id == "reports.W002"
    assert f"no report fonts have been built in {tmp_path}" in warning.msg
    assert "0.1 s slower" in warning.msg
    assert "manage.py build_report_fonts" in warning.hint


def test_it_warns_when_the_text_outgrew_the_report_fonts(settings, tmp_path, monkeypatch):
    settings.REPORT_FONTS_DIR = tmp_path
    fonts.build(tmp_path, characters=set("香港"))
    monkeypatch.setattr(fonts, "required_characters", lambda: frozenset("香港"))
    assert checks.run_checks(tags=["reports"]) == []
    monkeypatch.setattr(fonts, "required_characters", lambda: frozenset("香港龍"))
    [warning] = reports_warnings("reports.W002")
    assert "1 characters of the product's text are not in the cut (龍)" in warning.msg
