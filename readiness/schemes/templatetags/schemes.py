"""Filters for showing the saved recommendation snapshot in the reader's language."""

import datetime

from django import template
from django.utils.translation import get_language

from readiness.assessments.questionnaire import content_language

register = template.Library()


@register.filter
def bilingual(value) -> str:
    """Pick the active language from a {"en": ..., "zh_hant": ...} dict (English if missing)."""
    if not isinstance(value, dict):
        return value if isinstance(value, str) else ""
    text = value.get(content_language(get_language())) or value.get("en") or ""
    return text if isinstance(text, str) else ""


@register.filter
def hkd(value) -> str:
    """250000 -> "HK$250,000"; anything but a whole number -> ""."""
    if isinstance(value, bool) or not isinstance(value, int):
        return ""
    return f"HK${value:,}"


@register.filter
def iso_date(value):
    """An ISO date string ("2026-06-30") as a date for the |date filter, else None."""
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


@register.filter
def web_link(value) -> str:
    """Only http(s) addresses become links: the snapshot is data, not markup."""
    value = value if isinstance(value, str) else ""
    return value if value.startswith(("https://", "http://")) else ""


@register.simple_tag
def recommendations_of(assessment) -> dict:
    """The saved snapshot split for display: ranked recommendations, closed mentions, advice per
    weak dimension, and the oldest and newest verification dates."""
    items = [i for i in (assessment.recommendations or []) if isinstance(i, dict)]
    recommended = sorted(
        (i for i in items if not i.get("mentioned_as_closed")),
        key=lambda i: i.get("rank") if isinstance(i.get("rank"), int) else 10**6,
    )
    closed = [i for i in items if i.get("mentioned_as_closed")]
    verified = sorted(d for d in (iso_date(i.get("last_verified")) for i in items) if d)
    advice = [
        a for a in (getattr(assessment, "dimension_advice", None) or []) if isinstance(a, dict)
    ]
    return {
        "recommended": recommended,
        "closed": closed,
        "advice": advice,
        "verified_oldest": verified[0] if verified else None,
        "verified_newest": verified[-1] if verified else None,
    }
