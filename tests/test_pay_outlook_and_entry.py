"""Pay and outlook, how to get in, degrees, glossary and FAQ: what a visitor finds."""

import json
import re

import pytest
import textstat
from django.db import IntegrityError, transaction

from roles.comparison import NOT_COVERED, build_comparison, differences_only, one_occupation_note
from roles.glossary import link_first_uses
from roles.labor_market import labor_markets
from roles.models import GlossaryTerm, LaborFigure, Role
from roles.selectors import role_profiles

from .factories import make_full_role

pytestmark = pytest.mark.django_db

HEADLINE = "/compare/healthcare-management-vs-healthcare-administration/"
ONE_OCCUPATION = "also called healthcare executives or healthcare administrators"


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def main_text(html: str) -> str:
    """The readable text of <main>, one sentence per block, without the source lists."""
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    main = re.sub(r'<section id="sources".*?</section>', " ", main, flags=re.S)
    main = re.sub(r"<(nav|table|script)\b.*?</\1>", " ", main, flags=re.S)
    main = re.sub(r"<(/p|/li|/dd|/dt|/h\d|br)\b[^>]*>", ". ", main)
    text = re.sub(r"<[^>]+>", " ", main)
    return re.sub(r"\s+", " ", text)


def test_role_page_shows_median_pay_with_year_and_source(client, seeded):
    html = page(client, "/roles/healthcare-management/")
    assert "Pay and outlook" in html
    assert "$110,680 per year" in html and "May 2023" in html
    assert "Occupational Outlook Handbook: Medical and Health Services Managers" in html


def test_role_page_says_both_paths_are_one_occupation(client, seeded):
    html = page(client, "/roles/healthcare-administration/")
    assert "SOC 11-9111" in html
    assert ONE_OCCUPATION in html


def test_role_page_shows_where_many_people_start_with_soc_codes(client, seeded):
    html = page(client, "/roles/healthcare-administration/")
    assert "Where many people start" in html
    assert "Medical Records Specialists (SOC 29-2072)" in html
    assert "Medical Secretaries and Administrative Assistants (SOC 43-6013)" in html


def test_role_page_says_how_to_get_in_with_license_and_certifications(client, seeded):
    html = page(client, "/roles/healthcare-management/")
    assert "How to get in" in html
    assert "Less than 5 years" in html
    assert "Nursing home administrator license" in html
    assert "FACHE" in html and "American College of Healthcare Executives (ACHE)" in html


def test_a_figure_without_its_year_is_refused(seeded):
    figure = LaborFigure.objects.get(occupation__soc_code="11-9111", kind="jobs")
    with pytest.raises(IntegrityError), transaction.atomic():
        LaborFigure.objects.filter(pk=figure.pk).update(period="")


def test_comparison_has_a_pay_and_outlook_section_with_the_note(seeded):
    roles = list(Role.objects.order_by("display_order"))
    comparison = build_comparison(
        profiles=role_profiles(roles=roles), markets=labor_markets(roles=roles)
    )
    [pay] = [s for s in comparison.sections if s.key == "pay-and-outlook"]
    assert "SOC 11-9111" in pay.note and ONE_OCCUPATION in pay.note
    rows = {row.label: row for group in pay.groups for row in group.rows}
    assert rows["Median pay per year"].columns[0][0].text == "$110,680 per year"
    assert rows["Median pay per year"].columns[0][0].citations[0].key == "bls-ooh-mhsm"
    assert "May 2023" in rows["Median pay per year"].columns[0][0].detail
    assert "Typical education to start" in rows and "Related work experience" in rows


def test_comparison_page_shows_pay_figures_and_occupation_beside_them(client, seeded):
    html = page(client, HEADLINE)
    pay = html.split('id="pay-and-outlook"', 1)[1].split("</section>", 1)[0]
    assert "$110,680 per year" in pay and "2023–33" in pay
    assert "Medical and Health Services Managers (SOC 11-9111)" in pay


