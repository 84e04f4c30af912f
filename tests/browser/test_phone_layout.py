"""
The comparison on a phone and on paper, in a real browser.

At 320 and 375 px every row of the comparison (two paths and three), the home page's glance
table and a result's answers lies inside the screen, and nothing scrolls sideways; the
header leaves the screen to the content. Screenshots at 320, 375, 768 and 1280 px land in
test-output/screenshots/phone-layout-<page>-<width>.png, scrolled to the first table.
On paper every page says where it came from, and the handout fits on two pages.
"""

import io
import re

import pytest
from django.conf import settings
from pypdf import PdfReader

from tests.browser.conftest import (
    COMPARISON_PATH,
    MANAGEMENT,
    SCREENSHOTS,
    answers_leaning_toward,
)

PHONE_WIDTHS = [320, 375]
OTHER_WIDTHS = [768, 1280]
# The stylesheet prints it on every sheet, so the two must agree.
SITE_NAME = settings.SITE_NAME
HANDOUT_PATH = COMPARISON_PATH + "handout/"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
LONG_DATE = rf"({MONTHS}) \d{{1,2}}, \d{{4}}"


@pytest.fixture
def open_at(browser):
    """Opens a page at a given window size (and with or without JavaScript)."""
    contexts = []

    def open_page(width, height=812, *, javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=javascript
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def three_way_path():
    from tests.factories import make_full_role

    third = make_full_role(name="Health informatics", slug="health-informatics", display_order=3)
    return COMPARISON_PATH.removesuffix("/") + f"-vs-{third.slug}/"


def result_path():
    from assessment.services import assessment_content, record_result

    result = record_result(content=assessment_content(), answers=answers_leaning_toward(MANAGEMENT))
    return result.get_absolute_url()


PAGES = {
    "comparison": lambda: COMPARISON_PATH,
    "comparison-three-paths": three_way_path,
    "home": lambda: "/",
    "result": result_path,
    "handout": lambda: HANDOUT_PATH,
}
# How many paths each page's tables compare.
PATHS_SHOWN = {"comparison": 2, "comparison-three-paths": 3, "home": 2, "result": 1, "handout": 2}

# Every table cell in a row of values, which part of it lies outside the window.
CELLS_OUTSIDE_JS = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("main table tbody th, main table tbody td")]
    .map((cell) => ({cell, box: cell.getBoundingClientRect()}))
    .filter(({box}) => box.width > 0 && (box.left < -0.5 || box.right > width + 0.5))
    .slice(0, 5)
    .map(({cell, box}) => `${cell.tagName.toLowerCase()} "${cell.innerText.slice(0, 40)}" `
      + `from ${Math.round(box.left)} to ${Math.round(box.right)} px in ${width} px`);
}"""

# The document, and every element that may scroll, that is wider inside than it shows.
SIDEWAYS_SCROLLING_JS = """() => {
  const root = document.documentElement;
  const found = [];
  if (root.scrollWidth > root.clientWidth) {
    found.push(`the page: ${root.scrollWidth} px wide in ${root.clientWidth} px`);
  }
  for (const el of document.querySelectorAll("body *")) {
    const overflow = getComputedStyle(el).overflowX;
    if (["auto", "scroll"].includes(overflow) && el.scrollWidth > el.clientWidth) {
      found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")}: `
        + `${el.scrollWidth} px wide in ${el.clientWidth} px`);
    }
  }
  return found;
}"""

# The path names heading the values of each row, as the reader sees them.
VALUE_HEADINGS_JS = """() => [...document.querySelectorAll("main table.stack-table tbody tr")]
  .filter((row) => row.querySelector("td[data-label]"))
  .map((row) => [...row.querySelectorAll("td[data-label]")].map((cell) => {
    const heading = getComputedStyle(cell, "::before");
    return heading.display === "none" ? "" : heading.content.replace(/^"|"$/g, "");
  }))"""

# Whether the column headings are what the reader sees at the top of the window.
HEADINGS_ON_TOP_JS = """(section) => [...document.querySelectorAll(`#${section} thead th`)]
  .map((th) => {
    const box = th.getBoundingClientRect();
    const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return box.top >= 0 && box.top < 5 && th.contains(seen);
  })"""


def open_and_scroll_to_first_table(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    page.locator("main table").first.scroll_into_view_if_needed()
    page.evaluate(
        "window.scrollBy(0, document.querySelector('main table').getBoundingClientRect().top - 8)"
    )


@pytest.mark.parametrize("page_type", PAGES)
def test_every_row_fits_a_phone_screen_and_nothing_scrolls_sideways(site, open_at, page_type):
    url = site.url + PAGES[page_type]()
    problems = []
    for width in PHONE_WIDTHS + OTHER_WIDTHS:
        page = open_at(width)
        open_and_scroll_to_first_table(page, url)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"phone-layout-{page_type}-{width}.png"))
        if width not in PHONE_WIDTHS:
            continue
        if outside := page.evaluate(CELLS_OUTSIDE_JS):
            problems.append(f"at {width} px, cells outside the window: {outside}")
        if scrolling := page.evaluate(SIDEWAYS_SCROLLING_JS):
            problems.append(f"at {width} px, scrolls sideways: {scrolling}")
        rows = page.evaluate(VALUE_HEADINGS_JS)
        if not rows or len(rows[0]) != PATHS_SHOWN[page_type]:
            problems.append(f"at {width} px, the first row's values are headed {rows[:1]}")
        if unheaded := [row for row in rows if not all(row)]:
            problems.append(f"at {width} px, values without their path's name: {unheaded[:3]}")
    assert not problems, "\n".join(problems)


def test_both_paths_values_are_on_one_phone_screen(site, open_at):
    page = open_at(375, 667)
    open_and_scroll_to_first_table(page, site.url + COMPARISON_PATH)
    row = page.locator("#at-a-glance tbody tr").filter(has_text="Scope")
    cells = row.locator("td")
    assert cells.count() == 2
    boxes = [cells.nth(n).bounding_box() for n in range(2)]
    top, bottom = boxes[0]["y"], boxes[1]["y"] + boxes[1]["height"]
    assert bottom - top < 667, f"the two values of a row take {bottom - top} px"
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= 375 for box in boxes), boxes
    assert [cells.nth(n).get_attribute("data-label") for n in range(2)] == [
        "Healthcare management",
        "Healthcare administration",
    ]


def test_wide_screens_keep_the_side_by_side_table(site, open_at):
    page = open_at(1280)
    page.goto(site.url + COMPARISON_PATH)
    cells = page.locator("#at-a-glance tbody tr").first.locator("th, td")
    tops = {round(cells.nth(n).bounding_box()["y"]) for n in range(cells.count())}
    assert len(tops) == 1, "the row's label and values are not side by side"
    headings = page.locator("#at-a-glance thead th")
    assert headings.nth(1).is_visible() and headings.nth(2).is_visible()


def test_wide_screens_keep_the_path_names_in_view_while_a_long_section_scrolls(site, open_at):
    page = open_at(1280, 700)
    page.goto(site.url + COMPARISON_PATH)
    page.evaluate("window.scrollTo(0, document.querySelector('#responsibilities').offsetTop + 700)")
    assert page.evaluate(HEADINGS_ON_TOP_JS, "responsibilities") == [True, True, True]


def test_phone_header_takes_at_most_15_percent_of_the_screen(site, open_at):
    page = open_at(375, 667)
    for path in ["/", COMPARISON_PATH]:
        page.goto(site.url + path)
        height = page.locator("header.site-header").bounding_box()["height"]
        assert height <= 100, f"the header of {path} is {height} px tall, over 15% of 667 px"


# The mark's box around its text: the padding and border a reader sees on each side.
MARK_INSETS_JS = """(mark) => {
  const range = document.createRange();
  range.selectNodeContents(mark);
  const text = range.getBoundingClientRect(), box = mark.getBoundingClientRect();
  return {left: text.left - box.left, right: box.right - text.right,
          top: text.top - box.top, bottom: box.bottom - text.bottom,
          radius: parseFloat(getComputedStyle(mark).borderTopLeftRadius)};
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_row_marks_keep_their_padding_and_rounded_corners_inside_tables(site, open_at, width):
    page = open_at(width)
    page.goto(site.url + COMPARISON_PATH)
    marks = page.locator("table .row-mark")
    assert marks.count() > 5
    for n in range(marks.count()):
        insets = marks.nth(n).evaluate(MARK_INSETS_JS)
        assert insets["left"] >= 6 and insets["right"] >= 6, insets
        assert insets["radius"] > 0, insets


@pytest.mark.parametrize("page_type", ["home", "comparison", "role", "handout", "result"])
def test_printed_page_says_where_it_came_from(site, open_at, page_type):
    path = f"/roles/{MANAGEMENT}/" if page_type == "role" else PAGES[page_type]()
    page = open_at(1280)
    page.goto(site.url + path)
    origin = page.locator(".print-origin")
    assert not origin.is_visible(), "the print header shows on screen"
    page.emulate_media(media="print")
    assert origin.is_visible()
    text = origin.inner_text()
    assert SITE_NAME in text
    assert site.url + path in text
    assert re.search(LONG_DATE, text), text


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_handout_fits_on_two_pages_and_says_where_it_came_from(site, open_at, paper):
    page = open_at(1280)
    page.goto(site.url + HANDOUT_PATH)
    printed = page.pdf(format=paper)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / f"handout-{paper}.pdf").write_bytes(printed)
    pdf = PdfReader(io.BytesIO(printed))
    assert 1 <= len(pdf.pages) <= 2, f"the handout takes {len(pdf.pages)} {paper} pages"
    sheets = [sheet.extract_text() for sheet in pdf.pages]
    assert all(SITE_NAME in sheet and re.search(r"Page \d of \d", sheet) for sheet in sheets)
    text = " ".join(sheets)
    flat = re.sub(r"\s+", "", text)  # the address may wrap anywhere
    assert SITE_NAME in text
    assert re.sub(r"\s+", "", site.url + HANDOUT_PATH) in flat
    assert re.search(LONG_DATE, text)
    for heading in ["Pay and outlook", "Responsibilities", "Degree programs", "Sources"]:
        assert heading in text
    assert "How to cite this handout" in text


def test_every_sheet_of_a_long_printed_page_names_the_site(site, open_at):
    page = open_at(1280)
    page.goto(site.url + COMPARISON_PATH)
    pdf = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    assert len(pdf.pages) > 2, "the full comparison should run over several sheets"
    for number, sheet in enumerate(pdf.pages, start=1):
        text = sheet.extract_text()
        assert SITE_NAME in text, f"sheet {number} does not name the site"
        assert f"Page {number} of {len(pdf.pages)}" in text


def test_print_button_shows_only_where_its_script_runs(site, open_at):
    with_script = open_at(1280)
    with_script.goto(site.url + HANDOUT_PATH)
    button = with_script.get_by_role("button", name="Print this handout")
    assert button.is_visible()
    with_script.evaluate("window.print = () => { window.printed = true; }")
    button.click()
    assert with_script.evaluate("window.printed") is True

    without_script = open_at(1280, javascript=False)
    without_script.goto(site.url + HANDOUT_PATH)
    assert without_script.get_by_role("button", name="Print this handout").count() == 0
    assert without_script.get_by_role("heading", name="Responsibilities").is_visible()
