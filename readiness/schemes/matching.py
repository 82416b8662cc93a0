"""Matching: a firm's profile, answers and scores in; its 90-day plan and the schemes that fit
it out. Plain Python over plain data (no database), so the rules read and test on their own.

The plan has at most three priorities, from the weakest dimensions (a named difficulty breaks
ties). Each says what to do next (the questionnaire's next steps for the dimension's level), the
next-level statement of every question behind it, who helps for free and the one open scheme
that pays, if any. At most five open schemes are recommended, at most two of them free advisory
centres, every one eligible under its hard rules and suited to the firm's tier; upcoming ones are
listed apart, never ranked; closed ones are named only where the firm may have heard of them.
The result (advice.Advice) is the snapshot stored with the assessment.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from readiness.assessments import scoring
from readiness.content import tiers
from readiness.content.questionnaire import TRADE_SCOPE, Questionnaire, Text
from readiness.schemes.advice import Advice, Card, NextLevel, PlanItem
from readiness.schemes.choices import Kind, Status

PLAN_SIZE = 3
MAX_RECOMMENDATIONS = 5
MAX_ADVISORY = 2  # the free centres give much the same advice; two are enough
MAX_UPCOMING = 3
# Hong Kong's SME definition: fewer than 100 employees in manufacturing, fewer than 50 otherwise.
SME_LIMIT_MANUFACTURING = 100
SME_LIMIT_OTHER = 50
# Sub-scopes of trade_wholesale_retail, chosen on the profile step (questionnaire trade_types).
TRADE_SUB_SCOPES = {
    "retail": ("retail",),
    "wholesale": ("wholesale",),
    "both": ("retail", "wholesale"),
}

OPEN, UPCOMING, CLOSED = Status.OPEN, Status.UPCOMING, Status.CLOSED
FUNDING, TRAINING, ADVISORY = Kind.FUNDING, Kind.TRAINING, Kind.ADVISORY

# Ranking weights: a priority the scheme helps counts most, then a difficulty the firm named.
WEIGHT_PRIORITY = 3
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
    pays_for: Text
    funding_ratio: Text
    cap_hkd: int | None
    cap_note: Text
    conditions: Text
    last_verified: datetime.date
    free: bool = False
    expected: Text = Text("", "")
    closed_note: Text = Text("", "")
    mention_when_closed: bool = False
    apply_url: str = ""
    contact_url: str = ""
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
    trade_type: str = ""  # retail, wholesale or both; "" when not asked
    hk_production_line: bool | None = None  # None when not asked

    @classmethod
    def from_mapping(cls, profile: Mapping) -> FirmProfile:
        line = profile.get("hk_production_line")
        return cls(
            business_scope=str(profile.get("business_scope", "")),
            employee_band=str(profile.get("employee_band", "")),
            listed=bool(profile.get("listed")),
            difficulties=tuple(profile.get("difficulties") or ()),
            trade_type=str(profile.get("trade_type") or ""),
            hk_production_line=line if isinstance(line, bool) else None,
        )


@dataclass(frozen=True)
class FirmScores:
    """The tier, the displayed (one-decimal) dimension scores in questionnaire order, and the
    answers they come from."""

    tier: str
    dimensions: Mapping[str, Decimal]
    answers: Mapping[str, int]

    @classmethod
    def of(cls, result: scoring.Result, answers: Mapping[str, int]) -> FirmScores:
        return cls(
            tier=result.tier,
            dimensions={k: scoring.displayed(v) for k, v in result.dimensions.items()},
            answers=dict(answers),
        )


@dataclass(frozen=True)
class Firm:
    """What matching knows about one firm, worked out once from its profile and scores."""

    profile: FirmProfile
    scores: FirmScores
    scopes: frozenset[str]  # its business scope, and retail or wholesale where it said
    employees_min: int | None
    is_sme: bool | None
    manufacturing: bool
    priorities: tuple[str, ...]  # the plan's dimensions, most urgent first

    @property
    def tier(self) -> str:
        return self.scores.tier


def is_sme(employees_min: int, manufacturing: bool) -> bool:
    limit = SME_LIMIT_MANUFACTURING if manufacturing else SME_LIMIT_OTHER
    return employees_min < limit


def firm_of(questionnaire: Questionnaire, profile: FirmProfile, scores: FirmScores) -> Firm:
    scope = questionnaire.scope(profile.business_scope)
    band = questionnaire.band(profile.employee_band)
    manufacturing = bool(scope and scope.manufacturing)
    employees_min = band.min if band is not None else None
    scopes = {profile.business_scope}
    if profile.business_scope == TRADE_SCOPE:
        scopes.update(TRADE_SUB_SCOPES.get(profile.trade_type, ()))
    return Firm(
        profile=profile,
        scores=scores,
        scopes=frozenset(scopes),
        employees_min=employees_min,
        is_sme=is_sme(employees_min, manufacturing) if employees_min is not None else None,
        manufacturing=manufacturing,
        priorities=tuple(priorities(questionnaire, profile, scores)),
    )


def priorities(questionnaire: Questionnaire, profile: FirmProfile, scores: FirmScores) -> list:
    """The plan's dimensions: the weakest below AI Ready's floor (never a strong dimension
    presented as weak), lowest first, a dimension the firm's named difficulties point to first
    among equals, then questionnaire order. A firm strong everywhere gets its three lowest, to
    go further."""
    named = {
        dimension
        for choice in questionnaire.difficulties
        if choice.key in profile.difficulties
        for dimension in choice.dimensions
    }
    order = list(scores.dimensions)

    def urgency(key):
        return (scores.dimensions[key], key not in named, order.index(key))

    weak = sorted((k for k in order if scores.dimensions[k] < tiers.STRONG_FROM), key=urgency)
    if weak:
        return weak[:PLAN_SIZE]
    return sorted(order, key=urgency)[:PLAN_SIZE]


def hard_rule_failures(entry: CatalogueEntry, firm: Firm) -> list[str]:
    """The hard eligibility rules this firm fails ([] = eligible). A size band counts by its
    lower bound; an unknown band fails every size rule. A rule the firm was not asked about (a
    production line, answered only by manufacturers) is left to "check before applying"."""
    failures = []
    profile = firm.profile
    if profile.listed and not entry.listed_allowed:
        failures.append("listed")
    if entry.business_scopes and not firm.scopes & set(entry.business_scopes):
        failures.append("business_scope")
    if entry.max_employees is not None and (
        firm.employees_min is None or firm.employees_min > entry.max_employees
    ):
        failures.append("max_employees")
    if entry.sme_only and not firm.is_sme:
        failures.append("sme")
    if entry.hk_production_line_required and profile.hk_production_line is False:
        failures.append("production_line")
    if entry.tiers and firm.tier not in entry.tiers:
        failures.append("tier")
    return failures


def fit(entry: CatalogueEntry, firm: Firm) -> int:
    helps = [d for d in firm.priorities if d in entry.dimensions]
    answers = [d for d in firm.profile.difficulties if d in entry.difficulties]
    scope = bool(firm.scopes & set(entry.suits_scopes or entry.business_scopes))
    sme = bool((entry.sme_only or entry.max_employees is not None) and firm.is_sme)
    return (
        WEIGHT_PRIORITY * len(helps)
        + WEIGHT_DIFFICULTY * len(answers)
        + WEIGHT_SCOPE * scope
        + WEIGHT_SME * sme
        - PENALTY_PREREQUISITE * entry.itf_project_required
    )


def ranked(entries, firm: Firm) -> list[CatalogueEntry]:
    return sorted(entries, key=lambda e: (-fit(e, firm), e.position, e.key))


class Shortlist:
    """The schemes recommended so far: at most MAX_RECOMMENDATIONS, MAX_ADVISORY centres."""

    def __init__(self):
        self.entries: dict[str, CatalogueEntry] = {}

    def room_for(self, entry: CatalogueEntry) -> bool:
        if entry.key in self.entries:
            return True
        if len(self.entries) >= MAX_RECOMMENDATIONS:
            return False
        centres = sum(e.kind == ADVISORY for e in self.entries.values())
        return entry.kind != ADVISORY or centres < MAX_ADVISORY


def free_help_order(firm: Firm):
    """Who helps for free, shaped by what the firm named: the Privacy Commissioner's guidance
    first for data privacy, training first for a lack of talent."""
    named = set(firm.profile.difficulties)

    def key(entry: CatalogueEntry):
        privacy_first = "data_privacy" in named and "data_privacy" in entry.difficulties
        training_first = "lack_of_talent" in named and entry.kind == TRAINING
        return (not privacy_first, not training_first, -fit(entry, firm), entry.position)

    return key


def advise(
    questionnaire: Questionnaire,
    profile: FirmProfile,
    scores: FirmScores,
    catalogue: Sequence[CatalogueEntry],
    *,
    today: datetime.date,
) -> Advice:
    """The firm's plan and the schemes that fit it, as stored with its assessment."""
    firm = firm_of(questionnaire, profile, scores)
    statuses = {entry.key: entry.status_on(today) for entry in catalogue}
    eligible = [e for e in catalogue if not hard_rule_failures(e, firm)]
    available = [e for e in eligible if statuses[e.key] == OPEN]
    shortlist = Shortlist()

    # Free centres help with any question a firm brings; they stand in where no free help is
    # listed for a dimension.
    centres = sorted((e for e in available if e.kind == ADVISORY), key=free_help_order(firm))
    plan = []
    for dimension_key in firm.priorities:
        helps = ranked((e for e in available if dimension_key in e.dimensions), firm)
        # The firm's own funding first: a scheme individuals apply for comes after.
        payers = sorted(
            (e for e in helps if e.kind == FUNDING and not e.free),
            key=lambda e: e.individuals_only,
        )
        free = sorted((e for e in helps if e.free), key=free_help_order(firm))
        pay = pick_best(shortlist, payers)
        helper = pick_best(shortlist, free) or pick_best(
            shortlist, [c for c in centres if c.key in shortlist.entries] or centres
        )
        plan.append(plan_item(questionnaire, firm, dimension_key, helper=helper, pay=pay))

    # The rest of the list: the best fits among what is left, never a second card saying the
    # same thing as one already there (same kind for the same priorities).
    for entry in ranked(available, firm):
        if len(shortlist.entries) >= MAX_RECOMMENDATIONS:
            break
        if entry.key in shortlist.entries or not shortlist.room_for(entry):
            continue
        if fit(entry, firm) <= 0 or says_the_same(entry, shortlist.entries.values(), firm):
            continue
        shortlist.entries[entry.key] = entry

    roles = roles_in_plan(plan)
    recommendations = [
        card(entry, firm, questionnaire, statuses[entry.key], roles)
        for entry in shortlist.entries.values()
    ]
    upcoming = [
        card(entry, firm, questionnaire, UPCOMING, {})
        for entry in ranked((e for e in eligible if statuses[e.key] == UPCOMING), firm)
    ][:MAX_UPCOMING]
    closed = [
        card(entry, firm, questionnaire, CLOSED, {})
        for entry in catalogue
        if statuses[entry.key] == CLOSED and entry.mention_when_closed and heard_of(entry, firm)
    ]
    return Advice(plan=plan, recommendations=recommendations, upcoming=upcoming, closed=closed)