@pytest.mark.parametrize("query", ["", "?view=differences"])
def test_comparison_page_shows_the_one_occupation_note_beside_the_figures(client, seeded, query):
    html = page(client, HEADLINE + query)
    pay = html.split('id="pay-and-outlook"', 1)[1].split("</section>", 1)[0]
    note = re.search(r'<p class="section-note">(.*?)</p>', pay, flags=re.S)
    assert note is not None
    assert "counts these paths in one occupation" in note.group(1)
    assert "SOC 11-9111" in note.group(1) and ONE_OCCUPATION in note.group(1)


def test_one_occupation_note_names_the_paths_it_counts_when_another_is_not(seeded):
    third = make_full_role(name="Health informatics", display_order=3)
    roles = [*Role.objects.filter(is_published=True).exclude(pk=third.pk), third]
    note = one_occupation_note(labor_markets(roles=roles))
    assert "counts Healthcare management and Healthcare administration in one occupation" in note
    assert "Health informatics" not in note


def test_differences_page_marks_no_silence_as_a_difference(client, seeded):
    html = page(client, HEADLINE + "?view=differences")
    tables = "".join(re.findall(r"<table.*?</table>", html, flags=re.S))
    assert NOT_COVERED not in tables


def test_full_page_never_says_only_one_path_has_an_item(client, seeded):
    html = page(client, HEADLINE)
    assert "Only Healthcare" not in html
    assert f"{NOT_COVERED} for Healthcare administration" in html


def test_silence_is_not_covered_rather_than_only_the_other_path(seeded):
    roles = list(Role.objects.order_by("display_order"))
    comparison = build_comparison(profiles=role_profiles(roles=roles))
    marks = [row.mark for s in comparison.sections for g in s.groups for row in g.rows]
    assert not any(mark.startswith("Only") for mark in marks)
    assert any(mark.startswith(NOT_COVERED) for mark in marks)


def test_differences_view_does_not_count_silence(seeded):
    roles = list(Role.objects.order_by("display_order"))
    shown = differences_only(build_comparison(profiles=role_profiles(roles=roles)))
    rows = [row for s in shown.sections for g in s.groups for row in g.rows]
    assert shown.silent_rows > 0
    assert all(row.covered >= 2 for row in rows)


def test_skill_ratings_appear_only_where_a_source_gives_one(client, seeded):
    html = page(client, "/roles/healthcare-management/")
    assert "Not rated by our sources" in html
    assert "Essential" not in html


def test_degrees_page_has_the_mha_and_marks_ctu_examples(client, seeded):
    html = page(client, "/degrees/")
    assert "Master of Health Administration (MHA)" in html
    assert "An example from Colorado Technical University" in html
    assert "Typical length:" in html


@pytest.mark.parametrize(
    ("slug", "source_url"),
    [
        ("mha", "https://www.mha-online.org/"),
        ("mba-healthcare", "http://www.mba-healthcare-management.com/"),
        ("mph", "https://masterspublichealth.com/"),
    ],
)
def test_master_degrees_give_their_length_with_its_source(client, seeded, slug, source_url):
    html = page(client, "/degrees/")
    card = html.split(f'<article id="{slug}"', 1)[1].split("</article>", 1)[0]
    length = re.search(r"<strong>Typical length:</strong> ([^<]+)</p>", card).group(1)
    assert "years" in length and "Not given by our sources" not in length
    assert f'href="{source_url}' in card


def test_certification_exam_is_a_credential_not_a_certificate_level(client, seeded):
    html = page(client, "/degrees/")
    assert 'id="level-10"' not in html
    assert "Licenses and certifications" in html and "CMAA" in html


def test_chief_medical_officer_says_it_needs_a_medical_degree(client, seeded):
    html = page(client, "/roles/healthcare-management/")
    assert "Normally a doctor" in html
    assert "long experience" in html


