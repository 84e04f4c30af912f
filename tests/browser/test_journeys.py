"""
Journeys through the site in a real browser, the way visitors and editors make them: real
clicks and key presses, assertions on what the page shows.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    COMPARISON_PATH,
    MANAGEMENT,
    answers_leaning_toward,
    focused,
)

SAME = "Same for both paths"
NOT_COVERED = "Not covered by our sources"
RESULT_URL = re.compile(r"/assessment/results/[A-Za-z0-9_-]+/$")
# Enough Tab presses to cross the header of any page; a loop that needs more is lost.
MAX_TABS = 40


# --- Home, a role, the comparison, differences only --------------------------------


def comparison_rows(page):
    """{(section id, row label): row mark} for every row of every comparison table."""
    rows = {}
    for section in page.locator("section.compare-section[id]").all():
        section_id = section.get_attribute("id")
        for header in section.locator("th[scope=row]").all():
            mark = header.locator(".row-mark")
            mark_text = mark.inner_text().strip() if mark.count() else ""
            label = header.inner_text().strip().removesuffix(mark_text).strip()
            rows[(section_id, label)] = mark_text
    return rows


def test_visitor_goes_from_home_to_a_role_to_the_comparison_and_sees_only_differences(site, page):
    page.goto(site.url + "/")

    page.get_by_role("link", name="Healthcare management", exact=True).first.click()
    expect(page).to_have_url(site.url + f"/roles/{MANAGEMENT}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Healthcare management")

    page.get_by_role("region", name="Compare Healthcare management with").get_by_role(
        "link", name="Healthcare administration"
    ).click()
    expect(page).to_have_url(site.url + COMPARISON_PATH)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Healthcare management")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Healthcare administration")

    all_rows = comparison_rows(page)
    shared = {row for row, mark in all_rows.items() if mark == SAME}
    silent = {row for row, mark in all_rows.items() if mark.startswith(NOT_COVERED)}
    assert ("at-a-glance", "Direct patient care") in shared
    assert ("pay-and-outlook", "Median pay per year") in shared
    assert ("responsibilities", "Strategy and planning") in silent
    assert ("responsibilities", "Compliance and regulation") in silent
    assert not any(mark.startswith("Only ") for mark in all_rows.values())

    page.get_by_role("navigation", name="Rows to show").get_by_role(
        "link", name="Differences only"
    ).click()
    expect(page).to_have_url(site.url + COMPARISON_PATH + "?view=differences")
    expect(page.get_by_role("link", name="Differences only")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_role("status")).to_contain_text(
        f"Showing differences only: {len(shared)} rows that are the same for both paths"
    )
    expect(page.get_by_role("status")).to_contain_text(
        f"{len(silent)} more rows are hidden because our sources cover only one path there"
    )

    differences = comparison_rows(page)
    assert not shared & differences.keys(), "rows the two paths share are still shown"
    assert not silent & differences.keys(), "our sources' silence was shown as a difference"
    assert ("skills", "Interpersonal communication") in differences  # rated differently
    assert ("at-a-glance", "Scope") in differences  # different values, no mark: still shown
    expect(page.locator("main")).not_to_contain_text(SAME)


# --- The assessment by keyboard alone ------------------------------------------------


def press_tab_until(page, predicate, *, what):
    """Presses Tab until the focused element matches; returns it and the stops on the way."""
    passed = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        if element and predicate(element):
            return element, passed
        passed.append(element)
    pytest.fail(f"{MAX_TABS} Tab presses never reached {what}; focus went through {passed}")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(site, page):
    for path in ["/", "/assessment/"]:
        page.goto(site.url + path)

        page.keyboard.press("Tab")
        first = focused(page)
        assert first is not None and first["text"] == "Skip to main content", (path, first)
        skip_link = page.get_by_role("link", name="Skip to main content")
        expect(skip_link).to_be_focused()
        box = skip_link.bounding_box()
        assert box and box["width"] > 10 and box["height"] > 10, f"skip link hidden on {path}"

        page.keyboard.press("Enter")
        expect(page.locator("main#main-content")).to_be_focused()
        page.keyboard.press("Tab")
        after = focused(page)
        assert after is not None and after["inMain"], f"Tab after the skip link: {after}"


def choose_with_keyboard(page, answer):
    """In a radio group that has the focus on its first option, choose answer 1 to 5."""
    for _ in range(answer - 1):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")


def test_visitor_takes_the_assessment_with_the_keyboard_alone_and_shares_the_result(
    site, new_page, settings
):
    settings.ASSESSMENT_RATE_LIMIT = "1000/m"
    settings.ASSESSMENT_CLIENT_RATE_LIMIT = "1000/m"
    settings.SITE_URL = ""  # the share link then points at the live server, not a real site
    answers = answers_leaning_toward(MANAGEMENT)
    page = new_page()
    page.goto(site.url + "/assessment/")

    for number, (question_id, answer) in enumerate(answers.items(), start=1):
        group = f"question-{question_id}"
        element, passed = press_tab_until(
            page, lambda el: el["type"] == "radio", what=f"statement {number}"
        )
        assert element["name"] == group, (
            f"Tab went to {element['name']} instead of statement {number} ({group})"
        )
        assert element["value"] == "1" and not element["checked"], element
        if number > 1:
            assert passed == [], f"Tab stopped at {passed} between statements"
        choose_with_keyboard(page, answer)
        chosen = focused(page)
        assert (chosen["name"], chosen["value"], chosen["checked"]) == (group, str(answer), True)

    submit, passed = press_tab_until(page, lambda el: el["tag"] == "button", what="the submit")
    assert passed == [] and submit["text"] == "See my result", submit
    page.keyboard.press("Enter")

    expect(page).to_have_url(RESULT_URL)
    sentence = page.locator(".result-sentence")
    expect(sentence).to_contain_text("Your answers point to Healthcare management")
    recommendation = sentence.inner_text()

    share_link = page.get_by_label("Link to this result").input_value()
    assert share_link == page.url
    visitor = new_page()
    visitor.goto(share_link)
    expect(visitor).to_have_url(RESULT_URL)
    expect(visitor.locator(".result-sentence")).to_have_text(recommendation)


# --- An editor changes a responsibility ---------------------------------------------

EDITOR_PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def editor(site):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", "editor@example.org", EDITOR_PASSWORD)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


def test_editor_changes_a_responsibility_and_the_cached_comparison_shows_it(site, new_page, editor):
    from django.conf import settings

    from roles.models import Responsibility

    responsibility = Responsibility.objects.filter(role__slug=MANAGEMENT).earliest("display_order")
    old_text = responsibility.text
    new_text = "Set the long-term direction of a whole health system, as edited in the admin."

    # An anonymous visitor loads the comparison first, so it sits in the page cache.
    before = new_page()
    before.goto(site.url + COMPARISON_PATH)
    expect(before.locator("#responsibilities")).to_contain_text(old_text)

    admin = new_page()
    admin.goto(f"{site.url}/{settings.ADMIN_URL}")
    admin.get_by_label("Username").press_sequentially("editor")
    admin.get_by_label("Password").press_sequentially(EDITOR_PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    expect(admin.locator("#user-tools")).to_contain_text("editor")

    admin.get_by_role("link", name="Responsibilities", exact=True).click()
    admin.get_by_role("link", name=old_text, exact=True).click()
    text_field = admin.get_by_label(re.compile(r"^Text:?$"))
    expect(text_field).to_have_value(old_text)
    text_field.fill("")
    text_field.press_sequentially(new_text)
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.locator(".messagelist")).to_contain_text("was changed successfully")

    visitor = new_page()
    visitor.goto(site.url + COMPARISON_PATH)
    responsibilities = visitor.locator("#responsibilities")
    expect(responsibilities).to_contain_text(new_text)
    expect(responsibilities).not_to_contain_text(old_text)
