"""The advice a firm was shown, read from the snapshot stored with its assessment: the one
typed reading used by the result page, its JSON twin, the PDF report and the advisors' admin.

The snapshot is data written by matching.py; a malformed entry reads as blanks, never as an
error, and only web addresses become links."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from readiness.content.questionnaire import Text
from readiness.schemes.models import Scheme

BLANK = Text("", "")


def _text(value) -> Text:
    if isinstance(value, dict):
        en, zh = value.get("en"), value.get("zh_hant")
        en = en if isinstance(en, str) else ""
        zh = zh if isinstance(zh, str) else ""
        return Text(en=en, zh_hant=zh or en)
    return Text(value, value) if isinstance(value, str) else BLANK


def _str(value) -> str:
    return value if isinstance(value, str) else ""


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def web_link(value) -> str:
    """Only http(s) addresses become links: the snapshot is data, not markup."""
    value = _str(value)
    return value if value.startswith(("https://", "http://")) else ""


def hkd(amount: int | None) -> str:
    """250000 -> "HK$250,000"; None -> ""."""
    return f"HK${amount:,}" if amount is not None else ""


@dataclass(frozen=True)
class Recommendation:
    """One scheme as the firm was shown it."""

    key: str
    kind: str
    status: str
    name: Text
    short_name: str
    administrator: Text
    summary: Text
    funding_ratio: Text
    cap_hkd: int | None
    cap_note: Text
    status_note: Text
    changes: Text
    why: Text
    check: Text
    apply_url: str
    last_verified: datetime.date | None
    rank: int | None
    closed: bool
    dimensions: tuple[str, ...]

    @classmethod
    def from_snapshot(cls, item: dict) -> Recommendation:
        return cls(
            key=_str(item.get("key")),
            kind=_str(item.get("kind")),
            status=_str(item.get("status")),
            name=_text(item.get("name")),
            short_name=_str(item.get("short_name")),
            administrator=_text(item.get("administrator")),
            summary=_text(item.get("summary")),
            funding_ratio=_text(item.get("funding_ratio")),
            cap_hkd=_int(item.get("cap_hkd")),
            cap_note=_text(item.get("cap_note")),
            status_note=_text(item.get("status_note")),
            changes=_text(item.get("changes")),
            why=_text(item.get("why")),
            check=_text(item.get("check")),
            apply_url=web_link(item.get("apply_url")),
            last_verified=_date(item.get("last_verified")),
            rank=_int(item.get("rank")),
            closed=bool(item.get("mentioned_as_closed")),
            dimensions=tuple(d for d in item.get("dimensions") or () if isinstance(d, str)),
        )

    @property
    def kind_label(self) -> str:
        return Scheme.Kind(self.kind).label if self.kind in Scheme.Kind.values else ""

    @property
    def status_label(self) -> str:
        return Scheme.Status(self.status).label if self.status in Scheme.Status.values else ""

    @property
    def cap(self) -> str:
        return hkd(self.cap_hkd)


@dataclass(frozen=True)
class SchemeLink:
    key: str
    status: str
    name: Text
    short_name: str
    apply_url: str
    recommended: bool


@dataclass(frozen=True)
class DimensionAdvice:
    """A weak dimension's next step and the schemes that help with it."""

    dimension: str
    name: Text
    score: str
    action: Text
    schemes: tuple[SchemeLink, ...]


@dataclass(frozen=True)
class Advice:
    recommended: list[Recommendation]  # best fit first
    closed: list[Recommendation]  # closed schemes the firm may hear of
    by_dimension: list[DimensionAdvice]

    @classmethod
    def of(cls, assessment) -> Advice:
        items = [i for i in assessment.recommendations or () if isinstance(i, dict)]
        cards = [Recommendation.from_snapshot(item) for item in items]
        recommended = sorted(
            (c for c in cards if not c.closed),
            key=lambda c: (c.rank is None, c.rank or 0),
        )
        advice = []
        for entry in assessment.dimension_advice or ():
            if not isinstance(entry, dict) or not isinstance(entry.get("dimension"), str):
                continue
            links = tuple(
                SchemeLink(
                    key=_str(link.get("key")),
                    status=_str(link.get("status")),
                    name=_text(link.get("name")),
                    short_name=_str(link.get("short_name")),
                    apply_url=web_link(link.get("apply_url")),
                    recommended=bool(link.get("recommended")),
                )
                for link in entry.get("schemes") or ()
                if isinstance(link, dict)
            )
            advice.append(
                DimensionAdvice(
                    dimension=entry["dimension"],
                    name=_text(entry.get("name")),
                    score=_str(entry.get("score")),
                    action=_text(entry.get("action")),
                    schemes=links,
                )
            )
        return cls(
            recommended=recommended, closed=[c for c in cards if c.closed], by_dimension=advice
        )

    @property
    def verified(self) -> list[datetime.date]:
        """The verification dates of the schemes shown, oldest first."""
        dates = {c.last_verified for c in self.recommended + self.closed if c.last_verified}
        return sorted(dates)

    def helpers_for(self, dimension: str) -> list[str]:
        """Names of the schemes that help with a weak dimension, in the order shown."""
        for entry in self.by_dimension:
            if entry.dimension == dimension:
                return [link.short_name or str(link.name) for link in entry.schemes]
        return [c.short_name or str(c.name) for c in self.recommended if dimension in c.dimensions]

    def as_json(self) -> dict:
        """The advice part of the result's JSON twin, in both languages."""

        def text(value: Text) -> dict:
            return {"en": value.en, "zh_hant": value.zh_hant}

        def card(c: Recommendation) -> dict:
            return {
                "key": c.key,
                "kind": c.kind,
                "status": c.status,
                "name": text(c.name),
                "short_name": c.short_name,
                "administrator": text(c.administrator),
                "summary": text(c.summary),
                "funding_ratio": text(c.funding_ratio),
                "cap_hkd": c.cap_hkd,
                "cap_note": text(c.cap_note),
                "why": text(c.why),
                "check": text(c.check),
                "apply_url": c.apply_url,
                "last_verified": c.last_verified.isoformat() if c.last_verified else None,
            }

        return {
            "recommendations": [card(c) for c in self.recommended],
            "closed": [card(c) for c in self.closed],
            "dimension_advice": [
                {
                    "dimension": a.dimension,
                    "score": a.score,
                    "action": text(a.action),
                    "schemes": [link.key for link in a.schemes],
                }
                for a in self.by_dimension
            ],
        }
