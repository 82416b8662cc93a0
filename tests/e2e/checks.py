"""What every page must pass: axe-core's WCAG 2.1 A/AA rules, a phone's width, big tap targets;
and the screenshots a person looks at."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.e2e.conftest import RESULTS

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MIN_TARGET = 44  # CSS pixels, WCAG 2.5.5 and the platforms' own guidelines
SCREENSHOTS = RESULTS / "screenshots"

_axe = Axe()


def axe_violations(page: Page) -> list[str]:
    """One line per WCAG 2.1 A/AA violation axe-core finds on the page as it is now."""
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            where = ", ".join(map(str, node["target"]))
            why = node.get("failureSummary", "").splitlines()[-1].strip()
            lines.append(f"{violation['id']} ({violation['impact']}) at {where}: {why}")
    return lines


def screenshot(page: Page, viewport: str, name: str) -> Path:
    path = SCREENSHOTS / viewport / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, full_page=True, scale="css")
    return path


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


# A control's tap target is its own box, or for a radio button or check box the label that
# wraps it or names it. Links inside a sentence are exempt, as WCAG 2.5.5 exempts them.
SMALL_TARGETS_JS = """
(minimum) => {
  const visible = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== "hidden" && style.display !== "none"
      && box.width > 0 && box.height > 0;
  };
  const inSentence = (a) => {
    const block = a.closest("p, li, dd, td, figcaption, span.small");
    if (!block) return false;
    const text = block.textContent.replace(/\\s+/g, " ").trim();
    const own = a.textContent.replace(/\\s+/g, " ").trim();
    return text.length > own.length + 1;
  };
  const describe = (el) => {
    const text = (el.textContent || el.value || el.name || "")
      .replace(/\\s+/g, " ").trim().slice(0, 50);
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${text}"`;
  };
  const small = [];
  for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary")) {
    if (el.type === "hidden" || !visible(el)) continue;
    if (el.matches(".skip-link, .visually-hidden-focusable")) continue;
    let target = el;
    if (el.type === "radio" || el.type === "checkbox") {
      target = el.closest("label")
        || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el;
    } else if (el.tagName === "A" && inSentence(el)) {
      continue;
    }
    const box = target.getBoundingClientRect();
    if (box.height < minimum - 0.5 || box.width < minimum - 0.5) {
      small.push(`${describe(el)}: ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}
"""


def small_tap_targets(page: Page) -> list[str]:
    return page.evaluate(SMALL_TARGETS_JS, MIN_TARGET)


def focus_indicator(page: Page) -> dict:
    """The focused element's outline as drawn, to check that focus is visible."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {tag: el.tagName, id: el.id, text: (el.textContent || "").trim().slice(0, 40),
                  outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
                  boxShadow: style.boxShadow};
        }"""
    )
