"""Recommendation snapshots in the contract's format (bilingual dicts), written by hand so the
report tests do not depend on the matcher or on edits to the seed content."""


def _t(en: str, zh_hant: str) -> dict:
    return {"en": en, "zh_hant": zh_hant}


NITTP = {
    "key": "nittp",
    "kind": "funding",
    "status": "open",
    "name": _t(
        "New Industrialisation and Technology Training Programme", "新型工業化及科技培訓計劃"
    ),
    "short_name": "NITTP",
    "administrator": _t("Innovation and Technology Commission", "創新科技署"),
    "summary": _t(
        "Pays part of the cost of sending staff on training in advanced technologies, "
        "including registered AI courses.",
        "資助企業派員工修讀先進科技培訓，包括已登記的人工智能課程。",
    ),
    "funding_ratio": _t("Government 1 : company 1", "政府 1 : 企業 1"),
    "cap_hkd": 250000,
    "cap_note": _t("per financial year", "每個財政年度計"),
    "status_note": _t(
        "Open all year; apply at least 5 weeks before the course starts.",
        "全年接受申請；須於開課前最少5星期申請。",
    ),
    "changes": _t(
        "The ratio and cap changed between November 2024 and January 2026.",
        "資助比例及上限於2024年11月至2026年1月之間有所改動。",
    ),
    "why": _t(
        "Your AI literacy score is low and the programme pays for staff AI courses.",
        "貴公司的人工智能知識得分偏低，而本計劃資助員工修讀人工智能課程。",
    ),
    "check": _t(
        "Each trainee must be a Hong Kong permanent resident in full-time employment.",
        "每名學員須為在職全職的香港永久性居民。",
    ),
    "apply_url": "https://nittp.vtc.edu.hk",
    "last_verified": "2026-06-30",
    "dimensions": ["ai_literacy"],
    "rank": 1,
    "mentioned_as_closed": False,
}

SME_ONE = {
    "key": "sme_one",
    "kind": "advisory",
    "status": "open",
    "name": _t("HKPC SME One", "生產力局中小企一站通"),
    "short_name": "SME One",
    "administrator": _t("Hong Kong Productivity Council", "香港生產力促進局"),
    "summary": _t(
        "Free one-to-one advice for SMEs on government funding and technology adoption.",
        "為中小企提供免費一對一諮詢，涵蓋政府資助及科技應用。",
    ),
    "funding_ratio": _t("Free of charge", "免費"),
    "cap_hkd": None,
    "cap_note": _t("", ""),
    "status_note": _t("Book a session at any time.", "可隨時預約。"),
    "changes": _t("", ""),
    "why": _t(
        "A free review of your first AI plan would lift your leadership score.",
        "免費檢視貴公司首份人工智能計劃，有助提升領導得分。",
    ),
    "check": _t("Bring your business registration.", "請攜帶商業登記證。"),
    "apply_url": "https://www.hkpc.org/en/support-to-smes",
    "last_verified": "2026-06-15",
    "dimensions": ["leadership"],
    "rank": 2,
    "mentioned_as_closed": False,
}

DATA_COURSE = {
    "key": "data_course",
    "kind": "training",
    "status": "upcoming",
    "name": _t("Data Foundations for SMEs", "中小企數據基礎課程"),
    "short_name": "",
    "administrator": _t("Vocational Training Council", "職業訓練局"),
    "summary": _t(
        "A short course on keeping business data digital, clean and shareable.",
        "短期課程，教授如何把業務數據數碼化、保持整潔並便於共用。",
    ),
    "funding_ratio": _t("Course fee subsidised by 70%", "課程費用資助七成"),
    "cap_hkd": 8000,
    "cap_note": _t("per trainee", "每名學員"),
    "status_note": _t("Next intake opens in January 2027.", "下一期於2027年1月接受報名。"),
    "changes": _t("", ""),
    "why": _t(
        "Your data quality score is your lowest and this course addresses it.",
        "貴公司數據質素得分最低，本課程正好針對此項。",
    ),
    "check": _t("Places are limited.", "名額有限。"),
    "apply_url": "https://www.vtc.edu.hk",
    "last_verified": "2026-06-30",
    "dimensions": ["data_quality"],
    "rank": 3,
    "mentioned_as_closed": False,
}

CLOSED_FUND = {
    "key": "old_fund",
    "kind": "funding",
    "status": "closed",
    "name": _t("Retired Digital Fund", "已結束數碼基金"),
    "short_name": "RDF",
    "administrator": _t("A former administrator", "前管理機構"),
    "summary": _t("", ""),
    "funding_ratio": _t("", ""),
    "cap_hkd": None,
    "cap_note": _t("", ""),
    "status_note": _t("Closed to new applications in 2025.", "已於2025年停止接受新申請。"),
    "changes": _t("Replaced by newer schemes.", "已由較新的計劃取代。"),
    "why": _t(
        "It would have fitted your firm, but it closed to new applications in 2025.",
        "本計劃本來適合貴公司，但已於2025年停止接受新申請。",
    ),
    "check": _t("Look at its successors instead.", "請改為留意接替的計劃。"),
    "apply_url": "",
    "last_verified": "2026-05-31",
    "dimensions": [],
    "rank": None,
    "mentioned_as_closed": True,
}

RECOMMENDATIONS = [SME_ONE, NITTP, DATA_COURSE, CLOSED_FUND]
