"""Advice snapshots in the stored format (version 2, bilingual dicts), written by hand so the
report tests do not depend on the matcher or on edits to the catalogue."""

import copy

from readiness.schemes.advice import Card


def _t(en: str, zh_hant: str) -> dict:
    return {"en": en, "zh_hant": zh_hant}


BLANK = _t("", "")


def card(**fields) -> dict:
    """A card with every field a stored one has; `fields` fill in the ones that matter."""
    entry = {
        "key": "",
        "kind": "funding",
        "free": False,
        "status": "open",
        "short_name": "",
        "cap_hkd": None,
        "apply_url": "",
        "contact_url": "",
        "last_verified": "2026-11-20",
        "dimensions": [],
        **{name: BLANK for name in Card.FIELDS_TEXT},
    }
    entry.update(fields)
    return entry


NITTP = card(
    key="nittp",
    kind="training",
    name=_t("New Industrialisation and Technology Training Programme", "新型工業化及科技培訓計劃"),
    short_name="NITTP",
    administrator=_t("Vocational Training Council", "職業訓練局"),
    summary=_t(
        "Pays part of the cost of sending staff on registered courses in advanced technology.",
        "資助企業派員工修讀已登記的先進科技課程。",
    ),
    pays_for=_t("staff AI courses", "員工AI課程"),
    funding_ratio=_t("Government 2 : company 1", "政府2：企業1"),
    cap_hkd=250000,
    cap_note=_t("per financial year", "每個財政年度"),
    conditions=_t(
        "Apply before the course starts; the course must be on the programme's list.",
        "須於開課前申請，課程須在計劃名單上。",
    ),
    apply_url="https://nittp.vtc.edu.hk",
    last_verified="2026-06-30",
    dimensions=["ai_literacy", "use_cases"],
    why=_t(
        "Your firm scores 2.5 / 5 in use cases; it pays for staff AI courses.",
        "你的公司在應用場景得2.5 / 5分；計劃資助員工AI課程。",
    ),
)

SME_ONE = card(
    key="sme_one",
    kind="advisory",
    free=True,
    name=_t("SME One", "中小企一站通"),
    administrator=_t("Hong Kong Productivity Council", "香港生產力促進局"),
    summary=_t(
        "Free advice for SMEs on government funding and technology.",
        "為中小企免費講解政府資助及科技應用。",
    ),
    funding_ratio=_t("Free of charge", "免費"),
    contact_url="https://www.hkpc.org/en/support-to-smes",
    last_verified="2026-11-20",
    dimensions=["leadership"],
    why=_t(
        "Your firm scores 2.5 / 5 in management support; it offers free advice on a first plan.",
        "你的公司在管理層支持得2.5 / 5分；中心免費講解如何訂立首份計劃。",
    ),
)

DATA_COURSE = card(
    key="data_course",
    kind="training",
    status="upcoming",
    name=_t("Data Foundations for SMEs", "中小企數據基礎課程"),
    administrator=_t("Vocational Training Council", "職業訓練局"),
    expected=_t("expected in January 2027", "預計2027年1月推出"),
    dimensions=["data_quality"],
)

CLOSED_FUND = card(
    key="old_fund",
    status="closed",
    name=_t("Retired Digital Fund", "已結束數碼基金"),
    short_name="RDF",
    closed_note=_t(
        "Closed to new applications in 2025; newer schemes replace it.",
        "已於2025年停止接受申請，由較新的計劃取代。",
    ),
)


def plan_item(dimension, score, actions, next_level=(), free_help=(), pay=None) -> dict:
    return {
        "dimension": dimension,
        "score": score,
        "level": "low" if float(score) < 2.5 else "mid" if float(score) < 3.5 else "high",
        "actions": actions,
        "next_level": [
            {"question": question, "current": current, "next": current + 1}
            for question, current in next_level
        ],
        "free_help": list(free_help),
        "pay": pay,
    }


PLAN = [
    plan_item(
        "leadership",
        "2.5",
        _t("Name one manager to own AI for a quarter.", "指定一位經理在一季內負責AI。"),
        next_level=[("leadership_sponsor", 2), ("leadership_plan", 3)],
        free_help=["sme_one"],
    ),
    plan_item(
        "use_cases",
        "2.5",
        _t("Pick one task to try a tool on.", "揀一項工作試用工具。"),
        next_level=[("use_cases_identified", 2)],
        free_help=["sme_one"],
        pay="nittp",
    ),
    plan_item(
        "data_quality",
        "2.5",
        _t("Give each key record an owner.", "為每類重要紀錄指定負責人。"),
        next_level=[("data_accuracy", 2)],
    ),
]

ADVICE = {
    "version": 2,
    "plan": PLAN,
    "recommendations": [SME_ONE, NITTP],
    "upcoming": [DATA_COURSE],
    "closed": [CLOSED_FUND],
}


def advice(**changes) -> dict:
    return {**copy.deepcopy(ADVICE), **changes}
