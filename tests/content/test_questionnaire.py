"""The questionnaire content file: its promised shape, and a loader that names bad entries."""

import copy

import pytest
import yaml

from readiness.content.questionnaire import CONTENT_DIR, QuestionnaireError, load, parse

RAW = yaml.safe_load((CONTENT_DIR / "questionnaire-2026.1.yaml").read_text(encoding="utf-8"))


def test_version_2026_1_has_the_promised_shape():
    q = load("2026.1")
    assert q.version == "2026.1"
    assert [p.key for p in q.pillars] == [
        "organisation",
        "business_value",
        "data",
        "infrastructure",
        "governance",
    ]
    assert len(q.dimensions) == 12
    assert 20 <= len(q.questions) <= 30
    assert all(len(question.options) == 5 for question in q.questions.values())


def test_profile_uses_the_study_categories():
    q = load("2026.1")
    assert len(q.business_scopes) == 20
    assert q.business_scopes[0].key == "manufacturing"
    assert q.business_scopes[0].manufacturing is True
    assert [c.key for c in q.business_scopes if c.manufacturing] == ["manufacturing"]
    assert [b.key for b in q.employee_bands] == [
        "1-5",
        "6-9",
        "10-19",
        "20-49",
        "50-99",
        "100-199",
        "200-499",
        "500+",
    ]
    assert len(q.ai_functions) == 11
    assert len(q.difficulties) == 11


def test_every_text_has_english_and_traditional_chinese():
    q = load("2026.1")
    for question in q.questions.values():
        for text in (question.text, *question.options):
            assert text.en and text.zh_hant
            assert text.get("zh-hant") == text.zh_hant
            assert text.get("en") == text.en


def _broken(mutate):
    data = copy.deepcopy(RAW)
    mutate(data)
    return data


def _first_question(data):
    return data["pillars"][0]["dimensions"][0]["questions"][0]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: _first_question(d)["options"].pop(),
            r"question 'leadership_\w+': has 4 options; every question needs exactly 5",
        ),
        (
            lambda d: _first_question(d)["options"].append({"en": "x", "zh_hant": "x"}),
            r"has 6 options",
        ),
        (
            lambda d: d["pillars"][0]["dimensions"][0]["questions"].append(
                copy.deepcopy(_first_question(d))
            ),
            r"duplicate key 'leadership_\w+'",
        ),
        (
            lambda d: d["pillars"][1]["dimensions"][0].update(questions=[]),
            r"dimension 'use_cases': is empty",
        ),
        (
            lambda d: _first_question(d)["text"].pop("zh_hant"),
            r"question 'leadership_\w+' text: the 'zh_hant' text is missing",
        ),
        (
            lambda d: _first_question(d)["options"][2].update(en="  "),
            r"option 3: the 'en' text is missing or empty",
        ),
        (lambda d: d["tiers"].pop(), r"tiers must be unaware, aware, ready, competent"),
        (lambda d: d.pop("version"), r"no version"),
    ],
)
def test_loader_refuses_bad_content_naming_the_entry(mutate, message):
    with pytest.raises(QuestionnaireError, match=message):
        parse(_broken(mutate), "questionnaire-2026.1.yaml")


def test_an_unknown_version_is_refused():
    with pytest.raises(QuestionnaireError, match="no questionnaire version '1999.9'"):
        load("1999.9")


def test_load_content_command_fails_on_a_broken_file(tmp_path, monkeypatch, settings):
    from django.core.management import CommandError, call_command

    from readiness.content import questionnaire

    broken = _broken(lambda d: _first_question(d)["options"].pop())
    broken["version"] = "9999.1"
    (tmp_path / "questionnaire-9999.1.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    monkeypatch.setattr(questionnaire, "CONTENT_DIR", tmp_path)
    settings.QUESTIONNAIRE_VERSION = "9999.1"
    with pytest.raises(CommandError, match="has 4 options"):
        call_command("load_content")
