"""The comparison pages, as a visitor sees them."""

import re

import pytest

from roles.models import Role

from .factories import (
    make_full_role,
    make_job_title,
    make_responsibility,
    make_role,
    make_role_skill,
    make_skill,
    make_work_setting,
)
from .test_pages import text_of

pytestmark = pytest.mark.django_db

HEADLINE = "/compare/healthcare-management-vs-healthcare-administration/"
REVERSED = "/compare/healthcare-administration-vs-healthcare-management/"


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def find_row(html: str, label: str) -> tuple[str, list[str]]:
    """The mark and the two cells' text of the table row labelled `label`."""
    for tr in re.findall(r"<tr>.*?</tr>", html, flags=re.S):
        header = re.search(r'<th scope="row">(.*?)</th>', tr, flags=re.S)
        if not header:
            continue
        name, _, mark = header.group(1).partition('<span class="row-mark">')
        if plain(name) == label:
            return plain(mark), [
                plain(td) for td in re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.S)
            ]
    raise AssertionError(f"no row {label!r}")


def mark(html: str, label: str) -> str:
    return find_row(html, label)[0]


def cells(html: str, label: str) -> list[str]:
    return find_row(html, label)[1]


def test_headline_comparison_shows_every_dimension(client, seeded):
    page = text_of(client.get(HEADLINE))
    for heading in [
        "At a glance",
        "Summary",
        "Scope",
        "Focus",
        "Direct patient care",
        "A good fit for",
        "Responsibilities",
        "Skills",
        "Example job titles",
        "Work settings",
        "Degree programs",
        "Where sources differ or overlap",
        "Sources cited",
    ]:
        assert heading in page, heading


def test_comparison_introduction_calls_gaps_what_our_sources_cover(client, seeded):
    page = text_of(client.get(HEADLINE))
    assert "where our sources cover only one of them" in page
    assert "what only one of them has" not in page


def test_comparison_shows_both_columns(client, seeded):
    html = client.get(HEADLINE).content.decode()
    left, right = cells(html, "Scope")
    assert left.startswith("Organization-wide")
    assert right.startswith("A department or office")
    left, right = cells(html, "Focus")
    assert "Strategic and business" in left
    assert "Operational and day-to-day" in right


def test_responsibilities_are_aligned_by_category(client, seeded):
    html = client.get(HEADLINE).content.decode()
    left, right = cells(html, "Finance and budgets")
    assert "Watch over budgets and decide where money and staff go." in left
    assert "Handle bills and insurance claims." in right


def test_category_on_one_side_only_is_marked_as_such(client, seeded):
    html = client.get(HEADLINE).content.decode()
    assert mark(html, "Strategy and planning") == (
        "Not covered by our sources for Healthcare administration"
    )
    left, right = cells(html, "Strategy and planning")
    assert "Make long-term plans" in left
    assert right == "Not covered by our sources"
    assert mark(html, "Patient services") == (
        "Not covered by our sources for Healthcare management"
    )


def test_shared_and_distinct_skills_are_marked_in_words(client, seeded):
    html = client.get(HEADLINE).content.decode()
    assert mark(html, "Interpersonal communication") == "Both paths"
    assert [c.split()[0] for c in cells(html, "Interpersonal communication")] == [
        "Important",
        "Useful",
    ]
    assert mark(html, "Leadership") == "Both paths"
    assert mark(html, "Financial planning") == (
        "Not covered by our sources for Healthcare administration"
    )
    assert mark(html, "Medical terminology") == (
        "Not covered by our sources for Healthcare management"
    )


def test_a_skill_no_source_rates_says_listed_not_a_rating(client, seeded):
    html = client.get(HEADLINE).content.decode()
    left, right = cells(html, "Leadership")
    assert left.startswith("Important") and right.startswith("Listed")


def test_shared_work_settings_are_marked(client, seeded):
    html = client.get(HEADLINE).content.decode()
    left, right = cells(html, "Work settings")
    assert "Hospitals Both paths" in left and "Hospitals Both paths" in right
    assert "Nursing homes" in left and "Nursing homes" not in right
    assert "Specific departments of a larger facility" in right


def test_job_titles_show_their_placement_notes(client, seeded):
    html = client.get(HEADLINE).content.decode()
    left, right = cells(html, "Example job titles")
    assert "Hospital administrator" in left
    assert "Even with “administrator” in the name, CTU says" in left
    assert "Medical practice manager" in right


