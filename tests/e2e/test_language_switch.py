"""The language switcher in a real browser: the browser's language on a first visit, and a switch
in the middle of a wizard step that keeps the answers chosen but not yet sent."""

import pytest
from playwright.sync_api import expect

from tests.e2e import wizard

pytestmark = pytest.mark.e2e


def test_a_hong_kong_chinese_browser_sees_chinese_first(browsing):
    page = browsing.new_page(locale="zh-HK")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator("main h1")).to_have_text("你的企業準備好應用 AI 了嗎？")


def test_switching_mid_step_keeps_the_step_and_the_unsent_answers(page):
    wizard.start(page)
    wizard.fill_profile(page)
    wizard.click_next(page)
    first = wizard.questionnaire().pillars[0]
    wizard.expect_step(page, first.key)
    chosen = list(first.questions)[:2]
    for question in chosen:
        page.locator(f"#{wizard.radio_id(first.key, question.key, 4)}").check()

    page.get_by_role("button", name="繁體中文").click()
    wizard.expect_step(page, first.key)
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator("main h1")).to_have_text(first.name.zh_hant)
    for question in chosen:
        expect(page.locator(f"#{wizard.radio_id(first.key, question.key, 4)}")).to_be_checked()
    # Nothing was submitted as an answer: no error for the questions not yet answered.
    expect(page.locator("#error-summary")).to_have_count(0)

    page.get_by_role("button", name="English").click()
    wizard.expect_step(page, first.key)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    for question in chosen:
        expect(page.locator(f"#{wizard.radio_id(first.key, question.key, 4)}")).to_be_checked()
