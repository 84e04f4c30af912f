"""
Page weight and a fast first view: each public page, with the CSS and JS it loads,
fits in 30 KB gzipped, blocks rendering with no script, asks nothing of another
site, and uses only CSS classes that the served stylesheets define.
"""

import gzip
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.db import transaction

from roles.seeding import load_content

from .clients import BrowserClient

# The marker also makes pytest-django create the test database that rendered_pages fills.
pytestmark = pytest.mark.django_db

BUDGET_BYTES = 30 * 1024
STATIC_DIR = Path(settings.BASE_DIR) / "static"
TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
STYLESHEETS = [STATIC_DIR / "css" / "bootstrap.min.css", STATIC_DIR / "css" / "site.css"]
COMPARE_URL = "/compare/healthcare-management-vs-healthcare-administration/"
PUBLIC_PAGES = [
    "/",
    "/roles/",
    "/roles/healthcare-management/",
    "/compare/",
    COMPARE_URL,
    COMPARE_URL + "handout/",
    "/degrees/",
    "/assessment/",
    "result",
]
# Classes that carry no style of their own: hooks for scripts or markers other code adds.
CLASSES_WITHOUT_STYLE = {
    # crispy-bootstrap5 marks required fields and their asterisk.
    "requiredField",
    "asteriskField",
}
# <link rel> values that name a page rather than make the browser fetch something.
NON_FETCHING_LINK_RELS = {"canonical", "alternate", "author", "license", "next", "prev"}


class PageParts(HTMLParser):
    """What a page asks the browser to load, and which classes its markup uses."""

    def __init__(self):
        super().__init__()
        self.in_head = False
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.blocking_head_scripts: list[str] = []
        self.fetched_urls: list[tuple[str, str]] = []
        self.classes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.classes.update((attributes.get("class") or "").split())
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        if tag == "link":
            rels = set((attributes.get("rel") or "").lower().split())
            if "stylesheet" in rels:
                self.stylesheets.append(attributes["href"])
            if not rels <= NON_FETCHING_LINK_RELS and attributes.get("href"):
                self.fetched_urls.append((tag, attributes["href"]))
        elif tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])
            deferred = "defer" in attributes or "async" in attributes
            if self.in_head and not deferred and attributes.get("type") != "module":
                self.blocking_head_scripts.append(attributes["src"])
        for name in ("src", "poster", "data"):
            if attributes.get(name) and tag != "link":
                self.fetched_urls.append((tag, attributes[name]))
        for name in ("srcset", "imagesrcset"):
            for candidate in (attributes.get(name) or "").split(","):
                if candidate.strip():
                    self.fetched_urls.append((tag, candidate.split()[0]))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def parse(html: str) -> PageParts:
    parts = PageParts()
    parts.feed(html)
    return parts


def static_file(url: str) -> Path:
    """The file a same-origin static URL serves, found as the static files finders find it."""
    path = urllib.parse.urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), f"{url} is not under {settings.STATIC_URL}"
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, f"no static file for {url}"
    return Path(found)


def css_classes(css: str) -> set[str]:
    """Every class name that appears in a selector of the stylesheet."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    classes = set()
    for prelude in re.findall(r"([^{}]+)\{", css):
        if prelude.lstrip().startswith("@"):
            continue
        classes.update(re.findall(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)", prelude))
    return classes


def defined_classes() -> set[str]:
    return set().union(*(css_classes(path.read_text(encoding="utf-8-sig")) for path in STYLESHEETS))


def template_classes() -> dict[str, set[str]]:
    """Class names written literally in the templates, by template."""
    found = {}
    for template in sorted(TEMPLATES_DIR.rglob("*.html")):
        if template.is_relative_to(TEMPLATES_DIR / "admin"):
            continue  # the admin's pages use the admin's own stylesheets
        names = set()
        for value in re.findall(r"""\bclass=(?:"([^"]*)"|'([^']*)')""", template.read_text()):
            value = "".join(value)
            # Template logic inside the attribute: keep its literal words, drop the logic.
            value = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", value)
            # A class whose name is completed by a variable ("text-bg-{{ kind }}") can't be read.
            names.update(
                name
                for name in value.split()
                if re.fullmatch(r"-?[_a-zA-Z][_a-zA-Z0-9-]*", name) and not name.endswith("-")
            )
        if names:
            found[str(template.relative_to(TEMPLATES_DIR))] = names
    return found


