"""Every figure quoted from the HKPC/HKU study matches the study's text at the line named."""

from pathlib import Path

import pytest

from readiness.content import study

# The study's text as the research seeds hold it (../shared/seeds), kept in the repository so
# that the figures can be checked from any clone.
SEEDS = Path(__file__).resolve().parents[2] / "docs" / "sources"


def seed_lines() -> list[str]:
    import yaml

    name = yaml.safe_load(study.STUDY_FILE.read_text(encoding="utf-8"))["source"]["seed"]
    return (SEEDS / name).read_text(encoding="utf-8").splitlines()


FIGURES = [(g.key, f) for g in study.load().groups for f in g.figures]


@pytest.mark.parametrize(("group", "figure"), FIGURES, ids=[f"{g}-{f.percent}" for g, f in FIGURES])
def test_each_figure_is_quoted_from_the_line_it_names(group, figure):
    line = seed_lines()[figure.line - 1]
    assert figure.quote in line
    assert f"{figure.percent}%" in figure.quote


def test_the_source_says_who_published_it_when_and_how_many_firms_were_surveyed():
    lines = seed_lines()
    source = study.load()
    assert lines[12] == source.published.en == "1 March 2024"
    assert "267 enterprises" in lines[116] and "mid-2023" in lines[116]
    assert "267" in source.survey.en and "mid-2023" in source.survey.en
    assert "81% were SMEs while 19% were large enterprises" in lines[1752]


def test_a_firm_using_ai_sees_what_users_found_and_its_own_difficulties_marked():
    groups = study.groups_for(["marketing"], ["lack_of_funds"])
    keys = [g.key for g, _ in groups]
    assert keys == ["adoption", "functions", "user_benefits", "user_challenges", "user_results"]
    marked = {(g.key, f.percent) for g, figures in groups for f, mine in figures if mine}
    assert marked == {("functions", 58), ("user_challenges", 34)}


def test_a_firm_not_using_ai_sees_what_non_users_expected():
    groups = study.groups_for(["none"], ["choosing_solution"])
    keys = [g.key for g, _ in groups]
    assert keys == [
        "adoption",
        "functions",
        "planning_benefits",
        "planning_challenges",
        "no_intention",
    ]
    marked = {(g.key, f.percent) for g, figures in groups for f, mine in figures if mine}
    assert marked == {("planning_challenges", 32)}