def test_degree_programs_are_aligned_by_level_with_their_relation(client, seeded):
    html = client.get(HEADLINE).content.decode()
    left, right = cells(html, "Associate degree")
    assert (
        "Associate of Science in Health Administration Services Both paths Stepping stone" in left
    )
    assert (
        "Associate of Science in Health Administration Services Both paths Typical entry" in right
    )
    left, right = cells(html, "Doctorate")
    assert "Doctor of Management in Healthcare Management and Leadership" in left
    assert right == "Not covered by our sources"
    left, right = cells(html, "Master’s degree")
    assert "Master of Health Administration (MHA) Both paths Advancement" in right


def test_a_certification_exam_is_not_a_degree_level(client, seeded):
    html = client.get(HEADLINE).content.decode()
    with pytest.raises(AssertionError, match="no row 'Certificate'"):
        find_row(html, "Certificate")


def test_comparison_shows_where_sources_differ(client, seeded):
    page = text_of(client.get(HEADLINE))
    assert "Job titles do not reliably tell you which path a job belongs to" in page
    assert "Sources differ" in page and "Overlap" in page


def test_comparison_cites_its_sources(client, seeded):
    html = client.get(HEADLINE).content.decode()
    left, right = cells(html, "Sources cited")
    assert "Healthcare Management vs. Healthcare Administration: Is There a Difference?" in left
    assert "CTU, Colorado Technical University, November 2020" in right
    assert "O*NET" in left


def test_comparison_sources_say_when_we_read_them(client, seeded):
    html = client.get(HEADLINE).content.decode()
    left, right = cells(html, "Sources cited")
    assert "Read on December 1, 2026" in left


def test_comparison_sources_name_a_publisher_once(client, seeded):
    html = client.get(HEADLINE).content.decode()
    left, right = cells(html, "Sources cited")
    assert "Best Degree Programs. Read on" in left
    assert "Best Degree Programs, Best Degree Programs" not in left


def test_comparison_lists_the_sources_its_notes_cite(client, seeded):
    html = client.get(HEADLINE).content.decode()
    left, right = cells(html, "Sources cited")
    assert "State Licensure" in left and "American College of Health Care Administrators" in left
    assert 'id="source-achca-licensure"' in html


def test_differences_only_view_hides_shared_rows(client, seeded):
    html = client.get(HEADLINE + "?view=differences").content.decode()
    page = text_of(client.get(HEADLINE + "?view=differences"))
    assert "Showing differences only" in page
    assert "Direct patient care" not in page  # neither path treats patients
    assert "Median pay per year" not in page  # one occupation, so the same figures
    assert "Leadership" in page  # listed for both, but rated differently
    left, right = cells(html, "Work settings")
    assert "Hospitals" not in left and "Nursing homes" in left


def test_differences_only_view_still_shows_notes_and_sources(client, seeded):
    page = text_of(client.get(HEADLINE + "?view=differences"))
    assert "Where sources differ or overlap" in page
    assert "Sources cited" in page


def test_full_view_links_to_differences_only_view(client, seeded):
    html = client.get(HEADLINE).content.decode()
    assert f'href="{HEADLINE}?view=differences"' in html


def test_reversed_order_redirects_permanently_to_canonical_order(client, seeded):
    response = client.get(REVERSED)
    assert response.status_code == 301
    assert response["Location"] == HEADLINE


def test_reversed_order_redirect_keeps_the_query_string(client, seeded):
    response = client.get(REVERSED + "?view=differences")
    assert response.status_code == 301
    assert response["Location"] == HEADLINE + "?view=differences"


@pytest.mark.parametrize(
    "url",
    [
        "/compare/healthcare-management-vs-brain-surgery/",
        "/compare/healthcare-management/",
        "/compare/healthcare-management-vs-/",
        "/compare/a-vs-b-vs-c/",
    ],
)
def test_unknown_slug_or_malformed_pair_answers_404(client, seeded, url):
    assert client.get(url).status_code == 404


def test_draft_role_cannot_be_compared(client, seeded):
    make_role(slug="draft-path", is_published=False, display_order=99)
    assert client.get("/compare/healthcare-management-vs-draft-path/").status_code == 404


