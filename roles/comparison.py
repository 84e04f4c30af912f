"""
The side-by-side comparison of two roles (or three), as a pure function of their profiles.

`build_comparison` lines the roles up row by row: one row per dimension (scope, focus, …), one
per responsibility category, one per skill, one per degree level, and one column per role. Rows
and the items in them say whether the roles share them, so the page can mark shared and
distinct content in words, and `differences_only` can hide what is the same in every column.
"""

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from django.urls import reverse

from .labor_market import RoleLaborMarket
from .models import (
    COMPARE_SEPARATOR,
    DegreeProgram,
    LaborFigure,
    Responsibility,
    Role,
    Skill,
    SourceNote,
)
from .selectors import CANONICAL_ROLE_ORDER, RoleProfile, group_by_choices

MAX_COMPARED = 3
BOTH = "Both paths"
SAME = "Same for both paths"
ALL_THREE = "All three paths"
SAME_FOR_ALL_THREE = "Same for all three paths"
NOT_COVERED = "Not covered by our sources"


# ------------------------------------------------------------------------------
# Addresses
# ------------------------------------------------------------------------------
def in_canonical_order(*roles: Role) -> list[Role]:
    return sorted(roles, key=lambda role: [getattr(role, field) for field in CANONICAL_ROLE_ORDER])


def split_pair(pair: str) -> tuple[str, ...] | None:
    """The slugs in "<a>-vs-<b>" (or "<a>-vs-<b>-vs-<c>"), or None for any other address."""
    slugs = tuple(pair.split(COMPARE_SEPARATOR))
    if not 2 <= len(slugs) <= MAX_COMPARED or not all(slugs):
        return None
    return slugs


def comparison_url(*roles: Role, page: str = "roles:compare") -> str:
    """The comparison's address (or its handout's: "roles:handout"), roles in canonical order."""
    slugs = [role.slug for role in in_canonical_order(*roles)]
    return reverse(page, kwargs={"pair": COMPARE_SEPARATOR.join(slugs)})


def comparison_pairs(roles: Sequence[Role]) -> list[tuple[Role, Role]]:
    """Every pair of the given roles, each in canonical order."""
    return list(itertools.combinations(in_canonical_order(*roles), 2))


# ------------------------------------------------------------------------------
# The comparison
# ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One item in one column: a responsibility, a job title, a degree program, …"""

    text: str
    detail: str = ""
    url: str = ""
    mark: str = ""  # says in words whether the other roles have it too
    identical: bool = False  # every other role has it, and says the same about it
    citations: tuple = ()  # the sources this fact relies on
    anchor: str = ""  # an id other parts of the page link to
    gap: bool = False  # stands in for an item our sources say nothing about for this role


@dataclass(frozen=True)
class Row:
    label: str
    columns: tuple[tuple[Entry, ...], ...]  # one per role, in the comparison's order
    mark: str = ""
    identical: bool = False  # every column says the same

    @property
    def covered(self) -> int:
        """How many columns hold something our sources say."""
        return sum(any(not entry.gap for entry in entries) for entries in self.columns)


@dataclass(frozen=True)
class RowGroup:
    label: str  # blank when a section has a single group
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    row_heading: str  # what the row labels are: "Skill", "Level", …
    groups: tuple[RowGroup, ...]
    note: str = ""  # what to know before reading the section, shown beside its table


@dataclass(frozen=True)
class Comparison:
    roles: tuple[Role, ...]
    sections: tuple[Section, ...]
    sources: Section  # always shown in full, also in the differences-only view
    notes: tuple[SourceNote, ...]
    differences_only: bool = False
    hidden_rows: int = 0  # rows the same for every role, left out of the differences view
    silent_rows: int = 0  # rows where only our sources' silence differs, also left out

    @property
    def title(self) -> str:
        return " vs ".join(role.name for role in self.roles)

    @property
    def names(self) -> str:
        """The roles' names in a sentence: "A and B", "A, B and C"."""
        names = [role.name for role in self.roles]
        return f"{', '.join(names[:-1])} and {names[-1]}"

    @property
    def count(self) -> str:
        return "two" if len(self.roles) == 2 else "three"

    @property
    def every(self) -> str:
        """How the page says "every role compared here": "both", "all three"."""
        return "both" if len(self.roles) == 2 else "all three"

    @property
    def caption(self) -> str:
        """What each table compares: "A compared with B", "A compared with B and C"."""
        first, *others = [role.name for role in self.roles]
        return f"{first} compared with {' and '.join(others)}"


