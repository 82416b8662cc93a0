"""Scheme matching: a firm's profile and scores in, ranked schemes with reasons out.

Plain Python over plain data (no Django, no database), so the rules can be read and tested on
their own. The output is the recommendation snapshot saved with each assessment; its item format
is the contract shared by the result page, the JSON twin, the PDF report and the admin.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from readiness.assessments import scoring
from readiness.content import tiers
from readiness.content.questionnaire import Questionnaire, Text

MAX_RECOMMENDATIONS = 8
# The free advisory centres offer much the same help; a few are enough in one list.
MAX_ADVISORY = 3
WEAK_DIMENSION_COUNT = 3
SCHEMES_PER_DIMENSION = 2
# Hong Kong's SME definition: fewer than 100 employees in manufacturing, fewer than 50 otherwise.
SME_LIMIT_MANUFACTURING = 100
SME_LIMIT_OTHER = 50

OPEN, UPCOMING, CLOSED = "open", "upcoming", "closed"
STATUS_ORDER = {OPEN: 0, UPCOMING: 1}

# Weights of the fit score: a weak dimension counts most, then a difficulty the firm named.
WEIGHT_DIMENSION = 3
WEIGHT_DIFFICULTY = 2
WEIGHT_SCOPE = 2
WEIGHT_SME = 1
# Needing another approved project first (an ITF project) makes a scheme a later step.
PENALTY_PREREQUISITE = 2


@dataclass(frozen=True)
class CatalogueEntry:
    """One scheme of the catalogue as plain data (Scheme.as_catalogue_entry builds it)."""

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
    fit: Text
    check: Text
    apply_url: str
    last_verified: datetime.date
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None
    max_employees: int | None = None
    sme_only: bool = False
    business_scopes: tuple[str, ...] = ()
    listed_allowed: bool = True
    hk_incorporation_required: bool = False
    hk_production_line_required: bool = False
    itf_project_required: bool = False
    individuals_only: bool = False
    tiers: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    suits_scopes: tuple[str, ...] = ()
    position: int = 500

    def status_on(self, today: datetime.date) -> str:
        """The status that holds today: past its closing date a scheme is closed, and an open
        scheme whose opening date is still ahead is upcoming."""
        if self.closes_on is not None and self.closes_on < today:
            return CLOSED
        if self.status == OPEN and self.opens_on is not None and self.opens_on > today:
            return UPCOMING
        return self.status


@dataclass(frozen=True)
class FirmProfile:
    business_scope: str
    employee_band: str
    listed: bool
    difficulties: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, profile: Mapping) -> FirmProfile:
        return cls(
            business_scope=str(profile.get("business_scope", "")),
            employee_band=str(profile.get("employee_band", "")),
            listed=bool(profile.get("listed")),
            difficulties=tuple(profile.get("difficulties") or ()),
        )


@dataclass(frozen=True)
class FirmScores:
    """The tier and the displayed (one-decimal) dimension scores, in questionnaire order."""

    tier: str
    dimensions: Mapping[str, Decimal]

    @classmethod
    def from_strings(cls, tier: str, scores: Mapping) -> FirmScores:
        """From the stored form: {"dimensions": {"key": "2.5", ...}, ...}."""
        return cls(
            tier=tier,
            dimensions={k: Decimal(v) for k, v in (scores.get("dimensions") or {}).items()},
        )

    def weakest(self, count: int = WEAK_DIMENSION_COUNT) -> list[str]:
        return scoring.weakest(self.dimensions, count)


@dataclass(frozen=True)
class Match:
    recommendations: list[dict]  # ranked recommendations, then closed schemes mentioned
    dimension_advice: list[dict]  # one entry per weak dimension: an action and where to get help


@dataclass(frozen=True)
class _Firm:
    profile: FirmProfile
    tier: str
    tier_name: Text | None
    scope_label: Text | None
    band_label: Text | None
    employees_min: int | None
    is_sme: bool | None
    weak: list[str]
    dimension_names: dict[str, Text]
    difficulty_labels: dict[str, Text]


def match_schemes(
    questionnaire: Questionnaire,
    profile: FirmProfile,
    scores: FirmScores,
    catalogue: Sequence[CatalogueEntry],
    *,
    today: datetime.date,
) -> Match:
    """Rank the schemes this firm is eligible for and that suit its tier, best fit first, each
    with why it fits and what to check; closed schemes it would have fitted are mentioned as
    closed, never recommended."""
    firm = _firm(questionnaire, profile, scores)
    eligible = []  # (entry, status) of every scheme open or upcoming that the firm may apply to
    closed = []
    for entry in catalogue:
        if hard_rule_failures(entry, profile, firm.employees_min, firm.is_sme):
            continue
        status = entry.status_on(today)
        if status in STATUS_ORDER:
            eligible.append((entry, status))
        elif status == CLOSED and _would_have_fitted(entry, firm):
            closed.append(entry)

    candidates = sorted(
        ((e, s) for e, s in eligible if firm.tier in e.tiers),
        key=lambda c: (-_fit_score(c[0], firm), STATUS_ORDER[c[1]], c[0].position, c[0].key),
    )
    chosen = []
    advisory = 0
    for entry, status in candidates:
        if len(chosen) == MAX_RECOMMENDATIONS:
            break
        if entry.kind == "advisory":
            if advisory == MAX_ADVISORY:
                continue
            advisory += 1
        chosen.append((entry, status))

    recommendations = [
        _recommendation(entry, status, firm, rank) for rank, (entry, status) in enumerate(chosen, 1)
    ]
    recommendations += [
        _closed_mention(entry) for entry in sorted(closed, key=lambda e: (e.position, e.key))
    ]
    advice = _dimension_advice(questionnaire, scores, firm, chosen, eligible)
    return Match(recommendations=recommendations, dimension_advice=advice)


def is_sme(employees_min: int, manufacturing: bool) -> bool:
    limit = SME_LIMIT_MANUFACTURING if manufacturing else SME_LIMIT_OTHER
    return employees_min < limit


def hard_rule_failures(
    entry: CatalogueEntry,
    profile: FirmProfile,
    employees_min: int | None,
    sme: bool | None,
) -> list[str]:
    """The hard eligibility rules this firm fails ([] = eligible). A size band counts by its
    lower bound; an unknown band fails every size rule."""
    failures = []
    if profile.listed and not entry.listed_allowed:
        failures.append("listed")
    if entry.business_scopes and profile.business_scope not in entry.business_scopes:
        failures.append("business_scope")
    if entry.max_employees is not None and (
        employees_min is None or employees_min > entry.max_employees
    ):
        failures.append("max_employees")
    if entry.sme_only and not sme:
        failures.append("sme")
    return failures


def _firm(questionnaire: Questionnaire, profile: FirmProfile, scores: FirmScores) -> _Firm:
    scope = questionnaire.scope(profile.business_scope)
    band = questionnaire.band(profile.employee_band)
    tier = next((t for t in questionnaire.tiers if t.key == scores.tier), None)
    employees_min = band.min if band is not None else None
    sme = None
    if employees_min is not None:
        sme = is_sme(employees_min, bool(scope and scope.manufacturing))
    return _Firm(
        profile=profile,
        tier=scores.tier,
        tier_name=tier.name_text if tier else None,
        scope_label=scope.label if scope else None,
        band_label=band.label if band else None,
        employees_min=employees_min,
        is_sme=sme,
        weak=scores.weakest(),
        dimension_names={k: d.name for k, d in questionnaire.dimensions.items()},
        difficulty_labels={c.key: c.label for c in questionnaire.difficulties},
    )


def _hits(entry: CatalogueEntry, firm: _Firm):
    dims = [d for d in firm.weak if d in entry.dimensions]
    difficulties = [d for d in firm.profile.difficulties if d in entry.difficulties]
    scope = bool(firm.profile.business_scope in (entry.suits_scopes or entry.business_scopes))
    sme = bool((entry.sme_only or entry.max_employees is not None) and firm.is_sme)
    return dims, difficulties, scope, sme


def _fit_score(entry: CatalogueEntry, firm: _Firm) -> int:
    dims, difficulties, scope, sme = _hits(entry, firm)
    return (
        WEIGHT_DIMENSION * len(dims)
        + WEIGHT_DIFFICULTY * len(difficulties)
        + WEIGHT_SCOPE * scope
        + WEIGHT_SME * sme
        - PENALTY_PREREQUISITE * entry.itf_project_required
    )


def _would_have_fitted(entry: CatalogueEntry, firm: _Firm) -> bool:
    """A closed scheme is worth explaining only to firms it would have suited."""
    if entry.tiers and firm.tier not in entry.tiers:
        return False
    return not entry.suits_scopes or firm.profile.business_scope in entry.suits_scopes


# ---------------------------------------------------------------- wording, in both languages


def _en_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _zh_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "及" + items[-1]


def _lower_first(text: str) -> str:
    # "A firm that…" reads on after "it suits"; an acronym ("SME…", "AI…") keeps its capitals.
    if text[:1].isupper() and not text[1:2].isupper():
        return text[0].lower() + text[1:]
    return text


def _sentence_zh(text: str) -> str:
    text = text.strip().rstrip("。.")
    return text + "。" if text else ""


def _why(entry: CatalogueEntry, firm: _Firm) -> Text:
    dims, difficulties, scope, sme = _hits(entry, firm)
    en, zh = [], []
    if firm.tier_name:
        en.append(f"your tier ({firm.tier_name.en})")
        zh.append(f"貴公司的級別（{firm.tier_name.zh_hant}）")
    if scope and firm.scope_label:
        en.append(f"your business scope ({firm.scope_label.en})")
        zh.append(f"貴公司的業務範疇（{firm.scope_label.zh_hant}）")
    if sme and firm.band_label:
        en.append(
            f"your size ({firm.band_label.en} employees, an SME under Hong Kong's definition)"
        )
        zh.append(f"貴公司的規模（{firm.band_label.zh_hant}，按香港定義屬中小企）")
    if dims:
        names = [firm.dimension_names.get(d, Text(d, d)) for d in dims]
        area = "area" if len(dims) == 1 else "areas"
        # Names may hold commas and "and", so they are set apart with semicolons.
        en.append(f"your weakest {area} ({'; '.join(n.en for n in names)})")
        zh.append(f"貴公司較弱的範疇（{'；'.join(n.zh_hant for n in names)}）")
    if difficulties:
        labels = [firm.difficulty_labels.get(d, Text(d, d)) for d in difficulties]
        noun = "difficulty" if len(labels) == 1 else "difficulties"
        en.append(f"the {noun} you named ({'; '.join(x.en for x in labels)})")
        zh.append(f"你提出的困難（{'；'.join(x.zh_hant for x in labels)}）")
    fit_en = _lower_first(entry.fit.en.strip().rstrip("."))
    fit_zh = _sentence_zh(entry.fit.zh_hant)
    return Text(
        en=f"It matches {_en_list(en)}; it suits {fit_en}.",
        zh_hant=f"此項配合{_zh_list(zh)}；{fit_zh}",
    )


REQUIREMENTS = (
    (
        "hk_incorporation_required",
        Text(
            en="Your company must be incorporated in Hong Kong.", zh_hant="公司須在香港註冊成立。"
        ),
    ),
    (
        "hk_production_line_required",
        Text(en="You need a production line in Hong Kong.", zh_hant="公司須在香港設有生產線。"),
    ),
    (
        "itf_project_required",
        Text(
            en="You first need an approved ITF project (such as an ESS project).",
            zh_hant="公司須先有獲批的創新及科技基金項目（例如企業支援計劃項目）。",
        ),
    ),
    (
        "individuals_only",
        Text(
            en="Staff apply and are paid in their own name; the company cannot apply.",
            zh_hant="由員工以個人名義申請及收取款項，公司不能申請。",
        ),
    ),
)
NOT_OPEN_YET = Text(
    en="Not open yet: watch the official page for the opening date and final terms.",
    zh_hant="尚未接受申請：請留意官方網頁公布的開始日期及最終條款。",
)


def _check(entry: CatalogueEntry, status: str) -> Text:
    """The scheme's own check, after the conditions the questionnaire could not confirm."""
    notes = [text for flag, text in REQUIREMENTS if getattr(entry, flag)]
    if status == UPCOMING:
        notes.insert(0, NOT_OPEN_YET)
    return Text(
        en=" ".join([n.en for n in notes] + [entry.check.en.strip()]).strip(),
        zh_hant="".join([n.zh_hant for n in notes] + [entry.check.zh_hant.strip()]),
    )


