"""
The comparison's tables and notes, rendered with template partials: the markup they rely on
for meaning and accessibility, and the escaping of everything editors write.
"""

import re

import pytest

from .factories import (
    make_job_title,
    make_note,
    make_program,
    make_responsibility,
    make_role,
    make_source,
)

pytestmark = pytest.mark.django_db

HEADLINE = "/compare/healthcare-management-vs-healthcare-administration/"


def comparison_of(client, left, right, query=""):
    response = client.get(f"/compare/{left.slug}-vs-{right.slug}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_every_section_is_a_captioned_table_with_scoped_headers(client, seeded):
    html = client.get(HEADLINE).content.decode()
    sections = re.findall(
        r'<section id="([^"]+)"[^>]*class="compare-section">(.*?)</section>', html, re.S
    )
    keys = [key for key, _ in sections]
    assert keys == [
        "at-a-glance",
        "pay-and-outlook",
        "responsibilities",
        "skills",
        "jobs",
        "degrees",
        "notes",
        "sources",
    ]
    for key, body in sections:
        if key == "notes":
            continue
        assert body.count("<table") == body.count("<caption") == 1, key
        assert re.search(
            r'<caption class="visually-hidden">[^<]+: Healthcare management compared with '
            r"Healthcare administration</caption>",
            body,
        ), key
        assert body.count('<th scope="col">') == 3, key
        assert body.count("<tr>") - 1 == body.count('<th scope="row">'), key
    groups = re.findall(r'<th scope="rowgroup" colspan="3">([^<]+)</th>', dict(sections)["skills"])
    assert groups == ["Soft skill", "Knowledge", "Software and tools"]


def test_a_single_entry_stands_alone_and_several_make_a_list(client):
    left, right = make_role(), make_role()
    make_job_title(left, title="Practice manager")
    make_job_title(right, title="Clinic administrator")
    make_job_title(right, title="Office manager")
    html = comparison_of(client, left, right)
    row = re.search(r'<th scope="row">Example job titles.*?</tr>', html, re.S).group(0)
    left_cell, right_cell = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert left_cell.startswith('<span class="entry-text">Practice manager</span>')
    assert "<ul" not in left_cell
    assert right_cell.startswith('<ul class="entry-list">')
    assert right_cell.count("<li>") == 2


def test_an_empty_cell_says_our_sources_do_not_cover_it(client):
    left, right = make_role(), make_role()
    make_responsibility(left, text="Hire staff.")
    html = comparison_of(client, left, right)
    row = re.search(r'<th scope="row">Operations.*?</tr>', html, re.S).group(0)
    assert re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[1] == (
        '<span class="entry-text text-body-secondary">Not covered by our sources</span>'
    )


def test_citations_link_to_the_source_with_words_for_screen_readers(client):
    source = make_source(
        key="bls", short_name="BLS", title="Occupational Outlook", publisher="Bureau of Labor"
    )
    left, right = make_role(), make_role()
    left.sources.add(source)
    make_responsibility(left, text="Plan budgets.").sources.add(source)
    html = comparison_of(client, left, right)
    assert (
        '<span class="entry-text">Plan budgets.</span><span class="citations"> '
        '<a class="cite" href="#source-bls" title="Occupational Outlook, Bureau of Labor">'
        '<span class="visually-hidden">Source: Bureau of Labor, </span>[BLS]</a></span>'
    ) in html
    assert '<span class="entry-text" id="source-bls">' in html


def test_program_entries_link_to_the_program_with_their_relation(client):
    left, right = make_role(), make_role()
    program = make_program(roles=[left, right], name="MHA")
    html = comparison_of(client, left, right)
    assert f'<a href="{program.get_absolute_url()}">MHA</a>' in html
    assert '<span class="entry-detail">Typical entry</span>' in html


def test_editors_text_is_escaped(client):
    left, right = make_role(name="<b>Left</b>"), make_role()
    make_responsibility(left, text='<script>alert("x")</script>')
    make_job_title(right, title="Tom & Jerry", note="<i>note</i>")
    make_note(roles=[left, right], title="<em>Title</em>", body="One <b>bold</b> claim.")
    html = comparison_of(client, left, right)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html
    assert "Tom &amp; Jerry" in html
    assert "&lt;i&gt;note&lt;/i&gt;" in html
    assert "<b>Left</b>" not in html and "&lt;b&gt;Left&lt;/b&gt;" in html
    assert "&lt;em&gt;Title&lt;/em&gt;" in html


def test_a_sources_title_address_and_publisher_are_escaped_in_its_entry(client):
    left, right = make_role(), make_role()
    source = make_source(
        title="<u>Survey</u>", publisher="A & B", url='https://example.org/?a=1&b="x"'
    )
    make_responsibility(left).sources.add(source)
    html = comparison_of(client, left, right)
    assert (
        '<a href="https://example.org/?a=1&amp;b=&quot;x&quot;">&lt;u&gt;Survey&lt;/u&gt;</a>'
        in html
    )
    assert "<u>Survey</u>" not in html
    assert '<span class="entry-detail">A &amp; B' in html


def test_note_bodies_keep_their_paragraphs_and_line_breaks(client):
    left, right = make_role(), make_role()
    make_note(roles=[left, right], body="First paragraph.\n\nSecond,\nwith a break.")
    html = comparison_of(client, left, right)
    assert "<p>First paragraph.</p>\n\n<p>Second,<br>with a break.</p>" in html


def test_differences_only_leaves_out_identical_items(client):
    left, right = make_role(), make_role()
    make_job_title(left, title="Practice manager")
    make_job_title(right, title="Practice manager")
    make_job_title(right, title="Clinic administrator")
    html = comparison_of(client, left, right, "?view=differences")
    row = re.search(r'<th scope="row">Example job titles.*?</tr>', html, re.S).group(0)
    assert "Practice manager" not in row
    assert "Clinic administrator" in row


def test_every_cell_carries_its_paths_name_for_the_phone_layout(client, seeded):
    html = client.get(HEADLINE).content.decode()
    labels = re.findall(r'<td data-label="([^"]+)">', html)
    cells = re.findall(r"<td[ >]", html)
    assert labels and len(labels) == len(cells)
    assert labels[:2] == ["Healthcare management", "Healthcare administration"]
    assert labels[::2] == ["Healthcare management"] * (len(labels) // 2)
    assert "scrolls sideways" not in html