def test_sources_give_publisher_in_full_and_date_read(client, seeded):
    html = page(client, "/roles/healthcare-management/")
    sources = html.split('id="sources"', 1)[1]
    assert "U.S. Bureau of Labor Statistics, U.S. Department of Labor" in sources
    assert "Read on December 1, 2026" in sources
    assert "[HBS]" not in html


def test_last_reviewed_is_explained(client, seeded):
    html = page(client, "/roles/healthcare-management/")
    assert "the date an editor last checked this page" in html


def test_home_glance_table_has_a_pay_row(client, seeded):
    html = page(client, "/")
    assert "Median pay" in html and "$110,680 per year (May 2023" in html


def test_glossary_defines_the_field_terms(client, seeded):
    html = page(client, "/glossary/")
    for term in ("strategic", "operational", "stakeholders", "compliance", "accreditation"):
        assert f'id="{term}"' in html
    assert 'id="reimbursement"' in html and 'id="health-informatics"' in html


def test_faq_says_how_long_a_masters_takes_with_its_source(client, seeded):
    html = page(client, "/faq/")
    answer = html.split(">How long does it take?</h2>", 1)[1].split("</section>", 1)[0]
    assert "A master's, such as the MHA, takes about two more years" in answer.replace(
        "&#x27;", "'"
    )
    assert 'href="https://www.mha-online.org/' in answer


def test_glossary_runs_a_to_z_whatever_the_case(client, seeded):
    html = page(client, "/glossary/")
    terms = [t.casefold() for t in re.findall(r'<dt id="[^"]+">([^<]+)</dt>', html)]
    assert "soc code" in terms
    assert terms == sorted(terms)


def test_first_use_of_a_term_links_to_the_glossary_once(db):
    term = GlossaryTerm(term="compliance", slug="compliance", definition="d")
    seen = set()
    first = link_first_uses(text="Compliance & more compliance.", terms=[term], seen=seen)
    again = link_first_uses(text="More compliance.", terms=[term], seen=seen)
    assert first.count('href="/glossary/#compliance"') == 1
    assert "&amp;" in first
    assert "href" not in again


def test_role_page_links_a_term_to_the_glossary(client, seeded):
    html = page(client, "/roles/healthcare-management/")
    assert html.count('href="/glossary/#stakeholders"') == 1


def test_faq_answers_the_questions_with_sources_and_faqpage_data(client, seeded):
    html = page(client, "/faq/")
    for question in (
        "Can I switch paths later?",
        "Do I need a master's degree?",
        "Do managers or administrators treat patients?",
        "Does a job title tell me which path a job is on?",
        "How long does it take?",
    ):
        assert question in html.replace("&#x27;", "'")
    assert html.count("Sources:") >= 5
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>")[0])
    assert data["@type"] == "FAQPage" and len(data["mainEntity"]) >= 5


@pytest.mark.parametrize("url", ["/", "/roles/healthcare-management/", "/degrees/", "/faq/"])
def test_footer_links_glossary_and_faq(client, seeded, url):
    footer = page(client, url).split("<footer", 1)[1]
    assert 'href="/glossary/"' in footer and 'href="/faq/"' in footer


def test_sitemap_lists_glossary_and_faq(client, seeded):
    assert "/sitemap-pages.xml</loc>" in page(client, "/sitemap.xml")
    xml = page(client, "/sitemap-pages.xml")
    assert "/glossary/</loc>" in xml and "/faq/</loc>" in xml


@pytest.mark.parametrize(
    "url",
    [
        "/roles/healthcare-management/",
        "/roles/healthcare-administration/",
        "/degrees/",
        "/faq/",
    ],
)
def test_page_reads_at_grade_nine_or_below(client, seeded, url):
    grade = textstat.flesch_kincaid_grade(main_text(page(client, url)))
    assert grade <= 9, f"{url} reads at grade {grade}"


def test_comparison_notes_read_at_grade_nine_or_below(seeded):
    from roles.models import SourceNote

    text = " ".join(note.body for note in SourceNote.objects.all())
    assert textstat.flesch_kincaid_grade(text) <= 9
