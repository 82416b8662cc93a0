"""A firm's journeys through the product in a real browser: with the mouse, with the keyboard
only, changing its mind, leaving and coming back, and opening its result link elsewhere."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import checks, wizard

pytestmark = pytest.mark.e2e


def open_scores(page: Page) -> None:
    """The scores in full are folded below the plan: a firm opens them."""
    scores = page.locator("details#scores")
    if scores.get_attribute("open") is None:
        scores.locator("summary").click()


def pillar_score(page: Page, pillar_name: str):
    open_scores(page)
    row = page.locator("tr").filter(has=page.get_by_role("rowheader", name=pillar_name, exact=True))
    return row.locator("td").first


def expect_result(page: Page, overall: str, tier: str) -> None:
    expect(page).to_have_url(wizard.RESULT_URL)
    expect(page.locator(".score-big")).to_have_text(overall)
    expect(page.locator(".tier-badge")).to_have_text(tier)


def test_a_firm_completes_the_assessment_with_the_mouse(page):
    wizard.complete_with_mouse(page, 4)

    expect_result(page, "4.0", "AI Ready")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Golden Dragon Kitchen")
    for pillar in wizard.questionnaire().pillars:
        expect(pillar_score(page, pillar.name.en)).to_have_text("4.0")


class Keyboard:
    """Only keys; every element that takes the focus must show it."""

    def __init__(self, page: Page):
        self.page = page
        self.invisible_focus: list[str] = []

    def tab_to(self, selector: str, limit: int = 80) -> None:
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            focus = checks.focus_indicator(self.page)
            if focus["outlineStyle"] in ("none", "hidden") or focus["outlineWidth"] < 2:
                self.invisible_focus.append(f"{self.page.url} {focus}")
            if wizard.focused_matches(self.page, selector):
                return
        raise AssertionError(f"{selector} never got the focus after {limit} presses of Tab")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def choose(self, step: str, key: str, value: int) -> None:
        """Into the question's radio group, take the first statement, arrow down to `value`."""
        self.tab_to(f'input[name="{step}-{key}"]')
        self.press("Space", *["ArrowDown"] * (value - 1))
        expect(self.page.locator(f"#{wizard.radio_id(step, key, value)}")).to_be_checked()


def test_a_firm_completes_the_assessment_with_the_keyboard_only(page):
    keys = Keyboard(page)
    page.goto("/")
    keys.tab_to("main a.btn-primary")
    keys.press("Enter")

    wizard.expect_step(page, "profile")
    keys.tab_to("#id_profile-company_name")
    page.keyboard.type("Golden Dragon Kitchen")
    keys.tab_to("#id_profile-business_scope")
    page.keyboard.type("Food")
    expect(page.locator("#id_profile-business_scope")).to_have_value("food_beverage")
    keys.tab_to('input[name="profile-employee_band"]')
    keys.press("Space", "ArrowDown", "ArrowDown", "ArrowDown")
    expect(page.locator("#id_profile-employee_band_3")).to_be_checked()
    keys.tab_to('input[name="profile-listed"]')
    keys.press("Space")
    expect(page.locator("#id_profile-listed_0")).to_be_checked()
    keys.press("Enter")  # submits the form from the radio button, as browsers do

    for step in wizard.pillar_keys():
        wizard.expect_step(page, step)
        for key in wizard.answers_for(step, 2):
            keys.choose(step, key, 2)
        keys.press("Enter")

    wizard.expect_step(page, "review")
    keys.tab_to("button.btn-primary")
    keys.press("Enter")
    wizard.expect_step(page, "contact")
    keys.tab_to('button[name="skip"]')
    keys.press("Enter")

    expect_result(page, "2.0", "AI Unaware")
    assert not keys.invisible_focus, "\n".join(keys.invisible_focus)


def test_going_back_and_changing_answers_changes_the_result(page):
    q = wizard.questionnaire()
    leadership = [question.key for question in q.dimensions["leadership"].questions]
    governance = q.pillar_map["governance"]
    wizard.start(page)
    wizard.fill_profile(page)
    wizard.click_next(page)
    wizard.answer_pillar(page, "organisation", 3)
    wizard.expect_step(page, "business_value")
    wizard.choose_answers(page, "business_value", wizard.answers_for("business_value", 3))

    wizard.click_back(page)
    wizard.expect_step(page, "organisation")
    assert wizard.checked_values(page, "organisation") == wizard.answers_for("organisation", 3)
    wizard.choose_answers(page, "organisation", dict.fromkeys(leadership, 5))
    wizard.click_next(page)
    wizard.expect_step(page, "business_value")
    # What was chosen before going back is still there.
    assert wizard.checked_values(page, "business_value") == wizard.answers_for("business_value", 3)
    wizard.click_next(page)
    for step in ("data", "infrastructure", "governance"):
        wizard.answer_pillar(page, step, 3)

    wizard.expect_step(page, "review")
    page.get_by_role("link", name=f"Change {governance.name.en}").click()
    wizard.expect_step(page, "governance")
    wizard.choose_answers(page, "governance", wizard.answers_for("governance", 1))
    wizard.click_next(page)
    wizard.expect_step(page, "review")  # straight back, not through the later steps
    section = page.locator("section").filter(
        has=page.get_by_role("heading", name=governance.name.en)
    )
    for question in governance.questions:
        expect(section).to_contain_text(question.option(1).en)
    wizard.finish_from_review(page)

    # Leadership 5, ethics and governance 1, the other nine dimensions 3: (5 + 27 + 2) / 12.
    expect_result(page, "2.8", "AI Aware")
    expect(pillar_score(page, "Leadership and people")).to_have_text("3.7")
    expect(pillar_score(page, governance.name.en)).to_have_text("1.0")
    expect(pillar_score(page, "Data")).to_have_text("3.0")


def test_a_firm_that_leaves_half_way_resumes_where_it_stopped(browsing):
    first = browsing.new_context()
    page = first.new_page()
    wizard.start(page)
    wizard.fill_profile(page)
    wizard.click_next(page)
    wizard.answer_pillar(page, "organisation", 4)
    wizard.answer_pillar(page, "business_value", 4)
    wizard.expect_step(page, "data")
    cookies = first.storage_state()
    first.close()  # the browser is closed half-way

    page = browsing.new_context(storage_state=cookies).new_page()
    page.goto("/")
    page.get_by_role("link", name="Start the assessment").click()
    wizard.expect_step(page, "data")
    wizard.click_back(page)
    wizard.expect_step(page, "business_value")
    assert wizard.checked_values(page, "business_value") == wizard.answers_for("business_value", 4)
    wizard.click_next(page)
    for step in ("data", "infrastructure", "governance"):
        wizard.answer_pillar(page, step, 4)
    wizard.finish_from_review(page)

    expect_result(page, "4.0", "AI Ready")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Golden Dragon Kitchen")


def test_the_result_link_opens_in_a_fresh_browser(browsing):
    url = wizard.complete_with_mouse(browsing.new_page(), 5)

    page = browsing.new_page()  # no cookies, no session
    page.goto(url)
    expect_result(page, "5.0", "AI Competent")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Golden Dragon Kitchen")
    expect(pillar_score(page, "Data")).to_have_text("5.0")
