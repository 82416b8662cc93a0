"""A firm's workspace in a real browser: keep a result, assess again and see what moved; a team
round answered by two colleagues from browsers of their own."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import checks, wizard

pytestmark = pytest.mark.e2e
WORKSPACE_URL = re.compile(r"/workspace/[A-Za-z0-9_-]{43}/$")


def fresh_result(server) -> str:
    """A result of its own for each test: a result is kept in one workspace only."""
    token = server.python(
        "from tests.factory import make_assessment, uniform_answers\n"
        "print(make_assessment(uniform_answers(2)).token)"
    ).strip()
    return f"/result/{token}/"


def answer_every_question(page: Page, value: int) -> None:
    for pillar in wizard.pillar_keys():
        wizard.choose_answers(page, pillar, wizard.answers_for(pillar, value))


def test_a_firm_keeps_a_workspace_assesses_again_and_sees_its_progress(page):
    wizard.complete_with_mouse(page, 2)
    page.get_by_role("button", name="Keep track of your progress").click()
    expect(page).to_have_url(WORKSPACE_URL)
    workspace_url = page.url
    expect(page.get_by_role("heading", name="Bookmark this page now")).to_be_visible()
    expect(page.get_by_label("Your workspace link")).to_have_value(workspace_url)

    page.get_by_role("button", name="Assess again").click()
    wizard.expect_step(page, "profile")
    # The profile is the last one; no answer is chosen.
    expect(page.get_by_label("Company name (optional)")).to_have_value("Golden Dragon Kitchen")
    expect(page.locator('input[name="profile-employee_band"][value="20-49"]')).to_be_checked()
    wizard.click_next(page)
    first = wizard.pillar_keys()[0]
    assert wizard.checked_values(page, first) == {}
    for step in wizard.pillar_keys():
        wizard.answer_pillar(page, step, 4)
    wizard.finish_from_review(page)

    progress = page.locator("#progress")
    expect(progress).to_contain_text("Overall score: 2.0 → 4.0 (▲ up 2.0)")
    expect(progress).to_contain_text("You moved up a tier: from AI Unaware to AI Ready.")

    page.goto(workspace_url)
    expect(page.get_by_role("heading", name="Bookmark this page now")).to_have_count(0)
    expect(page.locator(".history-overall")).to_have_text(["4.0", "2.0"])
    expect(page.locator("#history svg polyline")).to_have_count(2)  # wide and phone


def test_two_colleagues_answer_a_round_from_their_own_browsers(browsing, server):
    owner = browsing.new_page()
    owner.goto(fresh_result(server))
    owner.get_by_role("button", name="Keep track of your progress").click()
    owner.get_by_role("button", name="Start a team round").click()
    invitation = owner.get_by_label("Invitation link").input_value()
    assert "/team/" in invitation

    for value, role, share in ((4, "Manager", True), (2, "IT", False)):
        colleague = browsing.new_page()
        colleague.goto(invitation)
        colleague.get_by_label(role, exact=True).check()
        if share:
            colleague.get_by_label("Show my own result to the person who invited me").check()
        answer_every_question(colleague, value)
        colleague.get_by_role("button", name="Send my answers").click()
        expect(
            colleague.get_by_role("heading", name="Thank you: your answers are in")
        ).to_be_visible()
        expect(colleague.locator(".score-big")).to_have_text(f"{value}.0")
        # The same browser cannot answer twice.
        colleague.goto(invitation)
        expect(
            colleague.get_by_role("heading", name="Thank you: your answers are in")
        ).to_be_visible()

    owner.reload()
    expect(owner.locator("#team-result .score-big")).to_have_text("3.0")
    expect(owner.locator("#talk-first li")).to_have_count(3)
    expect(owner.locator("#talk-first li").first).to_contain_text("lowest: IT; highest: Manager")
    expect(owner.locator("#shared summary")).to_have_text(
        ["Respondent 1 (Manager): 4.0 / 5 · AI Ready"]
    )

    owner.get_by_role("button", name="Close the round").click()
    expect(owner.get_by_text("Its team result is kept as it was then.")).to_be_visible()
    late = browsing.new_page()
    # The closed round's page says so with 410 Gone, which Chromium logs.
    late.context.watch.expected_errors.append("status of 410 (Gone)")
    late.goto(invitation)
    expect(late.get_by_role("heading", name="This team round has closed")).to_be_visible()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_workspace_pages_pass_wcag_and_fit_a_phone(browsing, server, viewport):
    page = browsing.new_page(viewport)
    page.goto(fresh_result(server))
    page.get_by_role("button", name="Keep track of your progress").click()
    workspace_url = page.url
    page.get_by_role("button", name="Start a team round").click()
    round_url = page.url
    invitation = page.get_by_label("Invitation link").input_value()
    colleague = browsing.new_page(viewport)
    visited = {}
    for value in (4, 2):
        other = browsing.new_page(viewport)
        other.goto(invitation)
        answer_every_question(other, value)
        other.get_by_role("button", name="Send my answers").click()
        visited[f"team-answered-{value}"] = other
    colleague.goto(invitation)
    visited["team-answer"] = colleague
    page.goto(round_url)
    visited["round"] = page
    workspace = browsing.new_page(viewport)
    workspace.goto(workspace_url)
    visited["workspace"] = workspace
    problems = []
    for name, shown in visited.items():
        checks.screenshot(shown, viewport, f"workspace-{name}")
        problems += [f"{name}: {v}" for v in checks.axe_violations(shown)]
        if checks.horizontal_overflow(shown) > 0:
            problems.append(f"{name}: wider than the window")
    assert problems == []