def _closed_why(entry: CatalogueEntry) -> Text:
    name = entry.short_name or entry.name.en
    return Text(
        en=(
            f"{name} would once have suited a firm like yours, but it no longer takes "
            f"applications. {entry.status_note.en.strip()}"
        ).strip(),
        zh_hant=f"{entry.name.zh_hant}本可能適合貴公司，但已停止接受申請。{entry.status_note.zh_hant}".strip(),
    )


# ---------------------------------------------------------------- the snapshot


def _bilingual(text: Text) -> dict:
    return {"en": text.en, "zh_hant": text.zh_hant}


def _item(entry: CatalogueEntry, status: str) -> dict:
    return {
        "key": entry.key,
        "kind": entry.kind,
        "status": status,
        "name": _bilingual(entry.name),
        "short_name": entry.short_name,
        "administrator": _bilingual(entry.administrator),
        "summary": _bilingual(entry.summary),
        "funding_ratio": _bilingual(entry.funding_ratio),
        "cap_hkd": entry.cap_hkd,
        "cap_note": _bilingual(entry.cap_note),
        "status_note": _bilingual(entry.status_note),
        "changes": _bilingual(entry.changes),
        "apply_url": entry.apply_url,
        "last_verified": entry.last_verified.isoformat(),
    }


def _recommendation(entry: CatalogueEntry, status: str, firm: _Firm, rank: int) -> dict:
    item = _item(entry, status)
    item.update(
        why=_bilingual(_why(entry, firm)),
        check=_bilingual(_check(entry, status)),
        dimensions=[d for d in firm.weak if d in entry.dimensions],
        rank=rank,
        mentioned_as_closed=False,
    )
    return item


