"""Every public page runs the same number of queries whatever the amount of content."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import make_tenfold_content

pytestmark = pytest.mark.django_db

HEADLINE = "/compare/healthcare-management-vs-healthcare-administration/"
PUBLIC_PAGES = [
    "/",
    "/roles/",
    "/roles/healthcare-management/",
    "/roles/healthcare-administration/",
    "/compare/",
    HEADLINE,
    HEADLINE + "?view=differences",
    "/degrees/",
    "/sitemap.xml",
    "/robots.txt",
]


def uncached_queries(client, url) -> int:
    """Queries to render the page afresh (an empty page cache)."""
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_runs_as_many_queries_with_ten_times_the_content_and_twenty_roles(
    client, seeded, url, django_assert_num_queries
):
    at_one_times = uncached_queries(client, url)
    make_tenfold_content()
    caches["pages"].clear()
    with django_assert_num_queries(at_one_times):
        response = client.get(url)
    assert response.status_code == 200


def test_ten_times_the_content_really_is_on_the_pages(client, seeded):
    make_tenfold_content()
    role_page = client.get("/roles/healthcare-management/").content.decode()
    assert role_page.count("Duty ") >= 160
    comparison = client.get(HEADLINE).content.decode()
    assert comparison.count("Title ") >= 140
    assert client.get("/degrees/").content.decode().count("Bulk program") >= 80