def pick_best(shortlist: Shortlist, candidates: list[CatalogueEntry]) -> str | None:
    """The best candidate that is on the shortlist already or has room on it, shortlisted."""
    for entry in candidates:
        if shortlist.room_for(entry):
            shortlist.entries.setdefault(entry.key, entry)
            return entry.key
    return None


def says_the_same(entry: CatalogueEntry, chosen, firm: Firm) -> bool:
    helps = {d for d in firm.priorities if d in entry.dimensions}
    return any(
        other.kind == entry.kind and helps and helps <= set(other.dimensions) for other in chosen
    )


def heard_of(entry: CatalogueEntry, firm: Firm) -> bool:
    """A closed scheme is named only to firms it would have suited."""
    rules = [r for r in hard_rule_failures(entry, firm) if r != "tier"]
    in_scope = not entry.suits_scopes or bool(firm.scopes & set(entry.suits_scopes))
    return not rules and in_scope


def plan_item(questionnaire, firm, dimension_key, *, helper, pay) -> PlanItem:
    dimension = questionnaire.dimensions[dimension_key]
    score = firm.scores.dimensions[dimension_key]
    next_level = []
    for question in dimension.questions:
        value = firm.scores.answers.get(question.key)
        if isinstance(value, int) and question.next_level(value) is not None:
            next_level.append(NextLevel(question=question.key, current=value, next=value + 1))
    return PlanItem(
        dimension=dimension_key,
        score=score,
        level=tiers.level(score),
        actions=dimension.next_step(score),
        next_level=tuple(next_level),
        free_help=(helper,) if helper else (),
        pay=pay,
    )


