"""What the printed report says, read back from the PDF with pypdf."""

import pytest

from readiness.assessments.results import summarise
from readiness.content import tiers
from readiness.reports.rendering import PAGES_PROMISED, css_string, render_report, report_html
from readiness.schemes.advice import Advice
from tests.factory import in_chinese, questionnaire
from tests.reports.pdf import pdf_fonts, pdf_pages, reported_assessment, squeezed
from tests.reports.samples import CLOSED_FUND, NITTP, advice

pytestmark = pytest.mark.django_db


def test_the_english_report_prints_everything_the_result_page_says():
    assessment = reported_assessment()
    pages = pdf_pages(render_report(assessment, "en"))
    text = squeezed("\n".join(pages))
    q = questionnaire()

    for expected in [
        "Golden Dragon Kitchen Ltd",
        "3.2/5",
        "What “AI Aware” means",
        q.tier("aware").interpretation.en,
        "Submitted 22 November 2026 · questionnaire version 2026.2",
        # the plan first: each priority with its actions, next level, free help and who pays
        "Your plan for the next 90 days",
        "1. Management support and AI strategy · 2.5 / 5",
        "Name one manager to own AI for a quarter.",
        "You told us: " + q.questions["leadership_sponsor"].option(2).en,
        "Next level: " + q.questions["leadership_sponsor"].option(3).en,
        "Who helps for free: SME One",
        "Who pays: no scheme pays for this; it takes staff time.",
        "Who pays: New Industrialisation and Technology Training Programme (NITTP): "
        "Government 2 : company 1, up to HK$250,000 per financial year.",
        # every pillar and dimension, with the readings
        *(p.name.en for p in q.pillars),
        *(d.name.en for d in q.dimensions.values()),
        *(d.reading.en for p in summarise(assessment).pillars for d in p.dimensions),
        # the schemes in detail, with their facts, links and how old they are
        "The schemes in detail",
        "Why it fits you: Your firm scores 2.5 / 5 in use cases; it pays for staff AI courses.",
        "Check before applying: Apply before the course starts;",
        "https://nittp.vtc.edu.hk",
        "Last checked on 30 June 2026; confirm on the official page before applying.",
        "https://www.hkpc.org/en/support-to-smes · Last checked on 20 November 2026.",
        "Coming soon",
        "Data Foundations for SMEs: expected in January 2027",
        "No longer available",
        "Retired Digital Fund (RDF): Closed to new applications in 2025",
        # methodology, the tier table and the disclaimer
        "A pillar's score is the average of its dimensions.",
        "AI Unaware below 2.5",
        "AI Aware 2.5 to 3.4",
        "AI Ready 3.5 to 4.5",
        "AI Competent 4.6 and above",
        "Each scheme says when its facts were last checked.",
        f"Page 1 of {len(pages)}",
        f"Page {len(pages)} of {len(pages)}",
    ]:
        assert squeezed(expected) in text, expected


def test_the_plan_comes_before_the_scores_and_the_schemes():
    text = squeezed("".join(pdf_pages(render_report(reported_assessment(), "en"))))
    # From the plan's heading on (the cover's contents list names every section first).
    text = text[text.rindex(squeezed("Your plan for the next 90 days")) :]
    order = [
        text.index(squeezed(heading))
        for heading in ("Name one manager", "Scores by pillar", "The schemes in detail")
    ]
    assert order == sorted(order)


def test_the_report_stays_within_the_pages_promised():
    with_schemes = pdf_pages(render_report(reported_assessment(), "en"))
    without = pdf_pages(render_report(reported_assessment(advice=advice(recommendations=[])), "en"))
    five = [{**NITTP, "key": f"nittp{n}"} for n in range(5)]
    most = pdf_pages(
        render_report(
            reported_assessment(advice=advice(recommendations=five, closed=[CLOSED_FUND] * 2)),
            "zh-hant",
        )
    )

    assert len(without) <= len(with_schemes) <= len(most)
    assert {len(without), len(with_schemes), len(most)} <= set(PAGES_PROMISED)
    assert "Golden Dragon Kitchen Ltd" in with_schemes[0]
    assert squeezed("No open scheme was matched when this result was saved.") in squeezed(
        "".join(without)
    )