class Marks:
    """What the marks say, in words, for a comparison of this many roles."""

    def __init__(self, roles: Sequence[Role]):
        self.names = [role.name for role in roles]
        two = len(self.names) == 2
        self.shared = BOTH if two else ALL_THREE
        self.same = SAME if two else SAME_FOR_ALL_THREE

    def only(self, present: Sequence[bool]) -> str:
        """
        The row mark when some columns are empty. Our sources' silence about a role is not a
        difference, so the mark names the roles they are silent on, not the others.
        """
        silent = [name for name, here in zip(self.names, present, strict=True) if not here]
        if not silent or len(silent) == len(self.names):
            return ""
        return f"{NOT_COVERED} for {' and '.join(silent)}"

    def item(self, column: int, present: Sequence[bool]) -> str:
        """An item's mark in one column: which other roles list it too."""
        if all(present):
            return self.shared
        others = [
            name
            for index, (name, here) in enumerate(zip(self.names, present, strict=True))
            if here and index != column
        ]
        return "Also " + " and ".join(others) if others else ""


def build_comparison(
    *,
    profiles: Sequence[RoleProfile],
    notes: Sequence[SourceNote] = (),
    markets: Sequence[RoleLaborMarket] = (),
) -> Comparison:
    """
    The roles side by side, every dimension aligned row by row, a column per role. With the
    roles' labor markets (in the same order), a "Pay and outlook" section too.
    """
    if not 2 <= len(profiles) <= MAX_COMPARED:
        raise ValueError(f"A comparison has 2 to {MAX_COMPARED} roles, not {len(profiles)}.")
    if markets and len(markets) != len(profiles):
        raise ValueError("Give one labor market per role, or none.")
    marks = Marks([profile.role for profile in profiles])

    def section(key, title, row_heading, rows, note=""):
        return Section(key, title, row_heading, (RowGroup("", rows),), note=note)

    pay = ()
    if markets and any(market.figures for market in markets):
        rows = _pay_rows(markets, marks)
        occupation_note = one_occupation_note(markets)
        pay = (section("pay-and-outlook", "Pay and outlook", "Figure", rows, note=occupation_note),)
    figure_sources = [[f.source for f in market.figures] for market in markets]
    # The notes concern every role compared, so each column lists the sources they cite.
    note_sources = [source for note in notes for source in getattr(note, "citations", ())]
    extra_sources = [[*cited, *note_sources] for cited in figure_sources or [[]] * len(profiles)]

    return Comparison(
        roles=tuple(profile.role for profile in profiles),
        sections=(
            section("at-a-glance", "At a glance", "Dimension", _glance_rows(profiles, marks)),
            *pay,
            section(
                "responsibilities",
                "Responsibilities",
                "Category",
                _responsibility_rows(profiles, marks),
            ),
            Section("skills", "Skills", "Skill", _skill_groups(profiles, marks)),
            section(
                "jobs", "Job titles and work settings", "Dimension", _job_rows(profiles, marks)
            ),
            section("degrees", "Degree programs", "Level", _degree_rows(profiles, marks)),
        ),
        sources=section(
            "sources", "Sources", "Dimension", (_sources_row(profiles, marks, extra_sources),)
        ),
        notes=tuple(notes),
    )


def one_occupation_note(markets: Sequence[RoleLaborMarket]) -> str:
    """
    Why the figures match: the government counts the paths as one occupation. Said beside
    the figures so nobody reads identical figures as chance or different ones as official.
    """
    occupations = {o.pk: o for market in markets for o in market.counted_in}.values()
    parts = []
    for occupation in occupations:
        counted = [m.role.name for m in markets if occupation in m.counted_in]
        paths = "these paths" if len(counted) == len(markets) else " and ".join(counted)
        also = f", also called {occupation.also_called}" if occupation.also_called else ""
        parts.append(
            f"The U.S. government counts {paths} in one occupation: {occupation.title} "
            f"(SOC {occupation.soc_code}){also}. {occupation.note}".strip()
        )
    return " ".join(parts)


