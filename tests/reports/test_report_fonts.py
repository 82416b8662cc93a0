"""The report's own cut of the CJK font: what it holds, that it changes nothing on paper, how it
is built, and what a report does without it or beyond it."""

import io
import json
import subprocess

import pytest
from django.core.management import CommandError, call_command
from fontTools.ttLib import TTFont

from readiness.reports import fonts
from readiness.reports.rendering import render_report
from tests.reports.pdf import pdf_fonts, pdf_pages, reported_assessment, squeezed

FULL_FONT = {"Noto-Sans-CJK-TC", "Noto-Sans-CJK-TC-Bold"}
CUT = {"Readiness-Sans-TC", "Readiness-Sans-TC-Bold"}
# 啱 is Cantonese, in HKSCS but not in Big5, so not in the cut; 茶餐廳 are common characters.
RARE_NAME = "啱啱好茶餐廳有限公司"


def held(directory, face) -> set[str]:
    return {chr(code) for code in TTFont(directory / face.filename, lazy=True).getBestCmap()}


def raster(pdf: bytes, tmp_path, name: str) -> list[bytes]:
    """Every page as raw pixels (PPM at 40 dpi), as poppler draws them."""
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", source, tmp_path / name], check=True)
    return [page.read_bytes() for page in sorted(tmp_path.glob(f"{name}-*.ppm"))]


@pytest.fixture
def no_cut(settings, tmp_path):
    settings.REPORT_FONTS_DIR = tmp_path / "no-fonts-here"
    return settings.REPORT_FONTS_DIR


def test_the_cut_made_by_the_setup_is_ready_and_holds_everything_the_product_prints():
    assert fonts.status() is None, "the report fonts are not built: run `make setup`"
    for face in fonts.FACES:
        characters = held(fonts.fonts_dir(), face)
        assert fonts.content_characters() - characters == set()
        assert fonts.big5_common_characters() <= characters
        assert "啱" not in characters


def test_big5_gives_its_5401_common_characters():
    common = fonts.big5_common_characters()
    assert len(common) == 5401
    assert {"一", "香", "港", "籲"} <= common  # 籲 is the last of them (C67E)
    assert "啱" not in common


@pytest.mark.django_db
def test_a_chinese_report_looks_exactly_the_same_with_the_cut_as_with_the_full_font(
    settings, tmp_path
):
    assessment = reported_assessment()
    with_cut = render_report(assessment, "zh-hant")
    settings.REPORT_FONTS_DIR = tmp_path / "no-fonts-here"
    with_full_font = render_report(assessment, "zh-hant")

    assert pdf_fonts(with_cut) == CUT
    assert pdf_fonts(with_full_font) == FULL_FONT
    # Same glyphs in the same places on every page, pixel for pixel, at less than half the size.
    pages, full_pages = raster(with_cut, tmp_path, "cut"), raster(with_full_font, tmp_path, "full")
    assert len(pages) == len(full_pages) == len(pdf_pages(with_cut)) == 5
    pairs = enumerate(zip(pages, full_pages, strict=True), 1)
    differing = [number for number, (cut, full) in pairs if cut != full]
    assert differing == []
    assert len(with_cut) < len(with_full_font) / 2


@pytest.mark.django_db
def test_a_character_the_cut_lacks_prints_in_the_full_font():
    pdf = render_report(reported_assessment(company_name=RARE_NAME), "zh-hant")
    assert RARE_NAME in squeezed(pdf_pages(pdf)[0])
    assert pdf_fonts(pdf) == CUT | FULL_FONT


@pytest.mark.django_db
def test_without_a_cut_reports_print_in_the_full_font_and_say_the_same(no_cut):
    pdf = render_report(reported_assessment(company_name="金龍酒家有限公司"), "zh-hant")
    assert pdf_fonts(pdf) == FULL_FONT
    assert "金龍酒家有限公司" in squeezed(pdf_pages(pdf)[0])


