"""Accessibility audits of the page the browser shows: axe-core's WCAG 2.2 A/AA rules, and no sideways scroll."""

from dataclasses import dataclass, field
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# axe-core's tags for the WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA (2.2 added no A rule).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]}

# The elements past the right edge whose parent is not (the ones that push the page wider), each named by a
# short CSS path, when the document is wider than the viewport; null when it fits.
OVERFLOW_SCRIPT = """() => {
    const edge = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= edge) return null;
    const name = (element) => element.tagName.toLowerCase() + (element.id ? `#${element.id}` : "")
        + [...element.classList].map((c) => `.${c}`).join("");
    const path = (element) => {
        const names = [];
        for (let e = element; e && e !== document.body && names.length < 3; e = e.parentElement) names.unshift(name(e));
        return names.join(" > ");
    };
    const right = (element) => Math.round(element.getBoundingClientRect().right);
    const past = new Set([...document.body.querySelectorAll("*")].filter((e) => right(e) > edge));
    const culprits = [...past].filter((e) => !past.has(e.parentElement));
    return {scrollWidth, culprits: culprits.slice(0, 10).map((e) => `${path(e)} (right edge at ${right(e)} px)`)};
}"""

# Animations under way (a toast fading in or out) are set aside while axe runs, then resumed where they were: axe
# judges the page at rest, not a toast caught at half opacity, which would pass or fail with the clock.
SET_ASIDE_ANIMATIONS = """() => {
    const running = document.getAnimations().filter((animation) => animation.playState === "running");
    const paused = running.map((animation) => [animation, animation.currentTime]);
    running.forEach((animation) => animation.cancel());
    return paused;
}"""
RESUME_ANIMATIONS = """(paused) => paused.forEach(([animation, time]) => {
    animation.currentTime = time;
    animation.play();
})"""

axe = Axe()


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page, one line each: rule, impact, help and targets."""
    paused = page.evaluate_handle(SET_ASIDE_ANIMATIONS)
    try:
        results = axe.run(page, options=AXE_OPTIONS)
    finally:
        page.evaluate(RESUME_ANIMATIONS, paused)
    return [
        f"axe {violation['id']} ({violation['impact']}): {violation['help']}: "
        + "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"])
        for violation in results.response["violations"]
    ]


def overflow(page: Page) -> list[str]:
    """The page's horizontal overflow, if it has one: how wide it scrolls and which elements stick out."""
    found: dict[str, Any] | None = page.evaluate(OVERFLOW_SCRIPT)
    if found is None:
        return []
    width = page.evaluate("window.innerWidth")
    culprits = ", ".join(found["culprits"])
    return [f"scrolls sideways: {found['scrollWidth']} px wide in a {width} px viewport; past the edge: {culprits}"]


@dataclass
class Audit:
    """Problems found on each page of one journey, gathered so that one assertion at the end shows them all."""

    page: Page
    problems: list[str] = field(default_factory=list)

    def check(self, name: str) -> None:
        """Audit the page as it is now, once it has loaded; `name` says which page in the report."""
        # A page reached by a click may still be loading its stylesheets: its toasts' animations would start
        # only while axe runs, too late to be set aside, and a toast caught fading in fails the contrast rule.
        self.page.wait_for_load_state("load")
        where = f"{name} ({self.page.url})"
        self.problems += [f"{where}: {problem}" for problem in axe_violations(self.page) + overflow(self.page)]

    def visit(self, url: str, name: str) -> None:
        """Open a page and audit it."""
        self.page.goto(url)
        self.check(name)

    def report(self) -> str:
        width = self.page.viewport_size["width"] if self.page.viewport_size else "?"
        return f"{len(self.problems)} problem(s) at {width} px:\n" + "\n".join(self.problems)
