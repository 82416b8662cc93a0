"""The HKPC/HKU study's survey figures (study-hkpc-hku-2023.yaml) as plain data, and the ones
that bear on one firm's answers."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import yaml

from readiness.content.questionnaire import CONTENT_DIR, Text

STUDY_FILE = CONTENT_DIR / "study-hkpc-hku-2023.yaml"
AUDIENCES = ("everyone", "using_ai", "not_using_ai")


@dataclass(frozen=True)
class Figure:
    percent: int
    text: Text
    quote: str
    line: int
    # Answer keys that make this figure the firm's own concern: {"difficulties": [...]}.
    matches: dict = field(default_factory=dict)

    def matched_by(self, answers: dict) -> bool:
        return any(set(keys) & set(answers.get(name, ())) for name, keys in self.matches.items())


@dataclass(frozen=True)
class Group:
    key: str
    audience: str
    title: Text
    figures: list[Figure]


@dataclass(frozen=True)
class Study:
    title: Text
    publisher: Text
    published: Text
    survey: Text
    groups: list[Group]


@functools.cache
def load() -> Study:
    data = yaml.safe_load(STUDY_FILE.read_text(encoding="utf-8"))
    source = data["source"]

    def text(entry) -> Text:
        return Text(en=entry["en"], zh_hant=entry["zh_hant"])

    groups = []
    for group in data["groups"]:
        if group["for"] not in AUDIENCES:
            raise ValueError(f"study group {group['key']}: unknown audience {group['for']!r}")
        figures = [
            Figure(
                percent=f["percent"],
                text=text(f),
                quote=f["quote"],
                line=f["line"],
                matches=f.get("matches", {}),
            )
            for f in group["figures"]
        ]
        groups.append(Group(group["key"], group["for"], text(group["title"]), figures))
    return Study(
        title=text(source["title"]),
        publisher=text(source["publisher"]),
        published=text(source["published"]),
        survey=text(source["survey"]),
        groups=groups,
    )


def uses_ai(ai_functions) -> bool:
    return any(key != "none" for key in ai_functions)


def groups_for(ai_functions, difficulties) -> list[tuple[Group, list[tuple[Figure, bool]]]]:
    """The study's figures that bear on a firm's answers: all firms see how many firms use AI and
    where; a firm using AI sees what users found, one that does not what non-users expected or
    feared. Each figure comes with whether the firm named the same thing."""
    audience = "using_ai" if uses_ai(ai_functions) else "not_using_ai"
    answers = {"ai_functions": list(ai_functions), "difficulties": list(difficulties)}
    return [
        (group, [(f, f.matched_by(answers)) for f in group.figures])
        for group in load().groups
        if group.audience in ("everyone", audience)
    ]