def differences_only(comparison: Comparison) -> Comparison:
    """The same comparison without the rows and items that are the same for every role."""
    hidden = silent = 0
    sections = []
    for section in comparison.sections:
        groups = []
        for group in section.groups:
            rows = []
            for row in group.rows:
                columns = tuple(
                    tuple(e for e in entries if not e.identical) for entries in row.columns
                )
                if row.identical or not any(columns):
                    hidden += 1
                    continue
                if row.covered < 2:  # only silence differs: not a difference
                    silent += 1
                    continue
                rows.append(replace(row, columns=columns))
            if rows:
                groups.append(replace(group, rows=tuple(rows)))
        sections.append(replace(section, groups=tuple(groups)))
    return replace(
        comparison,
        sections=tuple(sections),
        differences_only=True,
        hidden_rows=hidden,
        silent_rows=silent,
    )


# ------------------------------------------------------------------------------
# Rows, dimension by dimension
# ------------------------------------------------------------------------------
def _glance_rows(profiles: Sequence[RoleProfile], marks: Marks) -> tuple[Row, ...]:
    roles = [profile.role for profile in profiles]

    def row(label: str, value: Callable[[Role], str], detail=lambda role: ""):
        """One value per role, the same for every role where the values read alike."""
        return _one_value_row(label, [(Entry(value(r), detail(r)),) for r in roles], marks)

    def patient_care(role):
        return "Yes" if role.direct_patient_care else "No"

    return (
        row("Summary", lambda r: r.summary),
        row("Scope", Role.get_scope_display, lambda r: r.scope_detail),
        row("Focus", Role.get_focus_display, lambda r: r.focus_detail),
        row("Direct patient care", patient_care, lambda r: r.patient_care_detail),
        row("A good fit for", lambda r: r.good_fit or "Not described"),
    )


def _responsibility_rows(profiles: Sequence[RoleProfile], marks: Marks) -> tuple[Row, ...]:
    def duties(profile, category):
        return [
            (item.text.casefold(), Entry(item.text, citations=_cited(item)))
            for item in profile.responsibilities
            if item.category == category
        ]

    rows = (
        _list_row(label, [duties(p, category) for p in profiles], marks, mark_items=False)
        for category, label in Responsibility.Category.choices
    )
    return tuple(row for row in rows if row.covered)


def _skill_groups(profiles: Sequence[RoleProfile], marks: Marks) -> tuple[RowGroup, ...]:
    by_role = [{s.skill_id: s for s in profile.skills} for profile in profiles]
    skills = {s.skill_id: s.skill for profile in profiles for s in profile.skills}
    ordered = sorted(skills.values(), key=lambda skill: (skill.display_order, skill.name))

    def row(skill):
        """The same where every role gives the skill the same rating; shared where all list it."""
        held = [skills_of_role.get(skill.pk) for skills_of_role in by_role]
        columns = [(_skill_entry(s),) if s else () for s in held]
        return _one_value_row(skill.name, columns, marks, shared=marks.shared)

    return tuple(
        RowGroup(group.label, tuple(row(skill) for skill in group.items))
        for group in group_by_choices(ordered, Skill.Kind, key=lambda skill: skill.kind)
    )


def _job_rows(profiles: Sequence[RoleProfile], marks: Marks) -> tuple[Row, ...]:
    def titles(profile):
        return [
            (t.title.casefold(), Entry(t.title, t.note, citations=_cited(t)))
            for t in profile.job_titles
        ]

    def settings(profile):
        return [
            (s.name.casefold(), Entry(s.name, citations=_cited(s))) for s in profile.work_settings
        ]

    return (
        _list_row("Example job titles", [titles(p) for p in profiles], marks),
        _list_row("Work settings", [settings(p) for p in profiles], marks),
    )


def _sources_row(profiles: Sequence[RoleProfile], marks: Marks, extra_sources) -> Row:
    """Each path's sources; a source's first appearance is the target of its citations."""
    anchored = set()
    columns = []
    for profile, extra in zip(profiles, extra_sources, strict=True):
        column = []
        for source in {s.pk: s for s in [*profile.sources, *extra]}.values():
            column.append((source.pk, _source_entry(source, anchored=source.key not in anchored)))
            anchored.add(source.key)
        columns.append(column)
    return _list_row("Sources cited", columns, marks)


def _degree_rows(profiles: Sequence[RoleProfile], marks: Marks) -> tuple[Row, ...]:
    def programs(profile, level):
        return [
            (p.program_id, _pathway_entry(p)) for p in profile.pathways if p.program.level == level
        ]

    rows = (
        _list_row(label, [programs(p, level) for p in profiles], marks)
        for level, label in DegreeProgram.Level.choices
    )
    return tuple(row for row in rows if row.covered)