class FormChoices(HTMLParser):
    def __init__(self):
        super().__init__()
        self.choices: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "radio":
            self.choices.setdefault(attributes["name"], []).append(attributes["value"])


def result_page_url(client) -> str:
    """Take the assessment once, with varied answers, and return the result's address."""
    form = FormChoices()
    form.feed(client.get("/assessment/").content.decode())
    answers = {
        name: values[(index * 2 + 1) % len(values)]
        for index, (name, values) in enumerate(form.choices.items())
    }
    response = client.post("/assessment/", answers)
    # Without a redirect there is no result page: its tests then fail on the status.
    return response.get("Location", "/assessment/results/none/")


@pytest.fixture(scope="module")
def rendered_pages(django_db_setup, django_db_blocker):
    """
    Every public page as an anonymous visitor gets it, rendered once for this module's
    tests from the starting content (rolled back afterwards), by address.
    """
    pages = {}
    with django_db_blocker.unblock(), transaction.atomic():
        caches["pages"].clear()
        load_content()
        try:
            from assessment.seeding import load_questions
        except ImportError:
            pass
        else:
            load_questions()
        client = BrowserClient()
        for url in PUBLIC_PAGES:
            address = result_page_url(client) if url == "result" else url
            response = client.get(address)
            pages[url] = (address, response.status_code, response.content.decode())
        transaction.set_rollback(True)
    caches["pages"].clear()
    return pages


@pytest.fixture
def page(request, rendered_pages):
    """(address, HTML) of one public page."""
    address, status, html = rendered_pages[request.param]
    assert status == 200, f"{address} answered {status}"
    return address, html


@pytest.mark.parametrize("page", PUBLIC_PAGES, indirect=True)
def test_page_with_its_css_and_js_fits_in_30_kb_gzipped(page):
    url, html = page
    parts = parse(html)
    weights = {url: len(gzip.compress(html.encode(), compresslevel=6))}
    for asset in parts.stylesheets + parts.scripts:
        # WhiteNoise serves static files compressed at the highest level.
        weights[asset] = len(gzip.compress(static_file(asset).read_bytes(), compresslevel=9))
    total = sum(weights.values())
    assert total <= BUDGET_BYTES, f"{total} bytes gzipped, over {BUDGET_BYTES}: {weights}"


@pytest.mark.parametrize("page", PUBLIC_PAGES, indirect=True)
def test_page_loads_no_render_blocking_script(page):
    url, html = page
    assert parse(html).blocking_head_scripts == []


@pytest.mark.parametrize("page", PUBLIC_PAGES, indirect=True)
def test_page_requests_nothing_from_another_site(page):
    url, html = page
    foreign = [
        (tag, address)
        for tag, address in parse(html).fetched_urls
        if urllib.parse.urlsplit(address).netloc not in {"", "testserver"}
        or urllib.parse.urlsplit(address).scheme not in {"", "http", "https", "data"}
    ]
    assert foreign == []


@pytest.mark.parametrize("page", PUBLIC_PAGES, indirect=True)
def test_page_uses_only_classes_the_stylesheets_define(page):
    url, html = page
    undefined = parse(html).classes - defined_classes() - CLASSES_WITHOUT_STYLE
    assert undefined == set(), f"{url} uses classes no stylesheet defines"


def test_every_class_in_the_templates_exists_in_the_stylesheets():
    defined = defined_classes() | CLASSES_WITHOUT_STYLE
    undefined = {
        template: sorted(names - defined)
        for template, names in template_classes().items()
        if names - defined
    }
    assert undefined == {}, (
        "add these to frontend/bootstrap-subset.scss (then rebuild) or to static/css/site.css"
    )


@pytest.mark.parametrize("stylesheet", STYLESHEETS, ids=lambda path: path.name)
def test_stylesheet_loads_nothing_from_another_site(stylesheet):
    css = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(encoding="utf-8-sig"), flags=re.DOTALL)
    assert "@import" not in css
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    assert [url for url in urls if not url.startswith(("data:", "/", "."))] == []


def test_bootstrap_is_the_built_subset_without_a_source_map_reference():
    css = (STATIC_DIR / "css" / "bootstrap.min.css").read_text(encoding="utf-8-sig")
    # The manifest storage would fail collectstatic on a reference to a missing .map file.
    assert "sourceMappingURL" not in css
    assert "Bootstrap v5.3" in css and "subset" in css
