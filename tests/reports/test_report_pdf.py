"""What the printed report says, read back from the PDF with pypdf."""

import pytest
from django.utils import translation

from readiness.assessments.results import summarise
from readiness.content import tiers
from readiness.reports.rendering import PAGES_PROMISED, css_string, render_report, report_html
from readiness.schemes.advice import Advice
from tests.factory import in_chinese, questionnaire
from tests.reports.pdf import pdf_fonts, pdf_pages, reported_assessment, squeezed
from tests.reports.samples import CLOSED_FUND, NITTP

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
        "Submitted 22 November 2026 · questionnaire version 2026.1",
        # every pillar and dimension, with the readings
        *(p.name.en for p in q.pillars),
        *(d.name.en for d in q.dimensions.values()),
        *(d.reading.en for p in summarise(assessment).pillars for d in p.dimensions),
        # the three weakest with their next steps
        "1. Management support and AI strategy · 2.5 / 5",
        *(d.next_step.en for d in summarise(assessment).weakest),
        # the recommended schemes with their facts and links
        "New Industrialisation and Technology Training Programme (NITTP)",
        "HKPC SME One (SME One)",
        "Data Foundations for SMEs",
        "HK$250,000 per financial year",
        "https://nittp.vtc.edu.hk",
        "facts last verified 30 June 2026",
        "Closed schemes you may hear about",
        "Retired Digital Fund (RDF)",
        "It would have fitted your firm, but it closed to new applications in 2025.",
        "Where to get help: SME One",
        "Where to get help: Data Foundations for SMEs",
        # methodology, the tier table and the disclaimer
        "A pillar's score is the average of its dimensions.",
        "AI Unaware below 2.5",
        "AI Aware 2.5 to 3.4",
        "AI Ready 3.5 to 4.5",
        "AI Competent 4.6 and above",
        "last verified between 31 May 2026 and 30 June 2026",
        "Page 1 of 5",
        "Page 5 of 5",
    ]:
        assert squeezed(expected) in text, expected


def test_the_report_is_four_pages_without_schemes_five_with_three_and_at_most_eight():
    with_schemes = pdf_pages(render_report(reported_assessment(), "en"))
    without = pdf_pages(render_report(reported_assessment(recommendations=[]), "en"))
    longest = [{**NITTP, "rank": rank} for rank in range(1, 9)] + [CLOSED_FUND, CLOSED_FUND]
    most = pdf_pages(render_report(reported_assessment(recommendations=longest), "zh-hant"))

    assert (len(without), len(with_schemes), len(most)) == (4, 5, 7)
    assert {len(without), len(with_schemes), len(most)} <= set(PAGES_PROMISED)
    assert "Golden Dragon Kitchen Ltd" in with_schemes[0]
    assert squeezed("No funding or training scheme was matched") in squeezed(without[2])


def test_recommendations_print_best_fit_first_and_closed_ones_last():
    text = squeezed("".join(pdf_pages(render_report(reported_assessment(), "en"))))
    # From the section's heading on (the cover's contents list names it first).
    text = text[text.rindex(squeezed("Funding and training that fit")) :]
    positions = [
        text.index(squeezed(name))
        for name in [
            "New Industrialisation and Technology",  # rank 1
            "HKPC SME One",  # rank 2
            "Data Foundations for SMEs",  # rank 3
            "Retired Digital Fund",  # closed, no rank
        ]
    ]
    assert positions == sorted(positions)


def test_the_chinese_report_prints_chinese_content_in_a_real_cjk_font():
    assessment = reported_assessment()
    pdf = render_report(assessment, "zh-hant")
    text = squeezed("".join(pdf_pages(pdf)))
    q = questionnaire()

    for expected in [
        "Golden Dragon Kitchen Ltd",
        in_chinese(q.tier("aware").name),
        *(p.name.zh_hant for p in q.pillars),
        summarise(assessment).weakest[0].next_step.zh_hant,
        "新型工業化及科技培訓計劃",
        "生產力局中小企一站通",
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


def test_next_steps_name_the_schemes_of_the_saved_advice_first():
    assessment = reported_assessment()
    advice = Advice.of(assessment)
    assert [advice.helpers_for(key) for key in ("leadership", "ai_literacy", "data_quality")] == [
        ["SME One"],
        ["NITTP"],
        ["Data Foundations for SMEs"],
    ]
    assessment.dimension_advice = [
        {"dimension": "leadership", "schemes": [{"name": {"en": "A", "zh_hant": "甲"}}]},
        "junk",
    ]
    with translation.override("zh-hant"):
        assert Advice.of(assessment).helpers_for("leadership") == ["甲"]


def test_tier_bands_come_from_the_tier_table():
    assert [tiers.band(key) for key in tiers.KEYS] == [
        "below 2.5",
        "2.5 to 3.4",
        "3.5 to 4.5",
        "4.6 and above",
    ]


def test_a_malformed_snapshot_prints_blanks_and_never_links_a_non_web_url():
    assessment = reported_assessment(
        recommendations=[
            "not a dict",
            {"key": "x", "name": {"en": "Only English"}, "apply_url": "javascript:alert(1)"},
            {"key": "y", "name": 42, "cap_hkd": "lots", "apply_url": "file:///etc/passwd"},
        ]
    )
    cards = Advice.of(assessment).recommended
    with translation.override("zh-hant"):
        assert [(c.key, str(c.name), c.apply_url, c.cap) for c in cards] == [
            ("x", "Only English", "", ""),
            ("y", "", "", ""),
        ]
    assessment.recommendations = None
    assert Advice.of(assessment).recommended == []


def test_css_strings_cannot_end_early():
    assert css_string('Page "1" </style>') == '"Page\\20 \\22 1\\22 \\20 \\3c \\2f style\\3e "'
