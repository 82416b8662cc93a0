"""The advice a firm was shown, as stored with its assessment: its 90-day plan and the schemes
behind it. The one typed reading of the snapshot, used by the result page, its JSON twin, the PDF
report and the advisors' admin; matching.py writes it.

Stored as JSON (Advice.as_snapshot); a malformed entry reads as blanks, never as an error, and
only web addresses become links. Whether a scheme's facts are stale is worked out when the
advice is read, against today's date: a result opened months later says so."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import timezone

from readiness.content.questionnaire import Questionnaire, Text
from readiness.schemes.choices import Kind, Status

SNAPSHOT_VERSION = 2
BLANK = Text("", "")


def web_link(value) -> str:
    """Only http(s) addresses become links: the snapshot is data, not markup."""
    value = value if isinstance(value, str) else ""
    return value if value.startswith(("https://", "http://")) else ""


def hkd(amount: int | None) -> str:
    """250000 -> "HK$250,000"; None -> ""."""
    return f"HK${amount:,}" if amount is not None else ""


def _text(value) -> Text:
    if isinstance(value, dict):
        en = value.get("en") if isinstance(value.get("en"), str) else ""
        zh = value.get("zh_hant") if isinstance(value.get("zh_hant"), str) else ""
        return Text(en=en, zh_hant=zh or en)
    return BLANK


def _str(value) -> str:
    return value if isinstance(value, str) else ""


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _keys(value) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _both(text: Text) -> dict:
    return {"en": text.en, "zh_hant": text.zh_hant}


@dataclass(frozen=True)
class Card:
    """One scheme as the firm was shown it."""

    key: str
    kind: str
    status: str  # open, upcoming or closed, on the day the advice was given
    name: Text
    short_name: str
    administrator: Text
    summary: Text
    pays_for: Text
    funding_ratio: Text
    cap_hkd: int | None
    cap_note: Text
    conditions: Text
    expected: Text
    closed_note: Text
    apply_url: str
    contact_url: str
    last_verified: datetime.date | None
    why: Text
    dimensions: tuple[str, ...]
    free: bool = False

    FIELDS_TEXT = (
        "name",
        "administrator",
        "summary",
        "pays_for",
        "funding_ratio",
        "cap_note",
        "conditions",
        "expected",
        "closed_note",
        "why",
    )

    @classmethod
    def from_snapshot(cls, item: dict) -> Card:
        return cls(
            key=_str(item.get("key")),
            kind=_str(item.get("kind")),
            free=bool(item.get("free")),
            status=_str(item.get("status")),
            short_name=_str(item.get("short_name")),
            cap_hkd=_int(item.get("cap_hkd")),
            apply_url=web_link(item.get("apply_url")),
            contact_url=web_link(item.get("contact_url")),
            last_verified=_date(item.get("last_verified")),
            dimensions=_keys(item.get("dimensions")),
            **{name: _text(item.get(name)) for name in cls.FIELDS_TEXT},
        )

    def as_snapshot(self) -> dict:
        return {
            "key": self.key,
            "kind": self.kind,
            "free": self.free,
            "status": self.status,
            "short_name": self.short_name,
            "cap_hkd": self.cap_hkd,
            "apply_url": self.apply_url,
            "contact_url": self.contact_url,
            "last_verified": self.last_verified.isoformat() if self.last_verified else None,
            "dimensions": list(self.dimensions),
            **{name: _both(getattr(self, name)) for name in self.FIELDS_TEXT},
        }

    @property
    def display_name(self) -> Text:
        """The name once: "New Industrialisation and Technology Training Programme (NITTP)"; a
        short name already in the name is not repeated."""
        en, zh = self.name.en, self.name.zh_hant
        if self.short_name and self.short_name not in en:
            en = f"{en} ({self.short_name})"
        if self.short_name and zh and self.short_name not in zh:
            zh = f"{zh}（{self.short_name}）"
        return Text(en=en, zh_hant=zh)

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label if self.kind in Kind.values else ""

    @property
    def status_label(self) -> str:
        return Status(self.status).label if self.status in Status.values else ""

    @property
    def cap(self) -> str:
        return hkd(self.cap_hkd)

    @property
    def link(self) -> str:
        """Where the firm goes next: the application page, else the administrator's."""
        return self.apply_url or self.contact_url

    @property
    def stale(self) -> bool:
        """Last checked longer ago than SCHEME_STALE_AFTER_DAYS (or never)."""
        if self.last_verified is None:
            return True
        age = timezone.localdate() - self.last_verified
        return age.days > settings.SCHEME_STALE_AFTER_DAYS


@dataclass(frozen=True)
class NextLevel:
    """A question behind a priority: the answer given and the statement one level up."""

    question: str
    current: int
    next: int


