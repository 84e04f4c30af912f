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

from .comparison import Comparison, Entry, Marks, Row, Section, comparison_url
from .models import Role

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
class Handout:
    comparison: Comparison  # the whole comparison: its roles, title and caption
    sections: tuple[tuple[Section, tuple[HandoutRow, ...]], ...]  # each kept section, its rows
    sources: tuple[Entry, ...]  # each source once, its title and details in one text
    last_reviewed: datetime.date  # the oldest review among the roles: true of every part
    shared_label: str  # "Same for both paths"


def build_handout(*, comparison: Comparison, max_items: int = MAX_ITEMS) -> Handout:
    by_key = {section.key: section for section in comparison.sections}
    sections = []
    for key, labels in KEPT_SECTIONS.items():
        if key not in by_key:
            continue
        rows = {row.label: row for group in by_key[key].groups for row in group.rows}
        kept = tuple(
            _handout_row(rows[label], max_items=max_items, details=key not in NAMES_ONLY)
            for label in labels or rows  # the kept labels in their order, or every row
            if label in rows
        )
        if kept:
            sections.append((by_key[key], kept))
    return Handout(
        comparison=comparison,
        sections=tuple(sections),
        sources=_sources(comparison),
        last_reviewed=min(role.last_reviewed for role in comparison.roles),
        shared_label=Marks(comparison.roles).same,
    )


def handout_url(*roles: Role) -> str:
    """The handout's address, with the roles in canonical order."""
    return comparison_url(*roles, page="roles:handout")


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
    return HandoutCell(tuple(entries[:max_items]), more=max(len(entries) - max_items, 0))


def _sources(comparison: Comparison) -> tuple[Entry, ...]:
    """
    Every source the comparison cites, once each, in the comparison's order: the sources
    row's anchored entries, which are each source's first appearance. Each entry's text is
    its title and details as sentences: "Title. Publisher, 2020.".
    """
    [row] = comparison.sources.groups[0].rows
    cited = [entry for entries in row.columns for entry in entries if entry.anchor]
    return tuple(replace(e, text=_sentences(e.text, e.detail), detail="") for e in cited)


def _sentences(*texts: str) -> str:
    return " ".join(
        text if text.endswith((".", "?", "!")) else f"{text}." for text in texts if text
    )


def _long_date(day: datetime.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"
