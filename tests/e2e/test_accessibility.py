"""Accessibility beyond axe-core's automatic rules: errors that are announced and lead to their
field, a chart with a text alternative, a focus that can always be seen."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import checks, wizard

pytestmark = pytest.mark.e2e

# For a field: the text of everything that describes it or the group (fieldset) it belongs to.
DESCRIPTION_JS = """
(el) => {
  const ids = [el, el.closest("fieldset")]
    .filter(Boolean)
    .flatMap((node) => (node.getAttribute("aria-describedby") || "").split(/\\s+/))
    .filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent || "").join(" ");
}
"""


def linked_fields(page: Page) -> list[dict]:
    """Each link of the error summary, with the field it points to."""
    fields = []
    for link in page.locator("#error-summary a").all():
        target = page.locator(link.get_attribute("href"))
        expect(target).to_have_count(1)
        fields.append(
            {
                "link": link.inner_text(),
                "tag": target.evaluate("el => el.tagName"),
                "invalid": target.get_attribute("aria-invalid"),
                "description": " ".join(target.evaluate(DESCRIPTION_JS).split()),
            }
        )
    return fields


def test_profile_errors_are_announced_and_lead_to_their_fields(page):
    wizard.start(page)
    wizard.click_next(page)

    summary = page.locator("#error-summary")
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()  # read out first, before the form
    fields = linked_fields(page)
    assert [(f["link"], f["tag"], f["invalid"]) for f in fields] == [
        ("Main business scope: Please choose your main business scope.", "SELECT", "true"),
        (
            "Full-time employees, all offices combined: "
            "Please choose how many full-time employees you have.",
            "INPUT",
            "true",
        ),
        (
            "Is the company listed on a stock exchange?: Please say whether the company is listed.",
            "INPUT",
            "true",
        ),
    ]
    for field in fields:
        assert field["link"].split(": ", 1)[1] in field["description"], field

    page.locator("#error-summary a").last.click()
    expect(page.locator("#id_profile-listed_0")).to_be_in_viewport()


def test_unanswered_questions_are_announced_and_lead_to_their_questions(page):
    wizard.start(page)
    wizard.fill_profile(page)
    wizard.click_next(page)
    pillar = wizard.questionnaire().pillars[0]
    questions = list(pillar.questions)
    wizard.choose_answers(page, pillar.key, {questions[0].key: 3})
    wizard.click_next(page)

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(f"{len(questions) - 1} questions still need an answer.")
    fields = linked_fields(page)
    assert [f["link"] for f in fields] == [q.text.en for q in questions[1:]]
    for field in fields:
        assert field["tag"] == "INPUT" and field["invalid"] == "true", field
        assert "Please choose the statement that fits your firm best." in field["description"]
    # The answer already given is kept.
    expect(page.locator(f"#{wizard.radio_id(pillar.key, questions[0].key, 3)}")).to_be_checked()


def test_the_pillar_chart_has_a_text_alternative(page, server):
    page.goto(server.result_url(4))
    page.get_by_text("Your scores in full").click()

    chart = page.get_by_role("img", name="Pillar scores")
    expect(chart).to_be_visible()
    # Named by its title and the figures, read out as one: "Pillar scores Data: 4.0 / 5; ...".
    expect(chart).to_have_accessible_name(
        "Pillar scores "
        + "; ".join(f"{p.name.en}: 4.0 / 5" for p in wizard.questionnaire().pillars)
    )


def test_focus_is_visible_on_every_control_of_the_result_page(page, server):
    page.goto(server.result_url(2))
    controls = page.locator("a[href]:visible, button:visible").count()

    unseen, seen = [], set()
    for _ in range(controls + 5):
        page.keyboard.press("Tab")
        focus = checks.focus_indicator(page)
        if focus["tag"] == "BODY":
            break
        seen.add((focus["tag"], focus["id"], focus["text"]))
        if focus["outlineStyle"] in ("none", "hidden") or focus["outlineWidth"] < 2:
            unseen.append(focus)
    assert not unseen
    assert len(seen) >= 8, seen
