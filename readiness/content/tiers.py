"""The tier table of AI Singapore's AI Readiness Index: the scoring contract's one home.

Written with one decimal ("2.5 to 3.4"), so a tier is read from the score as displayed, rounded
half up: 3.45 shows as 3.5 and is AI Ready, 4.5 is AI Ready, 4.6 is AI Competent. Everything else
that knows about tiers (the model's choices, the bands in words, the reading of a dimension, the
chart colours, the order schemes are matched in) is derived from TIERS.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext, gettext_lazy

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Tier:
    key: str
    floor: Decimal  # the lowest displayed score of the tier
    name: str  # lazily translated
    colour: str  # in charts


TIERS = (
    Tier("unaware", Decimal("1.0"), gettext_lazy("AI Unaware"), "#8d99ae"),
    Tier("aware", Decimal("2.5"), gettext_lazy("AI Aware"), "#f0a202"),
    Tier("ready", Decimal("3.5"), gettext_lazy("AI Ready"), "#0a5c8a"),
    Tier("competent", Decimal("4.6"), gettext_lazy("AI Competent"), "#0b6e4f"),
)
KEYS = tuple(tier.key for tier in TIERS)
BY_KEY = {tier.key: tier for tier in TIERS}
CHOICES = [(tier.key, tier.name) for tier in TIERS]


def tier_for(shown: Decimal) -> Tier:
    """The tier of a displayed (one-decimal) score."""
    return next((t for t in reversed(TIERS) if shown >= t.floor), TIERS[0])


def rank(key: str) -> int:
    """0 for the lowest tier upwards; an unknown key ranks above them all."""
    return KEYS.index(key) if key in KEYS else len(KEYS)


def band(key: str) -> str:
    """A tier's overall-score band in words, in the active language: "2.5 to 3.4"."""
    index = rank(key)
    tier = TIERS[index]
    if index == 0:
        return gettext("below %(a)s") % {"a": TIERS[1].floor}
    if index == len(TIERS) - 1:
        return gettext("%(a)s and above") % {"a": tier.floor}
    return gettext("%(a)s to %(b)s") % {"a": tier.floor, "b": TIERS[index + 1].floor - ONE_DECIMAL}


def level(shown: Decimal) -> str:
    """How a dimension's displayed score reads: "low" in the lowest tier's band, "mid" in the
    next, "high" from AI Ready up. The questionnaire writes a reading and next steps per level."""
    index = rank(tier_for(shown).key)
    return ("low", "mid")[index] if index < 2 else "high"


# The score from which a dimension is no longer a weak area (the AI Ready floor).
STRONG_FROM = BY_KEY["ready"].floor