def _pay_rows(markets: Sequence[RoleLaborMarket], marks: Marks) -> tuple[Row, ...]:
    """One row per kind of figure; each figure with its data year and its source."""

    def occupation_entries(market):
        return tuple(
            Entry(f"{o.title} (SOC {o.soc_code})", o.also_called and f"Also called {o.also_called}")
            for o in market.counted_in
        )

    def row(label, columns):
        # A figure is the same only with the same data year and source note too.
        return _one_value_row(label, columns, marks, said=lambda e: (e.text, e.detail))

    rows = [row("Government occupation", [occupation_entries(m) for m in markets])]
    for kind, label in LaborFigure.Kind.choices:
        columns = [_figure_entries(market.figure(kind)) for market in markets]
        if any(columns):
            rows.append(row(label, columns))
    return tuple(rows)


def _one_value_row(label, columns, marks: Marks, *, shared="", said=lambda e: e.text) -> Row:
    """
    A row of one value per role, or none where our sources give none: the same for every
    role when every column says the same (what `said` reads of each entry), else marked
    `shared` when no column is empty.
    """
    present = [bool(entries) for entries in columns]
    same = all(present) and len({tuple(map(said, entries)) for entries in columns}) == 1
    # only() names the roles our sources are silent on, and is blank when there are none.
    mark = marks.same if same else marks.only(present) or shared
    columns = tuple(entries or _GAP for entries in columns)
    return Row(label, columns, mark=mark, identical=same)


def _list_row(label, columns: list[list[tuple]], marks: Marks, *, mark_items=True) -> Row:
    """
    A row of items matched across the columns by key: an item more than one column lists is
    shared, and identical when every column lists it and says the same about it.
    """
    by_key = [dict(items) for items in columns]
    entries_by_column = []
    for index, items in enumerate(columns):
        entries = []
        for key, entry in items:
            listed = [found.get(key) for found in by_key]  # this column's own entry too
            present = [item is not None for item in listed]
            identical = all(present) and all(item.detail == entry.detail for item in listed)
            mark = marks.item(index, present) if mark_items and sum(present) > 1 else ""
            entries.append(replace(entry, mark=mark, identical=identical))
        entries_by_column.append(tuple(entries))

    present = [bool(entries) for entries in entries_by_column]
    identical = any(present) and all(e.identical for entries in entries_by_column for e in entries)
    if any(present) and not all(present):  # a gap: our sources say nothing in some column
        entries_by_column = [entries or _GAP for entries in entries_by_column]
    mark = marks.same if identical else marks.only(present)  # only() is blank unless a gap
    return Row(label, tuple(entries_by_column), mark=mark, identical=identical)


# ------------------------------------------------------------------------------
# Entries
# ------------------------------------------------------------------------------
_GAP = (Entry(NOT_COVERED, gap=True),)


def _cited(item) -> tuple:
    return tuple(getattr(item, "citations", ()))


def _figure_entries(figure) -> tuple[Entry, ...]:
    """A figure with its data year and its source; none where our sources give none."""
    if not figure:
        return ()
    detail = f"{figure.period}. {figure.detail}".strip(". ") + "."
    return (Entry(figure.value, detail, citations=(figure.source,)),)


def _skill_entry(role_skill) -> Entry:
    # A rating appears only where a source gives one; otherwise the entry says it is listed.
    rating = role_skill.get_importance_display() if role_skill.importance else "Listed"
    return Entry(rating, role_skill.note, citations=_cited(role_skill))


def _pathway_entry(pathway) -> Entry:
    detail = pathway.get_relation_display()
    if pathway.note:
        detail = f"{detail}: {pathway.note}"
    return Entry(
        pathway.program.name,
        detail,
        url=pathway.program.get_absolute_url(),
        citations=_cited(pathway),
    )


def _source_entry(source, *, anchored: bool) -> Entry:
    # A short label the same as the publisher's name would only repeat it.
    label = source.short_name if source.short_name != source.publisher else ""
    detail = ", ".join(p for p in (label, source.publisher, source.date_label) if p)
    if source.accessed_label:
        detail = f"{detail}. Read on {source.accessed_label}"
    return Entry(
        source.title, detail, url=source.url, anchor=f"source-{source.key}" if anchored else ""
    )