def test_role_compared_with_itself_redirects_to_its_page(client, seeded):
    response = client.get("/compare/healthcare-management-vs-healthcare-management/")
    assert response.status_code == 301
    assert response["Location"] == "/roles/healthcare-management/"


def test_picker_redirects_to_the_canonical_comparison(client, seeded):
    response = client.get(
        "/compare/", {"left": "healthcare-administration", "right": "healthcare-management"}
    )
    assert response.status_code == 302
    assert response["Location"] == HEADLINE


def test_picker_offers_published_roles_only(client, seeded):
    make_role(name="Draft path", is_published=False)
    html = client.get("/compare/").content.decode()
    assert "Healthcare administration</option>" in html
    assert "Draft path" not in html


def test_picker_with_the_same_role_twice_explains_the_problem(client, seeded):
    response = client.get(
        "/compare/", {"left": "healthcare-management", "right": "healthcare-management"}
    )
    assert response.status_code == 200
    assert "Choose two different paths to compare." in response.content.decode()


def test_picker_with_an_unknown_role_explains_the_problem(client, seeded):
    response = client.get("/compare/", {"left": "healthcare-management", "right": "astronaut"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_third_role_can_be_compared_with_each_seeded_role(client, seeded):
    third = make_full_role(name="Health informatics", slug="health-informatics", display_order=3)
    make_responsibility(third, category="technology", text="Run the electronic health record.")
    for other in Role.objects.exclude(pk=third.pk):
        response = client.get(f"/compare/{other.slug}-vs-health-informatics/")
        assert response.status_code == 200
        left, right = cells(response.content.decode(), "Technology")
        assert "Run the electronic health record." in right


def test_third_role_ordered_first_takes_the_left_column(client, seeded):
    make_full_role(name="Clinical lead", slug="clinical-lead", display_order=0)
    response = client.get("/compare/healthcare-management-vs-clinical-lead/")
    assert response.status_code == 301
    assert response["Location"] == "/compare/clinical-lead-vs-healthcare-management/"


def test_roles_with_equal_display_order_are_ordered_by_slug(client):
    a = make_full_role(slug="alpha-path", display_order=5)
    b = make_full_role(slug="beta-path", display_order=5)
    assert client.get(f"/compare/{b.slug}-vs-{a.slug}/")["Location"] == (
        "/compare/alpha-path-vs-beta-path/"
    )


def test_hyphenated_slugs_are_split_on_vs(client):
    make_full_role(slug="a-b-c", display_order=1)
    make_full_role(slug="d-e", display_order=2)
    assert client.get("/compare/a-b-c-vs-d-e/").status_code == 200


def test_comparison_of_synthetic_roles_shows_shared_and_distinct_items(client):
    left = make_role(name="Left path", display_order=1)
    right = make_role(name="Right path", display_order=2)
    shared_skill = make_skill(name="Shared skill")
    make_role_skill(left, shared_skill, importance=3)
    make_role_skill(right, shared_skill, importance=3)
    make_role_skill(left, make_skill(name="Left-only skill"))
    make_job_title(left, title="Coordinator")
    make_job_title(right, title="Coordinator")
    make_work_setting(right, name="Labs")
    html = client.get(f"/compare/{left.slug}-vs-{right.slug}/").content.decode()
    assert mark(html, "Shared skill") == "Same for both paths"
    assert mark(html, "Left-only skill") == "Not covered by our sources for Right path"
    assert cells(html, "Left-only skill")[1] == "Not covered by our sources"
    assert mark(html, "Example job titles") == "Same for both paths"
    assert mark(html, "Work settings") == "Not covered by our sources for Left path"


def test_picker_ignores_unrelated_query_parameters(client, seeded):
    response = client.get("/compare/", {"utm_source": "newsletter"})
    assert response.status_code == 200
    assert "This field is required" not in response.content.decode()


def test_responsibilities_keep_their_editorial_order(client):
    left = make_role(display_order=1)
    right = make_role(display_order=2)
    make_responsibility(left, category="finance", text="Zebra duty", display_order=1)
    make_responsibility(left, category="finance", text="Aardvark duty", display_order=2)
    make_responsibility(right, category="finance", text="Other duty")
    html = client.get(f"/compare/{left.slug}-vs-{right.slug}/").content.decode()
    left_cell, _ = cells(html, "Finance and budgets")
    assert left_cell.index("Zebra duty") < left_cell.index("Aardvark duty")