def roles_in_plan(plan: list[PlanItem]) -> dict[str, str]:
    """Each shortlisted scheme's first place in the plan: the dimension it helps there."""
    roles = {}
    for item in plan:
        for key in (item.pay, *item.free_help):
            if key:
                roles.setdefault(key, item.dimension)
    return roles


# ---------------------------------------------------------------- wording, in both languages


def why(entry: CatalogueEntry, firm: Firm, questionnaire: Questionnaire, roles) -> Text:
    """One sentence about this firm: the priority or named difficulty the scheme helps with,
    and what it pays for or offers. Every scheme's `pays_for` differs, so no two cards say the
    same."""
    pays = entry.kind == FUNDING and not entry.free
    offers_en = "pays for" if pays else "offers"
    offers_zh = "資助" if pays else "提供"
    pays_en, pays_zh = entry.pays_for.en.strip().rstrip("."), entry.pays_for.zh_hant.strip()
    dimension_key = roles.get(entry.key) or next(
        (d for d in firm.priorities if d in entry.dimensions), None
    )
    if dimension_key:
        name = questionnaire.dimensions[dimension_key].name
        score = firm.scores.dimensions[dimension_key]
        return Text(
            en=f"Your firm scores {score} / 5 in {name.en}; it {offers_en} {pays_en}.",
            zh_hant=f"公司在「{name.zh_hant}」得 {score} / 5 分；此項{offers_zh}{pays_zh}。",
        )
    difficulty = next(
        (
            c
            for c in questionnaire.difficulties
            if c.key in firm.profile.difficulties and c.key in entry.difficulties
        ),
        None,
    )
    if difficulty:
        return Text(
            en=f"You named {difficulty.label.en.lower()} as a difficulty; it {offers_en} "
            f"{pays_en}.",
            zh_hant=f"你提出「{difficulty.label.zh_hant}」的困難；此項{offers_zh}{pays_zh}。",
        )
    scope = questionnaire.scope(firm.profile.business_scope)
    if scope and firm.scopes & set(entry.suits_scopes or entry.business_scopes):
        return Text(
            en=f"It suits firms in {scope.label.en.lower()} like yours; it {offers_en} {pays_en}.",
            zh_hant=f"此項切合「{scope.label.zh_hant}」的公司；此項{offers_zh}{pays_zh}。",
        )
    tier = questionnaire.tier(firm.tier).name_text
    return Text(
        en=f"It suits firms at {tier.en}, as yours is; it {offers_en} {pays_en}.",
        zh_hant=f"此項切合處於「{tier.zh_hant}」級別的公司；此項{offers_zh}{pays_zh}。",
    )


def card(entry, firm, questionnaire, status, roles) -> Card:
    return Card(
        key=entry.key,
        kind=entry.kind,
        free=entry.free,
        status=status,
        name=entry.name,
        short_name=entry.short_name,
        administrator=entry.administrator,
        summary=entry.summary,
        pays_for=entry.pays_for,
        funding_ratio=entry.funding_ratio,
        cap_hkd=entry.cap_hkd,
        cap_note=entry.cap_note,
        conditions=entry.conditions,
        expected=entry.expected,
        closed_note=entry.closed_note,
        apply_url=entry.apply_url,
        contact_url=entry.contact_url,
        last_verified=entry.last_verified,
        why=why(entry, firm, questionnaire, roles) if status == OPEN else Text("", ""),
        dimensions=tuple(d for d in firm.priorities if d in entry.dimensions),
    )
