"""Three paths side by side: the address, the picker, the columns and the marks."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import Role

from .factories import (
    make_full_role,
    make_job_title,
    make_responsibility,
    make_role,
    make_role_skill,
    make_skill,
)
from .test_compare import cells, mark

pytestmark = pytest.mark.django_db

TWO_WAY = "/compare/healthcare-management-vs-healthcare-administration/"
THREE_WAY = "/compare/healthcare-management-vs-healthcare-administration-vs-health-informatics/"


@pytest.fixture
def third_role(seeded):
    role = make_full_role(name="Health informatics", slug="health-informatics", display_order=3)
    make_responsibility(role, category="technology", text="Run the electronic health record.")
    return role


def column_headings(html: str) -> list[list[str]]:
    """The column headings of each comparison table on the page."""
    return [
        re.findall(r'<th scope="col">(.*?)</th>', thead, flags=re.S)[1:]
        for thead in re.findall(r"<thead>(.*?)</thead>", html, flags=re.S)
    ]


def test_three_paths_get_a_column_each_in_every_table(client, third_role):
    response = client.get(THREE_WAY)
    assert response.status_code == 200
    html = response.content.decode()
    names = ["Healthcare management", "Healthcare administration", "Health informatics"]
    headings = column_headings(html)
    assert headings and all(row == names for row in headings)
    assert len(cells(html, "Technology")) == 3
    assert "Run the electronic health record." in cells(html, "Technology")[2]
    assert "<title>Healthcare management vs Healthcare administration vs Health informatics" in html
    assert "The three paths side by side" in html


def test_three_way_address_in_another_order_redirects_to_canonical_order(client, third_role):
    response = client.get(
        "/compare/health-informatics-vs-healthcare-management-vs-healthcare-administration/"
        "?view=differences"
    )
    assert response.status_code == 301
    assert response["Location"] == THREE_WAY + "?view=differences"


def test_a_path_named_twice_redirects_to_the_comparison_of_the_others(client, third_role):
    response = client.get(
        "/compare/healthcare-management-vs-healthcare-administration-vs-healthcare-management/"
    )
    assert response.status_code == 301
    assert response["Location"] == ("/compare/healthcare-management-vs-healthcare-administration/")


@pytest.mark.parametrize(
    "url",
    [
        "/compare/healthcare-management-vs-healthcare-administration-vs-astronaut/",
        "/compare/healthcare-management-vs-healthcare-administration-vs-health-informatics"
        "-vs-clinical-lead/",
    ],
)
def test_unknown_third_path_or_a_fourth_answers_404(client, third_role, url):
    make_full_role(slug="clinical-lead", display_order=4)
    assert client.get(url).status_code == 404


def test_three_way_page_runs_no_more_queries_than_a_two_way_one(
    client, third_role, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as two_way:
        assert client.get(TWO_WAY).status_code == 200
    caches["pages"].clear()
    with django_assert_max_num_queries(len(two_way)):
        assert client.get(THREE_WAY).status_code == 200


def test_differences_only_hides_rows_the_same_for_all_three(client):
    roles = [make_role(name=f"Path {n}", display_order=n) for n in (1, 2, 3)]
    everyone = make_skill(name="Listening")
    for role in roles:
        make_role_skill(role, everyone, importance=3)
    coding = make_skill(name="Coding")
    make_role_skill(roles[0], coding, importance=3)
    make_role_skill(roles[1], coding, importance=2)
    make_role_skill(roles[0], make_skill(name="Filing"))
    url = "/compare/" + "-vs-".join(role.slug for role in roles) + "/?view=differences"
    html = client.get(url).content.decode()
    assert "Listening" not in html
    assert mark(html, "Coding") == "Not covered by our sources for Path 3"
    assert "Filing" not in html  # only our sources' silence differs there
    assert "the same for all three paths" in html


def test_marks_say_which_of_three_paths_share_a_row(client):
    a, b, c = (make_role(name=f"Path {n}", display_order=n) for n in (1, 2, 3))
    for role in (a, b, c):
        make_role_skill(role, make_skill(name=f"Own skill {role.name}"))
    everyone, two = make_skill(name="Skill of every path"), make_skill(name="Skill of two paths")
    for role in (a, b, c):
        make_role_skill(role, everyone, importance=3)
    make_role_skill(a, two, importance=3)
    make_role_skill(c, two, importance=2)
    make_job_title(a, title="Coordinator")
    make_job_title(b, title="Coordinator")
    html = client.get(f"/compare/{a.slug}-vs-{b.slug}-vs-{c.slug}/").content.decode()
    assert mark(html, "Skill of every path") == "Same for all three paths"
    assert mark(html, "Skill of two paths") == "Not covered by our sources for Path 2"
    assert mark(html, "Own skill Path 2") == ("Not covered by our sources for Path 1 and Path 3")
    assert mark(html, "Example job titles") == "Not covered by our sources for Path 3"
    assert cells(html, "Example job titles") == [
        "Coordinator Also Path 2",
        "Coordinator Also Path 1",
        "Not covered by our sources",
    ]


# ------------------------------------------------------------------------------
# The picker
# ------------------------------------------------------------------------------
def test_picker_offers_a_third_path_only_when_there_are_three(client, seeded):
    assert 'name="third"' not in client.get("/compare/").content.decode()
    make_full_role(slug="health-informatics", display_order=3)
    html = client.get("/compare/").content.decode()
    assert 'name="third"' in html
    assert '<option value="">None</option>' in html
    assert "Choose two paths, or three," in html


def test_picker_with_three_paths_redirects_to_the_three_way_comparison(client, third_role):
    response = client.get(
        "/compare/",
        {
            "left": "health-informatics",
            "right": "healthcare-management",
            "third": "healthcare-administration",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == THREE_WAY


def test_picker_with_no_third_path_compares_two(client, third_role):
    response = client.get(
        "/compare/",
        {"left": "healthcare-management", "right": "health-informatics", "third": ""},
    )
    assert response["Location"] == "/compare/healthcare-management-vs-health-informatics/"


def test_picker_with_a_path_chosen_twice_among_three_explains_the_problem(client, third_role):
    response = client.get(
        "/compare/",
        {
            "left": "healthcare-management",
            "right": "health-informatics",
            "third": "healthcare-management",
        },
    )
    assert response.status_code == 200
    assert "Choose different paths to compare: each path once." in response.content.decode()


def test_three_way_page_offers_the_picker_with_its_three_paths_chosen(client, third_role):
    html = client.get(THREE_WAY).content.decode()
    third = re.search(r'<select[^>]*name="third".*?</select>', html, flags=re.S).group(0)
    assert '<option value="health-informatics" selected>' in third
    assert Role.objects.filter(is_published=True).count() == 3


def test_three_way_page_speaks_of_all_three_paths_not_both(client, third_role):
    html = client.get(THREE_WAY).content.decode()
    assert "The three paths side by side" in html
    assert "both paths" not in html
