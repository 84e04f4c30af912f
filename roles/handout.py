"""
The adviser's handout: a comparison cut down to what fits on two printed pages.

`build_handout` is a pure function of a `Comparison`: it keeps the dimensions an adviser
needs (scope, focus, patient care, pay and outlook, the main responsibilities per category,
degree programs) and the sources, shows a row once where every path says the same, and
keeps only the first few items of a long list, saying how many more the full comparison has.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.urls import reverse

from .comparison import SAME, SAME_FOR_ALL_THREE, Comparison, Entry, Row, in_canonical_order
from .models import COMPARE_SEPARATOR, Role

# The comparison's sections the handout keeps, in its order, and the rows kept from each
# (None: every row).
KEPT_SECTIONS = {
    "at-a-glance": ("Scope", "Focus", "Direct patient care"),
    "pay-and-outlook": None,
    "responsibilities": None,
    "degrees": None,
}
# Sections whose items keep only their names: a degree program's notes would fill a page.
NAMES_ONLY = {"degrees"}
# Enough of each list to give its flavour; the rest is on the comparison page.
MAX_ITEMS = 2


@dataclass(frozen=True)
class HandoutCell:
    entries: tuple[Entry, ...]
    more: int = 0  # items of the full comparison left out here


@dataclass(frozen=True)
class HandoutRow:
    label: str
    cells: tuple[HandoutCell, ...]  # one per role, or a single one when every role agrees
    shared: bool = False  # every role says the same: one cell across the columns


@dataclass(frozen=True)
class HandoutSection:
    key: str
    title: str
    row_heading: str  # what the row labels are: "Category", "Level", …
    rows: tuple[HandoutRow, ...]
    note: str = ""


@dataclass(frozen=True)
class HandoutSource:
    key: str  # the target of the citation marks: "source-<key>"
    title: str
    detail: str
    url: str

    @property
    def text(self) -> str:
        """The title and the details as sentences: "Title. Publisher, 2020."."""
        return " ".join(_sentence(part) for part in (self.title, self.detail) if part)


@dataclass(frozen=True)
class Handout:
    roles: tuple[Role, ...]
    title: str
    caption: str  # what each table compares: "A compared with B"
    sections: tuple[HandoutSection, ...]
    sources: tuple[HandoutSource, ...]
    last_reviewed: datetime.date  # the oldest review among the roles: true of every part
    shared_label: str  # "Same for both paths"


def build_handout(*, comparison: Comparison, max_items: int = MAX_ITEMS) -> Handout:
    by_key = {section.key: section for section in comparison.sections}
    sections = []
    for key, labels in KEPT_SECTIONS.items():
        section = by_key.get(key)
        if section is None:
            continue
        rows = [row for group in section.groups for row in group.rows]
        if labels is not None:
            rows = sorted(
                (row for row in rows if row.label in labels),
                key=lambda row: labels.index(row.label),
            )
        sections.append(
            HandoutSection(
                key=section.key,
                title=section.title,
                row_heading=section.row_heading,
                rows=tuple(
                    _handout_row(row, max_items=max_items, details=key not in NAMES_ONLY)
                    for row in rows
                ),
                note=section.note,
            )
        )
    return Handout(
        roles=comparison.roles,
        title=comparison.title,
        caption=comparison.caption,
        sections=tuple(section for section in sections if section.rows),
        sources=_sources(comparison),
        last_reviewed=min(role.last_reviewed for role in comparison.roles),
        shared_label=_shared_label(comparison),
    )


def handout_url(*roles: Role) -> str:
    """The handout's address, with the roles in canonical order."""
    slugs = [role.slug for role in in_canonical_order(*roles)]
    return reverse("roles:handout", kwargs={"pair": COMPARE_SEPARATOR.join(slugs)})


def suggested_citation(
    *, publisher: str, title: str, url: str, reviewed: datetime.date, visited: datetime.date
) -> str:
    """
    How to cite the handout, in the form the Occupational Outlook Handbook gives for its own
    pages: "Publisher, Title, at URL (visited Month D, YYYY)", with the content's review date.
    """
    return (
        f"{publisher}, {title}, at {url} "
        f"(last reviewed {_long_date(reviewed)}; visited {_long_date(visited)})."
    )


def _handout_row(row: Row, *, max_items: int, details: bool) -> HandoutRow:
    columns = list(row.columns)
    if not details:
        columns = [tuple(replace(e, detail="") for e in entries) for entries in columns]
    said = {tuple((e.text, e.detail, e.citations) for e in entries) for entries in columns}
    if len(said) == 1 and not any(e.gap for e in columns[0]):
        return HandoutRow(row.label, (_cell(columns[0], max_items),), shared=True)
    return HandoutRow(row.label, tuple(_cell(entries, max_items) for entries in columns))


def _cell(entries: Sequence[Entry], max_items: int) -> HandoutCell:
    if len(entries) <= max_items:
        return HandoutCell(tuple(entries))
    return HandoutCell(tuple(entries[:max_items]), more=len(entries) - max_items)


def _sources(comparison: Comparison) -> tuple[HandoutSource, ...]:
    """Every source the comparison cites, once each, in the comparison's order."""
    sources = {}
    for row in (row for group in comparison.sources.groups for row in group.rows):
        for entry in (entry for entries in row.columns for entry in entries):
            if entry.anchor and entry.anchor not in sources:
                sources[entry.anchor] = HandoutSource(
                    key=entry.anchor.removeprefix("source-"),
                    title=entry.text,
                    detail=entry.detail,
                    url=entry.url,
                )
    return tuple(sources.values())


def _shared_label(comparison: Comparison) -> str:
    return SAME if len(comparison.roles) == 2 else SAME_FOR_ALL_THREE


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _long_date(day: datetime.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"
