"""Every fact on the role and comparison pages names the sources it relies on."""

import re

import pytest

from roles.models import Responsibility

from .factories import make_responsibility, make_role, make_source

pytestmark = pytest.mark.django_db

HEADLINE = "/compare/healthcare-management-vs-healthcare-administration/"
CITATION = re.compile(r'<a class="cite" href="#(source-[^"]+)"')


def citation_targets(html):
    return set(CITATION.findall(html))


@pytest.mark.parametrize(
    "url",
    ["/roles/healthcare-management/", "/roles/healthcare-administration/", HEADLINE],
)
def test_every_citation_links_to_a_source_listed_on_the_same_page(client, seeded, url):
    html = client.get(url).content.decode()
    targets = citation_targets(html)
    assert {"source-ctu-2020", "source-hbs"} <= targets
    for target in targets:
        assert f'id="{target}"' in html, target


def test_each_responsibility_shows_the_sources_it_cites(client, seeded):
    html = client.get("/roles/healthcare-management/").content.decode()
    item = re.search(
        r"<li>Run the money side of the facility\..*?</li>", html.replace("&#x27;", "'")
    )
    assert item is not None
    assert "[CTU]" in item.group(0) and "[O*NET]" in item.group(0)
    assert "[Healthcare Business Solution]" not in item.group(0)


def test_comparison_cells_cite_their_sources(client, seeded):
    html = client.get(HEADLINE).content.decode()
    row = re.search(r"Handle bills and insurance claims\..*?</td>", html, re.S)
    assert row is not None and 'href="#source-hbs"' in row.group(0)


def test_a_fact_without_a_source_shows_no_citation(client):
    role = make_role()
    make_responsibility(role, text="An uncited duty.")
    html = client.get(role.get_absolute_url()).content.decode()
    item = re.search(r"<li>An uncited duty\..*?</li>", html)
    assert item is not None and 'class="cite"' not in item.group(0)


def test_citation_shows_the_publisher_when_a_source_has_no_short_name(client):
    role = make_role()
    source = make_source(short_name="", publisher="Example Press")
    make_responsibility(role, text="A cited duty.").sources.add(source)
    html = client.get(role.get_absolute_url()).content.decode()
    assert "[Example Press]" in html
    assert f'id="source-{source.key}"' in html


def test_an_editor_removing_a_citation_removes_its_mark(client, seeded):
    duty = Responsibility.objects.get(text="Handle bills and insurance claims.")
    duty.sources.clear()
    html = client.get("/roles/healthcare-administration/").content.decode()
    item = re.search(r"<li>Handle bills and insurance claims\..*?</li>", html)
    assert item is not None and 'class="cite"' not in item.group(0)
