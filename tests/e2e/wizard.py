"""Drives the assessment wizard the way a person does: with the mouse, or with the keyboard only."""

import re

from playwright.sync_api import Page, expect

from readiness.content.questionnaire import current_questionnaire

PROFILE = {
    "company_name": "Golden Dragon Kitchen",
    "business_scope": "food_beverage",
    "employee_band": "20-49",
    "listed": "no",
}
RESULT_URL = re.compile(r"/result/[A-Za-z0-9_-]{20,64}/$")


def questionnaire():
    return current_questionnaire()


def pillar_keys() -> list[str]:
    return [pillar.key for pillar in questionnaire().pillars]


def answers_for(pillar_key: str, value: int) -> dict[str, int]:
    return {q.key: value for q in questionnaire().pillar_map[pillar_key].questions}


def radio_id(step: str, field: str, value: int) -> str:
    return f"id_{step}-{field}_{value}"


def expect_step(page: Page, step: str) -> None:
    expect(page).to_have_url(re.compile(rf"/assessment/{step}/(\?.*)?$"))


# Mouse


def start(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Start the assessment").click()
    expect_step(page, "profile")


def fill_profile(page: Page, profile: dict | None = None) -> None:
    profile = profile or PROFILE
    page.get_by_label("Company name (optional)").fill(profile["company_name"])
    page.get_by_label("Main business scope").select_option(profile["business_scope"])
    page.locator(f'input[name="profile-employee_band"][value="{profile["employee_band"]}"]').check()
    page.locator(f'input[name="profile-listed"][value="{profile["listed"]}"]').check()


def click_next(page: Page) -> None:
    page.get_by_role("button", name="Next", exact=True).click()


def click_back(page: Page) -> None:
    page.get_by_role("button", name="Back", exact=True).click()


def choose_answers(page: Page, step: str, answers: dict[str, int]) -> None:
    """Clicks the statement (the label, as a person would) for each answer."""
    for key, value in answers.items():
        page.locator(f'label[for="{radio_id(step, key, value)}"]').click()


def answer_pillar(page: Page, step: str, value: int) -> None:
    expect_step(page, step)
    choose_answers(page, step, answers_for(step, value))
    click_next(page)


def finish_from_review(page: Page) -> None:
    """Confirm the review, then skip the optional contact step."""
    expect_step(page, "review")
    page.get_by_role("button", name="Continue").click()
    expect_step(page, "contact")
    page.get_by_role("button", name="Skip — just show my result").click()
    expect(page).to_have_url(RESULT_URL)


def complete_with_mouse(page: Page, value: int, profile: dict | None = None) -> str:
    """Every answer `value`; returns the result page's URL."""
    start(page)
    fill_profile(page, profile)
    click_next(page)
    for step in pillar_keys():
        answer_pillar(page, step, value)
    finish_from_review(page)
    return page.url


def checked_values(page: Page, step: str) -> dict[str, int]:
    """The answers the step shows as chosen."""
    checked = page.locator(f'input[type="radio"][name^="{step}-"]:checked')
    return {
        element.get_attribute("name").split("-", 1)[1]: int(element.get_attribute("value"))
        for element in checked.all()
    }


# Keyboard


def focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate(
        "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
    raise AssertionError(f"{selector} never received the focus after {limit} presses of Tab")


def choose_with_keyboard(page: Page, step: str, key: str, value: int) -> None:
    """Tab into the question's radio group, take the first statement, arrow down to `value`."""
    tab_to(page, f'input[name="{step}-{key}"]')
    page.keyboard.press("Space")
    for _ in range(value - 1):
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"#{radio_id(step, key, value)}")).to_be_checked()
