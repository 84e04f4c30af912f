"""The public pages: what a visitor sees on each, and that drafts never show."""

import re

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from roles.models import DegreeProgram, Role, SourceNote

from .factories import make_full_role, make_note, make_program, make_role

pytestmark = pytest.mark.django_db

HEADLINE = "/compare/healthcare-management-vs-healthcare-administration/"


def text_of(response) -> str:
    """The page's visible text, tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    return re.sub(r" ([:;,.])", r"\1", text)


def test_home_shows_both_paths_at_a_glance(client, seeded):
    page = text_of(client.get("/"))
    assert "Healthcare management or healthcare administration?" in page
    assert "Organization-wide" in page and "A department or office" in page
    assert "Strategic and business" in page and "Operational and day-to-day" in page


def test_home_links_to_the_headline_comparison_and_the_assessment(client, seeded):
    html = client.get("/").content.decode()
    assert f'href="{HEADLINE}"' in html
    assert 'href="/assessment/"' in html


def test_role_list_shows_every_published_role_with_its_summary(client, seeded):
    page = text_of(client.get("/roles/"))
    for role in Role.objects.published():
        assert role.name in page
        assert role.summary in page


def test_role_list_leaves_out_draft_roles(client, seeded):
    make_role(name="Secret draft path", is_published=False)
    assert "Secret draft path" not in client.get("/roles/").content.decode()


def test_role_page_shows_the_role_in_full(client, seeded):
    page = text_of(client.get("/roles/healthcare-management/"))
    for expected in [
        "Healthcare management is the business side of healthcare",
        "Organization-wide",
        "Strategic and business",
        "Direct patient care",
        "The big picture and the business",
        "Strategy and planning",  # a responsibility category
        "Write rules that apply to the whole facility.",
        "Interpersonal communication",
        "Important",  # a skill's rating, where a source gives one
        "Hospital administrator",
        "Even with “administrator” in the name",  # a job title's placement note
        "Nursing homes",
        "Bachelor of Science in Healthcare Management",
        "Typical entry",
        "Where sources differ or overlap",
        "Job titles do not reliably tell you which path a job belongs to",
        "[CTU] Healthcare Management vs. Healthcare Administration",  # sources cited
        "Colorado Technical University, November 2020",
        "11-9111.00 Medical and Health Services Managers",
    ]:
        assert expected in page, expected


def test_role_page_groups_skills_by_kind(client, seeded):
    page = text_of(client.get("/roles/healthcare-administration/"))
    assert page.index("Soft skill") < page.index("Staff coordination") < page.index("Knowledge")
    assert page.index("Knowledge") < page.index("Medical terminology")
    assert page.index("Software and tools") < page.index("Office software applications")


def test_role_page_links_to_its_comparisons(client, seeded):
    html = client.get("/roles/healthcare-administration/").content.decode()
    assert f'href="{HEADLINE}"' in html


def test_unknown_role_answers_404(client, seeded):
    assert client.get("/roles/brain-surgery/").status_code == 404


def test_role_page_leaves_out_unpublished_programs_and_notes(client):
    role = make_full_role()
    make_program(roles=[role], name="Withdrawn program", is_published=False)
    make_note(roles=[role], title="Withdrawn note", is_published=False)
    page = client.get(role.get_absolute_url()).content.decode()
    assert "Withdrawn program" not in page
    assert "Withdrawn note" not in page


def test_degrees_page_lists_programs_by_level_and_the_paths_they_serve(client, seeded):
    page = text_of(client.get("/degrees/"))
    levels = [
        "Associate degree",
        "Bachelor’s degree",
        "Master’s degree",
        "Doctorate",
    ]
    positions = [page.index(f" {level} ") for level in levels]
    assert positions == sorted(positions)
    assert "Associate of Science in Health Administration Services" in page
    assert "Healthcare management: Stepping stone" in page
    assert "Healthcare administration: Typical entry" in page


def test_degrees_page_lists_certifications_apart_from_degree_levels(client, seeded):
    page = text_of(client.get("/degrees/"))
    assert " Certificate " not in page
    certifications = page.index("Licenses and certifications", page.index("Doctorate"))
    assert page.index("Certified Medical Administrative Assistant") > certifications


def test_degrees_page_leaves_out_unpublished_programs_and_draft_roles(client, seeded):
    draft = make_role(name="Draft path", is_published=False)
    program = DegreeProgram.objects.get(slug="bs-healthcare-management")
    program.pathways.create(role=draft, relation="entry")
    make_program(name="Retired program", is_published=False)
    page = client.get("/degrees/").content.decode()
    assert "Retired program" not in page
    assert "Draft path" not in page


def test_every_page_has_one_h1(client, seeded):
    for url in [
        "/",
        "/roles/",
        "/roles/healthcare-management/",
        "/compare/",
        HEADLINE,
        "/degrees/",
    ]:
        assert client.get(url).content.decode().count("<h1") == 1, url


def test_every_table_has_a_caption_and_scoped_headers(client, seeded):
    for url in ["/", "/roles/healthcare-management/", HEADLINE]:
        html = client.get(url).content.decode()
        assert html.count("<table") == html.count("<caption"), url
        assert "<th>" not in html, url


def test_pages_carry_the_skip_link_and_main_landmark(client, seeded):
    html = client.get(HEADLINE).content.decode()
    assert 'href="#main-content"' in html
    assert '<main id="main-content"' in html
    assert 'aria-label="Main"' in html


def test_current_section_is_marked_in_the_navigation(client, seeded):
    html = client.get("/degrees/").content.decode()
    assert re.search(r'href="/degrees/"\s+aria-current="page"', html)


def test_pages_use_no_inline_styles_or_scripts(client, seeded):
    for url in ["/", "/roles/healthcare-management/", HEADLINE, "/degrees/", "/compare/"]:
        html = client.get(url).content.decode()
        assert "style=" not in html, url
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert all('type="application/ld+json"' in tag for tag in scripts), url


def test_unknown_address_gets_our_404_page(client, seeded):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = text_of(response)
    assert "Page not found" in page
    assert 'href="/compare/"' in response.content.decode()


def test_500_page_renders_without_database_or_request_context(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "{%" not in html and "{{" not in html


def test_draft_source_note_is_not_shown(client, seeded):
    SourceNote.objects.filter(title__startswith="Where medical records").update(is_published=False)
    assert "Where medical records work belongs" not in client.get(HEADLINE).content.decode()
