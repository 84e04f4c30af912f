"""The sitemap index at /sitemap.xml and its pages: no address is dropped, however many."""

import re
from html import unescape

import pytest

from roles.models import Role
from roles.sitemaps import SiteSitemap

from .factories import make_role

pytestmark = pytest.mark.django_db


def locations(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [unescape(loc) for loc in re.findall(r"<loc>(.*?)</loc>", response.content.decode())]


def test_sitemap_xml_is_an_index_of_the_sections(client, seeded):
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    assert "<sitemapindex" in response.content.decode()
    assert locations(client, "/sitemap.xml") == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-roles.xml",
        "http://testserver/sitemap-comparisons.xml",
        "http://testserver/sitemap-handouts.xml",
    ]


def test_sections_past_the_page_size_are_split_and_no_address_is_dropped(
    client, seeded, monkeypatch
):
    # Six published roles make fifteen comparisons; pages of four hold them in four files.
    for n in range(4):
        make_role(slug=f"extra-path-{n}", display_order=10 + n)
    monkeypatch.setattr(SiteSitemap, "limit", 4)

    pages = [url for url in locations(client, "/sitemap.xml") if "comparisons" in url]
    assert [url.removeprefix("http://testserver") for url in pages] == [
        "/sitemap-comparisons.xml",
        "/sitemap-comparisons.xml?p=2",
        "/sitemap-comparisons.xml?p=3",
        "/sitemap-comparisons.xml?p=4",
    ]
    listed = [loc for page in pages for loc in locations(client, page)]
    assert len(listed) == len(set(listed)) == 15
    assert all(len(locations(client, page)) <= 4 for page in pages)


def test_a_sitemap_page_past_the_last_is_not_found(client, seeded):
    assert client.get("/sitemap-comparisons.xml?p=2").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_index_gives_each_section_its_latest_change_to_the_day(client, seeded):
    latest = max(Role.objects.values_list("updated_at", flat=True)).date()
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver/sitemap-roles.xml</loc><lastmod>{latest}</lastmod>" in xml
