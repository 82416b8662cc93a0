"""The questionnaire as plain data: loaded from a versioned YAML file and validated.

The wizard, the scoring, the result page and the PDF all read the questionnaire through these
classes, so question text lives in exactly one place. Every published version stays on disk:
an assessment keeps rendering with the version it was answered in.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.utils import translation

from readiness.content import tiers

CONTENT_DIR = Path(__file__).resolve().parent
LANGUAGES = ("en", "zh_hant")
OPTIONS_PER_QUESTION = 5
LEVELS = ("low", "mid", "high")
# The business scope whose firms also say whether they sell mainly retail or wholesale
# (trade_types): some schemes cover one and not the other.
TRADE_SCOPE = "trade_wholesale_retail"


class QuestionnaireError(ValueError):
    """The content file is malformed; the message names the bad entry."""


def content_language(django_code: str | None) -> str:
    """Map a Django language code ('zh-hant', 'en') to a content key ('zh_hant', 'en')."""
    return "zh_hant" if django_code and django_code.lower().startswith("zh") else "en"


@dataclass(frozen=True)
class Text:
    en: str
    zh_hant: str

    def get(self, language: str) -> str:
        return self.zh_hant if content_language(language) == "zh_hant" else self.en

    def __str__(self) -> str:
        return self.get(translation.get_language() or "en")

    def __bool__(self) -> bool:
        return bool(self.en or self.zh_hant)


@dataclass(frozen=True)
class Choice:
    key: str
    label: Text
    manufacturing: bool = False
    min: int | None = None
    max: int | None = None
    # A difficulty's dimensions: where the firm's named difficulty points in the scores.
    dimensions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    key: str
    text: Text
    help: Text | None
    options: tuple[Text, ...]
    dimension_key: str

    @property
    def values(self) -> range:
        return range(1, len(self.options) + 1)

    def option(self, value: int) -> Text:
        return self.options[value - 1]

    def next_level(self, value: int) -> Text | None:
        """The statement one level above `value`: the concrete next behaviour, or None at 5."""
        return self.options[value] if 1 <= value < len(self.options) else None


@dataclass(frozen=True)
class Dimension:
    key: str
    name: Text
    readings: dict[str, Text]  # by level: low, mid, high
    next_steps: dict[str, Text]  # by level: what to do in the next 90 days
    questions: tuple[Question, ...]
    pillar_key: str

    def reading(self, score) -> Text:
        return self.readings[tiers.level(score)]

    def next_step(self, score) -> Text:
        return self.next_steps[tiers.level(score)]


@dataclass(frozen=True)
class Pillar:
    key: str
    name: Text
    intro: Text
    dimensions: tuple[Dimension, ...]

    @property
    def questions(self) -> Iterator[Question]:
        for dimension in self.dimensions:
            yield from dimension.questions


@dataclass(frozen=True)
class TierText:
    key: str
    interpretation: Text
    characteristics: Text
    recommendation: Text

    @property
    def name(self) -> str:
        """The tier's name in the active language (the tier table's)."""
        return tiers.BY_KEY[self.key].name

    @property
    def name_text(self) -> Text:
        """The tier's name in both languages, for text written once for both."""
        names = {}
        for language in LANGUAGES:
            with translation.override(language.replace("_", "-")):
                names[language] = str(self.name)
        return Text(**names)


@dataclass(frozen=True)
class Questionnaire:
    version: str
    published: str
    attribution: Text
    business_scopes: tuple[Choice, ...]
    # Asked when the scope is trade_wholesale_retail: a shop and a wholesaler fit other schemes.
    trade_types: tuple[Choice, ...]
    employee_bands: tuple[Choice, ...]
    ai_functions: tuple[Choice, ...]
    difficulties: tuple[Choice, ...]
    pillars: tuple[Pillar, ...]
    tiers: tuple[TierText, ...]
    # The time the home page states: the words a firm reads before its result at 200 a minute,
    # counted from the pages (tests/firms/test_reading_time.py fails when it drifts).
    reading_minutes: int | None = None

    @functools.cached_property
    def dimensions(self) -> dict[str, Dimension]:
        return {d.key: d for p in self.pillars for d in p.dimensions}

    @functools.cached_property
    def questions(self) -> dict[str, Question]:
        return {q.key: q for p in self.pillars for q in p.questions}

    @functools.cached_property
    def pillar_map(self) -> dict[str, Pillar]:
        return {p.key: p for p in self.pillars}

    def tier(self, key: str) -> TierText:
        return next(t for t in self.tiers if t.key == key)

    def scope(self, key: str) -> Choice | None:
        return next((c for c in self.business_scopes if c.key == key), None)

    def band(self, key: str) -> Choice | None:
        return next((c for c in self.employee_bands if c.key == key), None)

    def trade_type(self, key: str) -> Choice | None:
        return next((c for c in self.trade_types if c.key == key), None)


