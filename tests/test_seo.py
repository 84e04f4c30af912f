"""Findability: titles, descriptions, canonical links, Open Graph, JSON-LD, sitemap, robots."""

import json
import re
from html import unescape

import pytest

from roles.models import DegreeProgram
from roles.structured_data import json_ld_script

from .factories import make_full_role, make_program, make_role

pytestmark = pytest.mark.django_db

HEADLINE = "/compare/healthcare-management-vs-healthcare-administration/"
PAGES = [
    "/",
    "/roles/",
    "/roles/healthcare-management/",
    "/roles/healthcare-administration/",
    "/compare/",
    HEADLINE,
    HEADLINE + "?view=differences",
    "/degrees/",
]


def head_value(html: str, pattern: str) -> str:
    match = re.search(pattern, html, flags=re.S)
    assert match, pattern
    return unescape(" ".join(match.group(1).split()))


def title(html):
    return head_value(html, r"<title>(.*?)</title>")


def description(html):
    return head_value(html, r'<meta name="description" content="([^"]*)"')


def json_ld(html) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    return [json.loads(block) for block in blocks]


def test_every_page_has_its_own_title(client, seeded):
    titles = [title(client.get(url).content.decode()) for url in PAGES]
    assert len(set(titles)) == len(titles), titles


def test_every_page_has_its_own_meta_description(client, seeded):
    descriptions = [description(client.get(url).content.decode()) for url in PAGES]
    assert all(len(d) > 50 for d in descriptions)
    # The differences-only view shares the full comparison's description and canonical link.
    assert len(set(descriptions)) == len(descriptions) - 1


def test_role_page_title_and_description_come_from_the_role(client, seeded):
    html = client.get("/roles/healthcare-administration/").content.decode()
    assert title(html).startswith("Healthcare administration")
    assert description(html).startswith("The daily running of a healthcare office")


def test_canonical_link_leaves_out_the_query_string(client, seeded):
    html = client.get(HEADLINE + "?view=differences").content.decode()
    assert f'<link rel="canonical" href="http://testserver{HEADLINE}">' in html


def test_canonical_and_open_graph_use_site_url_when_set(client, seeded, settings):
    settings.SITE_URL = "https://careers.example.org"
    html = client.get("/roles/healthcare-management/").content.decode()
    canonical = "https://careers.example.org/roles/healthcare-management/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html


def test_open_graph_title_and_description_are_filled_per_page(client, seeded):
    html = client.get(HEADLINE).content.decode()
    og_title = head_value(html, r'<meta property="og:title" content="([^"]*)"')
    assert og_title == "Healthcare management vs Healthcare administration"
    og_description = head_value(html, r'<meta property="og:description" content="([^"]*)"')
    assert "side by side" in og_description


def test_role_page_has_occupation_json_ld(client, seeded):
    [data] = json_ld(client.get("/roles/healthcare-management/").content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Occupation"
    assert data["name"] == "Healthcare management"
    assert data["url"] == "http://testserver/roles/healthcare-management/"
    assert "Leadership" in data["skills"]
    assert "Run the money side of the facility." in data["responsibilities"]
    assert data["occupationalCategory"] == "11-9111.00 Medical and Health Services Managers"
    credentials = {c["name"] for c in data["educationRequirements"]}
    assert "Bachelor of Science in Healthcare Management" in credentials
    assert all(
        c["@type"] == "EducationalOccupationalCredential" for c in data["educationRequirements"]
    )


def test_occupation_json_ld_leaves_out_an_unknown_occupational_category(client, seeded):
    [data] = json_ld(client.get("/roles/healthcare-administration/").content.decode())
    assert "occupationalCategory" not in data


def test_degrees_page_has_educational_occupational_program_json_ld(client, seeded):
    [data] = json_ld(client.get("/degrees/").content.decode())
    programs = data["@graph"]
    assert {p["@type"] for p in programs} == {"EducationalOccupationalProgram"}
    names = {p["name"] for p in programs}
    assert "Master of Business Administration in Healthcare Management" in names
    bachelor = next(
        p for p in programs if p["name"] == "Bachelor of Science in Healthcare Management"
    )
    assert bachelor["educationalCredentialAwarded"] == "Bachelor’s degree"
    assert {o["name"] for o in bachelor["relevantOccupation"]} == {
        "Healthcare management",
        "Healthcare administration",
    }


def test_drafts_never_appear_in_json_ld(client, seeded):
    draft = make_role(name="Secret draft path", is_published=False)
    make_program(roles=[draft], name="Secret program", is_published=False)
    DegreeProgram.objects.get(slug="bs-healthcare-management").pathways.create(
        role=draft, relation="entry"
    )
    html = client.get("/degrees/").content.decode()
    blocks = json.dumps(json_ld(html))
    assert "Secret draft path" not in blocks
    assert "Secret program" not in blocks


def test_staff_preview_of_a_draft_has_no_json_ld_and_is_not_indexed(admin_client):
    draft = make_full_role(is_published=False)
    html = admin_client.get(draft.get_absolute_url()).content.decode()
    assert json_ld(html) == []
    assert '<meta name="robots" content="noindex">' in html


def test_json_ld_escapes_markup_that_could_end_the_script():
    script = json_ld_script({"name": "</script><script>alert(1)</script> & <!--"})
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["name"] == "</script><script>alert(1)</script> & <!--"


def sitemap_xml(client) -> str:
    """Every page the sitemap index at /sitemap.xml lists, one after the other."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    pages = []
    for location in re.findall(r"<loc>(.*?)</loc>", index.content.decode()):
        page = client.get(unescape(location))
        assert page.status_code == 200, location
        pages.append(page.content.decode())
    return "".join(pages)


def test_sitemap_lists_every_public_page(client, seeded):
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap_xml(client))
    paths = {loc.removeprefix("http://testserver") for loc in locations}
    assert paths == {
        "/",
        "/roles/",
        "/compare/",
        "/degrees/",
        "/assessment/",
        "/glossary/",
        "/faq/",
        "/roles/healthcare-management/",
        "/roles/healthcare-administration/",
        HEADLINE,
        HEADLINE + "handout/",
    }


def test_sitemap_lists_every_comparison_pair_in_canonical_order(client, seeded):
    make_full_role(slug="health-informatics", display_order=3)
    locations = sitemap_xml(client)
    for pair in [
        "healthcare-management-vs-healthcare-administration",
        "healthcare-management-vs-health-informatics",
        "healthcare-administration-vs-health-informatics",
    ]:
        assert f"/compare/{pair}/</loc>" in locations
    assert "health-informatics-vs-" not in locations


def test_sitemap_leaves_out_drafts_and_assessment_results(client, seeded):
    make_role(slug="secret-draft", is_published=False)
    xml = sitemap_xml(client)
    assert "secret-draft" not in xml
    assert "/assessment/results/" not in xml


def test_sitemap_uses_site_url_when_set(client, seeded, settings):
    settings.SITE_URL = "https://careers.example.org"
    xml = sitemap_xml(client)
    assert "<loc>https://careers.example.org/roles/healthcare-management/</loc>" in xml
    assert "testserver" not in xml


def test_robots_txt_points_at_the_sitemap_and_keeps_results_private(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "User-agent: *" in body
    # The admin marks its own pages noindex; naming its prefix here would reveal a custom one.
    assert settings.ADMIN_URL not in body
    assert "Disallow: /assessment/results/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