def _closed_mention(entry: CatalogueEntry) -> dict:
    item = _item(entry, CLOSED)
    item.update(
        why=_bilingual(_closed_why(entry)),
        check=_bilingual(entry.check),
        dimensions=[],
        rank=None,
        mentioned_as_closed=True,
    )
    return item


def _scheme_link(entry: CatalogueEntry, status: str, recommended: bool) -> dict:
    return {
        "key": entry.key,
        "kind": entry.kind,
        "status": status,
        "name": _bilingual(entry.name),
        "short_name": entry.short_name,
        "apply_url": entry.apply_url,
        "recommended": recommended,
    }


def _tier_index(tier: str) -> int:
    return tiers.rank(tier)


def _varied(candidates: list[tuple[CatalogueEntry, str]]) -> list[tuple[CatalogueEntry, str]]:
    """The best candidate, then the best of another kind (a course and a grant that pays for
    it, say) if there is one, else the runner-up."""
    if not candidates:
        return []
    first = candidates[0]
    rest = candidates[1:]
    other = next((c for c in rest if c[0].kind != first[0].kind), rest[0] if rest else None)
    return [first, other] if other else [first]


def _dimension_advice(questionnaire, scores, firm, chosen, eligible) -> list[dict]:
    """For each weak dimension: the questionnaire's next step, and the schemes that help with it:
    recommended ones first, then eligible routes meant for the firm's tier or an earlier one (an
    advanced firm can take a beginners' course; a beginner is not sent to R&D funding)."""
    firm_tier = _tier_index(firm.tier)
    recommended_keys = {entry.key for entry, _status in chosen}
    advice = []
    for key in firm.weak:
        dimension = questionnaire.dimensions.get(key)
        if dimension is None:
            continue
        fallback = sorted(
            (
                (entry, status)
                for entry, status in eligible
                if key in entry.dimensions
                and entry.key not in recommended_keys
                and entry.tiers
                and min(_tier_index(t) for t in entry.tiers) <= firm_tier
            ),
            # Nearest the firm's own tier first.
            key=lambda c: (
                min(abs(firm_tier - _tier_index(t)) for t in c[0].tiers),
                STATUS_ORDER[c[1]],
                c[0].position,
                c[0].key,
            ),
        )
        picked = _varied([(e, s) for e, s in chosen if key in e.dimensions] + fallback)
        advice.append(
            {
                "dimension": key,
                "name": _bilingual(dimension.name),
                "score": str(scores.dimensions[key]),
                "action": _bilingual(dimension.next_step(scores.dimensions[key])),
                "schemes": [_scheme_link(e, s, e.key in recommended_keys) for e, s in picked],
            }
        )
    return advice
