"""
Real-browser tests: Debian's Chromium driven by Playwright against the live test server.

Chromium is installed by `.ci/install-system-packages` (Debian package `chromium`). Where it
is missing, the tests are skipped with a message locally and fail in CI (CI=true), so
they never silently skip there.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from assessment.seeding import load_questions
from roles.seeding import load_content
from roles.signals import CONTENT_APPS

# Playwright's sync API runs an event loop in this thread; the test code's own ORM calls
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Opens pages in fresh browser contexts; every context is closed after the test."""
    contexts = []

    def open_page(viewport="desktop"):
        context = browser.new_context(viewport=VIEWPORTS[viewport])
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda message: (
                page.csp_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def seeded_content_copy(tmp_path_factory):
    """Where the first `site` of the session keeps a copy of the seeded content."""
    return tmp_path_factory.mktemp("seeded-content") / "content.json"


@pytest.fixture
def site(live_server, transactional_db, seeded_content_copy):
    """The live site with its real starting content."""
    # Every live-server test starts from an empty database. The loaders look up and write
    # each row one by one, which takes seconds; the first test of the session runs them and
    # keeps a copy of the rows they wrote, which later tests load back in a fraction of that.
    if seeded_content_copy.exists():
        call_command("loaddata", seeded_content_copy, verbosity=0)
    else:
        load_content()
        load_questions()
        # With the content's first versions, so that History has them as after a real load.
        call_command(
            "dumpdata", *sorted(CONTENT_APPS), "history", output=seeded_content_copy, verbosity=0
        )
    return live_server


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# --- Helpers shared by the browser tests ------------------------------------------

MANAGEMENT = "healthcare-management"
ADMINISTRATION = "healthcare-administration"
COMPARISON_PATH = f"/compare/{MANAGEMENT}-vs-{ADMINISTRATION}/"

# What the focused element looks like: enough to say where focus is and whether it shows.
# Focus rings often fade in (Bootstrap's box-shadow transition): styles are read once the
# focused element's transitions have finished.
_FOCUSED_ELEMENT_JS = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  await Promise.all(el.getAnimations().map((animation) => animation.finished));
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: el.getAttribute("name") || "",
    type: el.getAttribute("type") || "",
    value: el.value === undefined ? "" : String(el.value),
    text: (el.innerText || el.getAttribute("aria-label") || "").trim().slice(0, 80),
    href: el.getAttribute("href") || "",
    inMain: !!el.closest("main"),
    checked: !!el.checked,
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor,
    boxShadow: style.boxShadow,
  };
}"""


def focused(page):
    """The keyboard focus as a dict (tag, id, name, value, text, styles), or None on <body>."""
    return page.evaluate(_FOCUSED_ELEMENT_JS)


def _visible_colours(css_value):
    for match in re.finditer(r"rgba?\(([^)]*)\)", css_value):
        parts = [float(part) for part in re.split(r"[,\s/]+", match.group(1).strip()) if part]
        red, green, blue = parts[:3]
        alpha = parts[3] if len(parts) > 3 else 1.0
        if alpha > 0 and (red, green, blue) != (255, 255, 255):
            yield match.group(0)


def focus_is_visible(element):
    """
    Whether a focused element (as `focused` describes it) draws a focus indicator: an outline
    or a box-shadow ring in a colour that shows on the white page.
    """
    has_outline = (
        element["outlineStyle"] != "none"
        and element["outlineWidth"] >= 1
        and any(_visible_colours(element["outlineColor"]))
    )
    has_ring = element["boxShadow"] != "none" and any(_visible_colours(element["boxShadow"]))
    return has_outline or has_ring


def answers_leaning_toward(slug):
    """
    {question id: answer} for every active question, agreeing strongly where agreeing points
    toward the role `slug` and disagreeing strongly where it points away: a clear result.
    """
    from assessment.services import assessment_content

    answers = {}
    for question in assessment_content().questions:
        lean = sum(
            weight.weight if weight.role.slug == slug else -weight.weight
            for weight in question.weights.all()
        )
        answers[question.pk] = 5 if lean > 0 else 1 if lean < 0 else 3
    return answers