def _text(raw, where: str) -> Text:
    if not isinstance(raw, dict):
        raise QuestionnaireError(f"{where}: expected a mapping with 'en' and 'zh_hant'")
    values = {}
    for language in LANGUAGES:
        value = raw.get(language)
        if not isinstance(value, str) or not value.strip():
            raise QuestionnaireError(f"{where}: the '{language}' text is missing or empty")
        values[language] = value.strip()
    return Text(**values)


def _key(raw, where: str, seen: set[str]) -> str:
    key = raw.get("key") if isinstance(raw, dict) else None
    if key is None or not str(key).strip():
        raise QuestionnaireError(f"{where}: an entry has no key")
    key = str(key)
    if key in seen:
        raise QuestionnaireError(f"{where}: duplicate key '{key}'")
    seen.add(key)
    return key


def _choices(raw, where: str, optional: bool = False) -> tuple[Choice, ...]:
    if optional and raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        raise QuestionnaireError(f"{where}: needs a non-empty list")
    seen: set[str] = set()
    choices = []
    for item in raw:
        key = _key(item, where, seen)
        choices.append(
            Choice(
                key=key,
                label=_text(item, f"{where} '{key}'"),
                manufacturing=bool(item.get("manufacturing", False)),
                min=item.get("min"),
                max=item.get("max"),
                dimensions=tuple(item.get("dimensions") or ()),
            )
        )
    return tuple(choices)


def _by_level(raw, where: str) -> dict[str, Text]:
    if not isinstance(raw, dict):
        raise QuestionnaireError(f"{where}: expected low, mid and high")
    return {level: _text(raw.get(level), f"{where} {level}") for level in LEVELS}