def test_it_cuts_both_faces_with_the_characters_asked_for_under_a_family_of_its_own(tmp_path):
    built = fonts.build(tmp_path, characters=set("香港 AI"))

    assert [item.face for item in built] == list(fonts.FACES)
    for face in fonts.FACES:
        font = TTFont(tmp_path / face.filename)
        assert set("香港 AI") <= held(tmp_path, face)
        assert "龍" not in held(tmp_path, face)
        names = font["name"]
        assert names.getDebugName(1) == "Readiness Sans TC"
        assert names.getDebugName(6) == face.postscript_name
        assert "SIL Open Font License" in names.getDebugName(13)  # the licence travels with it
        assert "Noto" not in " ".join(str(r) for r in names.names if r.nameID in (1, 4, 6, 16))
    manifest = json.loads((tmp_path / fonts.MANIFEST).read_text())
    assert manifest["characters"] == " AI港香"
    assert fonts.status(tmp_path, set("香港 AI")) is None


def test_it_builds_nothing_when_the_cut_is_up_to_date(tmp_path):
    fonts.build(tmp_path, characters=set("香港"))
    before = {path.name: path.stat().st_mtime_ns for path in tmp_path.iterdir()}

    assert fonts.build(tmp_path, characters=set("香")) == []
    assert {path.name: path.stat().st_mtime_ns for path in tmp_path.iterdir()} == before


def test_it_builds_again_when_the_text_needs_a_character_the_cut_lacks(tmp_path):
    fonts.build(tmp_path, characters=set("香港"))

    assert fonts.status(tmp_path, set("香港龍")) == (
        "1 characters of the product's text are not in the cut (龍)"
    )
    assert len(fonts.build(tmp_path, characters=set("香港龍"))) == 2
    assert "龍" in held(tmp_path, fonts.FACES[1])


def test_it_says_what_is_wrong_with_a_missing_or_damaged_cut(tmp_path):
    assert fonts.status(tmp_path, set("香")) == f"no report fonts have been built in {tmp_path}"
    fonts.build(tmp_path, characters=set("香"))
    (tmp_path / "ReadinessSansTC-Bold.otf").unlink()
    assert fonts.status(tmp_path, set("香")) == (
        f"ReadinessSansTC-Bold.otf is missing from {tmp_path}"
    )
    (tmp_path / fonts.MANIFEST).write_text("{not json")
    assert fonts.status(tmp_path, set("香")).startswith("no report fonts have been built")


def test_a_build_that_fails_half_way_leaves_the_previous_cut_as_it_was(tmp_path, monkeypatch):
    fonts.build(tmp_path, characters=set("香"))
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    cut = fonts._cut

    def fail_on_bold(source, index, face, characters):
        if face.style == "Bold":
            raise OSError("disk full")
        return cut(source, index, face, characters)

    monkeypatch.setattr(fonts, "_cut", fail_on_bold)
    with pytest.raises(OSError, match="disk full"):
        fonts.build(tmp_path, characters=set("香港"))
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_it_names_the_package_when_the_system_font_is_missing(settings, tmp_path):
    settings.REPORTS_CJK_FONT = "No Such Font Family 2026"
    with pytest.raises(fonts.FontsUnavailable, match="fonts-noto-cjk"):
        fonts.build(tmp_path, characters=set("香"))
    assert list(tmp_path.iterdir()) == []


def test_the_command_checks_and_builds(settings, tmp_path, monkeypatch):
    settings.REPORT_FONTS_DIR = tmp_path
    monkeypatch.setattr(fonts, "required_characters", lambda: frozenset("香港"))
    with pytest.raises(CommandError, match="no report fonts have been built") as error:
        call_command("build_report_fonts", "--check")
    assert error.value.returncode == 1

    out = io.StringIO()
    call_command("build_report_fonts", stdout=out)
    assert out.getvalue().count("Built ") == 2
    assert "ReadinessSansTC-Bold.otf" in out.getvalue()

    out = io.StringIO()
    call_command("build_report_fonts", stdout=out)
    call_command("build_report_fonts", "--check", stdout=out)
    assert out.getvalue() == f"Report fonts are up to date in {tmp_path}.\n" * 2


def test_the_command_refuses_with_a_clear_message_without_the_system_font(settings, tmp_path):
    settings.REPORT_FONTS_DIR = tmp_path
    settings.REPORTS_CJK_FONT = "No Such Font Family 2026"
    with pytest.raises(CommandError, match="No “No Such Font Family 2026” Regular font"):
        call_command("build_report_fonts")
