"""The adviser's handout: a comparison cut down to two printed pages, with its sources."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.comparison import build_comparison
from roles.handout import build_handout, handout_url, suggested_citation
from roles.models import DegreeProgram, Responsibility, Role

from .factories import (
    make_full_role,
    make_program,
    make_responsibility,
    make_role,
    make_source,
    make_tenfold_content,
)

pytestmark = pytest.mark.django_db

HEADLINE = "/compare/healthcare-management-vs-healthcare-administration/"
HANDOUT = HEADLINE + "handout/"


def handout_of(*roles, max_items=2):
    from roles.labor_market import labor_markets
    from roles.selectors import role_profiles

    comparison = build_comparison(
        profiles=role_profiles(roles=roles), markets=labor_markets(roles=roles)
    )
    return build_handout(comparison=comparison, max_items=max_items)


def row(handout, section_key, label):
    [rows] = [rows for section, rows in handout.sections if section.key == section_key]
    return next(r for r in rows if r.label == label)


# --- The page --------------------------------------------------------------------


def test_handout_shows_scope_focus_care_pay_duties_degrees_and_sources(client, seeded):
    response = client.get(HANDOUT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Healthcare management vs Healthcare administration</h1>" in html
    for heading in ("At a glance", "Pay and outlook", "Responsibilities", "Degree programs"):
        assert f">{heading}</h2>" in html
    for label in (
        "Scope",
        "Focus",
        "Direct patient care",
        "Median pay per year",
        "Finance and budgets",
    ):
        assert f'<th scope="row">{label}</th>' in html
    assert "Organization-wide" in html and "A department or office" in html
    assert "$110,680 per year" in html
    assert "Master of Health Administration (MHA)" in html
    assert "https://www.bls.gov/ooh/management/medical-and-health-services-managers.htm" in html
    # What an adviser does not need on paper stays on the comparison page.
    assert "Interpersonal communication" not in html
    assert "Example job titles" not in html


def test_handout_cites_itself_with_the_site_address_and_dates(client, seeded):
    html = client.get(HANDOUT).content.decode()
    reviewed = Role.objects.get(slug="healthcare-management").last_reviewed
    citation = re.search(r'<p class="handout-citation">(.*?)</p>', html, re.S).group(1)
    assert citation.startswith(
        "Healthcare Management or Administration?, Healthcare management vs Healthcare "
        f"administration: a handout, at http://testserver{HANDOUT} "
        f"(last reviewed {reviewed:%B} {reviewed.day}, {reviewed.year}; visited "
    )


def test_every_page_prints_the_site_name_address_and_a_date(client, seeded):
    for url, dated in [
        (HANDOUT, "Last reviewed"),
        (HEADLINE, "Last reviewed"),
        ("/faq/", "Page as of"),
    ]:
        html = client.get(url).content.decode()
        origin = re.search(r'<p class="print-origin">(.*?)</p>', html, re.S).group(1)
        assert "Healthcare Management or Administration?" in origin
        assert f"http://testserver{url}" in origin
        assert re.search(dated + r" [A-Z][a-z]+ \d{1,2}, \d{4}\.", origin), origin


def test_comparison_page_links_to_its_handout(client, seeded):
    html = client.get(HEADLINE).content.decode()
    assert f'<a href="{HANDOUT}">A handout to print</a>' in html


def test_print_button_is_hidden_until_its_script_shows_it(client, seeded):
    html = client.get(HANDOUT).content.decode()
    assert re.search(r"<button [^>]*data-print-button hidden>Print this handout</button>", html)
    assert re.search(r'<script src="/static/js/print\.js" defer></script>', html)
    assert "<script>" not in html


def test_three_paths_get_a_column_each_and_speak_of_all_three(client, seeded):
    make_full_role(name="Health informatics", slug="health-informatics", display_order=3)
    response = client.get(HEADLINE.removesuffix("/") + "-vs-health-informatics/handout/")
    assert response.status_code == 200
    html = response.content.decode()
    headings = re.findall(r"<thead>(.*?)</thead>", html, re.S)
    assert headings and all(h.count('<th scope="col">') == 4 for h in headings)
    assert 'data-label="Health informatics"' in html
    assert "Same for both paths" not in html


def test_handout_of_unknown_or_unpublished_paths_is_not_found(client, seeded):
    draft = make_role(slug="draft-path", is_published=False)
    assert client.get("/compare/healthcare-management-vs-no-such-path/handout/").status_code == 404
    assert client.get(f"/compare/healthcare-management-vs-{draft.slug}/handout/").status_code == 404
    assert client.get("/compare/not-a-pair/handout/").status_code == 404


def test_handout_in_reversed_order_redirects_to_canonical_order(client, seeded):
    response = client.get("/compare/healthcare-administration-vs-healthcare-management/handout/")
    assert response.status_code == 301
    assert response["Location"] == HANDOUT


def test_handout_is_cached_like_the_other_pages(client, seeded, django_assert_num_queries):
    first = client.get(HANDOUT)
    with django_assert_num_queries(0):
        second = client.get(HANDOUT + "?utm_source=newsletter")
    assert second.status_code == 200
    assert second.content == first.content


def test_handout_shows_an_edit_on_the_next_request(client, seeded):
    assert "Negotiate with insurers." not in client.get(HANDOUT).content.decode()
    role = Role.objects.get(slug="healthcare-administration")
    make_responsibility(
        role, category=Responsibility.Category.STRATEGY, text="Negotiate with insurers."
    )
    assert "Negotiate with insurers." in client.get(HANDOUT).content.decode()


def test_handout_runs_as_many_queries_with_ten_times_the_content(client, seeded):
    def queries():
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(HANDOUT).status_code == 200
        return len(captured)

    at_one_times = queries()
    make_tenfold_content()
    assert queries() == at_one_times


def test_sitemap_lists_each_comparisons_handout(client, seeded):
    xml = client.get("/sitemap-handouts.xml").content.decode()
    assert re.findall(r"<loc>(.*?)</loc>", xml) == [f"http://testserver{HANDOUT}"]


# --- The builder -----------------------------------------------------------------


def test_long_lists_keep_their_first_items_and_say_how_many_more():
    left, right = make_role(), make_role()
    for n in range(5):
        make_responsibility(left, category=Responsibility.Category.FINANCE, text=f"Duty {n}.")
    make_responsibility(right, category=Responsibility.Category.FINANCE, text="Only duty.")
    finance = row(handout_of(left, right), "responsibilities", "Finance and budgets")
    assert [e.text for e in finance.cells[0].entries] == ["Duty 0.", "Duty 1."]
    assert finance.cells[0].more == 3
    assert [e.text for e in finance.cells[1].entries] == ["Only duty."]
    assert finance.cells[1].more == 0


def test_a_row_every_path_says_the_same_is_shown_once():
    left, right = make_role(), make_role(scope=Role.Scope.ORGANIZATION)
    make_program(roles=[left, right], name="MHA", level=DegreeProgram.Level.MASTER)
    shared = row(handout_of(left, right), "degrees", "Master’s degree")
    assert shared.shared and len(shared.cells) == 1
    assert [e.text for e in shared.cells[0].entries] == ["MHA"]
    scope = row(handout_of(left, right), "at-a-glance", "Scope")
    assert not scope.shared and len(scope.cells) == 2


def test_degree_programs_keep_only_their_names():
    left, right = make_role(), make_role()
    program = make_program(roles=[left], name="BSc")
    program.pathways.update(note="A long note about the program.")
    [entry] = row(handout_of(left, right), "degrees", "Bachelor’s degree").cells[0].entries
    assert (entry.text, entry.detail) == ("BSc", "")


def test_handout_lists_each_source_once_and_keeps_the_oldest_review_date():
    source = make_source(key="bls", title="Handbook?", publisher="BLS", url="https://bls.example")
    left = make_role(last_reviewed=datetime.date(2025, 3, 1))
    right = make_role(last_reviewed=datetime.date(2026, 1, 5))
    left.sources.add(source)
    right.sources.add(source)
    handout = handout_of(left, right)
    assert [(s.anchor, s.url) for s in handout.sources] == [("source-bls", "https://bls.example")]
    assert handout.sources[0].text == "Handbook? BLS."
    assert handout.last_reviewed == datetime.date(2025, 3, 1)


def test_handout_url_puts_the_roles_in_canonical_order():
    first, second = make_role(display_order=1), make_role(display_order=2)
    assert handout_url(second, first) == f"/compare/{first.slug}-vs-{second.slug}/handout/"


def test_suggested_citation_follows_the_handbooks_form():
    assert suggested_citation(
        publisher="Site",
        title="A vs B: a handout",
        url="https://example.org/compare/a-vs-b/handout/",
        reviewed=datetime.date(2026, 3, 4),
        visited=datetime.date(2026, 12, 1),
    ) == (
        "Site, A vs B: a handout, at https://example.org/compare/a-vs-b/handout/ "
        "(last reviewed March 4, 2026; visited December 1, 2026)."
    )
