"""The end of the journey: asking an HKPC advisor to follow up, downloading the PDF report, and
finishing in Traditional Chinese after switching language half-way."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e import wizard
from tests.factory import in_chinese

pytestmark = pytest.mark.e2e


def test_a_firm_asks_for_follow_up_with_consent(page, server):
    wizard.start(page)
    wizard.fill_profile(page)
    wizard.click_next(page)
    for step in wizard.pillar_keys():
        wizard.answer_pillar(page, step, 3)
    page.get_by_role("button", name="Continue").click()
    wizard.expect_step(page, "contact")
    expect(page.get_by_label("Company name")).to_have_value("Golden Dragon Kitchen")
    page.get_by_label("Contact name").fill("Mei Chan")
    page.get_by_label("Email", exact=True).fill("mei@goldendragon.com.hk")
    page.get_by_label("Phone").fill("9123 4567")
    page.get_by_role("checkbox", name=re.compile("I agree that HKPC advisors")).check()
    page.get_by_role("button", name="See my result").click()

    expect(page).to_have_url(wizard.RESULT_URL)
    expect(page.locator(".score-big")).to_have_text("3.0")
    token = page.url.rstrip("/").rsplit("/", 1)[-1]
    stored = server.python(
        "from readiness.assessments.models import Assessment; "
        f"a = Assessment.objects.get(token={token!r}); c = a.contact; "
        "print(c.name, c.email, c.phone, c.company_name, a.followup.status, sep='|')"
    )
    assert stored.strip() == (
        "Mei Chan|mei@goldendragon.com.hk|+852 9123 4567|Golden Dragon Kitchen|new"
    )


def test_the_pdf_report_downloads_with_the_result_in_it(page, server):
    page.goto(server.result_url(4))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF report").click()
    download = download_info.value

    assert re.fullmatch(r"readiness-report-\d{4}-\d{2}-\d{2}\.pdf", download.suggested_filename)
    reader = PdfReader(download.path())
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Golden Dragon Kitchen" in text
    assert "AI Ready" in text
    assert "4.0" in text
    for pillar in wizard.questionnaire().pillars:
        assert pillar.name.en in text


def test_switching_to_chinese_half_way_keeps_the_answers_and_finishes_in_chinese(page):
    q = wizard.questionnaire()
    wizard.start(page)
    wizard.fill_profile(page)
    wizard.click_next(page)
    wizard.answer_pillar(page, "organisation", 3)
    wizard.expect_step(page, "business_value")

    page.get_by_role("button", name="繁體中文").click()
    wizard.expect_step(page, "business_value")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    page.locator('button[name="wizard_goto_step"]').click()  # Back, in Chinese
    wizard.expect_step(page, "organisation")
    expect(page.locator("main h1")).to_have_text(q.pillar_map["organisation"].name.zh_hant)
    assert wizard.checked_values(page, "organisation") == wizard.answers_for("organisation", 3)

    page.locator(".wizard-actions .btn-primary").click()
    for step in ("business_value", "data", "infrastructure", "governance"):
        wizard.expect_step(page, step)
        wizard.choose_answers(page, step, wizard.answers_for(step, 3))
        page.locator(".wizard-actions .btn-primary").click()
    wizard.expect_step(page, "review")
    page.locator(".wizard-actions .btn-primary").click()
    wizard.expect_step(page, "contact")
    page.locator('button[name="skip"]').click()

    expect(page).to_have_url(wizard.RESULT_URL)
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator(".score-big")).to_have_text("3.0")
    expect(page.locator(".tier-badge")).to_have_text(in_chinese(q.tier("aware").name))
