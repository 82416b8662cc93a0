"""Every page of a firm's journey, at desktop size, on a phone and at 200 % zoom: no WCAG 2.1
A/AA violation found by axe-core, no sideways scrolling, tap targets of 44 px, the wizard's
progress in view. Screenshots go to test-results/screenshots/ for a person to look at."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import checks, wizard

pytestmark = pytest.mark.e2e


class Tour:
    """Checks each page it is shown and collects what is wrong, page by page."""

    def __init__(self, page: Page, viewport: str):
        self.page = page
        self.viewport = viewport
        self.problems: dict[str, list[str]] = {}
        self.visited: list[str] = []

    def check(self, name: str) -> None:
        page = self.page
        expect(page.locator("main h1")).to_be_visible()
        self.visited.append(name)
        checks.screenshot(page, self.viewport, name)
        found = []
        if self.viewport in ("desktop", "phone"):
            found += checks.axe_violations(page)
        if self.viewport in ("phone", "zoom200"):
            overflow = checks.horizontal_overflow(page)
            if overflow > 0:
                found.append(f"scrolls sideways by {overflow} px")
        if self.viewport == "phone":
            found += [f"tap target under 44 px: {t}" for t in checks.small_tap_targets(page)]
            if page.locator("progress.wizard-progress").count():
                found += self.progress_problems()
        if found:
            self.problems[name] = found

    def progress_problems(self) -> list[str]:
        label = self.page.locator("#progress-label")
        bar = self.page.locator("progress.wizard-progress")
        height = self.page.viewport_size["height"]
        problems = []
        for what, element in (("label", label), ("bar", bar)):
            box = element.bounding_box()
            if not element.is_visible() or box is None or box["y"] + box["height"] > height:
                problems.append(f"the progress {what} is not in the first screen")
        return problems

    def report(self) -> str:
        return "\n".join(
            f"{name}:\n  " + "\n  ".join(found) for name, found in self.problems.items()
        )


def tour_every_page(tour: Tour) -> None:
    page = tour.page
    page.goto("/")
    tour.check("home")
    page.get_by_role("link", name="How we score").first.click()
    tour.check("how-we-score")

    wizard.start(page)
    tour.check("step-profile")
    wizard.click_next(page)
    expect(page.locator("#error-summary")).to_be_visible()
    tour.check("step-profile-errors")
    wizard.fill_profile(page)
    wizard.click_next(page)

    for number, step in enumerate(wizard.pillar_keys()):
        wizard.expect_step(page, step)
        tour.check(f"step-{number + 1}-{step}")
        if number == 0:
            wizard.click_next(page)
            expect(page.locator("#error-summary")).to_be_visible()
            tour.check(f"step-{number + 1}-{step}-errors")
        wizard.answer_pillar(page, step, 3)

    wizard.expect_step(page, "review")
    tour.check("step-review")
    page.get_by_role("button", name="Continue").click()
    wizard.expect_step(page, "contact")
    tour.check("step-contact")
    page.get_by_label("Contact name").fill("Mei Chan")
    page.get_by_role("button", name="See my result").click()
    expect(page.locator("#error-summary")).to_be_visible()
    tour.check("step-contact-errors")
    page.get_by_role("button", name="Skip — just show my result").click()
    expect(page).to_have_url(wizard.RESULT_URL)
    tour.check("result")
    result_url = page.url

    page.get_by_role("button", name="繁體中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    tour.check("result-zh-hant")
    page.goto("/")
    tour.check("home-zh-hant")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.goto(result_url)
    page.get_by_role("link", name="Delete this assessment").click()
    tour.check("delete-result")
    page.get_by_role("button", name="Delete my assessment").click()
    tour.check("deleted")


@pytest.mark.parametrize("viewport", ["desktop", "phone", "zoom200"])
def test_every_page_is_accessible_and_fits_the_screen(browsing, viewport):
    tour = Tour(browsing.new_page(viewport), viewport)
    tour_every_page(tour)
    assert not tour.problems, f"At {viewport} size:\n{tour.report()}"
    assert len(tour.visited) == 18, tour.visited
    # Every file came from the site itself (the harness fails any test otherwise; said here
    # for the record, with proof that the requests were seen at all).
    watch = tour.page.context.watch
    assert any("/static/css/readiness.css" in url for url in watch.requests)
    assert watch.foreign_requests() == []