@dataclass(frozen=True)
class PlanItem:
    dimension: str
    score: Decimal
    level: str  # low, mid or high (tiers.level)
    actions: Text  # what to do in the next 90 days
    next_level: tuple[NextLevel, ...]
    free_help: tuple[str, ...]  # card keys
    pay: str | None  # a card key, or None: no scheme pays for this

    @property
    def strong(self) -> bool:
        """3.5 and above: "where to go further", never a weak area."""
        return self.level == "high"

    @classmethod
    def from_snapshot(cls, item: dict) -> PlanItem:
        next_level = []
        for entry in item.get("next_level") or ():
            if isinstance(entry, dict):
                current, nxt = _int(entry.get("current")), _int(entry.get("next"))
                if isinstance(entry.get("question"), str) and current and nxt:
                    next_level.append(NextLevel(entry["question"], current, nxt))
        return cls(
            dimension=_str(item.get("dimension")),
            score=_decimal(item.get("score")) or Decimal("0"),
            level=_str(item.get("level")),
            actions=_text(item.get("actions")),
            next_level=tuple(next_level),
            free_help=_keys(item.get("free_help")),
            pay=item.get("pay") if isinstance(item.get("pay"), str) else None,
        )

    def as_snapshot(self) -> dict:
        return {
            "dimension": self.dimension,
            "score": str(self.score),
            "level": self.level,
            "actions": _both(self.actions),
            "next_level": [
                {"question": n.question, "current": n.current, "next": n.next}
                for n in self.next_level
            ],
            "free_help": list(self.free_help),
            "pay": self.pay,
        }


@dataclass(frozen=True)
class Advice:
    plan: list[PlanItem]
    recommendations: list[Card]  # open schemes, best fit first, the plan's own first
    upcoming: list[Card] = field(default_factory=list)
    closed: list[Card] = field(default_factory=list)  # no longer available, named to explain

    @classmethod
    def of(cls, assessment) -> Advice:
        return cls.from_snapshot(assessment.advice)

    @classmethod
    def from_snapshot(cls, data) -> Advice:
        data = data if isinstance(data, dict) else {}

        def cards(name):
            items = data.get(name)
            return (
                [Card.from_snapshot(i) for i in items if isinstance(i, dict)]
                if isinstance(items, list)
                else []
            )

        plan = data.get("plan") if isinstance(data.get("plan"), list) else []
        return cls(
            plan=[PlanItem.from_snapshot(i) for i in plan if isinstance(i, dict)],
            recommendations=cards("recommendations"),
            upcoming=cards("upcoming"),
            closed=cards("closed"),
        )

    def as_snapshot(self) -> dict:
        return {
            "version": SNAPSHOT_VERSION,
            "plan": [item.as_snapshot() for item in self.plan],
            "recommendations": [c.as_snapshot() for c in self.recommendations],
            "upcoming": [c.as_snapshot() for c in self.upcoming],
            "closed": [c.as_snapshot() for c in self.closed],
        }

    def card(self, key: str | None) -> Card | None:
        return next((c for c in self.recommendations if c.key == key), None)

    @property
    def all_strong(self) -> bool:
        """A firm strong everywhere: its plan is "where to go further"."""
        return bool(self.plan) and all(item.strong for item in self.plan)

    def as_json(self) -> dict:
        """The advice part of the result's JSON twin, both languages, with staleness."""

        def card(c: Card) -> dict:
            return {
                **c.as_snapshot(),
                "link": c.link,
                "stale": c.stale,
            }

        return {
            # The stored item without its level, which the JSON's contract leaves out.
            "plan": [
                {k: v for k, v in item.as_snapshot().items() if k != "level"} for item in self.plan
            ],
            "recommendations": [card(c) for c in self.recommendations],
            "upcoming": [card(c) for c in self.upcoming],
            "closed": [card(c) for c in self.closed],
        }


@dataclass(frozen=True)
class StatementChange:
    """ "You told us: … Next level: …" for one question, in the reader's language."""

    question: Text
    told: Text
    next: Text


@dataclass(frozen=True)
class Priority:
    """A plan item resolved for display: names, statements and the cards it refers to."""

    item: PlanItem
    name: Text
    changes: list[StatementChange]
    free_help: list[Card]
    pay: Card | None


def priorities(advice: Advice, questionnaire: Questionnaire) -> list[Priority]:
    """The plan with its dimension names, next-level statements and scheme cards, read from the
    questionnaire version the assessment was answered in."""
    resolved = []
    for item in advice.plan:
        dimension = questionnaire.dimensions.get(item.dimension)
        if dimension is None:
            continue
        changes = []
        for step in item.next_level:
            question = questionnaire.questions.get(step.question)
            if question is None or not 1 <= step.current < step.next <= len(question.options):
                continue
            changes.append(
                StatementChange(
                    question=question.text,
                    told=question.option(step.current),
                    next=question.option(step.next),
                )
            )
        resolved.append(
            Priority(
                item=item,
                name=dimension.name,
                changes=changes,
                free_help=[c for c in map(advice.card, item.free_help) if c],
                pay=advice.card(item.pay),
            )
        )
    return resolved
