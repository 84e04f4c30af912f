"""
Every public page type in a real browser at desktop and phone width: axe-core finds no
accessibility violations, the Content Security Policy blocks nothing, the page never scrolls
sideways, and keyboard focus shows.
Each page is also saved as a screenshot (test-output/screenshots/<page>-<viewport>.png) for
people to look at.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import (
    COMPARISON_PATH,
    MANAGEMENT,
    VIEWPORTS,
    answers_leaning_toward,
    focus_is_visible,
    focused,
    screenshot,
)

AXE = Axe()
ASSESSMENT_PATH = "/assessment/"


def open_address(path, status=200):
    def open_page(page, site):
        response = page.goto(site.url + path)
        assert response.status == status, f"{path} answered {response.status}, not {status}"

    return open_page


def open_assessment_with_errors(page, site):
    """The assessment sent back with one statement answered and the rest missing."""
    open_address(ASSESSMENT_PATH)(page, site)
    page.get_by_role("group").first.get_by_label("Strongly agree").check()
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page.get_by_role("group").first.get_by_label("Strongly agree")).to_be_checked()


def open_result(page, site):
    from assessment.services import assessment_content, record_result

    result = record_result(content=assessment_content(), answers=answers_leaning_toward(MANAGEMENT))
    open_address(result.get_absolute_url())(page, site)
    expect(page.locator(".result-sentence")).to_contain_text("Healthcare management")


def open_three_way_comparison(page, site):
    """Three paths side by side, with the picker's third select, once a third path exists."""
    from roles.models import Role
    from tests.factories import make_full_role

    # Opened once per viewport: the path is made the first time.
    third = Role.objects.filter(slug="health-informatics").first() or make_full_role(
        name="Health informatics", slug="health-informatics", display_order=3
    )
    open_address(COMPARISON_PATH.removesuffix("/") + f"-vs-{third.slug}/")(page, site)
    expect(page.locator("table").first.locator("thead th")).to_have_count(4)
    expect(page.get_by_label("Third path (optional)")).to_have_value(third.slug)


PAGE_TYPES = {
    "home": open_address("/"),
    "roles-list": open_address("/roles/"),
    "role": open_address(f"/roles/{MANAGEMENT}/"),
    "compare-picker": open_address("/compare/"),
    "comparison": open_address(COMPARISON_PATH),
    "comparison-differences": open_address(COMPARISON_PATH + "?view=differences"),
    "comparison-three-paths": open_three_way_comparison,
    "handout": open_address(COMPARISON_PATH + "handout/"),
    "degrees": open_address("/degrees/"),
    "glossary": open_address("/glossary/"),
    "faq": open_address("/faq/"),
    "assessment-form": open_address(ASSESSMENT_PATH),
    "assessment-form-errors": open_assessment_with_errors,
    "result": open_result,
    "404": open_address("/no-such-page/", status=404),
}


# WCAG 2.2 AA, as the spec asks: axe leaves its 2.2 target-size rule off unless asked.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}

# WCAG 1.4.10 (reflow): at phone width the page itself never scrolls sideways; wide tables
# scroll inside their own regions. On failure, names what sticks out past the right edge.
SIDEWAYS_OVERFLOW_JS = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const culprits = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
    .filter((el) => !el.parentElement.closest(".table-responsive")
      || ["absolute", "fixed"].includes(getComputedStyle(el).position))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} in `
      + `${el.parentElement.tagName.toLowerCase()}.${[...el.parentElement.classList].join(".")}`);
  return `the page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window; `
    + `past the edge: ${culprits.join("; ")}`;
}"""


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_is_accessible_and_keeps_to_its_csp_at_desktop_and_phone_width(
    site, new_page, settings, page_type
):
    settings.ASSESSMENT_RATE_LIMIT = "1000/m"
    settings.ASSESSMENT_CLIENT_RATE_LIMIT = "1000/m"
    problems = []
    # Both widths in one test: the seeded live site is set up once for the pair.
    for viewport in VIEWPORTS:
        page = new_page(viewport)
        PAGE_TYPES[page_type](page, site)
        screenshot(page, f"{page_type}-{viewport}")
        results = AXE.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            problems.append(f"axe at {viewport} width:\n{results.generate_report()}")
        if page.csp_violations:
            problems.append(f"CSP at {viewport} width: {page.csp_violations}")
        overflow = page.evaluate(SIDEWAYS_OVERFLOW_JS)
        if overflow:
            problems.append(f"reflow at {viewport} width: {overflow}")
    assert not problems, "\n\n".join(problems)


# Pages whose tab stops between them cover the site's kinds of links and controls: the skip
# link, navigation, breadcrumbs, buttons, in-page and citation links, scroll regions, selects
# and radios.
FOCUS_PAGES = ["/", COMPARISON_PATH, ASSESSMENT_PATH]


@pytest.mark.parametrize("path", FOCUS_PAGES)
def test_every_tab_stop_shows_where_the_keyboard_focus_is(site, page, path):
    page.goto(site.url + path)
    stops, invisible = [], []
    for _ in range(300):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None or (stops and element == stops[0]):  # past the last stop
            break
        stops.append(element)
        if not focus_is_visible(element):
            invisible.append(element)
    links = [stop for stop in stops if stop["tag"] == "a"]
    assert len(links) > 5, f"only {len(links)} links among the tab stops on {path}: {stops}"
    assert not invisible, f"focus does not show on {path}: {invisible}"