def parse(data: dict, source: str = "questionnaire") -> Questionnaire:
    """Validate raw content (as parsed from YAML) and build a Questionnaire."""
    if not isinstance(data, dict):
        raise QuestionnaireError(f"{source}: the file must hold a mapping")
    version = str(data.get("version") or "").strip()
    if not version:
        raise QuestionnaireError(f"{source}: no version")
    profile = data.get("profile") or {}
    pillars_raw = data.get("pillars")
    if not isinstance(pillars_raw, list) or not pillars_raw:
        raise QuestionnaireError(f"{source}: no pillars")

    pillar_keys: set[str] = set()
    dimension_keys: set[str] = set()
    question_keys: set[str] = set()
    pillars = []
    for pillar_raw in pillars_raw:
        pkey = _key(pillar_raw, "pillars", pillar_keys)
        where = f"pillar '{pkey}'"
        dimensions_raw = pillar_raw.get("dimensions")
        if not isinstance(dimensions_raw, list) or not dimensions_raw:
            raise QuestionnaireError(f"{where}: has no dimensions")
        dimensions = []
        for dim_raw in dimensions_raw:
            dkey = _key(dim_raw, f"{where} dimensions", dimension_keys)
            dwhere = f"dimension '{dkey}'"
            questions_raw = dim_raw.get("questions")
            if not isinstance(questions_raw, list) or not questions_raw:
                raise QuestionnaireError(f"{dwhere}: is empty (no questions)")
            questions = []
            for q_raw in questions_raw:
                qkey = _key(q_raw, f"{dwhere} questions", question_keys)
                qwhere = f"question '{qkey}'"
                options_raw = q_raw.get("options")
                if not isinstance(options_raw, list) or len(options_raw) != OPTIONS_PER_QUESTION:
                    count = len(options_raw) if isinstance(options_raw, list) else 0
                    raise QuestionnaireError(
                        f"{qwhere}: has {count} options; every question needs exactly "
                        f"{OPTIONS_PER_QUESTION}"
                    )
                questions.append(
                    Question(
                        key=qkey,
                        text=_text(q_raw.get("text"), f"{qwhere} text"),
                        help=_text(q_raw["help"], f"{qwhere} help") if q_raw.get("help") else None,
                        options=tuple(
                            _text(o, f"{qwhere} option {i}") for i, o in enumerate(options_raw, 1)
                        ),
                        dimension_key=dkey,
                    )
                )
            if "next_steps" in dim_raw:
                next_steps = _by_level(dim_raw["next_steps"], f"{dwhere} next_steps")
            else:
                # Version 2026.1 wrote one next step whatever the level.
                single = _text(dim_raw.get("next_step"), f"{dwhere} next_step")
                next_steps = dict.fromkeys(LEVELS, single)
            dimensions.append(
                Dimension(
                    key=dkey,
                    name=_text(dim_raw.get("name"), f"{dwhere} name"),
                    readings=_by_level(dim_raw.get("reading"), f"{dwhere} reading"),
                    next_steps=next_steps,
                    questions=tuple(questions),
                    pillar_key=pkey,
                )
            )
        pillars.append(
            Pillar(
                key=pkey,
                name=_text(pillar_raw.get("name"), f"{where} name"),
                intro=_text(pillar_raw.get("intro"), f"{where} intro"),
                dimensions=tuple(dimensions),
            )
        )

    tiers_raw = data.get("tiers") or []
    tier_keys = tuple(t.get("key") for t in tiers_raw if isinstance(t, dict))
    if tier_keys != tiers.KEYS:
        raise QuestionnaireError(f"{source}: tiers must be {', '.join(tiers.KEYS)} in that order")
    tier_texts = tuple(
        TierText(
            key=t["key"],
            interpretation=_text(t.get("interpretation"), f"tier '{t['key']}' interpretation"),
            characteristics=_text(t.get("characteristics"), f"tier '{t['key']}' characteristics"),
            recommendation=_text(t.get("recommendation"), f"tier '{t['key']}' recommendation"),
        )
        for t in tiers_raw
    )

    difficulties = _choices(profile.get("difficulties"), "profile difficulties")
    for difficulty in difficulties:
        unknown = sorted(set(difficulty.dimensions) - dimension_keys)
        if unknown:
            raise QuestionnaireError(
                f"profile difficulties '{difficulty.key}': unknown dimensions {', '.join(unknown)}"
            )

    return Questionnaire(
        version=version,
        published=str(data.get("published") or ""),
        attribution=_text(data.get("attribution"), f"{source} attribution"),
        business_scopes=_choices(profile.get("business_scope"), "profile business_scope"),
        trade_types=_choices(profile.get("trade_types"), "profile trade_types", optional=True),
        employee_bands=_choices(profile.get("employee_bands"), "profile employee_bands"),
        ai_functions=_choices(profile.get("ai_functions"), "profile ai_functions"),
        difficulties=difficulties,
        pillars=tuple(pillars),
        tiers=tier_texts,
        reading_minutes=_minutes(data.get("reading_minutes"), source),
    )


def _minutes(raw, source: str) -> int | None:
    if raw is None:
        return None
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 1:
        raise QuestionnaireError(f"{source}: reading_minutes must be a whole number of minutes")
    return raw


def load_file(path: Path) -> Questionnaire:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise QuestionnaireError(f"{path.name}: not valid YAML: {exc}") from None
    questionnaire = parse(data, path.name)
    expected = path.stem.removeprefix("questionnaire-")
    if questionnaire.version != expected:
        raise QuestionnaireError(
            f"{path.name}: declares version {questionnaire.version!r}, file name says {expected!r}"
        )
    return questionnaire


@functools.cache
def load(version: str) -> Questionnaire:
    """The questionnaire of a given version, parsed once per process (the files never change
    while it runs)."""
    path = CONTENT_DIR / f"questionnaire-{version}.yaml"
    if not path.is_file():
        raise QuestionnaireError(f"no questionnaire version {version!r} in {CONTENT_DIR}")
    return load_file(path)


def current_questionnaire() -> Questionnaire:
    """The questionnaire new assessments are answered with (QUESTIONNAIRE_VERSION)."""
    return load(settings.QUESTIONNAIRE_VERSION)