def test_a_firm_strong_everywhere_reads_where_to_go_further():
    strong = [dict(item, score="4.0", level="high") for item in advice()["plan"]]
    text = squeezed(
        "".join(pdf_pages(render_report(reported_assessment(advice=advice(plan=strong)), "en")))
    )
    assert squeezed("Where to go further in the next 90 days") in text
    assert squeezed("Your plan for the next 90 days") not in text


def test_a_result_saved_before_plans_prints_its_scores_without_a_plan():
    text = squeezed("".join(pdf_pages(render_report(reported_assessment(advice={}), "en"))))
    assert squeezed("This result was saved before plans were given.") in text
    assert squeezed("Scores by pillar") in text


def test_the_chinese_report_prints_chinese_content_in_a_real_cjk_font():
    assessment = reported_assessment()
    pdf = render_report(assessment, "zh-hant")
    text = squeezed("".join(pdf_pages(pdf)))
    q = questionnaire()

    for expected in [
        "Golden Dragon Kitchen Ltd",
        in_chinese(q.tier("aware").name),
        *(p.name.zh_hant for p in q.pillars),
        "指定一位經理在一季內負責AI。",
        q.questions["leadership_sponsor"].option(3).zh_hant,
        "新型工業化及科技培訓計劃（NITTP）",
        "中小企一站通",
        "HK$250,000",
    ]:
        assert squeezed(expected) in text, expected
    assert '<html lang="zh-Hant">' in report_html(assessment, "zh-hant")
    assert pdf_fonts(pdf) == {"Noto-Sans-CJK-TC", "Noto-Sans-CJK-TC-Bold"}


def test_the_english_report_prints_in_a_latin_font_and_chinese_characters_in_the_cjk_font():
    # Latin text in the CJK font made every English report subset that huge font.
    english = render_report(reported_assessment(), "en")
    assert pdf_fonts(english) == {
        "Liberation-Sans",
        "Liberation-Sans-Bold",
    }
    chinese_name = render_report(reported_assessment(company_name="金龍酒家有限公司"), "en")
    assert "Noto-Sans-CJK-TC-Bold" in pdf_fonts(chinese_name)
    assert "金龍酒家有限公司" in pdf_pages(chinese_name)[0]


def test_tier_bands_come_from_the_tier_table():
    assert [tiers.band(key) for key in tiers.KEYS] == [
        "below 2.5",
        "2.5 to 3.4",
        "3.5 to 4.5",
        "4.6 and above",
    ]


def test_a_malformed_snapshot_prints_blanks_and_never_links_a_non_web_url():
    assessment = reported_assessment(
        advice=advice(
            plan=["junk", {"dimension": "leadership", "score": "x", "next_level": "no"}],
            recommendations=[
                "not a dict",
                {"key": "x", "name": {"en": "Only English"}, "apply_url": "javascript:alert(1)"},
                {"key": "y", "name": 42, "cap_hkd": "lots", "apply_url": "file:///etc/passwd"},
            ],
        )
    )
    cards = Advice.of(assessment).recommendations
    assert [(c.key, c.name.zh_hant, c.link, c.cap) for c in cards] == [
        ("x", "Only English", "", ""),
        ("y", "", "", ""),
    ]
    text = squeezed("".join(pdf_pages(render_report(assessment, "en"))))
    assert "javascript" not in text and "file://" not in text
    assessment.advice = None
    assert Advice.of(assessment).recommendations == []


def test_css_strings_cannot_end_early():
    assert css_string('Page "1" </style>') == '"Page\\20 \\22 1\\22 \\20 \\3c \\2f style\\3e "'
